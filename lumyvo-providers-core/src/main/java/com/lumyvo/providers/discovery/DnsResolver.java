package com.lumyvo.providers.discovery;

import java.time.Duration;
import java.util.List;

/**
 * The DNS queries discovery needs. Implementations must be thread-safe, should bound each query
 * by their own timeout, and answer a name that does not exist, or has no records of the type, with
 * an empty list rather than an exception. Discovery also enforces its own deadline around every
 * call, so a resolver that hangs delays discovery by at most that deadline.
 *
 * <p>{@link #system()} uses the JDK's JNDI DNS provider and the machine's name servers. A
 * service with its own resolver (DNS over HTTPS, a DNSSEC-validating stub) implements this and
 * wraps it in {@link #caching(DnsResolver)}.
 */
public interface DnsResolver {
  /**
   * The MX records of {@code domain}, in any order.
   *
   * @param domain an ASCII domain name without trailing dot
   * @throws DnsException if no usable answer came
   */
  List<MxRecord> mx(String domain) throws DnsException;

  /**
   * The SRV records at {@code name}, such as {@code _imaps._tcp.example.com}, in any order.
   *
   * @throws DnsException if no usable answer came
   */
  List<SrvRecord> srv(String name) throws DnsException;

  /**
   * The machine's DNS through JNDI, each query limited to {@code timeout} per name server (over
   * all retries; discovery's own DNS timeout bounds the whole), cached. JNDI does not report TTLs, so its answers carry {@code assumedTtl}.
   */
  static DnsResolver system(Duration timeout, Duration assumedTtl) {
    return caching(JndiDnsResolver.system(timeout, assumedTtl));
  }

  /** {@link #system(Duration, Duration)} with a 3-second timeout and a 5-minute TTL. */
  static DnsResolver system() {
    return system(Duration.ofSeconds(3), Duration.ofMinutes(5));
  }

  /**
   * {@code resolver} behind a cache that keeps each answer for the smallest TTL among its
   * records (at most a day), and an empty answer for a minute. Failures are not cached.
   */
  static DnsResolver caching(DnsResolver resolver) {
    return new CachingDnsResolver(resolver, System::nanoTime, 4096);
  }
}
