package com.lumyvo.providers.discovery;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Keeps answers as long as their TTL allows, so that discovering a thousand addresses on one
 * custom domain asks DNS once. Least recently used entries go first when full.
 */
final class CachingDnsResolver implements DnsResolver {
  static final Duration MAX_TTL = Duration.ofDays(1);
  static final Duration NEGATIVE_TTL = Duration.ofMinutes(1);

  private final DnsResolver delegate;
  private final LongSupplier nanoClock;
  private final Map<String, Entry> entries;

  private record Entry(List<?> records, long expiresAt) {}

  @FunctionalInterface
  private interface Query<T> {
    List<T> run() throws DnsException;
  }

  CachingDnsResolver(DnsResolver delegate, LongSupplier nanoClock, int capacity) {
    this.delegate = delegate;
    this.nanoClock = nanoClock;
    this.entries = new LinkedHashMap<>(64, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
        return size() > capacity;
      }
    };
  }

  @Override
  public List<MxRecord> mx(String domain) throws DnsException {
    return cached("MX " + domain, () -> delegate.mx(domain), MxRecord::ttl);
  }

  @Override
  public List<SrvRecord> srv(String name) throws DnsException {
    return cached("SRV " + name, () -> delegate.srv(name), SrvRecord::ttl);
  }

  @SuppressWarnings("unchecked")
  private <T> List<T> cached(String key, Query<T> query, java.util.function.Function<T, Duration> ttl)
      throws DnsException {
    long now = nanoClock.getAsLong();
    synchronized (entries) {
      Entry entry = entries.get(key);
      if (entry != null && now - entry.expiresAt < 0) {
        return (List<T>) entry.records;
      }
      entries.remove(key);
    }
    List<T> records = List.copyOf(query.run());
    Duration keep = records.isEmpty() ? NEGATIVE_TTL : MAX_TTL;
    for (T record : records) {
      Duration recordTtl = ttl.apply(record);
      keep = recordTtl.compareTo(keep) < 0 ? recordTtl : keep;
    }
    if (!keep.isZero()) {
      synchronized (entries) {
        entries.put(key, new Entry(records, now + keep.toNanos()));
      }
    }
    return records;
  }

  @Override
  public String toString() {
    return "CachingDnsResolver{" + delegate + '}';
  }
}
