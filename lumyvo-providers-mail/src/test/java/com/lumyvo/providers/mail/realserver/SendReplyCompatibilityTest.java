package com.lumyvo.providers.mail.realserver;

import com.lumyvo.providers.mail.mailbox.MailboxSession;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.mailbox.MessageSummary;
import com.lumyvo.providers.mail.mailbox.MessageTooLargeException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Sending and replying through Postfix to Dovecot: a sent message arrives, {@code message(folder,
 * uid, maxBytes)} returns it whole, {@code reply} builds an answer that threads (In-Reply-To and
 * References name the original's Message-ID, as the recipient's sync reports them), and a
 * message larger than {@code maxBytes} is refused before its body is fetched.
 */
class SendReplyCompatibilityTest extends RealServerTest {

  @Test
  void sentMessageArrivesAndItsReplyThreadsBackToTheSender() throws Exception {
    servers.requirePostfix();
    MailAccount anna = servers.newAccount();
    MailAccount bob = servers.newAccount();
    String subject = "Plan für morgen " + UUID.randomUUID();
    assertThat(connector.send(anna, Suite.mail(anna, bob, subject, "Treffen um 10?")).ok())
        .isTrue();

    MessageSummary arrived = arrival(bob, subject);
    assertThat(arrived.from()).containsExactly(anna.address().toString());
    assertThat(arrived.flags()).doesNotContain("\\Seen");
    String originalId = arrived.messageId().orElseThrow();

    MimeMessage original;
    try (MailboxSession session = connector.open(bob)) {
      original = session.message("INBOX", arrived.uid(), 1 << 20).orElseThrow();
      assertThat(session.message("INBOX", arrived.uid() + 1000, 1 << 20)).isEmpty();
    }
    assertThat(original.getSubject()).isEqualTo(subject);
    assertThat(original.getMessageID()).isEqualTo(originalId);
    assertThat(((String) original.getContent()).trim()).isEqualTo("Treffen um 10?");

    MimeMessage reply = connector.reply(bob, original, "Ja, passt.");
    assertThat(reply.getSubject()).isEqualTo("Re: " + subject);
    assertThat(reply.getRecipients(Message.RecipientType.TO))
        .containsExactly(new InternetAddress(anna.address().toString()));
    assertThat(connector.send(bob, reply).ok()).isTrue();

    MessageSummary answer = arrival(anna, "Re: " + subject);
    assertThat(answer.from()).containsExactly(bob.address().toString());
    assertThat(answer.inReplyTo()).contains(originalId);
    assertThat(answer.references()).isNotEmpty();
    assertThat(answer.references().get(answer.references().size() - 1)).isEqualTo(originalId);
    assertThat(answer.messageId()).isPresent().isNotEqualTo(arrived.messageId());
    // Reading the original marked nothing seen.
    assertThat(seenFlags(bob)).isEmpty();
  }

  @Test
  void messageLargerThanMaxBytesIsRefusedWithoutFetchingItsBody() throws Exception {
    MailAccount account = servers.newAccount();
    servers.append(account, "INBOX", Suite.rfc822(account, "sized", "<sized@lumyvo.test>"));
    try (CuttingRelay relay = new CuttingRelay(servers.imapPlain());
        MailboxSession session = connector.open(servers.on(relay.endpoint(), account))) {
      MessageSummary summary = session.sync("INBOX", SyncCursor.beginning()).messages().get(0);
      relay.clearLines();
      assertThatThrownBy(() -> session.message("INBOX", summary.uid(), summary.size() - 1))
          .isInstanceOfSatisfying(MessageTooLargeException.class, e -> {
            assertThat(e.size()).isEqualTo(summary.size());
            assertThat(e.limit()).isEqualTo(summary.size() - 1);
          });
      List<String> sent = relay.lines().stream().map(CuttingRelay.Line::command).toList();
      assertThat(sent).as("nothing of the message's content asked for")
          .noneMatch(c -> c.contains("BODY[") || c.contains("BODY.PEEK[") || c.contains("RFC822 ")
              || c.contains("RFC822)") || c.contains("BINARY"));
      assertThat(session.isOpen()).isTrue();
      // The limit is inclusive: exactly the size is allowed.
      assertThat(session.message("INBOX", summary.uid(), summary.size())).isPresent();
    }
    assertThat(seenFlags(account)).isEmpty();
  }

  private static MessageSummary arrival(MailAccount account, String subject) throws Exception {
    List<String> seen = new ArrayList<>();
    try (MailboxSession session = connector.open(account)) {
      SyncCursor[] cursor = {SyncCursor.beginning()};
      MessageSummary found = Suite.await(Suite.ARRIVAL, () -> {
        var batch = session.sync("INBOX", cursor[0]);
        cursor[0] = batch.next();
        for (MessageSummary m : batch.messages()) {
          seen.add(m.subject());
          if (subject.equals(m.subject())) {
            return m;
          }
        }
        return null;
      });
      assertThat(found).as("'%s' in %s's INBOX (saw %s)%s", subject, account, seen,
          servers.logs()).isNotNull();
      return found;
    }
  }

  private static List<Map<String, String>> seenFlags(MailAccount account) {
    return servers.fetch(account, "INBOX", "uid", "flags").stream()
        .filter(row -> row.get("flags").contains("\\Seen")).toList();
  }
}
