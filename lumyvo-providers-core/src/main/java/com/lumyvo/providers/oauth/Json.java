package com.lumyvo.providers.oauth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The little JSON a token endpoint answers: one object whose members the helper reads are
 * strings and numbers. Nested objects and arrays are skipped (to a depth of 16), so that extra
 * members a provider adds do no harm. Strict otherwise: anything that is not one JSON object is
 * refused with an {@link IllegalArgumentException} that quotes nothing of the input, since the
 * input may hold tokens.
 */
final class Json {
  private static final int MAX_DEPTH = 16;

  private final String text;
  private int at;

  private Json(String text) {
    this.text = text;
  }

  /** The top-level members: strings as {@link String}, numbers as {@link Double}, others null. */
  static Map<String, Object> object(String text) {
    Json json = new Json(text);
    json.space();
    Map<String, Object> members = json.object(0);
    json.space();
    if (json.at != text.length()) {
      throw new IllegalArgumentException("text after the JSON object at " + json.at);
    }
    return members;
  }

  private Map<String, Object> object(int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("JSON nested deeper than " + MAX_DEPTH);
    }
    expect('{');
    Map<String, Object> members = new LinkedHashMap<>();
    space();
    if (peek() == '}') {
      at++;
      return members;
    }
    while (true) {
      space();
      String name = string();
      space();
      expect(':');
      space();
      Object value = value(depth);
      if (depth == 0) {
        members.putIfAbsent(name, value);
      }
      space();
      char c = next();
      if (c == '}') {
        return members;
      }
      if (c != ',') {
        throw new IllegalArgumentException("expected , or } at " + (at - 1));
      }
    }
  }

  private Object value(int depth) {
    char c = peek();
    if (c == '"') {
      return string();
    }
    if (c == '{') {
      object(depth + 1);
      return null;
    }
    if (c == '[') {
      array(depth + 1);
      return null;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      return number();
    }
    for (String literal : new String[] {"true", "false", "null"}) {
      if (text.startsWith(literal, at)) {
        at += literal.length();
        return null;
      }
    }
    throw new IllegalArgumentException("unexpected character at " + at);
  }

  private void array(int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("JSON nested deeper than " + MAX_DEPTH);
    }
    expect('[');
    space();
    if (peek() == ']') {
      at++;
      return;
    }
    while (true) {
      space();
      value(depth);
      space();
      char c = next();
      if (c == ']') {
        return;
      }
      if (c != ',') {
        throw new IllegalArgumentException("expected , or ] at " + (at - 1));
      }
    }
  }

  private Double number() {
    int start = at;
    while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
    try {
      return Double.valueOf(text.substring(start, at));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("malformed number at " + start);
    }
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw new IllegalArgumentException("control character in a string at " + (at - 1));
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (at + 4 > text.length()) {
            throw new IllegalArgumentException("short \\u escape at " + at);
          }
          try {
            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("malformed \\u escape at " + at);
          }
          at += 4;
        }
        default -> throw new IllegalArgumentException("unknown escape at " + (at - 1));
      }
    }
  }

  private void space() {
    while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
  }

  private char peek() {
    if (at >= text.length()) {
      throw new IllegalArgumentException("JSON ends early");
    }
    return text.charAt(at);
  }

  private char next() {
    char c = peek();
    at++;
    return c;
  }

  private void expect(char c) {
    if (next() != c) {
      throw new IllegalArgumentException("expected " + c + " at " + (at - 1));
    }
  }
}
