package com.lumyvo.providers.mail.testing;

import java.io.EOFException;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads of the fake servers, GreenMail's included, in one thread group whose uncaught
 * exceptions go to SLF4J instead of standard error.
 *
 * <p>GreenMail gives no say over its threads: its server threads are created by whichever thread
 * calls {@code start()}, and each connection's handler thread by its server thread, each in its
 * creator's group, and a handler that loses its client ends with {@code IllegalStateException:
 * Can not handle IMAP connection}, which the JVM's default handler prints. Starting GreenMail
 * from a thread of this group puts all of them here, where a thread's uncaught exception is
 * logged: at debug level when the client just went away, as a warning otherwise.
 */
final class FakeThreads {
  private static final Logger LOG = LoggerFactory.getLogger(FakeProvider.class);

  static final ThreadGroup GROUP = new ThreadGroup("lumyvo-fake-providers") {
    @Override
    public void uncaughtException(Thread thread, Throwable failure) {
      if (disconnection(failure)) {
        LOG.debug("{} ended: the client went away ({})", thread.getName(), failure.toString());
      } else {
        LOG.warn("{} of a fake provider failed", thread.getName(), failure);
      }
    }
  };

  private FakeThreads() {}

  /** A daemon thread in the group, not started. */
  static Thread daemon(String name, Runnable task) {
    Thread thread = new Thread(GROUP, task, name);
    thread.setDaemon(true);
    return thread;
  }

  /**
   * Runs {@code task} on a thread of the group and waits for it, so that every thread it
   * creates, and those that these create, belong to the group.
   */
  static <T> T inGroup(String name, Supplier<T> task) {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = new Thread(GROUP, () -> {
      try {
        result.set(task.get());
      } catch (RuntimeException | Error e) {
        failure.set(e);
      }
    }, name);
    thread.start();
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the task must finish: half-started servers would leak
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable thrown = failure.get();
    if (thrown instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (thrown instanceof Error error) {
      throw error;
    }
    return result.get();
  }

  /** Whether {@code failure} only says that the peer closed or reset the connection. */
  static boolean disconnection(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
      String message = String.valueOf(t.getMessage());
      if (t instanceof SocketException || t instanceof EOFException
          || message.contains("End of stream") || message.contains("Broken pipe")
          || message.contains("Connection reset")) {
        return true;
      }
    }
    return false;
  }
}
