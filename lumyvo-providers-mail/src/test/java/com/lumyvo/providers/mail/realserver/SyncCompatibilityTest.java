package com.lumyvo.providers.mail.realserver;

import com.lumyvo.providers.mail.mailbox.MailboxSession;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.mailbox.SyncBatch;
import com.lumyvo.providers.mail.mailbox.MessageSummary;
import com.lumyvo.providers.mail.mailbox.SessionClosedException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lumyvo.providers.diagnosis.FailureKind;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailOperationException;
import com.lumyvo.providers.mail.MailConnector;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Incremental sync against Dovecot, as {@code MailboxSession.sync}'s Javadoc promises it: oldest
 * UID first, each new message exactly once, {@code more} true exactly while messages remain
 * (including mail that arrived during a partly consumed listing), batches never above the limit,
 * a changed UIDVALIDITY reported with a cursor at the new validity, and nothing marked seen.
 */
@Tag("real-server")
class SyncCompatibilityTest {
  private static RealMailServers servers;
  private static MailConnector connector;
  private int appended;

  @BeforeAll
  static void start() {
    servers = RealMailServers.shared();
    connector = servers.connectorBuilder().build();
  }

  @Test
  void coldSyncOfTenThousandInDefaultBatchesReturnsEachOnceInUidOrder() {
    MailAccount account = servers.newAccount();
    String batchId = servers.seed(account, "INBOX", 10_000);
    List<SyncBatch> batches;
    try (MailboxSession session = connector.open(account)) {
      batches = new ArrayList<>();
      SyncCursor cursor = SyncCursor.beginning();
      SyncBatch batch;
      do {
        batch = session.sync("INBOX", cursor);
        batches.add(batch);
        cursor = batch.next();
      } while (batch.more() && batches.size() < 100);
    }
    assertThat(batches).hasSize(10);
    for (int i = 0; i < batches.size(); i++) {
      assertThat(batches.get(i).messages()).hasSize(1_000);
      assertThat(batches.get(i).more()).as("more on batch %d", i).isEqualTo(i < 9);
      assertThat(batches.get(i).uidValidityChanged()).isFalse();
    }
    List<Long> uids = new ArrayList<>();
    batches.forEach(b -> b.messages().forEach(m -> uids.add(m.uid())));
    for (int i = 1; i < uids.size(); i++) {
      assertThat(uids.get(i)).as("UID at %d", i).isGreaterThan(uids.get(i - 1));
    }
    List<String> ids = Suite.ids(batches);
    List<String> expected = new ArrayList<>();
    for (int n = 1; n <= 10_000; n++) {
      expected.add(SeedMessages.messageId(batchId, n));
    }
    assertThat(ids).containsExactlyElementsOf(expected);
    SyncBatch last = batches.get(9);
    assertThat(last.next().lastUid()).isEqualTo(uids.get(uids.size() - 1));
    assertThat(last.next().uidValidity()).isEqualTo(servers.uidValidity(account, "INBOX"));
  }

