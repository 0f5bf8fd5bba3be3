package com.lumyvo.examples;

import java.util.ArrayList;
import java.util.List;

/**
 * Wraps prose for a terminal: whole texts shown in full, broken only between words. A word longer
 * than the width (a URL, a host name) gets a line of its own and is never cut, so that it can
 * still be copied.
 */
final class Wrap {
  private Wrap() {}

  /**
   * {@code text} in lines of at most {@code width} characters where its words allow; runs of
   * spaces and line breaks in the text become single spaces, blank text gives no lines.
   */
  static List<String> lines(String text, int width) {
    if (width < 1) {
      throw new IllegalArgumentException("width must be 1 or more, not " + width);
    }
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.strip().split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return List.copyOf(lines);
  }

  /**
   * {@code first} then {@code text} wrapped to {@code width} columns in all, the continuation
   * lines indented as far as {@code first} reaches, ready to print; each line ends with a line
   * separator.
   */
  static String hanging(String first, String text, int width) {
    return hanging(first, " ".repeat(first.length()), text, width);
  }

  /**
   * {@code first} then {@code text} wrapped to {@code width} columns in all, each continuation
   * line starting with {@code continuation}, ready to print; each line ends with a line
   * separator.
   */
  static String hanging(String first, String continuation, String text, int width) {
    StringBuilder out = new StringBuilder();
    int widest = Math.max(first.length(), continuation.length());
    List<String> lines = lines(text, Math.max(20, width - widest));
    for (int i = 0; i < lines.size(); i++) {
      out.append(i == 0 ? first : continuation).append(lines.get(i))
          .append(System.lineSeparator());
    }
    if (lines.isEmpty()) {
      out.append(first.stripTrailing()).append(System.lineSeparator());
    }
    return out.toString();
  }
}
