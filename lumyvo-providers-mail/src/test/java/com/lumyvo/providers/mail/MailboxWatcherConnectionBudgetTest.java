package com.lumyvo.providers.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.diagnosis.FailureKind;
import com.lumyvo.providers.mail.junit.FakeProviderExtension;
import com.lumyvo.providers.mail.mailbox.SyncBatch;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.testing.RecordedCommand;
import com.lumyvo.providers.mail.watch.MailboxListener;
import com.lumyvo.providers.mail.watch.MailboxWatcher;
import com.lumyvo.providers.mail.watch.WatchPolicy;
import com.lumyvo.providers.mail.watch.WatchState;
import com.lumyvo.providers.mail.watch.WatchedMailbox;
import com.lumyvo.providers.mail.watch.WatcherOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The connection budget: a watched account costs its provider exactly one IMAP connection,
 * whatever the number of its watched folders, while it catches up, listens and receives new
 * mail; the fake's journal says which connection sent every command.
 */
class MailboxWatcherConnectionBudgetTest {
  @RegisterExtension
  final FakeProviderExtension fake = FakeProviderExtension.create();

  private static final AppPassword PASSWORD = AppPassword.of("right-app-password");
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final List<String> FOLDERS = List.of("INBOX", "Work", "Lists");

  private static WatcherOptions options() {
    return WatcherOptions.builder().idleRefresh(Duration.ofSeconds(2))
        .pollInterval(Duration.ofMillis(300))
        .policy(WatchPolicy.backoff(Duration.ofMillis(100), Duration.ofSeconds(1))).build();
  }

  /** Every (folder, UID) handed to it, in order, duplicates kept; and how it was told. */
  static class Deliveries implements MailboxListener {
    final List<Long> uids = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger readies = new AtomicInteger();
    volatile Diagnosis stoppedWith;

    @Override
    public void onMessages(SyncBatch batch) {
      batch.messages().forEach(m -> uids.add(m.uid()));
    }

    @Override
    public void onReady() {
      readies.incrementAndGet();
    }

    @Override
    public void onFailure(Diagnosis diagnosis, boolean stopped) {
      if (stopped) {
        stoppedWith = diagnosis;
      }
    }

