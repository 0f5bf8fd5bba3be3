package com.lumyvo.providers.mail.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.ServerEndpoint;
import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.diagnosis.FailureKind;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.mailbox.MessageSummary;
import com.lumyvo.providers.mail.mailbox.SyncBatch;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.watch.MailboxListener;
import com.lumyvo.providers.mail.watch.MailboxWatcher;
import com.lumyvo.providers.mail.watch.WatchPolicy;
import com.lumyvo.providers.mail.watch.WatchState;
import com.lumyvo.providers.mail.watch.WatchedMailbox;
import com.lumyvo.providers.mail.watch.WatcherOptions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link MailboxWatcher} on Dovecot: its own IDLE client over implicit TLS, STARTTLS and plain
 * loopback catches up, hears of appended mail and fetches it through the sync path; after a cut
 * it comes back; a wrong password and a missing folder stop the watch after one login.
 */
class MailboxWatcherCompatibilityTest extends RealServerTest {
  private static final WatcherOptions FAST = WatcherOptions.builder()
      .policy(WatchPolicy.backoff(Duration.ofMillis(200), Duration.ofSeconds(2))).build();

  static class Recorder implements MailboxListener {
    final List<MessageSummary> messages = new CopyOnWriteArrayList<>();
    final AtomicInteger readies = new AtomicInteger();
    final AtomicReference<Diagnosis> stopped = new AtomicReference<>();

    @Override
    public void onMessages(SyncBatch batch) {
      messages.addAll(batch.messages());
    }

    @Override
    public void onReady() {
      readies.incrementAndGet();
    }

    @Override
    public void onFailure(Diagnosis diagnosis, boolean stop) {
      if (stop) {
        stopped.set(diagnosis);
      }
    }

    boolean has(String subject) {
      return messages.stream().anyMatch(m -> m.subject().equals(subject));
    }
  }

  private ServerEndpoint endpoint(String name) {
    switch (name) {
      case "imaps":
        return servers.imaps();
      case "starttls":
        return servers.imapStarttls();
      default:
        return servers.imapPlain();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"imaps", "starttls", "plain"})
  void catchesUpHearsOfNewMailAndComesBackAfterACut(String via) throws Exception {
    MailAccount bob = servers.newAccount();
    servers.seed(bob, "INBOX", 2);
    Recorder recorder = new Recorder();
    try (CuttingRelay relay = new CuttingRelay(servers.imapPlain());
        MailboxWatcher watcher = connector.watcher(FAST)) {
      ServerEndpoint idleVia = via.equals("plain") ? relay.endpoint() : endpoint(via);
      WatchedMailbox inbox = watcher.add(servers.on(idleVia, bob), "INBOX",
          SyncCursor.beginning(), recorder);
      assertThat(Suite.await(Suite.ARRIVAL, () -> recorder.messages.size() == 2
          && inbox.state() == WatchState.LISTENING ? true : null)).isNotNull();

      String appended = "appended " + UUID.randomUUID();
      servers.append(bob, "INBOX", Suite.rfc822(bob, appended, "<" + UUID.randomUUID()
          + "@lumyvo.test>"));
      assertThat(Suite.await(Suite.ARRIVAL, () -> recorder.has(appended) ? true : null))
          .isNotNull();

      if (via.equals("plain")) {
        relay.cutAll();
        String whileCut = "while cut " + UUID.randomUUID();
        servers.append(bob, "INBOX", Suite.rfc822(bob, whileCut, "<" + UUID.randomUUID()
            + "@lumyvo.test>"));
        assertThat(Suite.await(Suite.ARRIVAL, () -> recorder.has(whileCut)
            && recorder.readies.get() >= 2 ? true : null)).isNotNull();
      }
      assertThat(recorder.messages.stream().map(MessageSummary::uid).distinct().count())
          .isEqualTo(recorder.messages.size());
      assertThat(watcher.remove(inbox).lastUid()).isEqualTo(recorder.messages.size());
    }
  }

