package com.lumyvo.providers.mail.realserver;

import com.lumyvo.providers.mail.verify.VerificationResult;
import com.lumyvo.providers.mail.mailbox.MailboxSession;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.mailbox.SyncBatch;
import com.lumyvo.providers.mail.mailbox.MessageSummary;
import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The harness's servers work, and the SDK works against them. */
class RealMailServersTest extends RealServerTest {

  @Test
  void verifiesOverImapsAndImapStarttlsAndBothSubmissionPorts() {
    servers.requirePostfix(); // says why when not root
    MailAccount anna = servers.account("verify-anna");
    for (MailAccount account : List.of(anna, servers.on(servers.imapStarttls(), anna))) {
      VerificationResult result = connector.verify(account);
      assertThat(result.ok()).as("%s: %s / %s%s", account.imap(), result.imap(), result.smtp(),
          servers.logs()).isTrue();
      assertThat(result.imap().endpoint()).isEqualTo(account.imap());
      assertThat(result.smtp().endpoint()).isEqualTo(servers.submissions());
    }
    // The same account with only the STARTTLS submission port (587 style).
    MailAccount starttlsOnly = MailAccount.builder(anna.address().toString(),
        AppPassword.of(servers.password(anna))).imap(servers.imaps())
        .smtp(servers.submission()).build();
    VerificationResult result = connector.verify(starttlsOnly);
    assertThat(result.ok()).as("%s / %s%s", result.imap(), result.smtp(), servers.logs())
        .isTrue();
    assertThat(result.smtp().endpoint()).isEqualTo(servers.submission());
  }

  @Test
  void plainPortsOfferNoLoginBeforeStarttls() throws Exception {
    try (Socket imap = new Socket("127.0.0.1", servers.imapStarttls().port())) {
      imap.setSoTimeout(30_000);
      BufferedReader in = new BufferedReader(
          new InputStreamReader(imap.getInputStream(), StandardCharsets.US_ASCII));
      assertThat(in.readLine()).startsWith("* OK").contains("STARTTLS", "LOGINDISABLED")
          .doesNotContain("AUTH=");
    }
    try (Socket smtp = new Socket("127.0.0.1", servers.submission().port())) {
      smtp.setSoTimeout(30_000);
      BufferedReader in = new BufferedReader(
          new InputStreamReader(smtp.getInputStream(), StandardCharsets.US_ASCII));
      assertThat(in.readLine()).startsWith("220 ");
      smtp.getOutputStream().write("EHLO test\r\n".getBytes(StandardCharsets.US_ASCII));
      smtp.getOutputStream().flush();
      List<String> ehlo = new ArrayList<>();
      String line;
      do {
        line = in.readLine();
        ehlo.add(line);
      } while (line != null && line.startsWith("250-"));
      assertThat(ehlo).contains("250-STARTTLS").noneMatch(l -> l != null && l.contains("AUTH"));
    }
  }

  @Test
  void wrongPasswordFailsVerification() {
    MailAccount anna = servers.account("verify-wrong");
    MailAccount wrong = MailAccount.builder(anna.address().toString(),
        AppPassword.of("abcdefghijklmnop")).imap(servers.imaps())
        .smtp(servers.submissions(), servers.submission()).build();
    VerificationResult result = connector.verify(wrong);
    assertThat(result.ok()).isFalse();
    assertThat(result.imap().ok()).isFalse();
    assertThat(result.smtp().ok()).isFalse();
  }

  @Test
  void variantsLackMoveAndUidplusAndStillServeTheSameMailbox() throws Exception {
    MailAccount anna = servers.account("variant-anna");
    String password = servers.password(anna);
    Set<String> full = RawImap.capabilitiesAfterLogin(servers.imaps().port(),
        servers.trustStore(), anna.address().toString(), password);
    assertThat(full).contains("MOVE", "UIDPLUS", "IDLE");
    Set<String> bare = RawImap.capabilitiesAfterLogin(
        servers.imapsWithoutMoveAndUidplus().port(), servers.trustStore(),
        anna.address().toString(), password);
    assertThat(bare).contains("IMAP4REV1", "IDLE").doesNotContain("MOVE", "UIDPLUS");
    Set<String> uidplusOnly = RawImap.capabilitiesAfterLogin(servers.imapsWithoutMove().port(),
        servers.trustStore(), anna.address().toString(), password);
    assertThat(uidplusOnly).contains("UIDPLUS").doesNotContain("MOVE");

    servers.seed(anna, "INBOX", 3);
    MailAccount onVariant = servers.on(servers.imapsWithoutMoveAndUidplus(), anna);
    assertThat(connector.verify(onVariant).ok()).isTrue();
    try (MailboxSession session = connector.open(onVariant)) {
      assertThat(session.sync("INBOX", SyncCursor.beginning()).messages()).hasSize(3);
    }
  }

