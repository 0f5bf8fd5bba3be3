package com.lumyvo.providers.consumers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The SDK's README.md, read for the snippets that consumer projects are built from. */
final class Readme {
  private static final Pattern XML_BLOCK = Pattern.compile("```xml\\n(.*?)```", Pattern.DOTALL);

  private final String text;

  private Readme(String text) {
    this.text = text;
  }

  static Readme load() throws IOException {
    return new Readme(Files.readString(Path.of(System.getProperty("sdk.readme")),
        StandardCharsets.UTF_8));
  }

  /**
   * The {@code xml} code blocks of the second-level section {@code heading}, in order.
   *
   * @throws IllegalStateException if there is no such section, or it has no xml block
   */
  List<String> xmlBlocks(String heading) {
    int start = text.indexOf("\n## " + heading + "\n");
    if (start < 0) {
      throw new IllegalStateException("README.md has no section \"" + heading + "\"");
    }
    int end = text.indexOf("\n## ", start + 1);
    String section = text.substring(start, end < 0 ? text.length() : end);
    List<String> blocks = new ArrayList<>();
    Matcher block = XML_BLOCK.matcher(section);
    while (block.find()) {
      blocks.add(block.group(1));
    }
    if (blocks.isEmpty()) {
      throw new IllegalStateException("README.md's \"" + heading + "\" has no xml block");
    }
    return blocks;
  }
}
