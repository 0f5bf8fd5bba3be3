package com.lumyvo.providers.mail.realserver;

import com.lumyvo.providers.mail.mailbox.MailboxSession;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.mailbox.SyncBatch;
import com.lumyvo.providers.mail.mailbox.MessageSummary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lumyvo.providers.ServerEndpoint;
import com.lumyvo.providers.diagnosis.FailureKind;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
import com.lumyvo.providers.mail.MailOperationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code MailboxSession.move} on the three kinds of server: with MOVE, with UIDPLUS but no MOVE,
 * and with neither (the same account on another Dovecot instance). Every check reads the result
 * from Dovecot itself ({@code doveadm fetch}), \Deleted messages included: each message ends in
 * exactly one folder, once; a different message with the same Message-ID in the target is not
 * taken for the copy; messages without a Message-ID move too; a move cut off mid-way (by a
 * {@link CuttingRelay} on the instance's plain port, at each of its commands) and repeated in a
 * new session still leaves each message in one folder once; without UIDPLUS other \Deleted
 * messages are never expunged; a missing target is MAILBOX_NOT_FOUND and moves nothing.
 */
@Tag("real-server")
class MoveCompatibilityTest {
  private static RealMailServers servers;
  private static MailConnector connector;

  /** The three kinds of server, each as IMAPS and as a plain port for relays. */
  enum Server {
    WITH_MOVE(RealMailServers::imaps, RealMailServers::imapPlain),
    WITHOUT_MOVE(RealMailServers::imapsWithoutMove, RealMailServers::imapPlainWithoutMove),
    WITHOUT_MOVE_AND_UIDPLUS(RealMailServers::imapsWithoutMoveAndUidplus,
        RealMailServers::imapPlainWithoutMoveAndUidplus);

    final Function<RealMailServers, ServerEndpoint> imaps;
    final Function<RealMailServers, ServerEndpoint> plain;

    Server(Function<RealMailServers, ServerEndpoint> imaps,
        Function<RealMailServers, ServerEndpoint> plain) {
      this.imaps = imaps;
      this.plain = plain;
    }
  }

  /** Where a move is cut: before the server gets the command, or after it answered. */
  enum Cut { BEFORE, AFTER_REPLY }

  @BeforeAll
  static void start() {
    servers = RealMailServers.shared();
    connector = servers.connectorBuilder().build();
  }

  @ParameterizedTest
  @EnumSource(Server.class)
  void movesEachMessageIntoTheTargetOnce(Server server) {
    MailAccount account = servers.newAccount();
    String batch = servers.seed(account, "INBOX", 5);
    servers.createFolder(account, "Target");
    MailAccount on = servers.on(server.imaps.apply(servers), account);
    try (MailboxSession session = connector.open(on)) {
      List<MessageSummary> all = session.sync("INBOX", SyncCursor.beginning()).messages();
      List<Long> uids = new ArrayList<>(List.of(all.get(0).uid(), all.get(1).uid(),
          all.get(2).uid()));
      uids.add(99_999L); // not there: not counted
      assertThat(session.move("INBOX", uids, "Target")).isEqualTo(3);
      assertThat(session.count("INBOX")).isEqualTo(2);
      assertThat(session.count("Target")).isEqualTo(3);
    }
    // Seeded subjects are partly RFC 2047 encoded, which doveadm leaves as is: Message-IDs.
    assertThat(idsOnServer(account, "INBOX")).containsExactly(
        SeedMessages.messageId(batch, 4), SeedMessages.messageId(batch, 5));
    assertThat(idsOnServer(account, "Target")).containsExactlyInAnyOrder(
        SeedMessages.messageId(batch, 1), SeedMessages.messageId(batch, 2),
        SeedMessages.messageId(batch, 3));
  }

  @ParameterizedTest
  @EnumSource(Server.class)
  void differentMessageWithTheSameMessageIdInTheTargetIsNotTakenForTheCopy(Server server) {
    MailAccount account = servers.newAccount();
    String id = "<dup-" + UUID.randomUUID() + "@lumyvo.test>";
    servers.append(account, "Target", Suite.rfc822(account, "the resend", id));
    servers.append(account, "INBOX", Suite.rfc822(account, "the original", id));
    try (MailboxSession session = connector.open(servers.on(server.imaps.apply(servers),
        account))) {
      long uid = session.sync("INBOX", SyncCursor.beginning()).messages().get(0).uid();
      assertThat(session.move("INBOX", List.of(uid), "Target")).isEqualTo(1);
    }
    assertThat(Suite.onServer(servers, account, "INBOX")).isEmpty();
    assertThat(Suite.subjectsOnServer(servers, account, "Target"))
        .containsExactlyInAnyOrder("the resend", "the original");
  }

  @ParameterizedTest
  @EnumSource(Server.class)
  void messagesWithoutMessageIdAreMoved(Server server) {
    MailAccount account = servers.newAccount();
    servers.createFolder(account, "Target");
    List<String> subjects = List.of("no id 1", "no id 2", "no id 3", "with id");
    for (String subject : subjects) {
      servers.append(account, "INBOX", Suite.rfc822(account, subject,
          subject.equals("with id") ? "<with-" + UUID.randomUUID() + "@lumyvo.test>" : null));
    }
    try (MailboxSession session = connector.open(servers.on(server.imaps.apply(servers),
        account))) {
      List<MessageSummary> all = session.sync("INBOX", SyncCursor.beginning()).messages();
      assertThat(all.stream().filter(m -> m.messageId().isEmpty())).hasSize(3);
      assertThat(session.move("INBOX", all.stream().map(MessageSummary::uid).toList(),
          "Target")).isEqualTo(4);
    }
    assertThat(Suite.onServer(servers, account, "INBOX")).isEmpty();
    assertThat(Suite.subjectsOnServer(servers, account, "Target"))
        .containsExactlyInAnyOrderElementsOf(subjects);
  }

  @ParameterizedTest
  @EnumSource(Server.class)
  void moveToAMissingFolderIsMailboxNotFoundAndMovesNothing(Server server) {
    MailAccount account = servers.newAccount();
    servers.seed(account, "INBOX", 3);
    List<String> before = idsOnServer(account, "INBOX");
    try (MailboxSession session = connector.open(servers.on(server.imaps.apply(servers),
        account))) {
      List<Long> uids = session.sync("INBOX", SyncCursor.beginning()).messages().stream()
          .map(MessageSummary::uid).toList();
      assertThatThrownBy(() -> session.move("INBOX", uids, "Nowhere"))
          .isInstanceOfSatisfying(MailOperationException.class, e -> assertThat(
              e.diagnosis().kind()).as(e.getMessage()).isEqualTo(FailureKind.MAILBOX_NOT_FOUND));
    }
    assertThat(idsOnServer(account, "INBOX")).hasSize(3).isEqualTo(before);
    assertThat(idsOnServer(account, "Nowhere")).isEmpty();
    assertThat(servers.fetch(account, "INBOX", "uid", "flags"))
        .noneMatch(r -> r.get("flags").contains("\\Deleted"));
  }

  @ParameterizedTest
  @EnumSource(Server.class)
  void sessionSyncsStreamsAndReadsCorrectlyAfterMovingOutOfAPartlyConsumedListing(
      Server server) throws Exception {
    MailAccount account = servers.newAccount();
    String batch = servers.seed(account, "INBOX", 6);
    servers.createFolder(account, "Target");
    try (MailboxSession session = connector.open(servers.on(server.imaps.apply(servers),
        account))) {
      SyncBatch first = session.sync("INBOX", SyncCursor.beginning(), 2);
      assertThat(Suite.ids(List.of(first))).containsExactly(SeedMessages.messageId(batch, 1),
          SeedMessages.messageId(batch, 2));
      assertThat(first.more()).isTrue();
      long uid1 = first.messages().get(0).uid();
      List<Map<String, String>> rows = servers.fetch(account, "INBOX", "uid", "hdr.message-id");
      long uid3 = Long.parseLong(rows.get(2).get("uid"));
      long uid5 = Long.parseLong(rows.get(4).get("uid"));
      long uid6 = Long.parseLong(rows.get(5).get("uid"));
      // One already synced, one still in the listing the session holds.
      assertThat(session.move("INBOX", List.of(uid1, uid3), "Target")).isEqualTo(2);
      List<SyncBatch> rest = Suite.drain(session, "INBOX", first.next(), 2);
      assertThat(Suite.ids(rest)).as("the listing's rest without the moved message")
          .containsExactly(SeedMessages.messageId(batch, 4), SeedMessages.messageId(batch, 5),
              SeedMessages.messageId(batch, 6));
      SyncCursor cursor = rest.get(rest.size() - 1).next();
      SyncBatch none = session.sync("INBOX", cursor, 2);
      assertThat(none.messages()).isEmpty();
      assertThat(none.more()).isFalse();

      long size5 = Long.parseLong(servers.fetch(account, "INBOX", "uid", "size.physical")
          .stream().filter(r -> r.get("uid").equals(Long.toString(uid5))).findFirst()
          .orElseThrow().get("size.physical"));
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      assertThat(session.writeMessage("INBOX", uid5, out)).isEqualTo(out.size());
      assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
          .contains("Message-ID: " + SeedMessages.messageId(batch, 5));
      assertThat((long) out.size()).as("CRLF size of message 5 (%d stored)", size5)
          .isGreaterThanOrEqualTo(size5);
      assertThat(session.writeMessage("INBOX", uid3, new java.io.ByteArrayOutputStream()))
          .as("moved away").isEqualTo(-1);
      assertThat(session.message("INBOX", uid6, 1 << 20).orElseThrow().getMessageID())
          .isEqualTo(SeedMessages.messageId(batch, 6));
      assertThat(session.count("INBOX")).isEqualTo(4);

      servers.append(account, "INBOX", Suite.rfc822(account, "late", "<late-" + batch
          + "@lumyvo.test>"));
      List<SyncBatch> late = Suite.drain(session, "INBOX", cursor, 2);
      assertThat(Suite.ids(late)).containsExactly("<late-" + batch + "@lumyvo.test>");
    }
    assertThat(idsOnServer(account, "Target")).containsExactlyInAnyOrder(
        SeedMessages.messageId(batch, 1), SeedMessages.messageId(batch, 3));
    assertThat(idsOnServer(account, "INBOX")).hasSize(5)
        .doesNotContain(SeedMessages.messageId(batch, 1), SeedMessages.messageId(batch, 3));
  }

  @Test
  void withoutUidplusOtherDeletedMessagesAreNotExpunged() {
    MailAccount account = servers.newAccount();
    servers.seed(account, "INBOX", 3);
    servers.createFolder(account, "Target");
    List<Map<String, String>> rows = Suite.onServer(servers, account, "INBOX");
    String flaggedUid = rows.get(0).get("uid");
    servers.doveadm(account, List.of("flags", "add"), "\\Deleted", "mailbox", "INBOX", "uid",
        flaggedUid);
    try (MailboxSession session = connector.open(
        servers.on(servers.imapsWithoutMoveAndUidplus(), account))) {
      assertThat(session.move("INBOX", List.of(Long.parseLong(rows.get(1).get("uid"))),
          "Target")).isEqualTo(1);
      assertThat(session.count("INBOX")).isEqualTo(1);
    }
    List<Map<String, String>> inbox = Suite.onServer(servers, account, "INBOX");
    assertThat(inbox).as("the other \\Deleted message is still there")
        .anySatisfy(r -> assertThat(r.get("uid")).isEqualTo(flaggedUid));
    assertThat(inbox).as("the message not moved is untouched").anySatisfy(r -> {
      assertThat(r.get("hdr.subject")).isEqualTo(SeedMessages.subject(3));
      assertThat(r.get("flags")).doesNotContain("\\Deleted");
    });
    // The moved one may stay behind only flagged \Deleted, as the Javadoc says.
    assertThat(inbox.stream().filter(r -> r.get("hdr.subject").equals(SeedMessages.subject(2))))
        .allSatisfy(r -> assertThat(r.get("flags")).contains("\\Deleted"));
    assertThat(Suite.subjectsOnServer(servers, account, "Target"))
        .containsExactly(SeedMessages.subject(2));
  }

  @ParameterizedTest
  @EnumSource(value = Server.class, names = {"WITHOUT_MOVE", "WITHOUT_MOVE_AND_UIDPLUS"})
  void repeatAfterACutCopyKnowsItsOwnCopyFromAResendWithTheSameMessageId(Server server)
      throws Exception {
    MailAccount account = servers.newAccount();
    String id = "<resent-" + UUID.randomUUID() + "@lumyvo.test>";
    servers.append(account, "Target", Suite.rfc822(account, "the resend", id));
    servers.append(account, "INBOX", Suite.rfc822(account, "the original", id));
    servers.append(account, "INBOX", Suite.rfc822(account, "no id", null));
    servers.append(account, "INBOX", Suite.rfc822(account, "stays", "<stays@lumyvo.test>"));
    List<Long> uids;
    try (CuttingRelay relay = new CuttingRelay(server.plain.apply(servers));
        MailboxSession session = connector.open(servers.on(relay.endpoint(), account))) {
      uids = session.sync("INBOX", SyncCursor.beginning()).messages().stream()
          .filter(m -> !m.subject().equals("stays")).map(MessageSummary::uid).toList();
      relay.cutAfterReply("UID COPY");
      assertThatThrownBy(() -> session.move("INBOX", uids, "Target"))
          .isInstanceOf(MailOperationException.class);
      assertThat(relay.cuts()).isEqualTo(1);
    }
    assertThat(Suite.subjectsOnServer(servers, account, "Target")).as("the cut COPY happened")
        .containsExactlyInAnyOrder("the resend", "the original", "no id");
    try (MailboxSession session = connector.open(servers.on(server.imaps.apply(servers),
        account))) {
      assertThat(session.move("INBOX", uids, "Target")).isEqualTo(2);
    }
    assertThat(Suite.subjectsOnServer(servers, account, "Target"))
        .as("nothing copied twice, the resend kept")
        .containsExactlyInAnyOrder("the resend", "the original", "no id");
    assertThat(Suite.subjectsOnServer(servers, account, "INBOX")).containsExactly("stays");
  }

  @Test
  void repeatWithoutUidplusLeavesAnotherDeletedMessageAlone() throws Exception {
    MailAccount account = servers.newAccount();
    servers.createFolder(account, "Target");
    servers.append(account, "INBOX", Suite.rfc822(account, "moving", "<m-" + UUID.randomUUID()
        + "@lumyvo.test>"));
    servers.append(account, "INBOX", Suite.rfc822(account, "deleted by someone else",
        "<d-" + UUID.randomUUID() + "@lumyvo.test>"));
    List<Map<String, String>> rows = Suite.onServer(servers, account, "INBOX");
    long moving = Long.parseLong(rows.get(0).get("uid"));
    String other = rows.get(1).get("uid");
    try (CuttingRelay relay = new CuttingRelay(servers.imapPlainWithoutMoveAndUidplus());
        MailboxSession session = connector.open(servers.on(relay.endpoint(), account))) {
      session.sync("INBOX", SyncCursor.beginning());
      relay.cutAfterReply("UID COPY");
      assertThatThrownBy(() -> session.move("INBOX", List.of(moving), "Target"))
          .isInstanceOf(MailOperationException.class);
    }
    // Meanwhile another client flags a different message \Deleted (without expunging it).
    servers.doveadm(account, List.of("flags", "add"), "\\Deleted", "mailbox", "INBOX", "uid",
        other);
    try (MailboxSession session = connector.open(
        servers.on(servers.imapsWithoutMoveAndUidplus(), account))) {
      session.move("INBOX", List.of(moving), "Target");
    }
    List<Map<String, String>> inbox = Suite.onServer(servers, account, "INBOX");
    assertThat(inbox).as("the other \\Deleted message is not expunged")
        .anySatisfy(r -> assertThat(r.get("uid")).isEqualTo(other));
    assertThat(inbox.stream().filter(r -> r.get("hdr.subject").equals("moving")))
        .as("the moved one stays only flagged \\Deleted").allSatisfy(
            r -> assertThat(r.get("flags")).contains("\\Deleted"));
    assertThat(Suite.subjectsOnServer(servers, account, "Target")).containsExactly("moving");
  }

  /** Message-IDs of what Dovecot has in the folder, \Deleted ones included; none if missing. */
  private static List<String> idsOnServer(MailAccount account, String folder) {
    List<String> folders = List.of(servers.doveadm(account, List.of("mailbox", "list"))
        .split("\\n"));
    if (!folders.contains(folder)) {
      return List.of();
    }
    return servers.fetch(account, folder, "uid", "hdr.message-id").stream()
        .map(r -> r.get("hdr.message-id")).toList();
  }

  static Stream<Arguments> cuts() {
    return Stream.of(
        Arguments.of(Server.WITH_MOVE, Cut.BEFORE, "UID MOVE"),
        Arguments.of(Server.WITH_MOVE, Cut.AFTER_REPLY, "UID MOVE"),
        Arguments.of(Server.WITHOUT_MOVE, Cut.AFTER_REPLY, "UID COPY"),
        Arguments.of(Server.WITHOUT_MOVE, Cut.AFTER_REPLY, "UID STORE"),
        Arguments.of(Server.WITHOUT_MOVE, Cut.BEFORE, "UID EXPUNGE"),
        Arguments.of(Server.WITHOUT_MOVE, Cut.AFTER_REPLY, "UID EXPUNGE"),
        Arguments.of(Server.WITHOUT_MOVE_AND_UIDPLUS, Cut.AFTER_REPLY, "UID COPY"),
        Arguments.of(Server.WITHOUT_MOVE_AND_UIDPLUS, Cut.AFTER_REPLY, "UID STORE"),
        Arguments.of(Server.WITHOUT_MOVE_AND_UIDPLUS, Cut.BEFORE, "EXPUNGE"),
        Arguments.of(Server.WITHOUT_MOVE_AND_UIDPLUS, Cut.AFTER_REPLY, "EXPUNGE"));
  }

  @ParameterizedTest(name = "{0}: cut {1} {2}")
  @MethodSource("cuts")
  void moveCutOffMidwayAndRepeatedLeavesEachMessageInOneFolderOnce(Server server, Cut cut,
      String command) throws Exception {
    MailAccount account = servers.newAccount();
    servers.createFolder(account, "Target");
    List<String> moving = List.of("cut 1", "cut 2", "cut no id 3", "cut no id 4");
    for (String subject : moving) {
      servers.append(account, "INBOX", Suite.rfc822(account, subject,
          subject.contains("no id") ? null : "<" + UUID.randomUUID() + "@lumyvo.test>"));
    }
    servers.append(account, "INBOX", Suite.rfc822(account, "stays", "<stays@lumyvo.test>"));
    List<Long> uids;
    List<String> trace;
    try (CuttingRelay relay = new CuttingRelay(server.plain.apply(servers))) {
      try (MailboxSession session = connector.open(servers.on(relay.endpoint(), account))) {
        uids = session.sync("INBOX", SyncCursor.beginning()).messages().stream()
            .filter(m -> !m.subject().equals("stays")).map(MessageSummary::uid).toList();
        assertThat(uids).hasSize(4);
        relay.clearLines();
        if (cut == Cut.BEFORE) {
          relay.cutBefore(command);
        } else {
          relay.cutAfterReply(command);
        }
        assertThatThrownBy(() -> session.move("INBOX", uids, "Target"))
            .isInstanceOf(MailOperationException.class);
      }
      trace = relay.lines().stream().map(CuttingRelay.Line::toString).toList();
      assertThat(relay.cuts()).as("the relay cut at %s: %s", command, trace).isEqualTo(1);
    }
    System.out.printf("%s, cut %s %s; first attempt sent: %s%n", server, cut, command, trace);
    try (MailboxSession session = connector.open(servers.on(server.imaps.apply(servers),
        account))) {
      session.move("INBOX", uids, "Target");
    }
    List<Map<String, String>> inbox = Suite.onServer(servers, account, "INBOX");
    List<Map<String, String>> target = Suite.onServer(servers, account, "Target");
    assertThat(target).extracting(r -> r.get("hdr.subject"))
        .as("each moved message once in Target; INBOX has %s", inbox)
        .containsExactlyInAnyOrderElementsOf(moving);
    assertThat(inbox).extracting(r -> r.get("hdr.subject"))
        .as("only the message not moved left in INBOX (\\Deleted ones included): %s", inbox)
        .containsExactly("stays");
  }
}
