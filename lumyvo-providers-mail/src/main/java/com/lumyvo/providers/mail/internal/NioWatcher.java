package com.lumyvo.providers.mail.internal;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.diagnosis.ErrorClassifier;
import com.lumyvo.providers.diagnosis.Evidence;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
import com.lumyvo.providers.mail.MailOperationException;
import com.lumyvo.providers.mail.Timeouts;
import com.lumyvo.providers.mail.mailbox.MailboxSession;
import com.lumyvo.providers.mail.mailbox.SyncBatch;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.watch.MailboxListener;
import com.lumyvo.providers.mail.watch.MailboxWatcher;
import com.lumyvo.providers.mail.watch.WatchState;
import com.lumyvo.providers.mail.watch.WatchedMailbox;
import com.lumyvo.providers.mail.watch.WatcherEventListener;
import com.lumyvo.providers.mail.watch.WatcherOptions;
import com.lumyvo.providers.mail.watch.WatcherStats;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link MailboxWatcher} behind {@link MailConnector#watcher}: idle connections multiplexed
 * by {@link IdleConnection}s on a few {@link IoLoop}s, a gate that lets at most {@code
 * maxConcurrentHandshakes} connections be set up at once, and a bounded pool that fetches new
 * mail through {@link MailboxSession#sync} and calls listeners, one call at a time per mailbox.
 *
 * <p>Why not Angus Mail's {@code IdleManager}: it needs {@code mail.imap.usesocketchannels},
 * which Angus ignores as soon as a socket factory is set, and the SDK sets one (the {@link
 * Progress} factories carry the response guard, the abort and the step tracking); over TLS it
 * finds the channel by reflection into the JDK's TLS socket; it reads the server's answer with
 * blocking I/O on its one selector thread, in {@code handleIdle}, which ignores read timeouts, so
 * one frozen connection stalls every other watch; and each watched folder still needs a blocking
 * Angus login, a thread per handshake. Its own documentation calls it experimental. A small
 * non-blocking client for the few commands an idle connection needs keeps the SDK's TLS checks,
 * deadlines and bounds with one thread for thousands of connections.
 */
public final class NioWatcher implements MailboxWatcher {
  private static final Logger log = LoggerFactory.getLogger(MailboxWatcher.class);
  private static final AtomicInteger WATCHERS = new AtomicInteger();
  /** What one idle connection's answers may take: they are short, and nothing is kept. */
  private static final long IDLE_BUDGET = 1L << 20;

  private final MailConnector connector;
  private final ErrorClassifier classifier;
  private final WatcherOptions options;
  private final WatcherEventListener events;
  private final IdleConnection.Settings settings;
  private final IoLoop[] loops;
  private final ThreadPoolExecutor handshakes;
  private final ThreadPoolExecutor fetches;
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final Map<String, Entry> mailboxes = new ConcurrentHashMap<>();
  private final AtomicInteger nextLoop = new AtomicInteger();
  private final Object gate = new Object();
  private final ArrayDeque<Entry> waiting = new ArrayDeque<>();
  private int handshaking;
  private volatile boolean closed;

  private final LongAdder connects = new LongAdder();
  private final LongAdder logins = new LongAdder();
  private final LongAdder notifications = new LongAdder();
  private final LongAdder fetchCount = new LongAdder();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder reconnects = new LongAdder();
  private final LongAdder gaveUp = new LongAdder();

  public NioWatcher(MailConnector connector, ErrorClassifier classifier, SSLContext tls,
      Timeouts timeouts, Duration deadline, long responseBudget, WatcherOptions options) {
    this.connector = connector;
    this.classifier = classifier;
    this.options = Objects.requireNonNull(options, "options");
    this.events = options.eventListener();
    String name = "lumyvo-watcher-" + WATCHERS.incrementAndGet();
    handshakes = pool(options.handshakeThreads(), name + "-handshake");
    fetches = pool(options.fetchThreads(), name + "-fetch");
    settings = new IdleConnection.Settings(tls, handshakes, timeouts.connect(), timeouts.read(),
        deadline, options.idleRefresh(), options.pollInterval(),
        Math.min(responseBudget, IDLE_BUDGET));
    loops = new IoLoop[options.ioThreads()];
    for (int i = 0; i < loops.length; i++) {
      loops[i] = new IoLoop(name + "-io-" + (i + 1));
      threads.add(loops[i].thread);
      loops[i].start();
    }
  }

  private ThreadPoolExecutor pool(int size, String name) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory = runnable -> {
      Thread thread = new Thread(() -> {
        try {
          runnable.run();
        } finally {
          threads.remove(Thread.currentThread());
        }
      }, name + "-" + n.incrementAndGet());
      thread.setDaemon(true);
      threads.add(thread);
      return thread;
    };
    ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), factory);
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  @Override
  public WatchedMailbox add(MailAccount account, String folder, SyncCursor cursor,
      MailboxListener listener) {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(cursor, "cursor");
    Objects.requireNonNull(listener, "listener");
    if (closed) {
      throw new IllegalStateException("the watcher is closed");
    }
    String key = account.address().toString().toLowerCase(Locale.ROOT) + "\n" + folder;
    Entry entry = new Entry(key, account, folder, cursor, listener,
        loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)]);
    if (mailboxes.putIfAbsent(key, entry) != null) {
      throw new IllegalStateException(folder + " of " + account.address()
          + " is watched already");
    }
    requestSlot(entry);
    return entry;
  }

  @Override
  public SyncCursor remove(WatchedMailbox mailbox) {
    Objects.requireNonNull(mailbox, "mailbox");
    if (!(mailbox instanceof Entry entry) || entry.owner() != this) {
      throw new IllegalArgumentException("not a mailbox of this watcher: " + mailbox);
    }
    mailboxes.remove(entry.key, entry);
    end(entry);
    // A batch in the listener's hands now is handled (or refused) before the cursor is read.
    entry.delivery.lock();
    try {
      return entry.cursor;
    } finally {
      entry.delivery.unlock();
    }
  }

  private void end(Entry entry) {
    IdleConnection connection;
    synchronized (entry) {
      entry.removed = true;
      entry.state = WatchState.REMOVED;
      connection = entry.connection;
      entry.connection = null;
    }
    releaseSlot(entry);
    if (connection != null) {
      entry.loop.execute(connection::close);
    }
  }

  @Override
  public List<WatchedMailbox> mailboxes() {
    return List.copyOf(mailboxes.values());
  }

  @Override
  public WatcherStats stats() {
    Map<WatchState, Integer> states = new EnumMap<>(WatchState.class);
    for (Entry e : mailboxes.values()) {
      states.merge(e.state, 1, Integer::sum);
    }
    int inHandshake;
    synchronized (gate) {
      inHandshake = handshaking;
    }
    threads.removeIf(t -> !t.isAlive() && t.getState() == Thread.State.TERMINATED);
    return new WatcherStats(states, inHandshake, threads.size(), connects.sum(), logins.sum(),
        notifications.sum(), fetchCount.sum(), delivered.sum(), failures.sum(), reconnects.sum(),
        gaveUp.sum());
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Entry entry : mailboxes.values()) {
      end(entry);
    }
    fetches.shutdown();
    try {
      if (!fetches.awaitTermination(settings.deadline().toMillis(), TimeUnit.MILLISECONDS)) {
        fetches.shutdownNow();
      }
      for (IoLoop loop : loops) {
        loop.execute(loop::close);
      }
      for (IoLoop loop : loops) {
        loop.join(settings.readTimeout().toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    handshakes.shutdownNow();
  }

  // ---- the handshake gate

  private void requestSlot(Entry entry) {
    synchronized (gate) {
      if (entry.removed || closed) {
        return;
      }
      if (handshaking >= options.maxConcurrentHandshakes()) {
        waiting.add(entry);
        return;
      }
      handshaking++;
      entry.holdsSlot = true;
    }
    entry.loop.execute(() -> connect(entry));
  }

  private void releaseSlot(Entry entry) {
    Entry next = null;
    synchronized (gate) {
      if (!entry.holdsSlot) {
        waiting.remove(entry);
        return;
      }
      entry.holdsSlot = false;
      handshaking--;
      while (!waiting.isEmpty()) {
        Entry candidate = waiting.poll();
        if (!candidate.removed && !closed) {
          handshaking++;
          candidate.holdsSlot = true;
          next = candidate;
          break;
        }
      }
    }
    if (next != null) {
      Entry started = next;
      started.loop.execute(() -> connect(started));
    }
  }

  // ---- one mailbox's connection, on its loop

  private void connect(Entry entry) {
    if (entry.removed || closed) {
      releaseSlot(entry);
      return;
    }
    AppPassword password = Bridges.accounts().password(entry.account);
    ConnectionEvents connectionEvents = new ConnectionEvents(entry);
    IdleConnection connection = new IdleConnection(entry.loop, settings, entry.account.imap(),
        entry.account.login(Protocol.IMAP), password, entry.folder, connectionEvents);
    connectionEvents.connection = connection;
    synchronized (entry) {
      if (entry.removed || entry.state != WatchState.CONNECTING) {
        connection = null;
      } else {
        entry.connection = connection;
      }
    }
    if (connection == null) {
      releaseSlot(entry);
      return;
    }
    emit(l -> l.connectStart(entry));
    connection.start();
  }

  /** What one connection reports, on its loop; ignored once the mailbox has moved on. */
  private final class ConnectionEvents implements IdleConnection.Events {
    private final Entry entry;
    IdleConnection connection;

    ConnectionEvents(Entry entry) {
      this.entry = entry;
    }

    private boolean current() {
      return entry.connection == connection && !entry.removed;
    }

    @Override
    public void connected() {
      connects.increment();
    }

    @Override
    public void loggedIn() {
      logins.increment();
      emit(l -> l.loggedIn(entry));
    }

    @Override
    public void listening() {
      synchronized (entry) { // a failure elsewhere (a fetch) may just have dropped this one
        if (!current() || entry.state != WatchState.CONNECTING) {
          return;
        }
        entry.failuresInARow = 0;
        entry.state = WatchState.LISTENING;
      }
      releaseSlot(entry);
      emit(l -> l.listening(entry));
      entry.serial.execute(() -> entry.listener.onReady());
      // Whatever arrived before IDLE began (while down, or before the watch started) is
      // fetched now; whatever arrives from here on is announced by the server.
      requestFetch(entry);
    }

    @Override
    public void newMail(long messages) {
      if (!current()) {
        return;
      }
      notifications.increment();
      emit(l -> l.notified(entry, messages));
      requestFetch(entry);
    }

    @Override
    public void failed(Throwable error) {
      if (current()) {
        NioWatcher.this.failed(entry, diagnose(entry, error), connection);
      }
    }
  }

  private Diagnosis diagnose(Entry entry, Throwable error) {
    return classifier.classify(Evidence.builder().protocol(Protocol.IMAP)
        .provider(entry.account.provider()).error(error)
        .secret(Bridges.accounts().password(entry.account)).build());
  }

  /**
   * A failure of the connection {@code source}, or of a fetch or listener call made while
   * {@code source} was the mailbox's connection: retry or stop, as decided. Ignored if the
   * mailbox has moved on from {@code source} (a fetch that failed after its connection did).
   */
  void failed(Entry entry, Diagnosis diagnosis, IdleConnection source) {
    int inARow;
    IdleConnection toClose;
    synchronized (entry) {
      if (entry.removed || entry.state.isFinal() || entry.state == WatchState.BACKING_OFF
          || entry.connection != source) {
        return;
      }
      toClose = entry.connection;
      entry.connection = null;
      inARow = ++entry.failuresInARow;
      entry.state = WatchState.BACKING_OFF;
    }
    failures.increment();
    releaseSlot(entry);
    if (toClose != null) {
      entry.loop.execute(toClose::close); // no report: it is closed, not failed
    }
    emit(l -> l.failed(entry, diagnosis));
    Optional<Duration> retry;
    try {
      retry = options.policy().retryAfter(diagnosis, inARow);
    } catch (RuntimeException | Error e) {
      log.warn("the watch policy failed ({}); retrying in a minute", e.toString());
      retry = Optional.of(Duration.ofMinutes(1));
    }
    if (retry.isEmpty()) {
      entry.state = WatchState.STOPPED;
      gaveUp.increment();
      log.info("watch of {} {} stopped for good: {}", entry.account.address(), entry.folder,
          diagnosis.kind());
      emit(l -> l.gaveUp(entry, diagnosis));
      entry.serial.execute(() -> entry.listener.onFailure(diagnosis, true));
      return;
    }
    Duration delay = retry.get();
    reconnects.increment();
    log.debug("watch of {} {} failed ({}); again in {} ms", entry.account.address(),
        entry.folder, diagnosis.kind(), delay.toMillis());
    emit(l -> l.reconnectScheduled(entry, delay));
    entry.serial.execute(() -> entry.listener.onFailure(diagnosis, false));
    entry.loop.execute(() -> entry.loop.schedule(delay.toNanos(), () -> {
      synchronized (entry) {
        if (entry.removed || entry.state != WatchState.BACKING_OFF) {
          return;
        }
        entry.state = WatchState.CONNECTING;
      }
      requestSlot(entry);
    }));
  }

  // ---- fetching, on the fetch pool

  private void requestFetch(Entry entry) {
    if (entry.fetchQueued.compareAndSet(false, true)) {
      entry.serial.execute(() -> fetch(entry));
    }
  }

  private void fetch(Entry entry) {
    entry.fetchQueued.set(false);
    IdleConnection listening = entry.connection;
    if (entry.removed || closed || entry.state != WatchState.LISTENING || listening == null) {
      return;
    }
    fetchCount.increment();
    emit(l -> l.fetchStart(entry));
    int handed = 0;
    try (MailboxSession session = connector.open(entry.account)) {
      while (!entry.removed && !closed) {
        SyncBatch batch = session.sync(entry.folder, entry.cursor);
        if (batch.uidValidityChanged()) {
          SyncCursor old;
          entry.delivery.lock();
          try {
            if (entry.removed) {
              break;
            }
            old = entry.cursor;
            entry.cursor = batch.next();
          } finally {
            entry.delivery.unlock();
          }
          entry.listener.onUidValidityChanged(old, batch.next());
          continue;
        }
        entry.delivery.lock();
        try {
          if (entry.removed) {
            break;
          }
          if (!batch.messages().isEmpty()) {
            entry.listener.onMessages(batch);
            handed += batch.messages().size();
            delivered.add(batch.messages().size());
          }
          entry.cursor = batch.next();
        } finally {
          entry.delivery.unlock();
        }
        if (!batch.more()) {
          break;
        }
      }
    } catch (MailOperationException e) {
      failed(entry, e.diagnosis(), listening);
    } catch (Exception e) { // the listener refused the batch, or the session broke
      failed(entry, diagnose(entry, e), listening);
    } catch (Error e) { // never silently: the mailbox fails, and says why
      log.error("fetching {} {} hit an error", entry.account.address(), entry.folder, e);
      failed(entry, diagnose(entry, e), listening);
    } finally {
      int count = handed;
      emit(l -> l.fetchEnd(entry, count));
    }
  }

  private void emit(Consumer<WatcherEventListener> event) {
    try {
      event.accept(events);
    } catch (RuntimeException | Error e) {
      log.warn("watcher event listener failed: {}", e.toString());
    }
  }

  /** Runs one task at a time, in order, on the fetch pool: a mailbox's listener calls. */
  private final class Serial implements Executor {
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    @Override
    public void execute(Runnable task) {
      synchronized (this) {
        tasks.add(task);
        if (running) {
          return;
        }
        running = true;
      }
      schedule();
    }

    private void schedule() {
      try {
        fetches.execute(this::runNext);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        synchronized (this) { // the watcher is closing: nothing more runs
          tasks.clear();
          running = false;
        }
      }
    }

    private void runNext() {
      Runnable task;
      synchronized (this) {
        task = tasks.poll();
        if (task == null) {
          running = false;
          return;
        }
      }
      try {
        task.run();
      } catch (RuntimeException e) {
        log.warn("a mailbox listener failed: {}", e.toString());
      } catch (Error e) {
        log.error("a mailbox listener hit an error", e);
      }
      synchronized (this) {
        if (tasks.isEmpty()) {
          running = false;
          return;
        }
      }
      schedule(); // the next task of this mailbox queues behind other mailboxes' tasks
    }
  }

  /** One watched folder. */
  private final class Entry implements WatchedMailbox {
    final String key;
    final MailAccount account;
    final String folder;
    final MailboxListener listener;
    final IoLoop loop;
    final Serial serial = new Serial();
    final AtomicBoolean fetchQueued = new AtomicBoolean();
    final ReentrantLock delivery = new ReentrantLock();
    volatile SyncCursor cursor;
    volatile WatchState state = WatchState.CONNECTING;
    volatile boolean removed;
    /** Guarded by the watcher's gate. */
    boolean holdsSlot;
    /** Guarded by this. */
    int failuresInARow;
    /** On the loop's thread. */
    volatile IdleConnection connection;

    Entry(String key, MailAccount account, String folder, SyncCursor cursor,
        MailboxListener listener, IoLoop loop) {
      this.key = key;
      this.account = account;
      this.folder = folder;
      this.cursor = cursor;
      this.listener = listener;
      this.loop = loop;
    }

    NioWatcher owner() {
      return NioWatcher.this;
    }

    @Override
    public MailAccount account() {
      return account;
    }

    @Override
    public String folder() {
      return folder;
    }

    @Override
    public SyncCursor cursor() {
      return cursor;
    }

    @Override
    public WatchState state() {
      return state;
    }

    @Override
    public String toString() {
      return "WatchedMailbox[" + account.address() + " " + folder + " " + state + " at "
          + cursor + "]";
    }
  }

  @Override
  public String toString() {
    return "MailboxWatcher[" + mailboxes.size() + " mailboxes, " + options + "]";
  }
}
