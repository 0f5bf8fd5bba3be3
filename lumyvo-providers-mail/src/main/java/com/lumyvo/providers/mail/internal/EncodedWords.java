package com.lumyvo.providers.mail.internal;

import java.nio.charset.Charset;
import java.util.Base64;

/**
 * Decodes RFC 2047 encoded words ({@code =?charset?B|Q?text?=}) in a header value such as a
 * subject, and unfolds it. Whitespace between two encoded words is dropped (RFC 2047 section
 * 6.2). A word in an unknown charset or with broken encoding is kept as it came: the raw text
 * says more than nothing.
 */
final class EncodedWords {
  private EncodedWords() {}

  static String decode(String value) {
    if (value == null) {
      return "";
    }
    String text = unfold(value);
    if (text.indexOf("=?") < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    boolean lastWasEncoded = false;
    while (i < text.length()) {
      int start = text.indexOf("=?", i);
      if (start < 0) {
        out.append(text, i, text.length());
        break;
      }
      String between = text.substring(i, start);
      String decoded = word(text, start);
      if (decoded == null) {
        out.append(between).append("=?");
        i = start + 2;
        lastWasEncoded = false;
        continue;
      }
      if (!(lastWasEncoded && between.isBlank())) {
        out.append(between);
      }
      out.append(decoded);
      i = end(text, start);
      lastWasEncoded = true;
    }
    return out.toString();
  }

  private static String unfold(String value) {
    if (value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
      return value;
    }
    return value.replaceAll("\r?\n[ \t]*", " ");
  }

  /** Where the encoded word at {@code start} ends (after its {@code ?=}). */
  private static int end(String text, int start) {
    int q1 = text.indexOf('?', start + 2);
    int q2 = text.indexOf('?', q1 + 1);
    return text.indexOf("?=", q2 + 1) + 2;
  }

  /** The decoded encoded word at {@code start}, or null if it is not one this can decode. */
  private static String word(String text, int start) {
    int q1 = text.indexOf('?', start + 2);
    if (q1 < 0) {
      return null;
    }
    int q2 = text.indexOf('?', q1 + 1);
    if (q2 != q1 + 2) {
      return null;
    }
    int close = text.indexOf("?=", q2 + 1);
    if (close < 0 || close - start > 900) {
      return null;
    }
    String charsetName = text.substring(start + 2, q1);
    int star = charsetName.indexOf('*'); // RFC 2231 language suffix
    if (star >= 0) {
      charsetName = charsetName.substring(0, star);
    }
    char encoding = Character.toUpperCase(text.charAt(q1 + 1));
    String payload = text.substring(q2 + 1, close);
    if (payload.indexOf(' ') >= 0) {
      return null;
    }
    Charset charset;
    try {
      charset = Charset.forName(charsetName);
    } catch (IllegalArgumentException e) {
      return null;
    }
    try {
      byte[] bytes = encoding == 'B' ? Base64.getMimeDecoder().decode(payload)
          : encoding == 'Q' ? quoted(payload) : null;
      return bytes == null ? null : new String(bytes, charset);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] quoted(String payload) {
    byte[] out = new byte[payload.length()];
    int n = 0;
    for (int i = 0; i < payload.length(); i++) {
      char c = payload.charAt(i);
      if (c == '_') {
        out[n++] = ' ';
      } else if (c == '=' && i + 2 < payload.length()) {
        int hi = Character.digit(payload.charAt(i + 1), 16);
        int lo = Character.digit(payload.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new IllegalArgumentException("bad hex in Q encoding");
        }
        out[n++] = (byte) (hi << 4 | lo);
        i += 2;
      } else if (c == '=') {
        throw new IllegalArgumentException("truncated Q encoding");
      } else {
        out[n++] = (byte) (c & 0xFF);
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }
}