  @Test
  void sentMessageArrivesInTheRecipientsInbox() throws Exception {
    servers.requirePostfix(); // says why when not root
    MailAccount sender = servers.account("send-anna");
    MailAccount recipient = servers.account("send-bob");
    String subject = "Hello Bob " + UUID.randomUUID();
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
    message.setFrom(new InternetAddress(sender.address().toString()));
    message.setRecipient(Message.RecipientType.TO,
        new InternetAddress(recipient.address().toString()));
    message.setSubject(subject, "UTF-8");
    message.setText("Grüße über Postfix und Dovecot", "UTF-8");
    assertThat(connector.send(sender, message).ok()).isTrue();

    Optional<MessageSummary> arrived = Optional.empty();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    try (MailboxSession session = connector.open(recipient)) {
      while (arrived.isEmpty() && System.nanoTime() < deadline) {
        arrived = session.sync("INBOX", SyncCursor.beginning()).messages().stream()
            .filter(m -> subject.equals(m.subject())).findFirst();
        if (arrived.isEmpty()) {
          Thread.sleep(100);
        }
      }
    }
    assertThat(arrived).as("message in the recipient's INBOX%s", servers.logs()).isPresent();
    assertThat(arrived.orElseThrow().from()).containsExactly(sender.address().toString());
  }

  @Test
  void seedsTenThousandMessagesThatSyncInBatches() {
    MailAccount account = servers.newAccount();
    long started = System.nanoTime();
    String batchId = servers.seed(account, "INBOX", 10_000);
    long seeded = System.nanoTime();
    Set<String> ids = new HashSet<>();
    List<String> wrongSubjects = new ArrayList<>();
    List<String> wrongThreads = new ArrayList<>();
    int batches = 0;
    try (MailboxSession session = connector.open(account)) {
      SyncCursor cursor = SyncCursor.beginning();
      SyncBatch batch;
      do {
        batch = session.sync("INBOX", cursor);
        batches++;
        for (MessageSummary m : batch.messages()) {
          String id = m.messageId().orElseThrow();
          ids.add(id);
          int n = Integer.parseInt(id.substring(id.lastIndexOf('-') + 1, id.indexOf('@')));
          if (!SeedMessages.subject(n).equals(m.subject())) {
            wrongSubjects.add(n + ": " + m.subject());
          }
          if (n % 4 == 3 && !m.inReplyTo().equals(
              Optional.of(SeedMessages.messageId(batchId, n - 1)))) {
            wrongThreads.add(n + ": " + m.inReplyTo() + " " + m.references());
          }
        }
        cursor = batch.next();
      } while (batch.more());
    }
    System.out.printf("seeded 10,000 in %d ms, synced them in %d batches in %d ms%n",
        (seeded - started) / 1_000_000, batches, (System.nanoTime() - seeded) / 1_000_000);
    assertThat(ids).hasSize(10_000).contains("<seed-" + batchId + "-1@lumyvo.test>",
        "<seed-" + batchId + "-10000@lumyvo.test>");
    // RFC 2047 subjects decoded, threads kept.
    assertThat(wrongSubjects).isEmpty();
    assertThat(wrongThreads).isEmpty();
  }

  @Test
  void appendedAndSeededMessagesAreAnnouncedOnTheNextCommandOfAClientWithTheFolderSelected()
      throws Exception {
    MailAccount account = servers.newAccount();
    servers.seed(account, "Projects", 5);
    try (RawImap imap = RawImap.login(servers.imaps().port(), servers.trustStore(),
        account.address().toString(), servers.password(account))) {
      assertThat(imap.command("SELECT Projects")).contains("* 5 EXISTS");
      servers.append(account, "Projects", appended(account));
      assertThat(imap.command("UID FETCH 6:* (UID)")).contains("* 6 EXISTS");
      assertThat(imap.command("UID FETCH 6:* (UID)")).anyMatch(l -> l.contains("(UID 6)"));
      servers.seed(account, "Projects", 2); // seeding too is announced at once
      assertThat(imap.command("UID FETCH 7:* (UID)")).contains("* 8 EXISTS");
    }
  }

  @Test
  void syncRightAfterAnArrivalInTheSelectedFolderReturnsTheNewMessage() {
    MailAccount account = servers.newAccount();
    servers.createFolder(account, "Projects");
    servers.seed(account, "Projects", 5);
    try (MailboxSession session = connector.open(account)) {
      SyncBatch first = session.sync("Projects", SyncCursor.beginning());
      assertThat(first.messages()).hasSize(5);
      assertThat(first.messages().get(0).subject()).isEqualTo(SeedMessages.subject(1));
      servers.append(account, "Projects", appended(account));
      SyncBatch second = session.sync("Projects", first.next());
      assertThat(second.messages()).extracting(MessageSummary::subject)
          .as("the sync right after the arrival; the one after that returns %s",
              session.sync("Projects", first.next()).messages().stream()
                  .map(MessageSummary::subject).toList())
          .containsExactly("appended");
    }
  }

  @Test
  void syncReportsAChangedUidValidity() {
    MailAccount account = servers.newAccount();
    servers.seed(account, "INBOX", 3);
    SyncCursor cursor;
    try (MailboxSession session = connector.open(account)) {
      cursor = session.sync("INBOX", SyncCursor.beginning()).next();
    }
    long validity = servers.changeUidValidity(account, "INBOX");
    assertThat(validity).isNotEqualTo(cursor.uidValidity());
    try (MailboxSession session = connector.open(account)) {
      SyncBatch changed = session.sync("INBOX", cursor);
      assertThat(changed.uidValidityChanged()).isTrue();
      assertThat(changed.next().uidValidity()).isEqualTo(validity);
    }
  }

  private static byte[] appended(MailAccount account) {
    return ("From: carol@example.org\nTo: " + account.address()
        + "\nSubject: appended\nMessage-ID: <appended-" + UUID.randomUUID()
        + "@lumyvo.test>\n\nhi\n").getBytes(StandardCharsets.UTF_8);
  }
}
