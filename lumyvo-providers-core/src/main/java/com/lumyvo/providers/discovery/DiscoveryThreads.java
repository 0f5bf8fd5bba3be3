package com.lumyvo.providers.discovery;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads for blocking DNS queries and HTTP work, shared by every {@link Discovery}: a
 * query abandoned at a deadline finishes on its own (JNDI bounds it) without holding up the JVM's
 * exit or the caller.
 */
final class DiscoveryThreads {
  private static final AtomicInteger COUNT = new AtomicInteger();

  static final ExecutorService POOL = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "lumyvo-discovery-" + COUNT.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  });

  private DiscoveryThreads() {}
}
