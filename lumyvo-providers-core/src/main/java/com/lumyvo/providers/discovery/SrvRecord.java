package com.lumyvo.providers.discovery;

import java.time.Duration;

/**
 * One service location record (RFC 2782), as RFC 6186 publishes mail servers:
 * {@code _imaps._tcp.example.com. SRV 0 1 993 mail.example.com.}
 *
 * @param priority lower is preferred, 0 to 65535
 * @param weight among equal priorities, higher is chosen more often, 0 to 65535
 * @param port the TCP port; 0 only with an empty target
 * @param target the server's host name, lower case, without trailing dot; empty for ".", which
 *     says the service is not offered at this domain
 * @param ttl how long the answer may be cached
 */
public record SrvRecord(int priority, int weight, int port, String target, Duration ttl) {
  /**
   * Validates and normalizes the target.
   *
   * @throws IllegalArgumentException if a number is outside 0 to 65535 or the TTL negative
   */
  public SrvRecord {
    DnsNames.requireUnsigned16(priority, "priority");
    DnsNames.requireUnsigned16(weight, "weight");
    DnsNames.requireUnsigned16(port, "port");
    target = DnsNames.normalize(target);
    DnsNames.requireTtl(ttl);
  }

  /** Whether the record says the service is not offered (target "."). */
  public boolean isServiceAbsent() {
    return target.isEmpty();
  }
}
