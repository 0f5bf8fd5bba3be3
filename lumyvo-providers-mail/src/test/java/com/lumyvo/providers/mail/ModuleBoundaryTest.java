package com.lumyvo.providers.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The mail module's boundary: its API and fake packages, and core passed on to users. */
class ModuleBoundaryTest {
  @Test
  void exportsTheApiPackageAndRequiresCoreTransitively() throws Exception {
    ModuleDescriptor descriptor;
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      descriptor = ModuleDescriptor.read(in);
    }
    assertThat(descriptor.name()).isEqualTo("com.lumyvo.providers.mail");
    assertThat(descriptor.exports()).extracting(ModuleDescriptor.Exports::source)
        .containsExactlyInAnyOrder("com.lumyvo.providers.mail", "com.lumyvo.providers.mail.testing");
    // The fakes' GreenMail and JUnit are for tests only: a service never gets them at run time.
    assertThat(descriptor.requires())
        .filteredOn(r -> r.name().equals("greenmail") || r.name().equals("org.junit.jupiter.api"))
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.modifiers()).contains(Requires.Modifier.STATIC));
    assertThat(descriptor.requires())
        .filteredOn(r -> r.name().equals("com.lumyvo.providers"))
        .singleElement()
        .satisfies(r -> assertThat(r.modifiers()).contains(Requires.Modifier.TRANSITIVE));
  }
}