  @Test
  void aWrongPasswordAndAMissingFolderStopAfterOneLogin() throws Exception {
    MailAccount anna = servers.newAccount();
    MailAccount wrong = MailAccount.builder(anna.address().toString(),
        AppPassword.of("not-the-password")).imap(anna.imap()).smtp(anna.smtp().get(0)).build();
    Recorder rejected = new Recorder();
    Recorder missing = new Recorder();
    try (MailboxWatcher watcher = connector.watcher(FAST)) {
      WatchedMailbox a = watcher.add(wrong, "INBOX", SyncCursor.beginning(), rejected);
      WatchedMailbox b = watcher.add(anna, "Nowhere", SyncCursor.beginning(), missing);
      assertThat(Suite.await(Suite.ARRIVAL, () -> rejected.stopped.get() != null
          && missing.stopped.get() != null ? true : null)).isNotNull();
      assertThat(rejected.stopped.get().kind()).isEqualTo(FailureKind.INVALID_CREDENTIALS);
      assertThat(missing.stopped.get().kind()).isEqualTo(FailureKind.MAILBOX_NOT_FOUND);
      assertThat(a.state()).isEqualTo(WatchState.STOPPED);
      assertThat(b.state()).isEqualTo(WatchState.STOPPED);
      assertThat(watcher.stats().connects()).isEqualTo(2);
    }
  }

  /**
   * The connection budget, by Dovecot's own count: one watched account with three folders holds
   * exactly one IMAP connection while it catches up and while new mail arrives in each folder
   * and is delivered. INBOX is heard by IDLE, the others by NOTIFY (RFC 5465), which Dovecot
   * offers: the poll interval is far longer than the test, so no STATUS poll finds them.
   */
  @Test
  void oneWatchedAccountWithSeveralFoldersHoldsExactlyOneConnection() throws Exception {
    MailAccount carol = servers.newAccount();
    List<String> folders = List.of("INBOX", "Work", "Lists");
    servers.createFolder(carol, "Work");
    servers.createFolder(carol, "Lists");
    for (String folder : folders) {
      servers.seed(carol, folder, 2);
    }
    WatcherOptions options = FAST.toBuilder().pollInterval(Duration.ofHours(1)).build();
    List<Recorder> recorders = List.of(new Recorder(), new Recorder(), new Recorder());
    List<Integer> counted = new CopyOnWriteArrayList<>();
    try (MailboxWatcher watcher = connector.watcher(options)) {
      List<WatchedMailbox> watched = new java.util.ArrayList<>();
      for (int i = 0; i < folders.size(); i++) {
        watched.add(watcher.add(carol, folders.get(i), SyncCursor.beginning(),
            recorders.get(i)));
      }
      assertThat(Suite.await(Suite.ARRIVAL, () -> {
        counted.add(servers.imapConnections(carol));
        return recorders.stream().allMatch(r -> r.messages.size() == 2)
            && watched.stream().allMatch(w -> w.state() == WatchState.LISTENING) ? true : null;
      })).isNotNull();
      counted.add(servers.imapConnections(carol));

      for (int round = 1; round <= 2; round++) {
        List<String> subjects = new java.util.ArrayList<>();
        for (String folder : folders) {
          String subject = folder + " round " + round + " " + UUID.randomUUID();
          subjects.add(subject);
          servers.append(carol, folder, Suite.rfc822(carol, subject, "<" + UUID.randomUUID()
              + "@lumyvo.test>"));
        }
        assertThat(Suite.await(Suite.ARRIVAL, () -> {
          counted.add(servers.imapConnections(carol));
          for (int i = 0; i < folders.size(); i++) {
            if (!recorders.get(i).has(subjects.get(i))) {
              return null;
            }
          }
          return true;
        })).as("round " + round + " delivered").isNotNull();
        counted.add(servers.imapConnections(carol));
      }
      for (Recorder recorder : recorders) {
        assertThat(recorder.messages).hasSize(4); // nothing failed: nothing came twice
        assertThat(recorder.readies.get()).isEqualTo(1);
      }
      assertThat(watcher.stats().connects()).isEqualTo(1);
    }
    // Dovecot counted the account's connections all along: one, never two. (Zero at the very
    // start, before the login, is allowed.)
    assertThat(counted).isNotEmpty().allMatch(n -> n <= 1);
    assertThat(counted.get(counted.size() - 1)).isEqualTo(1);
  }
}
