package com.lumyvo.providers.mail;

import com.lumyvo.providers.mail.mailbox.MailboxSession;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.mailbox.MessageSummary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.diagnosis.FailureKind;
import com.lumyvo.providers.mail.junit.FakeProviderExtension;
import com.lumyvo.providers.mail.testing.Fault;
import jakarta.mail.Flags;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sorting moves each message to exactly one folder: with MOVE, with COPY and UID EXPUNGE, and
 * with neither, and when the connection is cut at the worst moment of each.
 */
class MoveTest {
  @RegisterExtension
  final FakeProviderExtension fake = FakeProviderExtension.create();

  private static final String ANNA = "anna@fake.example";

  private MailAccount setUp(int messages) {
    MailAccount account = fake.get().addAccount(ANNA, AppPassword.of("anna-app-password"));
    for (int n = 1; n <= messages; n++) {
      fake.get().deliver(ANNA, Messages.numbered(n));
    }
    fake.get().deliver(ANNA, "Orders", Messages.numbered(1000)); // the target exists
    return account;
  }

  private List<Long> uids(MailboxSession session, int count) {
    List<Long> uids = new ArrayList<>();
    for (MessageSummary m : session.sync("INBOX", SyncCursor.beginning()).messages()) {
      if (uids.size() < count) {
        uids.add(m.uid());
      }
    }
    return uids;
  }

  /** Message-IDs in a folder, counting only messages not flagged \Deleted. */
  private static List<String> ids(MailboxSession session, String folder) {
    List<String> ids = new ArrayList<>();
    for (MessageSummary m : session.sync(folder, SyncCursor.beginning()).messages()) {
      if (!m.flags().contains("\\Deleted")) {
        ids.add(m.messageId().orElseThrow());
      }
    }
    return ids;
  }

  private void assertEachInExactlyOneFolder(MailAccount account, int total, int moved) {
    try (MailboxSession session = fake.get().connector().open(account)) {
      List<String> inbox = ids(session, "INBOX");
      List<String> orders = ids(session, "Orders");
      Set<String> all = new HashSet<>(inbox);
      all.addAll(orders);
      assertThat(inbox).doesNotHaveDuplicates().doesNotContainAnyElementsOf(orders);
      assertThat(orders).doesNotHaveDuplicates();
      assertThat(all).hasSize(total + 1);
      assertThat(orders).hasSize(moved + 1);
      assertThat(session.count("INBOX")).isEqualTo(total - moved);
    }
  }

  @ParameterizedTest(name = "without {0}")
  @CsvSource({"NOTHING", "WITHOUT_MOVE", "WITHOUT_MOVE+WITHOUT_UIDPLUS"})
  void movesEachMessageToExactlyOneFolder(String missing) {
    MailAccount account = setUp(6);
    for (String fault : missing.split("\\+")) {
      if (!fault.equals("NOTHING")) {
        fake.get().inject(Fault.valueOf(fault));
      }
    }
    try (MailboxSession session = fake.get().connector().open(account)) {
      assertThat(session.move("INBOX", uids(session, 4), "Orders")).isEqualTo(4);
      assertThat(session.count("INBOX")).as("seen by the same session").isEqualTo(2);
    }
    assertEachInExactlyOneFolder(account, 6, 4);
  }

  @ParameterizedTest(name = "cut on {1} {0}")
  @CsvSource({
      "NOTHING, MOVE",
      "WITHOUT_MOVE, COPY",
      "WITHOUT_MOVE, STORE",
      "WITHOUT_MOVE, EXPUNGE",
      "WITHOUT_MOVE+WITHOUT_UIDPLUS, COPY",
      "WITHOUT_MOVE+WITHOUT_UIDPLUS, STORE",
      "WITHOUT_MOVE+WITHOUT_UIDPLUS, EXPUNGE",
  })
  void aMoveCutShortAndRepeatedLeavesEachMessageInExactlyOneFolder(String missing, String cutOn) {
    MailAccount account = setUp(6);
    for (String fault : missing.split("\\+")) {
      if (!fault.equals("NOTHING")) {
        fake.get().inject(Fault.valueOf(fault));
      }
    }
    List<Long> uids;
    try (MailboxSession session = fake.get().connector().open(account)) {
      uids = uids(session, 4);
      fake.get().cutConnectionOn(cutOn);
      assertThatThrownBy(() -> session.move("INBOX", uids, "Orders"))
          .isInstanceOf(MailOperationException.class);
    }
    // What a service does after the failure: reconnect and repeat the same move.
    try (MailboxSession session = fake.get().connector().open(account)) {
      session.move("INBOX", uids, "Orders");
    }
    assertEachInExactlyOneFolder(account, 6, 4);
  }

  @Test
  void otherDeletedMessagesAreNotExpungedWhenTheServerLacksUidExpunge() {
    MailAccount account = setUp(4);
    fake.get().inject(Fault.WITHOUT_MOVE);
    fake.get().inject(Fault.WITHOUT_UIDPLUS);
    try (MailboxSession session = fake.get().connector().open(account)) {
      List<Long> uids = uids(session, 4);
      // Someone else's deletion, which a plain EXPUNGE would carry out without asking.
      session.setFlags("INBOX", List.of(uids.get(3)), new Flags(Flags.Flag.DELETED), true);
      session.move("INBOX", uids.subList(0, 2), "Orders");
      assertThat(ids(session, "Orders")).hasSize(3);
      assertThat(session.sync("INBOX", SyncCursor.beginning()).messages())
          .as("still there, flagged").hasSize(4);
    }
  }

