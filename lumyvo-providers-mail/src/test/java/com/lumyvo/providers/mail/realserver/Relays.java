package com.lumyvo.providers.mail.realserver;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/** What the test relays share: their daemon threads and quiet closing. */
final class Relays {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private Relays() {}

  /** Runs {@code task} on a new daemon thread named after {@code name}. */
  static void daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name + "-" + THREADS.incrementAndGet());
    thread.setDaemon(true);
    thread.start();
  }

  /** Closes {@code socket}, which may already be gone. */
  static void closeQuietly(Socket socket) {
    if (socket == null) {
      return;
    }
    try {
      socket.close();
    } catch (IOException e) {
      // already gone: closing is all that was wanted
    }
  }
}
