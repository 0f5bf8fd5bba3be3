package com.lumyvo.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every code line of the README's Java blocks stands in a source file the build compiles
 * ({@link ApiTourSnippets}, {@link FakeProviderExampleTest}), so that the README cannot show an
 * API that does not exist. A line counts without its trailing comment and semicolon.
 */
class ReadmeSnippetsTest {
  private static final Path HERE = Path.of("src/test/java/com/lumyvo/examples/readme");

  @Test
  void everyReadmeJavaLineIsCompiledCode() throws Exception {
    String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
    String compiled = Files.readString(HERE.resolve("ApiTourSnippets.java"))
        + Files.readString(HERE.resolve("FakeProviderExampleTest.java"));
    Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    List<String> checked = new ArrayList<>();
    while (block.find()) {
      for (String line : block.group(1).lines().toList()) {
        String code = code(line);
        if (!code.isEmpty()) {
          assertThat(compiled).as("README line not in compiled snippets").contains(code);
          checked.add(code);
        }
      }
    }
    assertThat(checked).hasSizeGreaterThan(60);
  }

  /** The line without its {@code //} comment (outside strings), trailing semicolon and indent. */
  private static String code(String line) {
    boolean inString = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"' && (i == 0 || line.charAt(i - 1) != '\\')) {
        inString = !inString;
      } else if (!inString && c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
        line = line.substring(0, i);
        break;
      }
    }
    String code = line.strip();
    return code.endsWith(";") ? code.substring(0, code.length() - 1) : code;
  }
}