  @Test
  void oneSessionKeptOpenSeesExactlyTheNewMessagesRoundAfterRound() {
    MailAccount account = servers.newAccount();
    servers.createFolder(account, "Elsewhere");
    try (MailboxSession session = connector.open(account)) {
      SyncCursor cursor = SyncCursor.beginning();
      // Round 1: three new messages, one batch.
      List<String> round = appendRound(account, 3);
      List<SyncBatch> batches = Suite.drain(session, "INBOX", cursor, 100);
      assertThat(Suite.ids(batches)).containsExactlyElementsOf(round);
      cursor = batches.get(batches.size() - 1).next();

      // Empty round: nothing new, more false.
      SyncBatch nothing = session.sync("INBOX", cursor, 100);
      assertThat(nothing.messages()).isEmpty();
      assertThat(nothing.more()).isFalse();
      assertThat(nothing.next()).isEqualTo(cursor);

      // Round 2: five new; take two, then more mail arrives between batches of the listing.
      List<String> second = appendRound(account, 5);
      SyncBatch part = session.sync("INBOX", cursor, 2);
      assertThat(Suite.ids(List.of(part))).containsExactlyElementsOf(second.subList(0, 2));
      assertThat(part.more()).isTrue();
      cursor = part.next();
      List<String> during = appendRound(account, 4);
      List<String> expected = new ArrayList<>(second.subList(2, 5));
      expected.addAll(during);
      batches = Suite.drain(session, "INBOX", cursor, 2);
      assertThat(Suite.ids(batches)).as("the rest of the listing, then what arrived meanwhile")
          .containsExactlyElementsOf(expected);
      cursor = batches.get(batches.size() - 1).next();

      // Round 2b: a message of a partly consumed listing is deleted before its batch.
      List<String> listed = appendRound(account, 4);
      SyncBatch head = session.sync("INBOX", cursor, 1);
      assertThat(Suite.ids(List.of(head))).containsExactly(listed.get(0));
      assertThat(head.more()).isTrue();
      cursor = head.next();
      servers.doveadm(account, List.of("expunge"), "mailbox", "INBOX", "uid", Long.toString(
          uidOf(servers.fetch(account, "INBOX", "uid", "hdr.message-id"), listed.get(2))));
      batches = Suite.drain(session, "INBOX", cursor, 1);
      assertThat(Suite.ids(batches)).as("the listing's rest without the deleted one")
          .containsExactly(listed.get(1), listed.get(3));
      cursor = batches.get(batches.size() - 1).next();

      // Round 3: new messages of which some are deleted or moved away before the sync.
      List<String> third = appendRound(account, 6);
      List<Map<String, String>> rows = servers.fetch(account, "INBOX", "uid", "hdr.message-id");
      long goneUid = uidOf(rows, third.get(1));
      long movedUid = uidOf(rows, third.get(4));
      servers.doveadm(account, List.of("expunge"), "mailbox", "INBOX", "uid",
          Long.toString(goneUid));
      servers.doveadm(account, List.of("move"), "Elsewhere", "mailbox", "INBOX", "uid",
          Long.toString(movedUid));
      batches = Suite.drain(session, "INBOX", cursor, 100);
      assertThat(Suite.ids(batches)).containsExactly(third.get(0), third.get(2), third.get(3),
          third.get(5));
      cursor = batches.get(batches.size() - 1).next();

      // Round 4: old messages deleted and moved bring nothing back.
      servers.doveadm(account, List.of("expunge"), "mailbox", "INBOX", "uid",
          Long.toString(uidOf(rows, round.get(0))));
      SyncBatch after = session.sync("INBOX", cursor, 100);
      assertThat(after.messages()).isEmpty();
      assertThat(after.more()).isFalse();
      List<String> fourth = appendRound(account, 1);
      batches = Suite.drain(session, "INBOX", cursor, 100);
      assertThat(Suite.ids(batches)).containsExactlyElementsOf(fourth);
    }
    assertThat(seen(account)).isEmpty();
  }

