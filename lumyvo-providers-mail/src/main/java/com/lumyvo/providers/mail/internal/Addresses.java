package com.lumyvo.providers.mail.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The mailbox addresses of an address-list header (From, To), without display names: for each
 * entry the part in angle brackets, or the bare address. Quoted names and comments may hold
 * commas and brackets; groups ({@code team: a@x, b@y;}) give their members. A header a sender
 * mangled gives what can be read, never an exception.
 */
final class Addresses {
  private Addresses() {}

  static List<String> of(String header) {
    if (header == null || header.isBlank()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(2);
    StringBuilder bare = new StringBuilder();
    String angled = null;
    boolean quoted = false;
    int comment = 0;
    int i = 0;
    int n = header.length();
    while (i < n) {
      char c = header.charAt(i);
      if (quoted) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          quoted = false;
        }
      } else if (comment > 0) {
        if (c == '\\') {
          i++;
        } else if (c == '(') {
          comment++;
        } else if (c == ')') {
          comment--;
        }
      } else if (c == '"') {
        quoted = true;
        bare.setLength(0); // a quoted display name is not an address
      } else if (c == '(') {
        comment = 1;
      } else if (c == '<') {
        int close = header.indexOf('>', i + 1);
        angled = header.substring(i + 1, close < 0 ? n : close).trim();
        i = close < 0 ? n : close;
      } else if (c == ':') {
        bare.setLength(0); // a group's name
      } else if (c == ',' || c == ';') {
        add(out, angled, bare);
        angled = null;
        bare.setLength(0);
      } else if (c == ' ' || c == '\t') {
        if (bare.length() > 0 && bare.indexOf("@") < 0) {
          bare.setLength(0); // words of a display name without quotes
        } else if (bare.length() > 0) {
          bare.append(' ');
        }
      } else {
        bare.append(c);
      }
      i++;
    }
    add(out, angled, bare);
    // Unmodifiable, so that MessageSummary keeps it without a copy.
    return out.size() == 1 ? List.of(out.get(0)) : List.copyOf(out);
  }

  private static void add(List<String> out, String angled, StringBuilder bare) {
    String address = angled != null ? angled : bare.toString().trim();
    int space = address.indexOf(' ');
    if (space > 0 && angled == null) {
      address = address.substring(0, space);
    }
    if (!address.isEmpty()) {
      out.add(address);
    }
  }
}