    int distinct() {
      synchronized (uids) {
        return new TreeSet<>(uids).size();
      }
    }
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("still not " + what + " after " + WAIT);
      }
      Thread.sleep(20);
    }
  }

  private boolean idles(String address, String folder) {
    try {
      return fake.get().awaitIdle(address, folder, Duration.ZERO);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The IMAP connections that sent the journal's commands, and the commands' names. */
  private record Journal(Set<Integer> connections, List<String> names, List<String> lines) {
    static Journal of(List<RecordedCommand> commands) {
      List<RecordedCommand> imap = commands.stream()
          .filter(c -> c.protocol() == Protocol.IMAP).toList();
      return new Journal(imap.stream().map(RecordedCommand::connection)
          .collect(Collectors.toCollection(TreeSet::new)),
          imap.stream().map(RecordedCommand::name).toList(),
          imap.stream().map(RecordedCommand::line).toList());
    }

    long count(String name) {
      return names.stream().filter(name::equals).count();
    }
  }

  @ParameterizedTest(name = "{0} watched folder(s)")
  @ValueSource(ints = {1, 3})
  void oneAccountHoldsExactlyOneConnectionWhileCatchingUpAndReceivingNewMail(int folders)
      throws Exception {
    String address = "anna@fake.example";
    MailAccount account = fake.get().addAccount(address, PASSWORD);
    List<String> watchedFolders = FOLDERS.subList(0, folders);
    for (String folder : watchedFolders) {
      fake.get().createFolder(address, folder);
      for (int n = 1; n <= 3; n++) { // waiting there before the watch starts
        fake.get().deliver(address, folder, Messages.numbered(n));
      }
    }
    List<Deliveries> listeners = new ArrayList<>();
    List<WatchedMailbox> watched = new ArrayList<>();
    java.util.Map<String, List<Long>> notified = new java.util.concurrent.ConcurrentHashMap<>();
    WatcherOptions withEvents = options().toBuilder().eventListener(
        new com.lumyvo.providers.mail.watch.WatcherEventListener() {
          @Override
          public void notified(WatchedMailbox mailbox, long messages) {
            notified.computeIfAbsent(mailbox.folder(),
                f -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(messages);
          }
        }).build();
    try (MailboxWatcher watcher = fake.get().connector().watcher(withEvents)) {
      for (String folder : watchedFolders) {
        Deliveries listener = new Deliveries();
        listeners.add(listener);
        watched.add(watcher.add(account, folder, SyncCursor.beginning(), listener));
      }
      await("caught up", () -> listeners.stream().allMatch(l -> l.distinct() == 3));
      await("listening", () -> watched.stream()
          .allMatch(w -> w.state() == WatchState.LISTENING));
      assertThat(fake.get().connectionsAccepted()).as("connections while catching up")
          .isEqualTo(1);

      for (int n = 4; n <= 6; n++) { // new mail, in every folder, while the watch listens
        for (String folder : watchedFolders) {
          fake.get().deliver(address, folder, Messages.numbered(n));
        }
        int expected = n;
        await("message " + n + " delivered", () -> listeners.stream()
            .allMatch(l -> l.distinct() == expected));
      }
      for (int i = 0; i < folders; i++) {
        Deliveries listener = listeners.get(i);
        assertThat(new TreeSet<>(listener.uids)).as(watchedFolders.get(i))
            .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        // Nothing failed, so nothing came twice: at least once never became twice here.
        assertThat(listener.uids).as(watchedFolders.get(i)).hasSize(6);
        assertThat(listener.readies.get()).isEqualTo(1);
        await("cursor at 6", () -> watched.stream().allMatch(w -> w.cursor().lastUid() == 6));
      }
      assertThat(fake.get().connectionsAccepted()).as("connections after new mail")
          .isEqualTo(1);
      // INBOX's EXISTS carries the count; the other folders' STATUS checks do not.
      assertThat(notified.get("INBOX")).isNotEmpty().allMatch(n -> n >= 4 && n <= 6);
      for (String other : watchedFolders.subList(1, folders)) {
        assertThat(notified.get(other)).as(other).isNotEmpty().containsOnly(-1L);
      }
      assertThat(watcher.stats().connects()).isEqualTo(1);
    }
    Journal journal = Journal.of(fake.get().takeCommands());
    assertThat(journal.connections()).as("connections that sent commands").containsExactly(1);
    assertThat(journal.count("LOGIN") + journal.count("AUTHENTICATE")).isEqualTo(1);
    // The catch-up and the new mail were fetched over the idle connection itself.
    assertThat(journal.count("UID FETCH")).isPositive();
    assertThat(journal.count("UID SEARCH")).isPositive();
    assertThat(journal.count("IDLE")).isGreaterThan(1);
    if (folders > 1) {
      assertThat(journal.count("STATUS")).as("the other folders checked between IDLEs")
          .isPositive();
    }
  }

  @Test
  void removingAFolderKeepsTheAccountsConnectionAndRemovingTheLastClosesIt() throws Exception {
    String address = "anna@fake.example";
    MailAccount account = fake.get().addAccount(address, PASSWORD);
    FOLDERS.forEach(folder -> fake.get().createFolder(address, folder));
    List<Deliveries> listeners = new ArrayList<>();
    List<WatchedMailbox> watched = new ArrayList<>();
    try (MailboxWatcher watcher = fake.get().connector().watcher(options())) {
      for (String folder : FOLDERS) {
        Deliveries listener = new Deliveries();
        listeners.add(listener);
        watched.add(watcher.add(account, folder, SyncCursor.beginning(), listener));
      }
      await("listening", () -> watched.stream()
          .allMatch(w -> w.state() == WatchState.LISTENING));

      // The idle folder goes first: the connection idles in the next one.
      watcher.remove(watched.get(0));
      fake.get().deliver(address, "Work", Messages.numbered(1));
      fake.get().deliver(address, "Lists", Messages.numbered(1));
      await("delivered after INBOX's removal", () -> listeners.get(1).distinct() == 1
          && listeners.get(2).distinct() == 1);
      assertThat(fake.get().awaitIdle(address, "Work", WAIT)).isTrue();

      watcher.remove(watched.get(2));
      fake.get().deliver(address, "Work", Messages.numbered(2));
      await("delivered after Lists' removal", () -> listeners.get(1).distinct() == 2);
      assertThat(fake.get().connectionsAccepted()).isEqualTo(1);
      assertThat(listeners.get(0).uids).isEmpty();

      watcher.remove(watched.get(1));
      await("closed", () -> !idles(address, "Work"));
      assertThat(watcher.mailboxes()).isEmpty();
      assertThat(fake.get().connectionsAccepted()).isEqualTo(1);
    }
  }

  @Test
  void aMissingFolderStopsOnlyItselfOnTheSharedConnection() throws Exception {
    String address = "anna@fake.example";
    MailAccount account = fake.get().addAccount(address, PASSWORD);
    fake.get().createFolder(address, "Work");
    Deliveries missingFirst = new Deliveries();
    Deliveries inbox = new Deliveries();
    Deliveries missingLater = new Deliveries();
    Deliveries work = new Deliveries();
    try (MailboxWatcher watcher = fake.get().connector().watcher(options())) {
      // The missing folder is the first added, so the one the connection would idle in.
      WatchedMailbox gone = watcher.add(account, "No such folder", SyncCursor.beginning(),
          missingFirst);
      WatchedMailbox in = watcher.add(account, "INBOX", SyncCursor.beginning(), inbox);
      WatchedMailbox alsoGone = watcher.add(account, "Nor this one", SyncCursor.beginning(),
          missingLater);
      WatchedMailbox w = watcher.add(account, "Work", SyncCursor.beginning(), work);
      await("settled", () -> gone.state() == WatchState.STOPPED
          && alsoGone.state() == WatchState.STOPPED && in.state() == WatchState.LISTENING
          && w.state() == WatchState.LISTENING);
      assertThat(missingFirst.stoppedWith.kind()).isEqualTo(FailureKind.MAILBOX_NOT_FOUND);
      assertThat(missingLater.stoppedWith.kind()).isEqualTo(FailureKind.MAILBOX_NOT_FOUND);

      fake.get().deliver(address, Messages.numbered(1));
      fake.get().deliver(address, "Work", Messages.numbered(1));
      await("delivered", () -> inbox.distinct() == 1 && work.distinct() == 1);
      assertThat(inbox.stoppedWith).isNull();
      assertThat(work.stoppedWith).isNull();
      assertThat(fake.get().connectionsAccepted()).isEqualTo(1);
      assertThat(watcher.stats().count(WatchState.STOPPED)).isEqualTo(2);
    }
  }

  @Test
  void theSameLoginWithAnotherPasswordIsAConnectionOfItsOwn() throws Exception {
    String address = "anna@fake.example";
    MailAccount right = fake.get().addAccount(address, PASSWORD);
    fake.get().createFolder(address, "Work");
    MailAccount wrong = MailAccount.builder(address, AppPassword.of("an-old-one"))
        .provider(fake.get().descriptor()).build();
    Deliveries inbox = new Deliveries();
    Deliveries work = new Deliveries();
    try (MailboxWatcher watcher = fake.get().connector().watcher(options())) {
      WatchedMailbox listening = watcher.add(right, "INBOX", SyncCursor.beginning(), inbox);
      WatchedMailbox stopped = watcher.add(wrong, "Work", SyncCursor.beginning(), work);
      await("settled", () -> listening.state() == WatchState.LISTENING
          && stopped.state() == WatchState.STOPPED);
      assertThat(work.stoppedWith.kind()).isEqualTo(FailureKind.INVALID_CREDENTIALS);
      assertThat(fake.get().connectionsAccepted()).isEqualTo(2);
      fake.get().deliver(address, Messages.numbered(1));
      await("delivered", () -> inbox.distinct() == 1);
    }
  }

  @Test
  void aRejectedLoginStopsEveryFolderOfTheAccountAfterOneAttempt() throws Exception {
    String address = "anna@fake.example";
    fake.get().addAccount(address, PASSWORD);
    MailAccount wrong = MailAccount.builder(address, AppPassword.of("wrong-one"))
        .provider(fake.get().descriptor()).build();
    MailAccount bob = fake.get().addAccount("bob@fake.example", PASSWORD);
    List<Deliveries> listeners = new ArrayList<>();
    List<WatchedMailbox> watched = new ArrayList<>();
    Deliveries bobs = new Deliveries();
    try (MailboxWatcher watcher = fake.get().connector().watcher(options())) {
      for (String folder : FOLDERS) {
        Deliveries listener = new Deliveries();
        listeners.add(listener);
        watched.add(watcher.add(wrong, folder, SyncCursor.beginning(), listener));
      }
      WatchedMailbox bobsInbox = watcher.add(bob, "INBOX", SyncCursor.beginning(), bobs);
      await("stopped", () -> listeners.stream().allMatch(l -> l.stoppedWith != null));
      for (Deliveries listener : listeners) {
        assertThat(listener.stoppedWith.kind()).isEqualTo(FailureKind.INVALID_CREDENTIALS);
      }
      await("bob listening", () -> bobsInbox.state() == WatchState.LISTENING);
      // Time passes: bob's connection is cut and comes back, twice; anna's is never retried.
      for (int i = 2; i <= 3; i++) {
        fake.get().dropConnections();
        int readies = i;
        await("bob back", () -> bobs.readies.get() >= readies);
      }
      assertThat(watched).allMatch(w -> w.state() == WatchState.STOPPED);
      assertThat(watcher.stats().gaveUp()).isEqualTo(FOLDERS.size());
    }
    List<String> logins = Journal.of(fake.get().takeCommands()).lines().stream()
        .filter(line -> line.contains("LOGIN") || line.contains("AUTHENTICATE")).toList();
    // Anna's one attempt, and bob's three logins (first, and after each cut).
    assertThat(logins).hasSize(4);
  }

  /**
   * An answer to a fetch larger than the connector's response budget fails the account's
   * connection with a diagnosis, rather than filling the heap; other accounts are not touched.
   */
  @Test
  void aFetchAnswerLargerThanTheBudgetIsADiagnosisNotAnOutOfMemory() throws Exception {
    MailAccount anna = fake.get().addAccount("anna@fake.example", PASSWORD);
    MailAccount bob = fake.get().addAccount("bob@fake.example", PASSWORD);
    jakarta.mail.internet.MimeMessage huge = Messages.numbered(1);
    huge.setSubject("x".repeat(200_000)); // one header field of 200 kB, in the summary's items
    huge.saveChanges();
    fake.get().deliver("anna@fake.example", huge);
    java.util.concurrent.BlockingQueue<Diagnosis> failures =
        new java.util.concurrent.LinkedBlockingQueue<>();
    Deliveries annas = new Deliveries() {
      @Override
      public void onFailure(Diagnosis diagnosis, boolean stopped) {
        failures.add(diagnosis);
      }
    };
    Deliveries bobs = new Deliveries();
    MailConnector connector = fake.get().connectorBuilder().maxResponseBytes(64 * 1024).build();
    try (MailboxWatcher watcher = connector.watcher(options())) {
      watcher.add(anna, "INBOX", SyncCursor.beginning(), annas);
      watcher.add(bob, "INBOX", SyncCursor.beginning(), bobs);
      // On a busy machine a handshake may time out first; that one is retried, and then the
      // answer's size is what fails it.
      List<Diagnosis> seen = new ArrayList<>();
      await("failed for its size", () -> {
        failures.drainTo(seen);
        return seen.stream().anyMatch(d -> d.kind() == FailureKind.PROTOCOL_ERROR);
      });
      assertThat(annas.uids).isEmpty();
      fake.get().deliver("bob@fake.example", Messages.numbered(1));
      await("bob's mail delivered", () -> bobs.distinct() == 1);
    }
  }

  /**
   * A batch whose answer goes beyond the budget though each message fits: after the failure the
   * watcher asks for smaller batches, and every message arrives.
   */
  @Test
  void aBatchBeyondTheBudgetIsFetchedAgainInSmallerBatches() throws Exception {
    MailAccount anna = fake.get().addAccount("anna@fake.example", PASSWORD);
    for (int n = 1; n <= 2; n++) {
      jakarta.mail.internet.MimeMessage large = Messages.numbered(n);
      large.setSubject("x".repeat(40_000)); // two of them exceed 64 KiB, one does not
      large.saveChanges();
      fake.get().deliver("anna@fake.example", large);
    }
    java.util.concurrent.BlockingQueue<Diagnosis> failures =
        new java.util.concurrent.LinkedBlockingQueue<>();
    Deliveries annas = new Deliveries() {
      @Override
      public void onFailure(Diagnosis diagnosis, boolean stopped) {
        failures.add(diagnosis);
      }
    };
    MailConnector connector = fake.get().connectorBuilder().maxResponseBytes(64 * 1024).build();
    try (MailboxWatcher watcher = connector.watcher(options())) {
      WatchedMailbox inbox = watcher.add(anna, "INBOX", SyncCursor.beginning(), annas);
      await("both delivered", () -> annas.distinct() == 2);
      await("at message 2", () -> inbox.cursor().lastUid() == 2);
    }
    assertThat(failures).extracting(Diagnosis::kind).contains(FailureKind.PROTOCOL_ERROR);
  }
}