  @Test
  void gapLargerThanTheLimitComesInFullBatchesWithMoreUntilTheLast() {
    MailAccount account = servers.newAccount();
    try (MailboxSession session = connector.open(account)) {
      List<String> first = appendRound(account, 2);
      List<SyncBatch> batches = Suite.drain(session, "INBOX", SyncCursor.beginning(), 10);
      assertThat(Suite.ids(batches)).containsExactlyElementsOf(first);
      SyncCursor cursor = batches.get(batches.size() - 1).next();
      String batchId = servers.seed(account, "INBOX", 25);
      batches = Suite.drain(session, "INBOX", cursor, 10);
      assertThat(batches).extracting(b -> b.messages().size()).containsExactly(10, 10, 5);
      assertThat(batches).extracting(SyncBatch::more).containsExactly(true, true, false);
      List<String> expected = new ArrayList<>();
      for (int n = 1; n <= 25; n++) {
        expected.add(SeedMessages.messageId(batchId, n));
      }
      assertThat(Suite.ids(batches)).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void changedUidValidityIsReportedWithACursorAtTheNewValidityAndThenAFullResync() {
    MailAccount account = servers.newAccount();
    String batchId = servers.seed(account, "INBOX", 7);
    SyncCursor cursor;
    try (MailboxSession session = connector.open(account)) {
      List<SyncBatch> batches = Suite.drain(session, "INBOX", SyncCursor.beginning(), 5);
      assertThat(Suite.ids(batches)).hasSize(7);
      cursor = batches.get(batches.size() - 1).next();
    }
    long validity = servers.changeUidValidity(account, "INBOX");
    try (MailboxSession session = connector.open(account)) {
      SyncBatch changed = session.sync("INBOX", cursor, 5);
      assertThat(changed.uidValidityChanged()).isTrue();
      assertThat(changed.messages()).isEmpty();
      assertThat(changed.next()).isEqualTo(new SyncCursor(validity, 0));
      List<SyncBatch> resync = Suite.drain(session, "INBOX", changed.next(), 5);
      assertThat(resync).noneMatch(SyncBatch::uidValidityChanged);
      List<String> expected = new ArrayList<>();
      for (int n = 1; n <= 7; n++) {
        expected.add(SeedMessages.messageId(batchId, n));
      }
      assertThat(Suite.ids(resync)).containsExactlyElementsOf(expected);
      assertThat(resync.get(resync.size() - 1).next().uidValidity()).isEqualTo(validity);
      // The old cursor stays wrong on every later call too.
      assertThat(session.sync("INBOX", cursor, 5).uidValidityChanged()).isTrue();
    }
  }

  @Test
  void syncMessageAndWriteMessageLeaveMessagesUnseen() {
    MailAccount account = servers.newAccount();
    servers.seed(account, "INBOX", 4);
    try (MailboxSession session = connector.open(account)) {
      List<MessageSummary> all = session.sync("INBOX", SyncCursor.beginning()).messages();
      assertThat(all).hasSize(4).allSatisfy(m -> assertThat(m.flags()).doesNotContain("\\Seen"));
      assertThat(session.message("INBOX", all.get(0).uid(), 1 << 20)).isPresent();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThat(session.writeMessage("INBOX", all.get(1).uid(), out))
          .isEqualTo(all.get(1).size());
      // What the SDK reports and what Dovecot has.
      assertThat(session.sync("INBOX", SyncCursor.beginning()).messages())
          .allSatisfy(m -> assertThat(m.flags()).doesNotContain("\\Seen"));
    }
    assertThat(seen(account)).isEmpty();
  }

  @Test
  void syncsOfTwoFoldersInterleavedInOneSessionEachGetExactlyTheirMessages() {
    MailAccount account = servers.newAccount();
    String inbox = servers.seed(account, "INBOX", 5);
    String other = servers.seed(account, "Projects", 5);
    try (MailboxSession session = connector.open(account)) {
      SyncCursor a = SyncCursor.beginning();
      SyncCursor b = SyncCursor.beginning();
      List<String> fromInbox = new ArrayList<>();
      List<String> fromProjects = new ArrayList<>();
      boolean moreA = true;
      boolean moreB = true;
      int calls = 0;
      while ((moreA || moreB) && calls++ < 50) {
        if (moreA) {
          SyncBatch batch = session.sync("INBOX", a, 2);
          fromInbox.addAll(Suite.ids(List.of(batch)));
          a = batch.next();
          moreA = batch.more();
        }
        if (moreB) {
          SyncBatch batch = session.sync("Projects", b, 2);
          fromProjects.addAll(Suite.ids(List.of(batch)));
          b = batch.next();
          moreB = batch.more();
        }
        if (calls == 2) {
          // Arrives in INBOX while the session has Projects selected.
          servers.append(account, "INBOX", Suite.rfc822(account, "interleaved",
              "<interleaved-" + inbox + "@lumyvo.test>"));
        }
      }
      List<String> expectedInbox = new ArrayList<>();
      List<String> expectedProjects = new ArrayList<>();
      for (int n = 1; n <= 5; n++) {
        expectedInbox.add(SeedMessages.messageId(inbox, n));
        expectedProjects.add(SeedMessages.messageId(other, n));
      }
      expectedInbox.add("<interleaved-" + inbox + "@lumyvo.test>");
      assertThat(fromInbox).containsExactlyElementsOf(expectedInbox);
      assertThat(fromProjects).containsExactlyElementsOf(expectedProjects);
      assertThat(a.uidValidity()).isEqualTo(servers.uidValidity(account, "INBOX"));
      assertThat(b.uidValidity()).isEqualTo(servers.uidValidity(account, "Projects"));
    }
  }

  @Test
  void syncOfAMissingFolderIsMailboxNotFoundAndAClosedSessionSaysSo() {
    MailAccount account = servers.newAccount();
    MailboxSession session = connector.open(account);
    assertThatThrownBy(() -> session.sync("Nowhere", SyncCursor.beginning()))
        .isInstanceOfSatisfying(MailOperationException.class, e -> assertThat(
            e.diagnosis().kind()).as(e.getMessage()).isEqualTo(FailureKind.MAILBOX_NOT_FOUND));
    assertThat(session.isOpen()).as("a missing folder does not break the session").isTrue();
    assertThat(session.sync("INBOX", SyncCursor.beginning()).messages()).isEmpty();
    session.close();
    assertThat(session.isOpen()).isFalse();
    assertThatThrownBy(() -> session.sync("INBOX", SyncCursor.beginning()))
        .isInstanceOf(SessionClosedException.class);
  }

  private List<String> appendRound(MailAccount account, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = "<round-" + (++appended) + "-" + System.nanoTime() + "@lumyvo.test>";
      servers.append(account, "INBOX", Suite.rfc822(account, "appended " + appended, id));
      ids.add(id);
    }
    return ids;
  }

  private static long uidOf(List<Map<String, String>> rows, String messageId) {
    return rows.stream().filter(r -> messageId.equals(r.get("hdr.message-id")))
        .mapToLong(r -> Long.parseLong(r.get("uid"))).findFirst().orElseThrow();
  }

  private static Set<String> seen(MailAccount account) {
    Set<String> seen = new HashSet<>();
    for (Map<String, String> row : servers.fetch(account, "INBOX", "uid", "flags")) {
      if (row.get("flags").contains("\\Seen")) {
        seen.add(row.get("uid"));
      }
    }
    return seen;
  }
}
