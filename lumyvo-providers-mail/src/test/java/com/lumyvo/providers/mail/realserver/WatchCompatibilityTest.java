package com.lumyvo.providers.mail.realserver;

import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.mailbox.SyncBatch;
import com.lumyvo.providers.mail.mailbox.MessageSummary;
import com.lumyvo.providers.mail.watch.FolderWatch;
import com.lumyvo.providers.mail.watch.WatchListener;
import com.lumyvo.providers.mail.watch.WatchOptions;
import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.diagnosis.FailureKind;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code MailConnector.watch} on Dovecot with IDLE, through a {@link CuttingRelay} on the plain
 * port so the test can see the IDLE and cut the connection: messages delivered by Postfix and by
 * an MDA-style append reach the listener once each; after the connection is cut the watch
 * reconnects and catches up; a missing folder and a wrong password stop the watch for good
 * ({@code onStopped} with MAILBOX_NOT_FOUND / INVALID_CREDENTIALS), the wrong password after a
 * single login (one connection through the relay, one failed login in Dovecot's log).
 */
class WatchCompatibilityTest extends RealServerTest {
  private static final WatchOptions FAST = WatchOptions.builder()
      .idleRefresh(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(5))
      .initialBackoff(Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(2)).build();

  /** Records what the watch reports. */
  static class Recorder implements WatchListener {
    final List<MessageSummary> messages = new CopyOnWriteArrayList<>();
    final List<Diagnosis> failures = new CopyOnWriteArrayList<>();
    final AtomicReference<Diagnosis> stopped = new AtomicReference<>();

    @Override
    public void onMessages(SyncBatch batch) {
      messages.addAll(batch.messages());
    }

    @Override
    public void onFailure(Diagnosis diagnosis, Duration retryIn) {
      failures.add(diagnosis);
    }

    @Override
    public void onStopped(Diagnosis diagnosis) {
      stopped.set(diagnosis);
    }

    boolean has(String subject) {
      return messages.stream().anyMatch(m -> m.subject().equals(subject));
    }

    List<String> subjects() {
      return messages.stream().map(MessageSummary::subject).toList();
    }
  }

  @Test
  void deliveredAndAppendedMessagesArriveOnceAndTheWatchRecoversAfterACut() throws Exception {
    servers.requirePostfix();
    MailAccount anna = servers.newAccount();
    MailAccount bob = servers.newAccount();
    servers.seed(bob, "INBOX", 2);
    Recorder recorder = new Recorder();
    try (CuttingRelay relay = new CuttingRelay(servers.imapPlain());
        FolderWatch watch = connector.watch(servers.on(relay.endpoint(), bob), "INBOX",
            SyncCursor.beginning(), recorder, FAST)) {
      awaitSubject(recorder, SeedMessages.subject(2));
      assertThat(Suite.await(Suite.ARRIVAL, () -> idling(relay) ? true : null))
          .as("the watch idles: %s", relay.lines()).isNotNull();

      String sent = "Über Postfix " + UUID.randomUUID();
      assertThat(connector.send(anna, Suite.mail(anna, bob, sent, "hallo")).ok()).isTrue();
      awaitSubject(recorder, sent);

      String appended = "appended " + UUID.randomUUID();
      servers.append(bob, "INBOX", Suite.rfc822(bob, appended, "<" + UUID.randomUUID()
          + "@lumyvo.test>"));
      awaitSubject(recorder, appended);

      int before = relay.connections();
      relay.cutAll();
      String afterCut = "after the cut " + UUID.randomUUID();
      servers.append(bob, "INBOX", Suite.rfc822(bob, afterCut, "<" + UUID.randomUUID()
          + "@lumyvo.test>"));
      awaitSubject(recorder, afterCut);
      assertThat(relay.connections()).as("reconnected").isGreaterThan(before);
      assertThat(Suite.await(Suite.ARRIVAL, () -> relay.lines().stream().anyMatch(
          l -> l.connection() > before && l.command().equals("IDLE")) ? true : null))
          .as("idles again on the new connection: %s", relay.lines()).isNotNull();
      assertThat(watch.isRunning()).isTrue();
      assertThat(recorder.stopped.get()).isNull();

      List<Long> uids = recorder.messages.stream().map(MessageSummary::uid).toList();
      assertThat(uids).as("each message once: %s", recorder.subjects()).doesNotHaveDuplicates()
          .hasSize(5);
      assertThat(watch.cursor().lastUid()).isEqualTo(uids.stream().mapToLong(u -> u).max()
          .orElseThrow());
    }
  }

  @Test
  void watchOnAMissingFolderStopsWithMailboxNotFound() throws Exception {
    MailAccount account = servers.newAccount();
    Recorder recorder = new Recorder();
    try (CuttingRelay relay = new CuttingRelay(servers.imapPlain());
        FolderWatch watch = connector.watch(servers.on(relay.endpoint(), account), "Nowhere",
            SyncCursor.beginning(), recorder, FAST)) {
      Diagnosis stopped = Suite.await(Suite.ARRIVAL, recorder.stopped::get);
      assertThat(stopped).as("onStopped; failures %s", recorder.failures).isNotNull();
      assertThat(stopped.kind()).isEqualTo(FailureKind.MAILBOX_NOT_FOUND);
      assertThat(Suite.await(Duration.ofSeconds(10), () -> watch.isRunning() ? null : true))
          .isNotNull();
      Thread.sleep(FAST.maxBackoff().toMillis()); // would have retried by now
      assertThat(relay.connections()).isEqualTo(1);
    }
  }

  @Test
  void watchWithAWrongPasswordStopsWithInvalidCredentialsAfterOneLogin() throws Exception {
    MailAccount account = servers.newAccount();
    Recorder recorder = new Recorder();
    try (CuttingRelay relay = new CuttingRelay(servers.imapPlain())) {
      MailAccount wrong = MailAccount.builder(account.address().toString(),
          AppPassword.of("abcdefghijklmnop")).imap(relay.endpoint()).smtp(servers.imaps())
          .build();
      FolderWatch watch = connector.watch(wrong, "INBOX", SyncCursor.beginning(), recorder,
          FAST);
      Diagnosis stopped = Suite.await(Suite.ARRIVAL, recorder.stopped::get);
      assertThat(stopped).as("onStopped; failures %s", recorder.failures).isNotNull();
      assertThat(stopped.kind()).isEqualTo(FailureKind.INVALID_CREDENTIALS);
      assertThat(Suite.await(Duration.ofSeconds(10), () -> watch.isRunning() ? null : true))
          .isNotNull();
      // Several backoffs long: a watch that retried would have connected again.
      Thread.sleep(3 * FAST.maxBackoff().toMillis());
      assertThat(relay.connections()).as("connections through the relay").isEqualTo(1);
      assertThat(relay.lines().stream().filter(l -> l.command().startsWith("AUTHENTICATE ")
          || l.command().startsWith("LOGIN "))).as("login commands").hasSize(1);
      watch.close();
    }
    assertThat(failedLogins(account)).as("failed logins in Dovecot's log").isEqualTo(1);
  }

  @Test
  void aListenerThatThrowsGetsTheSameMessagesAgainAndTheCursorMovesOnlyAfterwards()
      throws Exception {
    MailAccount account = servers.newAccount();
    String batch = servers.seed(account, "INBOX", 3);
    List<List<String>> deliveries = new CopyOnWriteArrayList<>();
    Recorder recorder = new Recorder() {
      @Override
      public void onMessages(SyncBatch b) {
        deliveries.add(Suite.ids(List.of(b)));
        if (deliveries.size() == 1) {
          throw new IllegalStateException("not handled this time");
        }
        super.onMessages(b);
      }
    };
    try (FolderWatch watch = connector.watch(account, "INBOX", SyncCursor.beginning(), recorder,
        FAST)) {
      awaitSubject(recorder, SeedMessages.subject(1));
      List<String> all = List.of(SeedMessages.messageId(batch, 1),
          SeedMessages.messageId(batch, 2), SeedMessages.messageId(batch, 3));
      assertThat(deliveries.get(0)).containsExactlyElementsOf(all);
      assertThat(deliveries.get(1)).as("the same messages again").containsExactlyElementsOf(all);
      assertThat(Suite.await(Suite.ARRIVAL, () -> watch.cursor().lastUid() == 3 ? true : null))
          .as("cursor %s", watch.cursor()).isNotNull();
      assertThat(recorder.stopped.get()).isNull();
    }
  }

  @Test
  void aWatchFromACursorDeliversOnlyLaterMessagesAndCloseEndsItsConnection()
      throws Exception {
    MailAccount account = servers.newAccount();
    servers.seed(account, "INBOX", 4);
    SyncCursor cursor;
    try (var session = connector.open(account)) {
      cursor = session.sync("INBOX", SyncCursor.beginning(), 2).next();
    }
    Recorder recorder = new Recorder();
    try (CuttingRelay relay = new CuttingRelay(servers.imapPlain())) {
      FolderWatch watch = connector.watch(servers.on(relay.endpoint(), account), "INBOX",
          cursor, recorder, FAST);
      awaitSubject(recorder, SeedMessages.subject(4));
      assertThat(recorder.subjects()).containsExactly(SeedMessages.subject(3),
          SeedMessages.subject(4));
      watch.close();
      assertThat(Suite.await(Duration.ofSeconds(30), () -> watch.isRunning() ? null : true))
          .as("stopped after close").isNotNull();
      int connections = relay.connections();
      String after = "after close " + UUID.randomUUID();
      servers.append(account, "INBOX", Suite.rfc822(account, after, null));
      Thread.sleep(2 * FAST.maxBackoff().toMillis()); // a running watch would have it by now
      assertThat(recorder.has(after)).isFalse();
      assertThat(relay.connections()).isEqualTo(connections);
      assertThat(recorder.stopped.get()).as("closing is not a stop for a reason").isNull();
    }
  }

  @Test
  void aChangedUidValidityIsReportedAndTheFolderComesAgain() throws Exception {
    MailAccount account = servers.newAccount();
    String batch = servers.seed(account, "INBOX", 2);
    List<SyncCursor[]> changes = new CopyOnWriteArrayList<>();
    Recorder recorder = new Recorder() {
      @Override
      public void onUidValidityChanged(SyncCursor old, SyncCursor fresh) {
        changes.add(new SyncCursor[] {old, fresh});
      }
    };
    try (CuttingRelay relay = new CuttingRelay(servers.imapPlain());
        FolderWatch watch = connector.watch(servers.on(relay.endpoint(), account), "INBOX",
            SyncCursor.beginning(), recorder, FAST)) {
      awaitSubject(recorder, SeedMessages.subject(2));
      assertThat(Suite.await(Suite.ARRIVAL, () -> idling(relay) ? true : null)).isNotNull();
      SyncCursor before = watch.cursor();
      // Keep the watch off the server while the folder gets a new UIDVALIDITY.
      relay.refuse(true);
      relay.cutAll();
      // Until Dovecot's imap process has noticed and logged the closed connection.
      String imapUser = "imap(" + account.address() + ")";
      assertThat(Suite.await(Suite.ARRIVAL, () -> logLines().stream().anyMatch(
          l -> l.contains(imapUser) && l.contains("Disconnected")) ? true : null)).isNotNull();
      long validity = servers.changeUidValidity(account, "INBOX");
      relay.refuse(false);
      assertThat(Suite.await(Suite.ARRIVAL, () -> changes.isEmpty() ? null : true))
          .as("onUidValidityChanged; failures %s", recorder.failures).isNotNull();
      assertThat(changes.get(0)[0]).isEqualTo(before);
      assertThat(changes.get(0)[1]).isEqualTo(new SyncCursor(validity, 0));
      assertThat(Suite.await(Suite.ARRIVAL, () -> recorder.messages.size() >= 4 ? true : null))
          .as("the folder comes again: %s", recorder.subjects()).isNotNull();
      assertThat(recorder.messages.stream().map(m -> m.messageId().orElseThrow()).toList())
          .containsExactly(SeedMessages.messageId(batch, 1), SeedMessages.messageId(batch, 2),
              SeedMessages.messageId(batch, 1), SeedMessages.messageId(batch, 2));
      assertThat(Suite.await(Suite.ARRIVAL,
          () -> watch.cursor().uidValidity() == validity ? true : null)).isNotNull();
    }
  }

  private static boolean idling(CuttingRelay relay) {
    return relay.lines().stream().anyMatch(l -> l.command().equals("IDLE"));
  }

  private static void awaitSubject(Recorder recorder, String subject) throws Exception {
    assertThat(Suite.await(Suite.ARRIVAL, () -> recorder.has(subject) ? true : null))
        .as("'%s' reached the listener; it has %s; failures %s%s", subject, recorder.subjects(),
            recorder.failures, servers.logs())
        .isNotNull();
  }

  /** The failed login attempts Dovecot logged for the account. */
  private static int failedLogins(MailAccount account) throws Exception {
    Pattern attempts = Pattern.compile("auth failed, (\\d+) attempts");
    String user = "user=<" + account.address() + ">";
    // Dovecot logs the failure when the connection closes: give it a moment to appear.
    Suite.await(Duration.ofSeconds(10), () -> count(attempts, user) > 0 ? true : null);
    return count(attempts, user);
  }

  private static List<String> logLines() {
    try {
      return Files.readAllLines(servers.dovecotLog(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int count(Pattern attempts, String user) {
    int total = 0;
    for (String line : logLines()) {
      if (line.contains(user)) {
        Matcher m = attempts.matcher(line);
        if (m.find()) {
          total += Integer.parseInt(m.group(1));
        }
      }
    }
    return total;
  }
}
