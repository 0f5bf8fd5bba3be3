package com.lumyvo.providers.discovery;

import java.time.Duration;
import java.util.Objects;

/**
 * One mail exchanger of a domain (RFC 5321 §5.1).
 *
 * @param preference lower is preferred, 0 to 65535
 * @param host the exchanger's host name, lower case, without trailing dot; empty for a "null MX"
 *     (RFC 7505), which says the domain accepts no mail
 * @param ttl how long the answer may be cached
 */
public record MxRecord(int preference, String host, Duration ttl) {
  /**
   * Validates and normalizes the host name.
   *
   * @throws IllegalArgumentException if the preference is outside 0 to 65535 or the TTL negative
   */
  public MxRecord {
    DnsNames.requireUnsigned16(preference, "preference");
    host = DnsNames.normalize(host);
    DnsNames.requireTtl(ttl);
  }
}
