package com.lumyvo.providers.discovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A scripted resolver: records by name, optional delay or failure, and a log of queries. */
final class FakeDnsResolver implements DnsResolver {
  static final Duration TTL = Duration.ofMinutes(10);

  private final Map<String, List<MxRecord>> mx = new ConcurrentHashMap<>();
  private final Map<String, List<SrvRecord>> srv = new ConcurrentHashMap<>();
  private final List<String> queries = new CopyOnWriteArrayList<>();
  private final AtomicLong delayMillis = new AtomicLong();
  private final java.util.concurrent.atomic.AtomicInteger interrupted =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile DnsException failure;

  FakeDnsResolver mx(String domain, String... hosts) {
    List<MxRecord> records = new ArrayList<>();
    for (int i = 0; i < hosts.length; i++) {
      records.add(new MxRecord(10 * (i + 1), hosts[i], TTL));
    }
    mx.put(domain, records);
    return this;
  }

  FakeDnsResolver srv(String name, SrvRecord... records) {
    srv.put(name, List.of(records));
    return this;
  }

  FakeDnsResolver delay(Duration delay) {
    delayMillis.set(delay.toMillis());
    return this;
  }

  FakeDnsResolver failWith(DnsException failure) {
    this.failure = failure;
    return this;
  }

  /** How many delayed queries were interrupted, which is how discovery gives up on them. */
  int interrupted() {
    return interrupted.get();
  }

  /**
   * Waits until at least {@code count} delayed queries were interrupted, or {@code timeout}
   * passed; returns at once when they were, without polling.
   */
  void awaitInterrupted(int count, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    synchronized (interrupted) {
      for (long left = timeout.toNanos(); interrupted.get() < count && left > 0;
          left = end - System.nanoTime()) {
        java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(interrupted, left);
      }
    }
  }

  FakeDnsResolver mxRecords(String domain, MxRecord... records) {
    mx.put(domain, java.util.Arrays.asList(records));
    return this;
  }

  List<String> queries() {
    return List.copyOf(queries);
  }

  @Override
  public List<MxRecord> mx(String domain) throws DnsException {
    answer("MX " + domain);
    return mx.getOrDefault(domain, List.of());
  }

  @Override
  public List<SrvRecord> srv(String name) throws DnsException {
    answer("SRV " + name);
    return srv.getOrDefault(name, List.of());
  }

  private void answer(String query) throws DnsException {
    queries.add(query);
    long delay = delayMillis.get();
    if (delay > 0) {
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        synchronized (interrupted) {
          interrupted.incrementAndGet();
          interrupted.notifyAll();
        }
        Thread.currentThread().interrupt();
        throw new DnsException("interrupted", false, e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
