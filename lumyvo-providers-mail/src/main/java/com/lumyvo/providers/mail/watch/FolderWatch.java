package com.lumyvo.providers.mail.watch;

import com.lumyvo.providers.mail.MailConnector;
import com.lumyvo.providers.mail.internal.Bridges;
import com.lumyvo.providers.mail.internal.WatchLoop;
import com.lumyvo.providers.mail.mailbox.SyncCursor;

/**
 * A running watch over one folder, from {@link MailConnector#watch}. Close it to stop; its
 * {@link #cursor()} is how far the listener has handled.
 */
public final class FolderWatch implements AutoCloseable {
  static {
    Bridges.registerWatch(FolderWatch::new);
  }

  private final WatchLoop loop;

  private FolderWatch(WatchLoop loop) {
    this.loop = loop;
  }

  /** How far the listener has handled: store it to resume after a restart. */
  public SyncCursor cursor() {
    return loop.cursor();
  }

  /** Whether the watch still runs: false once closed, or stopped for good. */
  public boolean isRunning() {
    return loop.isRunning();
  }

  /** Stops the watch and waits up to the read timeout for it to end. */
  @Override
  public void close() {
    loop.close();
  }

  @Override
  public String toString() {
    return loop.toString();
  }
}
