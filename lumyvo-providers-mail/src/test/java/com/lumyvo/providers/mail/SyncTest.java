package com.lumyvo.providers.mail;

import com.lumyvo.providers.mail.mailbox.MailboxSession;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.mailbox.SyncBatch;
import com.lumyvo.providers.mail.mailbox.MessageSummary;
import com.lumyvo.providers.mail.mailbox.MailFolder;
import com.lumyvo.providers.mail.mailbox.SpecialUse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.diagnosis.FailureKind;
import com.lumyvo.providers.mail.junit.FakeProviderExtension;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SyncTest {
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
  void syncsInBatchesOldestFirstAndLeavesMessagesUnseen() {
    MailAccount account = anna();
    deliver(1, 25);
    try (MailboxSession session = fake.get().connector().open(account)) {
      SyncBatch first = session.sync("INBOX", SyncCursor.beginning(), 10);
      assertThat(first.messages()).hasSize(10);
      assertThat(first.more()).isTrue();
      MessageSummary one = first.messages().get(0);
      assertThat(one.subject()).isEqualTo("Message 1");
      assertThat(one.from()).containsExactly("sender1@example.org");
      assertThat(one.to()).containsExactly(ANNA);
      assertThat(one.messageId()).contains("<test-1@fake.example>");
      assertThat(one.internalDate()).isPresent();
      assertThat(one.size()).isPositive();
      SyncBatch second = session.sync("INBOX", first.next(), 10);
      SyncBatch third = session.sync("INBOX", second.next(), 10);
      assertThat(third.messages()).hasSize(5);
      assertThat(third.more()).isFalse();
      assertThat(session.sync("INBOX", third.next(), 10).messages()).isEmpty();
      deliver(26, 27);
      assertThat(session.sync("INBOX", third.next(), 10).messages())
          .extracting(MessageSummary::subject).containsExactly("Message 26", "Message 27");
      SyncBatch again = session.sync("INBOX", SyncCursor.beginning(), 100);
      assertThat(again.messages()).hasSize(27)
          .allSatisfy(m -> assertThat(m.flags()).doesNotContain("\\Seen"));
    }
  }

  @Test
  void everyMessageExactlyOnceAcrossCutConnectionsAndRestarts() {
    MailAccount account = anna();
    deliver(1, 40);
    List<String> handled = new ArrayList<>();
    String stored = SyncCursor.beginning().toString(); // what a service keeps in its database
    int cuts = 0;
    fake.get().cutConnectionOn("FETCH");
    while (true) {
      try (MailboxSession session = fake.get().connector().open(account)) { // a restart
        SyncBatch batch = session.sync("INBOX", SyncCursor.parse(stored), 7);
        for (MessageSummary m : batch.messages()) {
          handled.add(m.messageId().orElseThrow());
        }
        stored = batch.next().toString();
        if (handled.size() == 21) {
          fake.get().cutConnectionOn("FETCH"); // a second cut, mid-way
          deliver(41, 45); // and new mail meanwhile
        }
        if (!batch.more() && batch.messages().isEmpty()) {
          break;
        }
      } catch (MailOperationException e) {
        cuts++;
        assertThat(e.step()).isEqualTo(ConnectionStep.COMMAND);
      }
    }
    assertThat(cuts).isEqualTo(2);
    assertThat(handled).doesNotHaveDuplicates().hasSize(45);
  }

  @Test
  void aUidValidityChangeIsReportedNotSkipped() {
    MailAccount account = anna();
    deliver(1, 3);
    SyncCursor cursor;
    try (MailboxSession session = fake.get().connector().open(account)) {
      cursor = session.sync("INBOX", SyncCursor.beginning()).next();
    }
    fake.get().deliver(ANNA, "Orders", Messages.numbered(100));
    SyncCursor orders;
    try (MailboxSession session = fake.get().connector().open(account)) {
      orders = session.sync("Orders", SyncCursor.beginning()).next();
    }
    // Servers rebuild a folder between sessions (GreenMail also ends an open one with BYE).
    fake.get().changeUidValidity(ANNA, "Orders");
    try (MailboxSession session = fake.get().connector().open(account)) {
      SyncBatch changed = session.sync("Orders", orders);
      assertThat(changed.uidValidityChanged()).isTrue();
      assertThat(changed.messages()).isEmpty();
      assertThat(changed.next().uidValidity()).isNotEqualTo(orders.uidValidity());
      assertThat(changed.next().lastUid()).isZero();
      assertThat(session.sync("Orders", changed.next()).messages()).hasSize(1);
      assertThat(session.sync("INBOX", cursor).uidValidityChanged()).isFalse();
    }
  }

  @Test
  void aWholeMessageStreamsOutUnchangedAndUnseen() throws Exception {
    MailAccount account = anna();
    jakarta.mail.internet.MimeMessage big = Messages.numbered(1);
    big.setText("x".repeat(3_000_000));
    big.saveChanges();
    fake.get().deliver(ANNA, big);
    try (MailboxSession session = fake.get().connector().open(account)) {
      MessageSummary summary = session.sync("INBOX", SyncCursor.beginning()).messages().get(0);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      long written = session.writeMessage("INBOX", summary.uid(), out);
      assertThat(written).isEqualTo(out.size()).isGreaterThan(3_000_000);
      assertThat(out.toString(java.nio.charset.StandardCharsets.US_ASCII))
          .contains("Message-ID: <test-1@fake.example>");
      assertThat(session.writeMessage("INBOX", summary.uid() + 1000, out)).isEqualTo(-1);
      assertThat(session.sync("INBOX", SyncCursor.beginning()).messages().get(0).flags())
          .doesNotContain("\\Seen");
    }
  }

  @Test
  void specialFoldersAreFoundByNameWhenTheServerDoesNotAnnounceThem() {
    MailAccount account = anna();
    fake.get().deliver(ANNA, "Spam", Messages.numbered(1));
    fake.get().deliver(ANNA, "Sent Messages", Messages.numbered(2));
    try (MailboxSession session = fake.get().connector().open(account)) {
      assertThat(session.folder(SpecialUse.JUNK)).map(MailFolder::name).contains("Spam");
      assertThat(session.folder(SpecialUse.SENT)).map(MailFolder::name).contains("Sent Messages");
      assertThat(session.folder(SpecialUse.ARCHIVE)).isEmpty();
    }
  }

  @Test
  void aMissingFolderIsAMailboxNotFound() {
    MailAccount account = anna();
    try (MailboxSession session = fake.get().connector().open(account)) {
      assertThatThrownBy(() -> session.sync("Nope", SyncCursor.beginning()))
          .isInstanceOfSatisfying(MailOperationException.class, e ->
              assertThat(e.diagnosis().kind()).isEqualTo(FailureKind.MAILBOX_NOT_FOUND));
    }
  }

  @Test
  void cursorsSurviveTheirTextFormAndRejectGarbage() {
    SyncCursor cursor = new SyncCursor(1234567890L, 42);
    assertThat(SyncCursor.parse(cursor.toString())).isEqualTo(cursor);
    assertThat(cursor.toString()).isEqualTo("imap-cursor:v1:1234567890:42");
    for (String bad : List.of("", "imap-cursor:v1:", "imap-cursor:v1:1", "imap-cursor:v1:-1:2",
        "imap-cursor:v1:1:2:3", "imap-cursor:v2:1:2", "imap-cursor:v1:99999999999:1",
        "imap-cursor:v1:0:5")) {
      assertThatThrownBy(() -> SyncCursor.parse(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  /**
   * A caller that takes its time between batches (a slow listener, a busy machine) costs no
   * extra round trip: Angus's folder isOpen() would send a NOOP after a quiet second.
   */
  @Test
  void aPauseBetweenBatchesSendsNoNoop() throws Exception {
    var account = anna();
    for (int n = 1; n <= 6; n++) {
      fake.get().deliver(ANNA, Messages.numbered(n));
    }
    try (MailboxSession session = fake.get().connector().open(account)) {
      SyncBatch first = session.sync("INBOX", SyncCursor.beginning(), 3);
      Thread.sleep(1_500); // longer than the second after which Angus would check with a NOOP
      SyncBatch second = session.sync("INBOX", first.next(), 3);

      assertThat(first.messages()).hasSize(3);
      assertThat(second.messages()).hasSize(3);
    }
    assertThat(fake.get().takeCommands()).extracting(c -> c.name())
        .contains("UID FETCH").doesNotContain("NOOP");
  }
}
