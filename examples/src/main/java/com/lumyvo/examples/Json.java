package com.lumyvo.examples;

/**
 * The little JSON the command line prints: strings escaped per RFC 8259, nothing else needed.
 * A library would be one more dependency for a few lines.
 */
final class Json {
  private Json() {}

  /** {@code text} as a JSON string, quotes included. */
  static String string(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20 || Character.isSurrogate(c) && !validSurrogate(text, i)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    return out.append('"').toString();
  }

  /** {@code texts} as a JSON array of strings. */
  static String array(java.util.List<String> texts) {
    return texts.stream().map(Json::string)
        .collect(java.util.stream.Collectors.joining(",", "[", "]"));
  }

  private static boolean validSurrogate(String text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
  }
}
