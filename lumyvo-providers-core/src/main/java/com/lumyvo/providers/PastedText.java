package com.lumyvo.providers;

/**
 * What people paste: the invisible characters that come along with a copied address or password,
 * and a safe way to quote such input back in an error message.
 */
final class PastedText {
  private static final int MAX_QUOTED = 64;

  private PastedText() {}

  /**
   * Whether {@code c} is whitespace a person can paste without seeing it: ASCII and Unicode white
   * space, the no-break spaces (U+00A0, U+2007, U+202F) that {@link Character#isWhitespace} leaves
   * out, the zero-width characters (U+200B to U+200D, U+2060, U+180E) and the byte order mark
   * (U+FEFF).
   */
  static boolean isInvisibleSpace(char c) {
    if (c <= ' ') {
      return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\u001C' && c <= '\u001F');
    }
    if (c < '\u0085') {
      return false;
    }
    return Character.isWhitespace(c)
        || Character.isSpaceChar(c)
        || c == '\u0085'
        || (c >= '\u200B' && c <= '\u200D')
        || c == '\u2060'
        || c == '\u180E'
        || c == '\uFEFF';
  }

  /**
   * Whether a pasted password loses {@code codePoint}: white space as {@link #isInvisibleSpace}
   * says, every format character (Unicode general category Cf: soft hyphen, direction marks,
   * bidi embeddings, overrides and isolates, tag characters, …) and every control character
   * (category Cc: NUL, escape, delete, the C1 controls, …). None of them can be typed on purpose,
   * and none is part of any provider's app passwords.
   */
  static boolean isInvisible(int codePoint) {
    int type = Character.getType(codePoint);
    return type == Character.FORMAT || type == Character.CONTROL
        || (codePoint <= Character.MAX_VALUE && isInvisibleSpace((char) codePoint));
  }

  /**
   * Names a character for a message without showing it: {@code U+00AD SOFT HYPHEN}. Code points
   * without a name (unassigned ones) are shown by number alone.
   */
  static String describe(int codePoint) {
    String name = Character.getName(codePoint);
    String number = String.format("U+%04X", codePoint);
    return name == null ? number : number + " " + name;
  }

  /**
   * Quotes input for an error message: at most 64 characters, with control and invisible
   * characters shown as {@code \}{@code uXXXX} so that the reader sees what was really there.
   */
  static String quote(CharSequence input) {
    StringBuilder out = new StringBuilder(Math.min(input.length(), MAX_QUOTED) + 8).append('\'');
    int shown = Math.min(input.length(), MAX_QUOTED);
    for (int i = 0; i < shown; i++) {
      char c = input.charAt(i);
      if (c < ' ' || c == '\u007F' || (c != ' ' && isInvisibleSpace(c))
          || Character.getType(c) == Character.FORMAT || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('\'');
    if (input.length() > MAX_QUOTED) {
      out.append(" (").append(input.length() - MAX_QUOTED).append(" more characters)");
    }
    return out.toString();
  }
}
