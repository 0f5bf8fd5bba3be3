package com.lumyvo.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The core module's published boundary, read from the compiled module-info. */
class ModuleBoundaryTest {
  @Test
  void exportsOnlyTheApiPackagesAndNeedsOnlyJdkModules() throws Exception {
    ModuleDescriptor descriptor;
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      descriptor = ModuleDescriptor.read(in);
    }
    assertThat(descriptor.name()).isEqualTo("com.lumyvo.providers");
    assertThat(descriptor.exports()).extracting(ModuleDescriptor.Exports::source)
        .containsExactlyInAnyOrder("com.lumyvo.providers", "com.lumyvo.providers.diagnosis",
            "com.lumyvo.providers.discovery", "com.lumyvo.providers.oauth");
    assertThat(descriptor.exports()).allMatch(e -> !e.isQualified());
    Set<String> requires = descriptor.requires().stream()
        .map(ModuleDescriptor.Requires::name).collect(Collectors.toSet());
    // Discovery's JNDI DNS, HTTP client and XML parser; nothing outside the JDK, nothing
    // re-exported to users of the module.
    assertThat(requires).containsExactlyInAnyOrder("java.base", "java.naming", "java.net.http",
        "java.xml");
    assertThat(descriptor.requires()).noneMatch(
        r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE));
  }
}
