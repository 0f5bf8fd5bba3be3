package com.lumyvo.providers.mail.internal;

import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.diagnosis.Evidence;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import com.lumyvo.providers.diagnosis.ErrorClassifier;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
import com.lumyvo.providers.mail.MailOperationException;
import com.lumyvo.providers.mail.mailbox.MailboxSession;
import com.lumyvo.providers.mail.mailbox.SessionClosedException;
import com.lumyvo.providers.mail.mailbox.SyncBatch;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.watch.FolderWatch;
import com.lumyvo.providers.mail.watch.WatchListener;
import com.lumyvo.providers.mail.watch.WatchOptions;
import com.lumyvo.providers.mail.watch.WatchPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop behind a {@link FolderWatch}: open a session, catch up, IDLE or poll, and recover or
 * stop after failures, as {@link MailConnector#watch} documents.
 */
public final class WatchLoop {
  private static final Logger log = LoggerFactory.getLogger(FolderWatch.class);

  private final MailConnector connector;
  private final ErrorClassifier classifier;
  private final MailAccount account;
  private final String folder;
  private final WatchListener listener;
  private final WatchOptions options;
  private final ScheduledExecutorService timer;
  private final Duration readTimeout;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final CountDownLatch wakeSleepers = new CountDownLatch(1);
  private volatile SyncCursor cursor;
  private volatile boolean closed;
  private volatile ImapSession session;

  public WatchLoop(MailConnector connector, ErrorClassifier classifier, MailAccount account,
      String folder, SyncCursor cursor, WatchListener listener, WatchOptions options,
      ScheduledExecutorService timer, Duration readTimeout) {
    this.connector = connector;
    this.classifier = classifier;
    this.account = java.util.Objects.requireNonNull(account, "account");
    this.folder = java.util.Objects.requireNonNull(folder, "folder");
    this.cursor = java.util.Objects.requireNonNull(cursor, "cursor");
    this.listener = java.util.Objects.requireNonNull(listener, "listener");
    this.options = java.util.Objects.requireNonNull(options, "options");
    this.timer = timer;
    this.readTimeout = readTimeout;
  }

  public SyncCursor cursor() {
    return cursor;
  }

  public boolean isRunning() {
    return stopped.getCount() > 0;
  }

  public void run() {
    Duration backoff = options.initialBackoff();
    try {
      while (!closed) {
        Diagnosis failure;
        try (MailboxSession opened = connector.open(account)) {
          ImapSession s = Bridges.mailbox().unwrap(opened);
          session = s;
          if (closed) {
            return;
          }
          backoff = options.initialBackoff();
          watch(s);
          continue;
        } catch (MailOperationException e) {
          failure = e.diagnosis();
        } catch (ListenerFailure e) {
          failure = classifier.classify(Evidence.builder().error(e.getCause()).build());
        } catch (SessionClosedException e) {
          if (closed) {
            return;
          }
          failure = classifier.classify(e);
        } catch (Throwable e) { // an Error too: a watch never ends without telling anyone
          if (closed) {
            return;
          }
          log.warn("watch of {} {} failed unexpectedly: {}", account.address(), folder,
              e.getClass().getName());
          failure = classifier.classify(e);
        } finally {
          session = null;
        }
        if (closed) {
          return;
        }
        if (isPermanent(failure)) {
          stop(failure);
          return;
        }
        backoff = failed(failure, backoff);
      }
    } finally {
      stopped.countDown();
    }
  }

  /**
   * Failures that trying again cannot mend: the server refused this account or the folder is
   * missing. Logging in again and again with a rejected password can lock the account. The
   * same kinds as the many-mailbox watcher's default policy, which decides them for both.
   */
  private static boolean isPermanent(Diagnosis diagnosis) {
    return WatchPolicy.defaults().retryAfter(diagnosis, 1).isEmpty();
  }

  private void stop(Diagnosis diagnosis) {
    log.info("watch of {} {} stopped for good: {}", account.address(), folder, diagnosis.kind());
    try {
      listener.onStopped(diagnosis);
    } catch (RuntimeException e) {
      log.warn("watch listener failed in onStopped: {}", e.getClass().getName());
    }
  }

  /** The listener refused a batch; it comes again after the backoff. */
  private static final class ListenerFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ListenerFailure(Exception cause) {
      super(cause);
    }
  }

  private Duration failed(Diagnosis diagnosis, Duration backoff) {
    double jitter = 0.5 + ThreadLocalRandom.current().nextDouble();
    Duration wait = Duration.ofMillis((long) (backoff.toMillis() * jitter));
    log.debug("watch of {} {} failed ({}); retrying in {} ms", account.address(), folder,
        diagnosis.kind(), wait.toMillis());
    try {
      listener.onFailure(diagnosis, wait);
    } catch (RuntimeException e) {
      log.warn("watch listener failed in onFailure: {}", e.getClass().getName());
    }
    sleep(wait);
    Duration doubled = backoff.multipliedBy(2);
    return doubled.compareTo(options.maxBackoff()) > 0 ? options.maxBackoff() : doubled;
  }

  private void watch(ImapSession s) {
    boolean idle = s.run("checking for IDLE", () -> s.hasCapability("IDLE"));
    while (!closed) {
      SyncBatch batch = s.sync(folder, cursor);
      if (batch.uidValidityChanged()) {
        SyncCursor old = cursor;
        cursor = batch.next();
        listener.onUidValidityChanged(old, batch.next());
        continue;
      }
      if (!batch.messages().isEmpty()) {
        try {
          listener.onMessages(batch);
        } catch (Exception e) {
          throw new ListenerFailure(e);
        }
      }
      cursor = batch.next();
      if (batch.more() || !batch.messages().isEmpty()) {
        // Mail that arrived while this batch was fetched or handled is announced already and
        // would not wake an IDLE: look once more before waiting.
        continue;
      }
      if (idle) {
        idle(s);
      } else {
        sleep(options.pollInterval());
      }
    }
  }

  /**
   * One IDLE, ended by the server's news or by a timer after {@link WatchOptions#idleRefresh()}.
   * Angus Mail ignores read timeouts during IDLE, so if the timer's wake-up itself gets no answer
   * within the read timeout, the connection is dead and is closed, which ends the IDLE with an
   * error and a reconnect.
   */
  private void idle(ImapSession s) {
    IMAPFolder f = s.run("selecting " + folder, () -> s.select(folder));
    ScheduledFuture<?> wake = timer.schedule(() -> wakeUp(s, f),
        options.idleRefresh().toMillis(), TimeUnit.MILLISECONDS);
    try {
      s.runWithoutDeadline("waiting in IDLE", () -> {
        f.idle(true);
        return null;
      });
    } finally {
      wake.cancel(false);
    }
  }

  private void wakeUp(ImapSession s, IMAPFolder f) {
    ScheduledFuture<?> kill = timer.schedule(s::abort, readTimeout.toMillis() * 2,
        TimeUnit.MILLISECONDS);
    Thread waker = new Thread(() -> {
      try {
        f.doCommand(protocol -> {
          protocol.simpleCommand("NOOP", null);
          return null;
        });
        kill.cancel(false);
      } catch (Exception e) {
        s.abort();
      }
    }, "lumyvo-watch-wake");
    waker.setDaemon(true);
    waker.start();
  }

  private void sleep(Duration duration) {
    try {
      // A latch, not Thread.sleep: close() wakes a sleeping watch at once.
      wakeSleepers.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }

  public void close() {
    closed = true;
    ImapSession s = session;
    if (s != null) {
      s.abort();
    }
    wakeSleepers.countDown();
    try {
      stopped.await(readTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "FolderWatch[" + account.address() + " " + folder + " at " + cursor + "]";
  }
}
