package com.lumyvo.providers.mail.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The extension's module passes on what a test that uses it names: the mail module (fakes,
 * connector, accounts) and JUnit's API (the extension's own supertypes).
 */
class ModuleBoundaryTest {
  @Test
  void exportsTheExtensionAndPassesOnTheMailModuleAndJUnitsApi() throws Exception {
    ModuleDescriptor descriptor;
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      descriptor = ModuleDescriptor.read(in);
    }
    assertThat(descriptor.name()).isEqualTo("com.lumyvo.providers.mail.junit");
    assertThat(descriptor.exports()).extracting(ModuleDescriptor.Exports::source)
        .containsExactly("com.lumyvo.providers.mail.junit");
    assertThat(descriptor.requires())
        .filteredOn(r -> !r.name().equals("java.base"))
        .allSatisfy(r -> assertThat(r.modifiers()).containsExactly(Requires.Modifier.TRANSITIVE))
        .extracting(Requires::name)
        .containsExactlyInAnyOrder("com.lumyvo.providers.mail", "org.junit.jupiter.api");
  }
}
