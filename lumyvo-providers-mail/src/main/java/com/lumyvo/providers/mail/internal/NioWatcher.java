package com.lumyvo.providers.mail.internal;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.diagnosis.ErrorClassifier;
import com.lumyvo.providers.diagnosis.Evidence;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
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
import com.lumyvo.providers.oauth.AccessToken;
import com.lumyvo.providers.oauth.TokenSource;
import com.lumyvo.providers.oauth.TokenUnavailableException;
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
 * The {@link MailboxWatcher} behind {@link MailConnector#watcher}: one idle connection per
 * watched account (login and server), shared by the account's watched folders, multiplexed by
 * {@link IdleConnection}s on a few {@link IoLoop}s; a gate that lets at most {@code
 * maxConcurrentHandshakes} connections be set up at once; and a bounded pool that fetches new
 * mail over the account's own connection ({@link IdleSync}, the reading of {@link
 * MailboxSession#sync}) and calls listeners, one call at a time per account.
 *
 * <p>Failures come at two levels. The connection's (refused login, dropped or frozen connection,
 * timeout, an answer that does not parse or is too large) is the account's: its folders retry
 * together after one backoff, with one login, or stop together. A folder's (it cannot be
 * examined, its listener refused a batch) is that folder's alone; the connection goes on for the
 * others.
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
  /** The watched accounts by login and server; guarded by itself for add and end. */
  private final Map<String, Group> groups = new ConcurrentHashMap<>();
  private final AtomicInteger nextLoop = new AtomicInteger();
  private final Object gate = new Object();
  private final ArrayDeque<Group> waiting = new ArrayDeque<>();
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
        Math.min(responseBudget, IDLE_BUDGET), responseBudget);
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
    String login = account.login(Protocol.IMAP);
    String groupKey = login + "\n" + account.imap();
    Optional<AppPassword> password = Bridges.accounts().appPassword(account);
    Optional<TokenSource> tokens = Bridges.accounts().tokens(account);
    synchronized (groups) {
      Group group = groups.get(groupKey);
      if (group != null && !group.signsInLike(password, tokens)) {
        // The same login with another password or token source: a connection of its own.
        group = null;
      }
      boolean fresh = group == null;
      if (fresh) {
        group = new Group(groupKey, account, login, password, tokens,
            loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)]);
      }
      Entry entry = new Entry(key, account, folder, cursor, listener, group);
      if (mailboxes.putIfAbsent(key, entry) != null) {
        throw new IllegalStateException(folder + " of " + account.address()
            + " is watched already");
      }
      IdleConnection connection;
      synchronized (group) {
        group.entries.add(entry);
        connection = group.connection;
      }
      if (fresh) {
        groups.putIfAbsent(groupKey, group);
        requestSlot(group);
      } else if (connection != null) {
        connection.addFolder(folder); // reported ready once the connection has checked it
      } // else the group connects (again) soon, with this folder among its own
      return entry;
    }
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

  /** Ends one folder's watch; the account's connection stays for its other folders. */
  private void end(Entry entry) {
    Group group = entry.group;
    IdleConnection connection;
    boolean last;
    synchronized (group) {
      entry.removed = true;
      entry.state = WatchState.REMOVED;
      group.entries.remove(entry);
      connection = group.connection;
      last = live(group).isEmpty();
    }
    if (last) {
      endGroup(group);
    } else if (connection != null) {
      connection.removeFolder(entry.folder);
    }
  }

  /** Closes an account's connection: none of its folders is watched any more. */
  private void endGroup(Group group) {
    IdleConnection connection;
    synchronized (groups) {
      synchronized (group) {
        group.ended = true;
        connection = group.connection;
        group.connection = null;
      }
      groups.remove(group.key, group);
    }
    releaseSlot(group);
    if (connection != null) {
      IdleConnection closing = connection;
      group.loop.execute(closing::close);
    }
  }

  /** The folders of {@code group} still watched (not stopped, not removed); holding its lock. */
  private static List<Entry> live(Group group) {
    List<Entry> live = new ArrayList<>();
    for (Entry e : group.entries) {
      if (!e.removed && e.state != WatchState.STOPPED) {
        live.add(e);
      }
    }
    return live;
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

  // ---- the handshake gate: one slot per account's connection being set up

  private void requestSlot(Group group) {
    synchronized (gate) {
      if (group.ended || closed) {
        return;
      }
      if (handshaking >= options.maxConcurrentHandshakes()) {
        waiting.add(group);
        return;
      }
      handshaking++;
      group.holdsSlot = true;
    }
    group.loop.execute(() -> connect(group));
  }

  private void releaseSlot(Group group) {
    Group next = null;
    synchronized (gate) {
      if (!group.holdsSlot) {
        waiting.remove(group);
        return;
      }
      group.holdsSlot = false;
      handshaking--;
      while (!waiting.isEmpty()) {
        Group candidate = waiting.poll();
        if (!candidate.ended && !closed) {
          handshaking++;
          candidate.holdsSlot = true;
          next = candidate;
          break;
        }
      }
    }
    if (next != null) {
      Group started = next;
      started.loop.execute(() -> connect(started));
    }
  }

  // ---- one account's connection, on its loop

  private void connect(Group group) {
    if (group.ended || closed) {
      releaseSlot(group);
      return;
    }
    if (group.tokens.isEmpty()) {
      open(group, new IdleConnection.Password(group.password.orElseThrow()));
      return;
    }
    // Getting a token may block on the service's token endpoint: a handshake thread waits for
    // it, never the loop, which serves every other connection meanwhile; and not for longer
    // than the deadline, so that a token endpoint that hangs cannot hold the handshake threads
    // every other account needs for DNS and TLS.
    TokenFetch fetch = new TokenFetch();
    long deadline = settings.deadline().toNanos();
    fetch.timer = group.loop.schedule(deadline, () -> {
      if (fetch.timeOut()) {
        failed(group, diagnose(group, new java.net.SocketTimeoutException("no access token"
            + " from the account's token source within " + deadline / 1_000_000 + " ms")), null);
      }
    });
    try {
      handshakes.execute(() -> fetchToken(group, fetch));
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      fetch.timer.cancel();
      releaseSlot(group);
    }
  }

  /**
   * One call to a token source, ended by whichever comes first: its answer, or the deadline,
   * which interrupts the waiting thread (the SDK's own sources, like {@code java.net.http}, give
   * up when interrupted) and discards a late answer.
   */
  private static final class TokenFetch {
    private static final int WAITING = 0;
    private static final int DONE = 1;
    private static final int TIMED_OUT = 2;
    private final AtomicInteger state = new AtomicInteger(WAITING);
    private volatile Thread thread;
    /** Set and cancelled on the loop. */
    IoLoop.Timer timer;

    void begin() {
      thread = Thread.currentThread();
    }

    /** On the fetching thread: whether the answer counts; clears an interrupt meant for it. */
    boolean end() {
      if (state.compareAndSet(WAITING, DONE)) {
        return true;
      }
      // The deadline passed: clear its interrupt. One that lands after this is cleared by the
      // pool before its thread's next task, and nothing here blocks before then.
      Thread.interrupted();
      return false;
    }

    /** On the loop, at the deadline: whether it passed before the answer came. */
    boolean timeOut() {
      if (!state.compareAndSet(WAITING, TIMED_OUT)) {
        return false;
      }
      Thread waiting = thread;
      if (waiting != null) {
        waiting.interrupt(); // still inside fetchToken: end() has not run yet
      }
      return true;
    }
  }

  /**
   * On a handshake thread: the token for the group's next attempt. The source's current one
   * ({@link TokenSource#token}), or after a refused login a fresh one ({@link
   * TokenSource#refresh}), asked once for that refusal. A source that cannot give one fails
   * the attempt with its reason: a revoked grant stops the watch, a token endpoint that is down
   * backs off.
   */
  private void fetchToken(Group group, TokenFetch fetch) {
    fetch.begin();
    if (fetch.state.get() != TokenFetch.WAITING) {
      fetch.end();
      return; // the deadline passed while this waited in the queue
    }
    TokenSource source = group.tokens.orElseThrow();
    AccessToken rejected;
    Throwable rejection;
    Progress progress;
    synchronized (group) {
      rejected = group.rejected;
      rejection = group.rejection;
      group.rejected = null; // asked for once, whatever comes of it
      group.rejection = null;
      group.refreshed = rejected != null;
      if (rejected == null) {
        group.progress = new Progress(Protocol.IMAP, Progress.DEFAULT_BUDGET);
      } else {
        group.progress.tokenChallenge(null); // the second attempt's own, if any
      }
      progress = group.progress;
    }
    Throwable failure;
    try {
      AccessToken token = rejected == null ? source.token() : source.refresh(rejected);
      if (rejected == null || !token.equals(rejected)) {
        progress.sendingToken(token.value()); // redacted from now on, whatever happens next
        if (!fetch.end()) {
          return; // too late: the attempt failed at the deadline
        }
        synchronized (group) {
          group.token = token;
        }
        group.loop.execute(() -> {
          fetch.timer.cancel();
          open(group, new IdleConnection.Token(token.value(), progress));
        });
        return;
      }
      failure = rejection; // the same token again: a second login could only fail the same way
    } catch (TokenUnavailableException | RuntimeException unavailable) {
      if (rejection != null) {
        unavailable.addSuppressed(rejection); // what the server said stays with it
      }
      failure = unavailable;
    } catch (Error e) { // a broken source fails its own watch, never the watcher
      log.error("the token source of {} hit an error", group.account.address(), e);
      failure = e;
    }
    if (!fetch.end()) {
      return; // the deadline passed first, and was reported
    }
    Throwable failed = failure;
    group.loop.execute(() -> {
      fetch.timer.cancel();
      NioWatcher.this.failed(group, diagnose(group, failed), null);
    });
  }

  /** On the loop: the group's connection, signing in with {@code credential}. */
  private void open(Group group, IdleConnection.Credential credential) {
    if (group.ended || closed) {
      releaseSlot(group);
      return;
    }
    List<String> folders = new ArrayList<>();
    Entry first;
    ConnectionEvents connectionEvents = new ConnectionEvents(group);
    IdleConnection connection;
    synchronized (group) {
      List<Entry> live = live(group);
      for (Entry e : live) {
        folders.add(e.folder);
      }
      first = live.isEmpty() ? null : live.get(0);
      connection = first == null || group.state != WatchState.CONNECTING ? null
          : new IdleConnection(group.loop, settings, group.account.imap(), group.login,
              credential, folders, connectionEvents);
      group.connection = connection;
    }
    if (connection == null) {
      releaseSlot(group);
      return;
    }
    connectionEvents.connection = connection;
    emit(l -> l.connectStart(first));
    connection.start();
  }

  /** What one connection reports, on its loop; ignored once the account has moved on. */
  private final class ConnectionEvents implements IdleConnection.Events {
    private final Group group;
    IdleConnection connection;

    ConnectionEvents(Group group) {
      this.group = group;
    }

    private boolean current() {
      return group.connection == connection && !group.ended;
    }

    private Optional<Entry> entry(String folder) {
      synchronized (group) {
        for (Entry e : group.entries) {
          if (e.folder.equals(folder) && !e.removed) {
            return Optional.of(e);
          }
        }
      }
      return Optional.empty();
    }

    @Override
    public void connected() {
      connects.increment();
    }

    @Override
    public void loggedIn() {
      logins.increment();
      Entry first;
      synchronized (group) {
        List<Entry> live = live(group);
        first = live.isEmpty() ? null : live.get(0);
      }
      if (first != null) {
        emit(l -> l.loggedIn(first));
      }
    }

    @Override
    public void listening(String folder) {
      synchronized (group) { // a failure elsewhere (a fetch) may just have dropped this one
        if (!current() || group.state != WatchState.CONNECTING) {
          return;
        }
        group.failuresInARow = 0;
        group.state = WatchState.LISTENING;
      }
      releaseSlot(group);
      // Whatever arrived before IDLE began (while down, or before the watch started) is
      // fetched now; whatever arrives from here on is announced by the server.
      entry(folder).ifPresent(NioWatcher.this::ready);
    }

    @Override
    public void folderReady(String folder) {
      if (current()) {
        entry(folder).ifPresent(NioWatcher.this::ready);
      }
    }

    @Override
    public void newMail(String folder, long messages) {
      if (!current()) {
        return;
      }
      entry(folder).ifPresent(entry -> {
        if (entry.state != WatchState.LISTENING) {
          return;
        }
        notifications.increment();
        emit(l -> l.notified(entry, messages));
        requestFetch(entry);
      });
    }

    @Override
    public void folderFailed(String folder, Throwable error) {
      if (current()) {
        entry(folder).ifPresent(entry -> NioWatcher.this.folderFailed(entry,
            diagnose(group, error), connection));
      }
    }

    @Override
    public void failed(Throwable error) {
      if (!current() || retryWithFreshToken(group, error, connection)) {
        return;
      }
      if (error instanceof IdleConnection.TokenSessionEnded) {
        // The session's token is spent: the reconnect asks the source for a fresh one at once
        // rather than signing in with it again only to be refused (one refresh, as ever).
        synchronized (group) {
          if (group.connection == connection && group.token != null) {
            group.rejected = group.token;
            group.rejection = error;
          }
        }
      }
      NioWatcher.this.failed(group, diagnose(group, error), connection);
    }
  }

  /**
   * A token the server refused at login, for the first time in this attempt: the source is
   * asked for a fresh one ({@link #fetchToken}) and the group logs in once more, on a new
   * connection, at once; the refusal is no failure the policy sees. A refusal of the refreshed
   * token, or any refusal of a password, goes to the policy as it is. Whether it retries.
   */
  private boolean retryWithFreshToken(Group group, Throwable error, IdleConnection source) {
    if (group.tokens.isEmpty() || !(error instanceof jakarta.mail.AuthenticationFailedException)) {
      return false;
    }
    synchronized (group) {
      if (group.refreshed || group.token == null || group.ended || group.connection != source
          || group.state != WatchState.CONNECTING) {
        return false;
      }
      group.rejected = group.token;
      group.rejection = error;
      group.connection = null;
    }
    log.debug("{} refused the access token of {}; asking its source for a fresh one",
        group.account.imap(), group.account.address());
    group.loop.execute(source::close); // no report: it is closed, not failed
    releaseSlot(group);
    requestSlot(group);
    return true;
  }

  /** A folder is selected or checked and its connection listening: catch up, then listen. */
  private void ready(Entry entry) {
    synchronized (entry.group) {
      if (entry.removed || entry.state == WatchState.STOPPED
          || entry.state == WatchState.LISTENING) {
        return;
      }
      entry.state = WatchState.LISTENING;
    }
    emit(l -> l.listening(entry));
    entry.group.serial.execute(() -> entry.listener.onReady());
    requestFetch(entry);
  }

  /**
   * What went wrong, read with the account's secrets: its app password, or the tokens its
   * current attempt sent, with the sign-in marked OAuth so that a refused login reads as a
   * token problem and the server's error challenge is part of the evidence.
   */
  private Diagnosis diagnose(Group group, Throwable error) {
    return classifier.classify(Secrets.addTo(Evidence.builder().protocol(Protocol.IMAP)
        .provider(group.account.provider()).error(error), group.account, group.progress)
        .build());
  }

  /**
   * An account-level failure of the connection {@code source}: every watched folder of the
   * account retries together, or stops together, as decided. Ignored if the account has moved
   * on from {@code source} (a fetch that failed after its connection did).
   */
  void failed(Group group, Diagnosis diagnosis, IdleConnection source) {
    int inARow;
    IdleConnection toClose;
    List<Entry> affected;
    synchronized (group) {
      if (group.ended || group.state == WatchState.BACKING_OFF
          || group.state == WatchState.STOPPED || group.connection != source) {
        return;
      }
      toClose = group.connection;
      group.connection = null;
      inARow = ++group.failuresInARow;
      group.state = WatchState.BACKING_OFF;
      affected = live(group);
      for (Entry e : affected) {
        e.state = WatchState.BACKING_OFF;
      }
    }
    failures.add(affected.size());
    releaseSlot(group);
    if (toClose != null) {
      group.loop.execute(toClose::close); // no report: it is closed, not failed
    }
    for (Entry e : affected) {
      emit(l -> l.failed(e, diagnosis));
    }
    Optional<Duration> retry = retryAfter(diagnosis, inARow);
    if (retry.isEmpty()) {
      synchronized (group) {
        group.state = WatchState.STOPPED;
        for (Entry e : affected) {
          if (!e.removed) {
            e.state = WatchState.STOPPED;
          }
        }
      }
      endGroup(group); // never logs in again: a folder added later gets a connection of its own
      for (Entry e : affected) {
        stopped(e, diagnosis);
      }
      return;
    }
    Duration delay = retry.get();
    reconnects.increment();
    log.debug("watch of {} ({} folders) failed ({}); again in {} ms",
        group.account.address(), affected.size(), diagnosis.kind(), delay.toMillis());
    for (Entry e : affected) {
      emit(l -> l.reconnectScheduled(e, delay));
      group.serial.execute(() -> e.listener.onFailure(diagnosis, false));
    }
    group.loop.execute(() -> group.loop.schedule(delay.toNanos(), () -> {
      synchronized (group) {
        if (group.ended || group.state != WatchState.BACKING_OFF) {
          return;
        }
        group.state = WatchState.CONNECTING;
        for (Entry e : live(group)) {
          e.state = WatchState.CONNECTING;
        }
      }
      requestSlot(group);
    }));
  }

  /**
   * A failure of one folder only (it cannot be examined, or its listener refused a batch): that
   * folder retries or stops, as decided; the account's connection goes on for the others.
   */
  void folderFailed(Entry entry, Diagnosis diagnosis, IdleConnection source) {
    Group group = entry.group;
    int inARow;
    synchronized (group) {
      if (entry.removed || entry.state == WatchState.STOPPED
          || entry.state == WatchState.BACKING_OFF || group.connection != source) {
        return;
      }
      inARow = ++entry.failuresInARow;
      entry.state = WatchState.BACKING_OFF;
    }
    Optional<Duration> retry = backOffOrStop(entry, diagnosis, source, inARow);
    if (retry.isEmpty()) {
      return;
    }
    Duration delay = retry.get();
    if (source != null) {
      source.removeFolder(entry.folder); // checked again, from the start, after the delay
    }
    group.loop.execute(() -> group.loop.schedule(delay.toNanos(), () -> {
      IdleConnection connection;
      synchronized (group) {
        if (entry.removed || entry.state != WatchState.BACKING_OFF) {
          return;
        }
        entry.state = WatchState.CONNECTING;
        connection = group.connection;
      }
      if (connection != null) {
        connection.addFolder(entry.folder); // else the account reconnects with it
      }
    }));
  }

  /**
   * The listener refused a batch: the folder stays watched on the account's connection, and
   * after the policy's delay is fetched again from its cursor (or stops, as decided).
   */
  private void listenerFailed(Entry entry, Diagnosis diagnosis, IdleConnection source) {
    Group group = entry.group;
    int inARow;
    synchronized (group) {
      if (entry.removed || entry.state != WatchState.LISTENING
          || group.connection != source) {
        return;
      }
      inARow = ++entry.failuresInARow;
      entry.state = WatchState.BACKING_OFF;
    }
    Optional<Duration> retry = backOffOrStop(entry, diagnosis, source, inARow);
    if (retry.isEmpty()) {
      return;
    }
    Duration delay = retry.get();
    group.loop.execute(() -> group.loop.schedule(delay.toNanos(), () -> {
      synchronized (group) {
        if (entry.removed || entry.state != WatchState.BACKING_OFF
            || group.connection != source) {
          return; // removed, or the account reconnects and readies it then
        }
        entry.state = WatchState.CONNECTING;
      }
      ready(entry);
    }));
  }

  /**
   * The step a folder's failure and a listener's refusal share, once the entry is marked
   * BACKING_OFF: count and report the failure, then either stop the folder for good (ending the
   * account's connection when it was the last folder, else dropping the folder from it) and
   * return empty, or report the retry, tell the listener, and return the policy's delay.
   */
  private Optional<Duration> backOffOrStop(Entry entry, Diagnosis diagnosis,
      IdleConnection source, int inARow) {
    Group group = entry.group;
    failures.increment();
    emit(l -> l.failed(entry, diagnosis));
    Optional<Duration> retry = retryAfter(diagnosis, inARow);
    if (retry.isEmpty()) {
      boolean last;
      synchronized (group) {
        entry.state = WatchState.STOPPED;
        last = live(group).isEmpty();
      }
      if (last) {
        endGroup(group);
      } else if (source != null) {
        source.removeFolder(entry.folder);
      }
      stopped(entry, diagnosis);
      return Optional.empty();
    }
    Duration delay = retry.get();
    reconnects.increment();
    emit(l -> l.reconnectScheduled(entry, delay));
    group.serial.execute(() -> entry.listener.onFailure(diagnosis, false));
    return retry;
  }

  private Optional<Duration> retryAfter(Diagnosis diagnosis, int inARow) {
    try {
      return options.policy().retryAfter(diagnosis, inARow);
    } catch (RuntimeException | Error e) {
      log.warn("the watch policy failed ({}); retrying in a minute", e.toString());
      return Optional.of(Duration.ofMinutes(1));
    }
  }

  private void stopped(Entry entry, Diagnosis diagnosis) {
    gaveUp.increment();
    log.info("watch of {} {} stopped for good: {}", entry.account.address(), entry.folder,
        diagnosis.kind());
    emit(l -> l.gaveUp(entry, diagnosis));
    entry.group.serial.execute(() -> entry.listener.onFailure(diagnosis, true));
  }

  // ---- fetching, on the fetch pool, over the account's own connection

  private void requestFetch(Entry entry) {
    if (entry.fetchQueued.compareAndSet(false, true)) {
      entry.group.serial.execute(() -> fetch(entry));
    }
  }

  private void fetch(Entry entry) {
    entry.fetchQueued.set(false);
    IdleConnection connection = entry.group.connection;
    if (entry.removed || closed || entry.state != WatchState.LISTENING || connection == null) {
      return;
    }
    fetchCount.increment();
    emit(l -> l.fetchStart(entry));
    int handed = 0;
    IdleSync sync = new IdleSync(connection, entry.folder, entry.batchSize,
        settings.deadline().plus(settings.readTimeout()).toNanos());
    try {
      while (!entry.removed && !closed) {
        SyncBatch batch;
        try {
          batch = sync.next(entry.cursor);
        } catch (jakarta.mail.FolderNotFoundException e) {
          folderFailed(entry, diagnose(entry.group, e), connection);
          return;
        } catch (Exception | Error e) { // the connection broke, or its answer did not parse
          if (e instanceof ResponseGuard.ResponseTooLargeException) {
            // Headers larger than usual: smaller batches from now on, down to one message.
            entry.batchSize = Math.max(1, entry.batchSize / 4);
          }
          if (e instanceof Error) {
            log.error("fetching {} {} hit an error", entry.account.address(), entry.folder, e);
          }
          connection.abort(e); // reported by the connection, once, to the whole account
          return;
        }
        try {
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
            entry.failuresInARow = 0;
          } finally {
            entry.delivery.unlock();
          }
        } catch (Exception e) { // the listener refused the batch: it comes again
          listenerFailed(entry, diagnose(entry.group, e), connection);
          return;
        } catch (Error e) { // never silently: the mailbox fails, and says why
          log.error("the listener of {} {} hit an error", entry.account.address(),
              entry.folder, e);
          listenerFailed(entry, diagnose(entry.group, e), connection);
          return;
        }
        if (!batch.more()) {
          break;
        }
      }
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

  /**
   * One watched account (a login at a server): its one connection, shared by its watched
   * folders, the first of which it idles in; its handshake slot and backoff; and the serial
   * executor of its fetches and listener calls, which take turns on the connection.
   */
  private final class Group {
    final String key;
    final MailAccount account;
    final String login;
    final Optional<AppPassword> password;
    final Optional<TokenSource> tokens;
    final IoLoop loop;
    final Serial serial = new Serial();
    /** In the order they were added; guarded by this. */
    final List<Entry> entries = new ArrayList<>();
    volatile WatchState state = WatchState.CONNECTING;
    volatile IdleConnection connection;
    volatile boolean ended;
    /** Guarded by the watcher's gate. */
    boolean holdsSlot;
    /** Guarded by this. */
    int failuresInARow;
    /**
     * The current attempt's record of the tokens it sent and the server's challenge: the
     * redactor's list and the diagnosis's evidence. A new one for each attempt that does not
     * follow a refused token.
     */
    volatile Progress progress = new Progress(Protocol.IMAP, Progress.DEFAULT_BUDGET);
    /** The token of the current attempt; guarded by this. */
    AccessToken token;
    /** The token refused at the last login and the refusal, while a refresh is due; by this. */
    AccessToken rejected;
    Throwable rejection;
    /** Whether the current attempt signs in with a refreshed token: no second refresh. By this. */
    boolean refreshed;

    Group(String key, MailAccount account, String login, Optional<AppPassword> password,
        Optional<TokenSource> tokens, IoLoop loop) {
      this.key = key;
      this.account = account;
      this.login = login;
      this.password = password;
      this.tokens = tokens;
      this.loop = loop;
    }

    /** Whether an account with {@code password} or {@code tokens} may share this connection. */
    boolean signsInLike(Optional<AppPassword> password, Optional<TokenSource> tokens) {
      if (tokens.isPresent()) {
        return this.tokens.isPresent() && this.tokens.get() == tokens.get();
      }
      return this.password.isPresent() && password.isPresent()
          && this.password.get().reveal().equals(password.get().reveal());
    }

    @Override
    public String toString() {
      return "Account[" + account.address() + " " + state + "]";
    }
  }

  /** One watched folder. */
  private final class Entry implements WatchedMailbox {
    final String key;
    final MailAccount account;
    final String folder;
    final MailboxListener listener;
    final Group group;
    final AtomicBoolean fetchQueued = new AtomicBoolean();
    final ReentrantLock delivery = new ReentrantLock();
    volatile SyncCursor cursor;
    volatile WatchState state = WatchState.CONNECTING;
    volatile boolean removed;
    /** Folder-level failures in a row; guarded by the group. */
    int failuresInARow;
    /** Messages per UID FETCH; smaller after an answer beyond the budget. Fetch thread. */
    volatile int batchSize = IdleSync.BATCH;

    Entry(String key, MailAccount account, String folder, SyncCursor cursor,
        MailboxListener listener, Group group) {
      this.key = key;
      this.account = account;
      this.folder = folder;
      this.cursor = cursor;
      this.listener = listener;
      this.group = group;
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
