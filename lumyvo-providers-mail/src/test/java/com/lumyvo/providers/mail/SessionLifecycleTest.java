package com.lumyvo.providers.mail;

import com.lumyvo.providers.mail.verify.VerificationResult;
import com.lumyvo.providers.mail.mailbox.MailboxSession;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.mailbox.SyncBatch;
import com.lumyvo.providers.mail.mailbox.MessageSummary;
import com.lumyvo.providers.mail.mailbox.SessionClosedException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.diagnosis.FailureKind;
import com.lumyvo.providers.mail.junit.FakeProviderExtension;
import com.lumyvo.providers.mail.testing.HostileServer;
import com.lumyvo.providers.mail.testing.Hostility;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A session's life: kept open across new mail and deletions, closed from another thread, failed
 * connections that stay failed, and attempts abandoned by their caller that never log in.
 */
class SessionLifecycleTest {
  @RegisterExtension
  final FakeProviderExtension fake = FakeProviderExtension.create();

  private static final String ANNA = "anna@fake.example";

  private MailAccount anna() {
    return fake.get().addAccount(ANNA, AppPassword.of("anna-app-password"));
  }

  private void deliver(int from, int to) {
    for (int n = from; n <= to; n++) {
      fake.get().deliver(ANNA, Messages.numbered(n));
    }
  }

  @Test
  void aSessionKeptOpenSeesNewMailAndSaysMoreExactlyWhileMessagesRemain() {
    MailAccount account = anna();
    deliver(1, 3);
    try (MailboxSession session = fake.get().connector().open(account)) {
      SyncBatch first = session.sync("INBOX", SyncCursor.beginning(), 10);
      assertThat(first.messages()).hasSize(3);
      assertThat(first.more()).isFalse();
      deliver(4, 28); // 25 new while the folder stays selected
      SyncCursor cursor = first.next();
      List<Integer> sizes = new java.util.ArrayList<>();
      List<Boolean> mores = new java.util.ArrayList<>();
      SyncBatch batch;
      do {
        batch = session.sync("INBOX", cursor, 10);
        sizes.add(batch.messages().size());
        mores.add(batch.more());
        cursor = batch.next();
      } while (batch.more() && sizes.size() < 10);
      assertThat(sizes).containsExactly(10, 10, 5);
      assertThat(mores).containsExactly(true, true, false);
      assertThat(cursor.lastUid()).isEqualTo(28);
      deliver(29, 29);
      assertThat(session.sync("INBOX", cursor, 10).messages())
          .extracting(MessageSummary::subject).containsExactly("Message 29");
    }
  }

  @Test
  void aGapWiderThanTheBatchDoesNotStallASessionKeptOpen() {
    MailAccount account = anna();
    deliver(1, 2);
    try (MailboxSession session = fake.get().connector().open(account)) {
      SyncCursor cursor = session.sync("INBOX", SyncCursor.beginning(), 5).next();
      session.createFolder("Elsewhere");
      deliver(3, 20);
      // UIDs 3 to 18 leave: a gap of 16 after the cursor, more than the batch of 5.
      List<Long> gone = new java.util.ArrayList<>();
      for (long uid = 3; uid <= 18; uid++) {
        gone.add(uid);
      }
      assertThat(session.move("INBOX", gone, "Elsewhere")).isEqualTo(16);
      SyncBatch batch = session.sync("INBOX", cursor, 5);
      assertThat(batch.messages()).extracting(MessageSummary::subject)
          .containsExactly("Message 19", "Message 20");
      assertThat(batch.more()).isFalse();
    }
  }

