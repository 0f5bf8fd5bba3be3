package com.lumyvo.providers.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.diagnosis.FailureKind;
import com.lumyvo.providers.mail.mailbox.SyncBatch;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.junit.FakeProviderExtension;
import com.lumyvo.providers.mail.testing.Fault;
import com.lumyvo.providers.mail.watch.MailboxListener;
import com.lumyvo.providers.mail.watch.MailboxWatcher;
import com.lumyvo.providers.mail.watch.WatchPolicy;
import com.lumyvo.providers.mail.watch.WatchState;
import com.lumyvo.providers.mail.watch.WatchedMailbox;
import com.lumyvo.providers.mail.watch.WatcherEventListener;
import com.lumyvo.providers.mail.watch.WatcherOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailboxWatcherTest {
  @RegisterExtension
  final FakeProviderExtension fake = FakeProviderExtension.create();

  private static final AppPassword PASSWORD = AppPassword.of("right-app-password");
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static WatcherOptions.Builder fast() {
    return WatcherOptions.builder().idleRefresh(Duration.ofSeconds(2))
        .pollInterval(Duration.ofMillis(300))
        .policy(WatchPolicy.backoff(Duration.ofMillis(100), Duration.ofSeconds(1)));
  }

  /** Collects what one mailbox reports. */
  static class Recorder implements MailboxListener {
    final BlockingQueue<String> subjects = new LinkedBlockingQueue<>();
    final Set<Long> uids = ConcurrentHashMap.newKeySet();
    final AtomicInteger readies = new AtomicInteger();
    final BlockingQueue<Diagnosis> failures = new LinkedBlockingQueue<>();
    volatile Diagnosis stoppedWith;

    @Override
    public void onMessages(SyncBatch batch) {
      batch.messages().forEach(m -> {
        subjects.add(m.subject());
        uids.add(m.uid());
      });
    }

    @Override
    public void onReady() {
      readies.incrementAndGet();
    }

    @Override
    public void onFailure(Diagnosis diagnosis, boolean stopped) {
      failures.add(diagnosis);
      if (stopped) {
        stoppedWith = diagnosis;
      }
    }

    String next() throws InterruptedException {
      return subjects.poll(20, TimeUnit.SECONDS);
    }
  }

  /** Counts connection attempts per mailbox address. */
  static class Connects implements WatcherEventListener {
    final Map<String, AtomicInteger> byAddress = new ConcurrentHashMap<>();

    @Override
    public void connectStart(WatchedMailbox mailbox) {
      byAddress.computeIfAbsent(mailbox.account().address().toString(),
          a -> new AtomicInteger()).incrementAndGet();
    }

    int of(String address) {
      AtomicInteger n = byAddress.get(address);
      return n == null ? 0 : n.get();
    }
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    await(what, condition, () -> "");
  }

  private static void await(String what, BooleanSupplier condition,
      java.util.function.Supplier<Object> details) throws InterruptedException {
    long end = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("still not " + what + " after " + WAIT + " " + details.get());
      }
      Thread.sleep(20);
    }
  }

  @ParameterizedTest(name = "idle supported: {0}")
  @ValueSource(booleans = {true, false})
  void catchesUpThenDeliversNewMailAndComesBackAfterADrop(boolean idle) throws Exception {
    MailAccount account = fake.get().addAccount("anna@fake.example", PASSWORD);
    if (!idle) {
      fake.get().inject(Fault.WITHOUT_IDLE);
    }
    fake.get().deliver("anna@fake.example", Messages.numbered(1));
    Recorder recorder = new Recorder();
    try (MailboxWatcher watcher = fake.get().connector().watcher(fast().build())) {
      WatchedMailbox inbox = watcher.add(account, "INBOX", SyncCursor.beginning(), recorder);
      assertThat(recorder.next()).isEqualTo("Message 1");
      await("listening", () -> inbox.state() == WatchState.LISTENING);
      assertThat(recorder.readies.get()).isEqualTo(1);

      fake.get().deliver("anna@fake.example", Messages.numbered(2));
      assertThat(recorder.next()).isEqualTo("Message 2");

      fake.get().dropConnections();
      fake.get().deliver("anna@fake.example", Messages.numbered(3));
      assertThat(recorder.next()).isEqualTo("Message 3");
      await("ready again", () -> recorder.readies.get() >= 2
          && inbox.state() == WatchState.LISTENING);
      fake.get().deliver("anna@fake.example", Messages.numbered(4));
      assertThat(recorder.next()).isEqualTo("Message 4");
      await("at message 4", () -> inbox.cursor().lastUid() == 4);
      assertThat(watcher.remove(inbox).lastUid()).isEqualTo(4);
      assertThat(inbox.state()).isEqualTo(WatchState.REMOVED);
      assertThat(watcher.stats().notifications()).isPositive();
    }
  }

  @Test
  void aRejectedLoginStopsTheWatchAndIsNeverTriedAgain() throws Exception {
    fake.get().addAccount("anna@fake.example", PASSWORD);
    MailAccount wrong = MailAccount.builder("anna@fake.example", AppPassword.of("wrong-one"))
        .provider(fake.get().descriptor()).build();
    MailAccount bob = fake.get().addAccount("bob@fake.example", PASSWORD);
    Connects connects = new Connects();
    Recorder anna = new Recorder();
    Recorder bobs = new Recorder();
    try (MailboxWatcher watcher = fake.get().connector().watcher(
        fast().eventListener(connects).build())) {
      WatchedMailbox stopped = watcher.add(wrong, "INBOX", SyncCursor.beginning(), anna);
      WatchedMailbox listening = watcher.add(bob, "INBOX", SyncCursor.beginning(), bobs);
      await("stopped", () -> stopped.state() == WatchState.STOPPED && anna.stoppedWith != null);
      assertThat(anna.stoppedWith.kind()).isEqualTo(FailureKind.INVALID_CREDENTIALS);
      await("bob listening", () -> listening.state() == WatchState.LISTENING);

      // Time passes for the watcher: bob's connection is cut and comes back, twice.
      for (int i = 2; i <= 3; i++) {
        fake.get().dropConnections();
        int readies = i;
        await("bob back", () -> bobs.readies.get() >= readies);
      }
      assertThat(connects.of("anna@fake.example")).isEqualTo(1);
      assertThat(stopped.state()).isEqualTo(WatchState.STOPPED);
      assertThat(anna.failures).hasSize(1);
      assertThat(watcher.stats().gaveUp()).isEqualTo(1);

      // Added again (the person fixed the password), it is a new watch.
      watcher.remove(stopped);
      Recorder again = new Recorder();
      WatchedMailbox fixed = watcher.add(fake.get().addAccount("anna@fake.example", PASSWORD),
          "INBOX", SyncCursor.beginning(), again);
      await("anna listening", () -> fixed.state() == WatchState.LISTENING);
    }
  }

  @Test
  void aMissingFolderAndADisabledAccountStopTheWatchWithTheirDiagnosis() throws Exception {
    MailAccount anna = fake.get().addAccount("anna@fake.example", PASSWORD);
    Recorder missing = new Recorder();
    try (MailboxWatcher watcher = fake.get().connector().watcher(fast().build())) {
      WatchedMailbox nowhere = watcher.add(anna, "No such folder", SyncCursor.beginning(),
          missing);
      await("stopped", () -> missing.stoppedWith != null);
      assertThat(missing.stoppedWith.kind()).isEqualTo(FailureKind.MAILBOX_NOT_FOUND);
      assertThat(nowhere.state()).isEqualTo(WatchState.STOPPED);

      fake.get().inject(Fault.IMAP_ACCESS_DISABLED);
      Recorder disabled = new Recorder();
      WatchedMailbox bob = watcher.add(fake.get().addAccount("bob@fake.example", PASSWORD),
          "INBOX", SyncCursor.beginning(), disabled);
      await("refused", () -> disabled.stoppedWith != null);
      assertThat(disabled.stoppedWith.kind()).isEqualTo(FailureKind.ACCESS_DISABLED);
      assertThat(bob.state()).isEqualTo(WatchState.STOPPED);
    }
  }

  @Test
  void aListenerThatThrowsGetsTheSameMessagesAgain() throws Exception {
    MailAccount account = fake.get().addAccount("anna@fake.example", PASSWORD);
    fake.get().deliver("anna@fake.example", Messages.numbered(1));
    AtomicInteger calls = new AtomicInteger();
    Recorder recorder = new Recorder() {
      @Override
      public void onMessages(SyncBatch batch) {
        if (calls.incrementAndGet() == 1) {
          throw new IllegalStateException("the service's database is down");
        }
        super.onMessages(batch);
      }
    };
    try (MailboxWatcher watcher = fake.get().connector().watcher(fast().build())) {
      WatchedMailbox inbox = watcher.add(account, "INBOX", SyncCursor.beginning(), recorder);
      assertThat(recorder.next()).isEqualTo("Message 1");
      assertThat(recorder.failures.poll(5, TimeUnit.SECONDS)).isNotNull();
      await("at message 1", () -> inbox.cursor().lastUid() == 1);
    }
  }

  @Test
  void aFrozenConnectionIsNoticedWhenIdleIsRenewed() throws Exception {
    MailAccount account = fake.get().addAccount("anna@fake.example", PASSWORD);
    Recorder recorder = new Recorder();
    try (MailboxWatcher watcher = fake.get().connector().watcher(
        fast().idleRefresh(Duration.ofMillis(500)).build())) {
      WatchedMailbox inbox = watcher.add(account, "INBOX", SyncCursor.beginning(), recorder);
      await("listening", () -> inbox.state() == WatchState.LISTENING);
      fake.get().freezeConnections();
      Diagnosis failure = recorder.failures.poll(20, TimeUnit.SECONDS);
      assertThat(failure).isNotNull();
      assertThat(failure.kind()).isEqualTo(FailureKind.TIMEOUT);
      await("ready again", () -> recorder.readies.get() >= 2);
      fake.get().deliver("anna@fake.example", Messages.numbered(1));
      assertThat(recorder.next()).isEqualTo("Message 1");
    }
  }

  @Test
  void addingTwiceAndRemovingAStrangerAreRefused() {
    MailAccount account = fake.get().addAccount("anna@fake.example", PASSWORD);
    try (MailboxWatcher watcher = fake.get().connector().watcher(fast().build());
        MailboxWatcher other = fake.get().connector().watcher(fast().build())) {
      WatchedMailbox inbox = watcher.add(account, "INBOX", SyncCursor.beginning(), new Recorder());
      assertThatThrownBy(() -> watcher.add(account, "INBOX", SyncCursor.beginning(),
          new Recorder())).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("watched already");
      assertThatThrownBy(() -> other.remove(inbox)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> watcher.add(null, "INBOX", SyncCursor.beginning(),
          new Recorder())).isInstanceOf(NullPointerException.class).hasMessage("account");
    }
  }

  /**
   * Hundreds of mailboxes, some with a wrong password, some watching a missing folder; every
   * connection is cut twice: each mailbox ends listening or stopped with the right diagnosis, a
   * rejected login is tried once, mail reaches every listening mailbox, and the watcher's threads
   * stay what its options say.
   */
  @Test
  void hundredsOfMailboxesWithFaultsEachEndListeningOrStoppedWithTheRightDiagnosis()
      throws Exception {
    int good = 160;
    int wrongPassword = 20;
    int missingFolder = 20;
    Connects connects = new Connects();
    WatcherOptions options = fast().idleRefresh(Duration.ofSeconds(30))
        .maxConcurrentHandshakes(8).eventListener(connects).build();
    Map<String, Recorder> recorders = new ConcurrentHashMap<>();
    Map<String, WatchedMailbox> watched = new ConcurrentHashMap<>();
    try (MailboxWatcher watcher = fake.get().connector().watcher(options)) {
      for (int i = 0; i < good + wrongPassword + missingFolder; i++) {
        String address = "user" + i + "@fake.example";
        MailAccount account = fake.get().addAccount(address, PASSWORD);
        String folder = "INBOX";
        if (i >= good && i < good + wrongPassword) {
          account = MailAccount.builder(address, AppPassword.of("wrong-" + i))
              .provider(fake.get().descriptor()).build();
        } else if (i >= good + wrongPassword) {
          folder = "Missing " + i;
        }
        Recorder recorder = new Recorder();
        recorders.put(address, recorder);
        watched.put(address, watcher.add(account, folder, SyncCursor.beginning(), recorder));
        assertThat(watcher.stats().handshakesInProgress()).isLessThanOrEqualTo(8);
      }
      BooleanSupplier settled = () -> watched.values().stream()
          .allMatch(w -> w.state() == WatchState.LISTENING || w.state() == WatchState.STOPPED);
      await("settled", settled);

      for (int round = 1; round <= 2; round++) {
        fake.get().dropConnections();
        int readies = round + 1;
        await("back after drop " + round, () -> watched.entrySet().stream()
            .filter(e -> e.getValue().state() != WatchState.STOPPED)
            .allMatch(e -> recorders.get(e.getKey()).readies.get() >= readies
                && e.getValue().state() == WatchState.LISTENING),
            () -> watcher.stats() + " " + watched.entrySet().stream()
                .filter(e -> e.getValue().state() != WatchState.STOPPED
                    && (e.getValue().state() != WatchState.LISTENING
                    || recorders.get(e.getKey()).readies.get() < readies))
                .limit(5).map(e -> e.getValue() + " readies "
                    + recorders.get(e.getKey()).readies.get()).toList());
      }
      for (int i = 0; i < good; i++) {
        fake.get().deliver("user" + i + "@fake.example", Messages.numbered(i));
      }
      for (int i = 0; i < good; i++) {
        String address = "user" + i + "@fake.example";
        assertThat(recorders.get(address).next()).as(address).isEqualTo("Message " + i);
        assertThat(watched.get(address).state()).isEqualTo(WatchState.LISTENING);
      }
      for (int i = good; i < good + wrongPassword + missingFolder; i++) {
        String address = "user" + i + "@fake.example";
        Recorder recorder = recorders.get(address);
        assertThat(watched.get(address).state()).as(address).isEqualTo(WatchState.STOPPED);
        assertThat(recorder.stoppedWith.kind()).as(address).isEqualTo(i < good + wrongPassword
            ? FailureKind.INVALID_CREDENTIALS : FailureKind.MAILBOX_NOT_FOUND);
        if (i < good + wrongPassword) {
          assertThat(connects.of(address)).as("logins of " + address).isEqualTo(1);
        }
      }
      int budget = options.ioThreads() + options.handshakeThreads() + options.fetchThreads();
      assertThat(watcher.stats().threads()).isLessThanOrEqualTo(budget);
      assertThat(threadsNamed("lumyvo-watcher-")).isLessThanOrEqualTo(budget);
      assertThat(watcher.stats().count(WatchState.LISTENING)).isEqualTo(good);
      assertThat(watcher.stats().count(WatchState.STOPPED))
          .isEqualTo(wrongPassword + missingFolder);
    }
    await("no watcher threads after close", () -> threadsNamed("lumyvo-watcher-") == 0);
  }

  private static long threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith(prefix) && t.isAlive()).count();
  }

  /**
   * Mail keeps arriving while mailboxes are removed and added again from the cursor their
   * removal returned, as when a service hands them to another instance: every message reaches a
   * listener.
   */
  @Test
  void addAndRemoveUnderLoadLoseNoMessage() throws Exception {
    int boxes = 20;
    int perBox = 12;
    Map<String, Set<Long>> seen = new ConcurrentHashMap<>();
    Map<String, MailAccount> accounts = new ConcurrentHashMap<>();
    Map<String, WatchedMailbox> watched = new ConcurrentHashMap<>();
    try (MailboxWatcher watcher = fake.get().connector().watcher(fast().build())) {
      for (int i = 0; i < boxes; i++) {
        String address = "user" + i + "@fake.example";
        accounts.put(address, fake.get().addAccount(address, PASSWORD));
        seen.put(address, ConcurrentHashMap.newKeySet());
        watched.put(address, watcher.add(accounts.get(address), "INBOX",
            SyncCursor.beginning(), collector(seen.get(address))));
      }
      CountDownLatch delivered = new CountDownLatch(1);
      Thread sender = new Thread(() -> {
        for (int n = 1; n <= perBox; n++) {
          for (int i = 0; i < boxes; i++) {
            fake.get().deliver("user" + i + "@fake.example", Messages.numbered(n));
          }
        }
        delivered.countDown();
      });
      sender.start();
      int moves = 0;
      while (delivered.getCount() > 0 || moves < boxes) {
        String address = "user" + (moves % boxes) + "@fake.example";
        SyncCursor handedOver = watcher.remove(watched.get(address));
        watched.put(address, watcher.add(accounts.get(address), "INBOX", handedOver,
            collector(seen.get(address))));
        moves++;
        Thread.sleep(5);
      }
      sender.join();
      await("every message seen", () -> seen.values().stream()
          .allMatch(uids -> uids.size() == perBox));
      for (Set<Long> uids : seen.values()) {
        assertThat(uids).containsExactlyInAnyOrderElementsOf(
            java.util.stream.LongStream.rangeClosed(1, perBox).boxed().toList());
      }
      assertThat(List.copyOf(watcher.mailboxes())).hasSize(boxes);
    }
  }

  private static MailboxListener collector(Set<Long> uids) {
    return batch -> batch.messages().forEach(m -> uids.add(m.uid()));
  }
}
