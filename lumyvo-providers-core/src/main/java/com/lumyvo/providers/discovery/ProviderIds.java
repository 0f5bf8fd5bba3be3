package com.lumyvo.providers.discovery;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Provider ids for domains no registry knows: readable, valid, and never the same for two
 * domains. Dots become hyphens, so a domain that has hyphens or is cut short could meet another
 * one; those get a checksum of the whole domain appended.
 */
final class ProviderIds {
  private static final int READABLE = 48;

  private ProviderIds() {}

  /** {@code example.org} → {@code example-org}; {@code bakery-anna.de} → {@code bakery-anna-de-…}. */
  static String forDomain(String domain) {
    String id = domain.replace('.', '-');
    boolean lossy = domain.indexOf('-') >= 0 || id.length() > READABLE;
    if (!lossy) {
      return id;
    }
    if (id.length() > READABLE) {
      id = id.substring(0, READABLE);
    }
    while (id.endsWith("-")) {
      id = id.substring(0, id.length() - 1);
    }
    CRC32 checksum = new CRC32();
    checksum.update(domain.getBytes(StandardCharsets.US_ASCII));
    return id + "-" + String.format("%08x", checksum.getValue());
  }
}