  @Test
  void closeFromAnotherThreadEndsARunningOperationAtOnce() throws Exception {
    try (HostileServer imap = HostileServer.imap(Hostility.DRIP).onCommand("FETCH")
        .dripInterval(Duration.ofMillis(500)).start()) {
      MailConnector connector = MailConnector.builder().trustStore(imap.trustStore())
          .deadline(Duration.ofSeconds(120)).build();
      MailAccount account = MailAccount.builder("anna@hostile.example",
              AppPassword.of("any-app-password"))
          .imap(imap.endpoint()).smtp(imap.endpoint()).build();
      MailboxSession session = connector.open(account);
      CompletableFuture<SyncBatch> sync = CompletableFuture.supplyAsync(
          () -> session.sync("INBOX", SyncCursor.beginning()));
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (imap.commandsReceived().stream().noneMatch(c -> c.contains("FETCH"))
          && System.nanoTime() < end) {
        Thread.sleep(5);
      }
      assertThat(imap.commandsReceived()).anyMatch(c -> c.contains("FETCH"));
      long closing = System.nanoTime();
      session.close();
      Throwable failure = catchThrowable(() -> sync.get(30, TimeUnit.SECONDS));
      Duration took = Duration.ofNanos(System.nanoTime() - closing);
      assertThat(failure).hasCauseInstanceOf(SessionClosedException.class);
      // The drip would hold the sync for minutes; 100 ms is the aim, a busy machine gets more.
      assertThat(took).isLessThan(Duration.ofSeconds(5));
      assertThat(session.isOpen()).isFalse();
      assertThat(catchThrowable(() -> session.sync("INBOX", SyncCursor.beginning())))
          .isInstanceOf(SessionClosedException.class);
    }
  }

  @Test
  void aLostConnectionClosesTheSessionAndNothingLogsInBehindTheCallersBack() {
    MailAccount account = anna();
    deliver(1, 2);
    MailboxSession session = fake.get().connector().open(account);
    session.sync("INBOX", SyncCursor.beginning());
    fake.get().cutConnectionOn("FETCH");
    Throwable failure = catchThrowable(() -> session.sync("INBOX", SyncCursor.beginning()));
    assertThat(failure).isInstanceOf(MailOperationException.class);
    int connectionsBefore = fake.get().connectionsAccepted();
    assertThat(session.isOpen()).isFalse();
    assertThat(catchThrowable(() -> session.folders()))
        .isInstanceOf(SessionClosedException.class);
    session.close();
    assertThat(fake.get().connectionsAccepted()).as("no new connection after the failure").isEqualTo(connectionsBefore);
  }

  @Test
  void aMissingFolderIsADiagnosisAndTheSessionStaysOpen() {
    MailAccount account = anna();
    try (MailboxSession session = fake.get().connector().open(account)) {
      MailOperationException e = (MailOperationException) catchThrowable(
          () -> session.sync("No such folder", SyncCursor.beginning()));
      assertThat(e.diagnosis().kind()).isEqualTo(FailureKind.MAILBOX_NOT_FOUND);
      assertThat(session.isOpen()).isTrue();
      assertThat(session.folders()).isNotEmpty();
    }
  }

  @Test
  void verifyAttemptsAbandonedAtTheDeadlineNeverLogInLater() throws Exception {
    java.util.concurrent.ExecutorService one =
        java.util.concurrent.Executors.newFixedThreadPool(1);
    try (HostileServer imap = HostileServer.imap(Hostility.SILENCE).onGreeting().start();
        HostileServer smtp = HostileServer.smtp(Hostility.SILENCE).onCommand("NEVER").start()) {
      MailConnector connector = MailConnector.builder().trustStore(imap.trustStore())
          .executor(one).deadline(Duration.ofSeconds(2)).build();
      MailAccount account = MailAccount.builder("anna@hostile.example",
              AppPassword.of("any-app-password"))
          .imap(imap.endpoint()).smtp(smtp.endpoint()).build();
      // The IMAP attempt takes the only thread and hangs at the greeting; the SMTP attempt is
      // still queued when the deadline passes.
      VerificationResult result = connector.verify(account);
      assertThat(result.ok()).isFalse();
      // Let the queued attempt run now, as it would on a pool that frees up.
      one.submit(() -> null).get(30, TimeUnit.SECONDS);
      one.shutdown();
      assertThat(one.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      assertThat(smtp.commandsReceived()).noneMatch(c -> c.startsWith("AUTH"));
      assertThat(smtp.connectionsAccepted()).isZero();
    } finally {
      one.shutdownNow();
    }
  }
}
