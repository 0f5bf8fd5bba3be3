package com.lumyvo.providers.mail.realserver;

import com.lumyvo.providers.mail.mailbox.MailboxSession;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.mailbox.MessageSummary;
import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
import jakarta.mail.Flags;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code setFlags} on Dovecot: \Flagged and a keyword are set and cleared on exactly the UIDs
 * given, the next sync (in the same session and in a new one) reports them, Dovecot has them,
 * UIDs that are not there are not counted, and nothing becomes \Seen on the way.
 */
class FlagsCompatibilityTest extends RealServerTest {
  private static final String KEYWORD = "LumyvoTodo";

  @Test
  void flaggedAndAKeywordAreSetAndClearedAndSeenInTheNextSync() {
    MailAccount account = servers.newAccount();
    servers.seed(account, "INBOX", 3);
    Flags flags = new Flags(Flags.Flag.FLAGGED);
    flags.add(KEYWORD);
    long second;
    try (MailboxSession session = connector.open(account)) {
      List<MessageSummary> all = session.sync("INBOX", SyncCursor.beginning()).messages();
      assertThat(all).allSatisfy(m -> assertThat(m.flags()).doesNotContain("\\Flagged", KEYWORD));
      second = all.get(1).uid();
      assertThat(session.setFlags("INBOX", List.of(second, 99_999L), flags, true)).isEqualTo(1);
      List<MessageSummary> again = session.sync("INBOX", SyncCursor.beginning()).messages();
      assertThat(again.get(1).flags()).contains("\\Flagged", KEYWORD).doesNotContain("\\Seen");
      assertThat(again.get(0).flags()).doesNotContain("\\Flagged", KEYWORD);
      assertThat(again.get(2).flags()).doesNotContain("\\Flagged", KEYWORD);
    }
    assertThat(flagsOnServer(account, second)).contains("\\Flagged", KEYWORD)
        .doesNotContain("\\Seen");
    try (MailboxSession session = connector.open(account)) {
      assertThat(session.sync("INBOX", SyncCursor.beginning()).messages().get(1).flags())
          .as("a new session sees them too").contains("\\Flagged", KEYWORD);
      assertThat(session.setFlags("INBOX", List.of(second), flags, false)).isEqualTo(1);
      assertThat(session.sync("INBOX", SyncCursor.beginning()).messages())
          .allSatisfy(m -> assertThat(m.flags()).doesNotContain("\\Flagged", KEYWORD, "\\Seen"));
    }
    assertThat(flagsOnServer(account, second)).doesNotContain("\\Flagged", KEYWORD);
  }

  @Test
  void clearingOneFlagKeepsTheOther() {
    MailAccount account = servers.newAccount();
    servers.seed(account, "INBOX", 1);
    Flags both = new Flags(Flags.Flag.FLAGGED);
    both.add(KEYWORD);
    try (MailboxSession session = connector.open(account)) {
      long uid = session.sync("INBOX", SyncCursor.beginning()).messages().get(0).uid();
      session.setFlags("INBOX", List.of(uid), both, true);
      session.setFlags("INBOX", List.of(uid), new Flags(Flags.Flag.FLAGGED), false);
      assertThat(session.sync("INBOX", SyncCursor.beginning()).messages().get(0).flags())
          .contains(KEYWORD).doesNotContain("\\Flagged");
      assertThat(flagsOnServer(account, uid)).contains(KEYWORD).doesNotContain("\\Flagged");
    }
  }

  private static String flagsOnServer(MailAccount account, long uid) {
    return servers.fetch(account, "INBOX", "uid", "flags").stream()
        .filter(r -> r.get("uid").equals(Long.toString(uid))).map(r -> r.get("flags"))
        .findFirst().orElseThrow();
  }
}
