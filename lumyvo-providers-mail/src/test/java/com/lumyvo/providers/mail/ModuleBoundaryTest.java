package com.lumyvo.providers.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The mail module's boundary: its API and fake packages, and core passed on to users. */
class ModuleBoundaryTest {
  @Test
  void exportsTheApiPackagesRequiresCoreTransitivelyGreenMailStaticallyAndNoJUnit() throws Exception {
    ModuleDescriptor descriptor;
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      descriptor = ModuleDescriptor.read(in);
    }
    assertThat(descriptor.name()).isEqualTo("com.lumyvo.providers.mail");
    assertThat(descriptor.exports()).extracting(ModuleDescriptor.Exports::source)
        .containsExactlyInAnyOrder("com.lumyvo.providers.mail",
            "com.lumyvo.providers.mail.verify", "com.lumyvo.providers.mail.mailbox",
            "com.lumyvo.providers.mail.watch", "com.lumyvo.providers.mail.testing");
    // The fakes' GreenMail is for tests only: a service never gets it at run time, and a module
    // that requires this one never needs it to compile (not transitive). JUnit is not named at
    // all: its extension lives in lumyvo-providers-mail-junit.
    assertThat(descriptor.requires())
        .filteredOn(r -> r.name().equals("greenmail"))
        .singleElement()
        .satisfies(r -> assertThat(r.modifiers()).contains(Requires.Modifier.STATIC)
            .doesNotContain(Requires.Modifier.TRANSITIVE));
    assertThat(descriptor.requires()).extracting(Requires::name)
        .noneMatch(name -> name.startsWith("org.junit"));
    assertThat(descriptor.requires())
        .filteredOn(r -> r.name().equals("com.lumyvo.providers"))
        .singleElement()
        .satisfies(r -> assertThat(r.modifiers()).contains(Requires.Modifier.TRANSITIVE));
  }

  /**
   * No public or protected member of an exported type names an Angus type or one of the
   * unexported internal package: users only ever see the SDK's own types and Jakarta Mail's.
   */
  @Test
  void noExportedTypeShowsAngusOrInternalTypes() throws Exception {
    List<String> leaks = new ArrayList<>();
    int checked = 0;
    try (Stream<Path> files = Files.walk(Path.of("target/classes/com/lumyvo/providers/mail"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = Path.of("target/classes").relativize(file).toString()
            .replace('/', '.').replaceAll("\\.class$", "");
        if (name.contains(".internal.")) {
          continue;
        }
        Class<?> type = Class.forName(name, false, getClass().getClassLoader());
        if (!Modifier.isPublic(type.getModifiers())) {
          continue;
        }
        checked++;
        List<String> shown = new ArrayList<>();
        shown.add(String.valueOf(type.getGenericSuperclass()));
        for (Type t : type.getGenericInterfaces()) {
          shown.add(t.getTypeName());
        }
        for (Method m : type.getDeclaredMethods()) {
          if (visible(m.getModifiers()) && !m.isSynthetic()) {
            shown.add(m.toGenericString());
          }
        }
        for (Constructor<?> c : type.getDeclaredConstructors()) {
          if (visible(c.getModifiers())) {
            shown.add(c.toGenericString());
          }
        }
        for (Field f : type.getDeclaredFields()) {
          if (visible(f.getModifiers())) {
            shown.add(f.toGenericString());
          }
        }
        for (String signature : shown) {
          if (signature.contains("org.eclipse.angus")
              || signature.contains("com.lumyvo.providers.mail.internal")) {
            leaks.add(name + ": " + signature);
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(20);
    assertThat(leaks).isEmpty();
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }
}
