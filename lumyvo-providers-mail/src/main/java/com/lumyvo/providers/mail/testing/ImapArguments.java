package com.lumyvo.providers.mail.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the arguments of one IMAP command, literals included ({@code {n}} or {@code {n+}}, a
 * line break, then n characters), one at a time. Lenient: it serves a test server, not a
 * validator. A malformed argument throws {@link IllegalArgumentException}, which the server
 * answers with BAD.
 */
final class ImapArguments {
  private final String text;
  private int at;

  ImapArguments(String text) {
    this.text = text;
  }

  boolean atEnd() {
    skipSpaces();
    return at >= text.length();
  }

  /**
   * An atom; square brackets and what they hold belong to it, spaces and parentheses in them
   * included, so that {@code BODY.PEEK[HEADER.FIELDS (From)]<0.100>} is one atom.
   */
  String atom() {
    skipSpaces();
    int start = at;
    int depth = 0;
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      } else if (depth == 0 && (c == ' ' || c == '(' || c == ')')) {
        break;
      }
      at++;
    }
    if (start == at) {
      throw new IllegalArgumentException("missing argument");
    }
    return text.substring(start, at);
  }

  /** An atom, a quoted string or a literal, unquoted. */
  String astring() {
    skipSpaces();
    if (at >= text.length()) {
      throw new IllegalArgumentException("missing argument");
    }
    char c = text.charAt(at);
    if (c == '"') {
      StringBuilder value = new StringBuilder();
      at++;
      while (at < text.length()) {
        char d = text.charAt(at++);
        if (d == '"') {
          return value.toString();
        }
        if (d == '\\' && at < text.length()) {
          d = text.charAt(at++);
        }
        value.append(d);
      }
      throw new IllegalArgumentException("unterminated quoted string");
    }
    if (c == '{') {
      int close = text.indexOf('}', at);
      if (close < 0 || !text.startsWith("\r\n", close + 1)) {
        throw new IllegalArgumentException("malformed literal");
      }
      String size = text.substring(at + 1, close);
      int length = Integer.parseInt(size.endsWith("+") ? size.substring(0, size.length() - 1)
          : size);
      int start = close + 3;
      if (start + length > text.length()) {
        throw new IllegalArgumentException("short literal");
      }
      at = start + length;
      return text.substring(start, at);
    }
    return atom();
  }

  /**
   * A parenthesized list of atoms and strings, unquoted; or a single atom or string where a
   * list may stand for one item (FETCH items, STORE flags).
   */
  List<String> list() {
    skipSpaces();
    List<String> items = new ArrayList<>();
    if (at >= text.length() || text.charAt(at) != '(') {
      items.add(astring());
      return items;
    }
    at++;
    while (true) {
      skipSpaces();
      if (at >= text.length()) {
        throw new IllegalArgumentException("unterminated list");
      }
      if (text.charAt(at) == ')') {
        at++;
        return items;
      }
      items.add(astring());
    }
  }

  /** Everything not read yet, trimmed. */
  String rest() {
    String rest = text.substring(Math.min(at, text.length())).trim();
    at = text.length();
    return rest;
  }

  private void skipSpaces() {
    while (at < text.length() && text.charAt(at) == ' ') {
      at++;
    }
  }
}
