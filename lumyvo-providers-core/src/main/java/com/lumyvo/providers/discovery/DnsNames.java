package com.lumyvo.providers.discovery;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/** Checks shared by the DNS record types; a DNS answer is untrusted input. */
final class DnsNames {
  private DnsNames() {}

  static void requireUnsigned16(int value, String name) {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException(name + " must be between 0 and 65535, was " + value);
    }
  }

  static void requireTtl(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("ttl is negative: " + ttl);
    }
  }

  /**
   * Lower case without the root dot; "." and "" become "". Anything else must look like a host
   * name, because it is later used to open connections and build URLs.
   */
  static String normalize(String host) {
    Objects.requireNonNull(host, "host");
    String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    name = name.toLowerCase(Locale.ROOT);
    if (name.isEmpty()) {
      return name;
    }
    // Letters, digits and inner hyphens (RFC 952, 1123): an underscore names a service, never a
    // host to connect to.
    if (name.length() > 253 || !name.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?"
        + "(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
      throw new IllegalArgumentException("not a host name: " + quote(name));
    }
    return name;
  }

  /** A host name from an answer, shortened and stripped of control characters for messages. */
  static String quote(String text) {
    String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
    // Controls, format characters (direction marks) and Unicode line breaks: nothing that could
    // break or disguise a log line.
    return '"' + shown.replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]", "?") + '"';
  }
}