  @Test
  void movingToAMissingFolderIsAMailboxNotFoundAndMovesNothing() {
    MailAccount account = setUp(2);
    try (MailboxSession session = fake.get().connector().open(account)) {
      List<Long> uids = uids(session, 2);
      assertThatThrownBy(() -> session.move("INBOX", uids, "Nope"))
          .isInstanceOfSatisfying(MailOperationException.class, e ->
              assertThat(e.diagnosis().kind()).isEqualTo(FailureKind.MAILBOX_NOT_FOUND));
      assertThat(session.count("INBOX")).isEqualTo(2);
    }
  }

  @Test
  void flagsAreSetAndClearedByUid() {
    MailAccount account = setUp(2);
    try (MailboxSession session = fake.get().connector().open(account)) {
      List<Long> uids = uids(session, 2);
      assertThat(session.setFlags("INBOX", uids.subList(0, 1), new Flags(Flags.Flag.FLAGGED), true))
          .isEqualTo(1);
      List<MessageSummary> after = session.sync("INBOX", SyncCursor.beginning()).messages();
      assertThat(after.get(0).flags()).contains("\\Flagged");
      assertThat(after.get(1).flags()).doesNotContain("\\Flagged");
      session.setFlags("INBOX", uids.subList(0, 1), new Flags(Flags.Flag.FLAGGED), false);
      assertThat(session.sync("INBOX", SyncCursor.beginning()).messages().get(0).flags())
          .doesNotContain("\\Flagged");
    }
  }

  @ParameterizedTest(name = "without {0}")
  @CsvSource({"WITHOUT_MOVE", "WITHOUT_MOVE+WITHOUT_UIDPLUS"})
  void aDifferentMessageWithTheSameMessageIdInTheTargetIsNotTakenForTheCopy(String missing) {
    MailAccount account = fake.get().addAccount(ANNA, AppPassword.of("anna-app-password"));
    // A resend: same Message-ID, another body, already sorted into Orders.
    fake.get().deliver(ANNA, "Orders", Messages.numbered(1, "<same@fake.example>", "old"));
    fake.get().deliver(ANNA, Messages.numbered(1, "<same@fake.example>", "new and longer"));
    for (String fault : missing.split("\\+")) {
      fake.get().inject(Fault.valueOf(fault));
    }
    try (MailboxSession session = fake.get().connector().open(account)) {
      assertThat(session.move("INBOX", uids(session, 1), "Orders")).isEqualTo(1);
      assertThat(session.count("INBOX")).isZero();
      assertThat(session.count("Orders")).as("both versions, each once").isEqualTo(2);
      List<Long> sizes = new ArrayList<>();
      for (MessageSummary m : session.sync("Orders", SyncCursor.beginning()).messages()) {
        sizes.add(m.size());
      }
      assertThat(new HashSet<>(sizes)).hasSize(2);
    }
  }

  @ParameterizedTest(name = "cut on {1} {0}")
  @CsvSource({
      "WITHOUT_MOVE, COPY",
      "WITHOUT_MOVE, STORE",
      "WITHOUT_MOVE, EXPUNGE",
      "WITHOUT_MOVE+WITHOUT_UIDPLUS, COPY",
      "WITHOUT_MOVE+WITHOUT_UIDPLUS, STORE",
      "WITHOUT_MOVE+WITHOUT_UIDPLUS, EXPUNGE",
  })
  void messagesWithoutMessageIdAreCopiedOnceWhenACutMoveIsRepeated(String missing,
      String cutOn) {
    MailAccount account = fake.get().addAccount(ANNA, AppPassword.of("anna-app-password"));
    for (int n = 1; n <= 4; n++) {
      fake.get().deliver(ANNA, Messages.numbered(n, null, "no id " + n));
    }
    fake.get().createFolder(ANNA, "Orders");
    for (String fault : missing.split("\\+")) {
      fake.get().inject(Fault.valueOf(fault));
    }
    List<Long> uids;
    try (MailboxSession session = fake.get().connector().open(account)) {
      assertThat(session.sync("INBOX", SyncCursor.beginning()).messages())
          .allSatisfy(m -> assertThat(m.messageId()).isEmpty());
      uids = uids(session, 3);
      fake.get().cutConnectionOn(cutOn);
      assertThatThrownBy(() -> session.move("INBOX", uids, "Orders"))
          .isInstanceOf(MailOperationException.class);
    }
    try (MailboxSession session = fake.get().connector().open(account)) {
      session.move("INBOX", uids, "Orders");
      List<String> moved = new ArrayList<>();
      for (MessageSummary m : session.sync("Orders", SyncCursor.beginning()).messages()) {
        if (!m.flags().contains("\\Deleted")) {
          moved.add(m.subject());
        }
      }
      assertThat(moved).containsExactlyInAnyOrder("Message 1", "Message 2", "Message 3");
      assertThat(session.count("INBOX")).isEqualTo(1);
    }
  }
}
