package com.lumyvo.providers.mail.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that multiplexes many idle connections: a {@link Selector}, a queue of tasks other
 * threads hand it, and timers, all run on this one thread, so connection state needs no locks.
 * It also lends the connections it serves its scratch buffers (a connection keeps only what is
 * left over between two reads), so that an idle connection holds kilobytes, not TLS-record
 * buffers. Nothing thrown by a handler ends the loop.
 */
final class IoLoop implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(IoLoop.class);

  /** Reacts to its key becoming ready. */
  interface Handler {
    void ready(SelectionKey key);
  }

  /** A timer; cancel it on the loop's thread. */
  static final class Timer implements Comparable<Timer> {
    private static final AtomicLong SEQUENCE = new AtomicLong();
    final long due;
    final Runnable action;
    private final long order = SEQUENCE.incrementAndGet();
    boolean cancelled;

    Timer(long due, Runnable action) {
      this.due = due;
      this.action = action;
    }

    void cancel() {
      cancelled = true;
    }

    @Override
    public int compareTo(Timer o) {
      int c = Long.compare(due - o.due, 0);
      return c != 0 ? c : Long.compare(order, o.order);
    }
  }

  final Selector selector;
  final Thread thread;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final PriorityQueue<Timer> timers = new PriorityQueue<>();
  private volatile boolean closed;
  /** Scratch for whichever connection is being served; never kept across calls. */
  ByteBuffer netIn;
  ByteBuffer appIn;
  ByteBuffer netOut;

  IoLoop(String name) {
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector", e);
    }
    thread = new Thread(this, name);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  /** Runs {@code task} on the loop's thread, soon. */
  void execute(Runnable task) {
    tasks.add(task);
    selector.wakeup();
  }

  /** Runs {@code action} on the loop's thread after {@code delayNanos}; call on the loop. */
  Timer schedule(long delayNanos, Runnable action) {
    Timer timer = new Timer(System.nanoTime() + Math.max(0, delayNanos), action);
    timers.add(timer);
    return timer;
  }

  /** Buffers at least as large as a TLS session needs, for the loop's thread. */
  void ensureBuffers(int packet, int application) {
    if (netIn == null || netIn.capacity() < packet) {
      netIn = ByteBuffer.allocate(packet);
      netOut = ByteBuffer.allocate(packet);
    }
    if (appIn == null || appIn.capacity() < application) {
      appIn = ByteBuffer.allocate(application);
    }
  }

  @Override
  public void run() {
    while (!closed) {
      try {
        long wait = runDueTimers();
        if (tasks.isEmpty()) {
          if (wait < 0) {
            selector.select();
          } else {
            selector.select(Math.max(1, wait / 1_000_000 + 1));
          }
        } else {
          selector.selectNow();
        }
        var keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          if (key.isValid() && key.attachment() instanceof Handler handler) {
            guarded(() -> handler.ready(key));
          }
        }
        Runnable task;
        while ((task = tasks.poll()) != null) {
          guarded(task);
        }
      } catch (IOException | RuntimeException e) {
        log.warn("watcher I/O loop: {}", e.toString());
      } catch (Error e) { // never die silently: the watcher would go deaf with no word
        log.error("watcher I/O loop hit an error and goes on", e);
      }
    }
    for (SelectionKey key : selector.keys()) {
      try {
        key.channel().close();
      } catch (IOException e) {
        // closing is all that is left to do
      }
    }
    try {
      selector.close();
    } catch (IOException e) {
      // closing is all that is left to do
    }
  }

  /** Runs the timers that are due; returns nanoseconds to the next one, or -1 if none. */
  private long runDueTimers() {
    while (true) {
      Timer next = timers.peek();
      if (next == null) {
        return -1;
      }
      if (next.cancelled) {
        timers.poll();
        continue;
      }
      long now = System.nanoTime();
      if (next.due - now > 0) {
        return next.due - now;
      }
      timers.poll();
      guarded(next.action);
    }
  }

  private static void guarded(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      log.warn("watcher I/O task failed: {}", e.toString());
    } catch (Error e) {
      log.error("watcher I/O task hit an error", e);
    }
  }

  void close() {
    closed = true;
    selector.wakeup();
  }

  void join(long millis) throws InterruptedException {
    thread.join(millis);
  }
}
