package com.lumyvo.providers.mail.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * IMAP's modified UTF-7 for mailbox names (RFC 3501, section 5.1.3), decoding only: how a fake
 * reads the folder a client selects, such as {@code Entw&APw-rfe} for "Entwürfe".
 */
final class ModifiedUtf7 {
  private ModifiedUtf7() {}

  /** The mailbox name {@code encoded} stands for; a malformed shift stays as it is. */
  static String decode(String encoded) {
    StringBuilder out = new StringBuilder(encoded.length());
    int i = 0;
    while (i < encoded.length()) {
      char c = encoded.charAt(i);
      int end = c == '&' ? encoded.indexOf('-', i + 1) : -1;
      if (end < 0) {
        out.append(c);
        i++;
        continue;
      }
      if (end == i + 1) {
        out.append('&'); // "&-" is a plain ampersand
      } else {
        String shifted = encoded.substring(i + 1, end).replace(',', '/');
        try {
          // Java's decoder needs no padding, and modified base64 has none.
          byte[] utf16 = Base64.getDecoder().decode(shifted);
          out.append(new String(utf16, StandardCharsets.UTF_16BE));
        } catch (IllegalArgumentException e) {
          out.append(encoded, i, end + 1); // not base64: keep what the client sent
        }
      }
      i = end + 1;
    }
    return out.toString();
  }
}
