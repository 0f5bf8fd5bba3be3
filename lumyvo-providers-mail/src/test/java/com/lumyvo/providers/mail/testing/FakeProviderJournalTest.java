package com.lumyvo.providers.mail.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
import com.lumyvo.providers.mail.mailbox.MailboxSession;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fake's journal of client commands: what {@link FakeProvider#takeCommand()} hands out, in
 * the order the fake read it, with every password left out in every form.
 */
class FakeProviderJournalTest {
  private static final String ANNA = "anna@fake.example";
  /** Quotes and a backslash, so that its IMAP-quoted form differs from the clear one. */
  private static final String PASSWORD = "Pa\"ss\\word-7731xy";
  private static final String WRONG = "Wrong-Journal-Pw-5512qq";
  private static final Duration WAIT = Duration.ofSeconds(10);

  private FakeProvider fake;

  @BeforeEach
  void start() {
    fake = FakeProvider.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void takeCommandHandsOutImapLinesInOrderWithTheLoginPasswordRedacted() throws Exception {
    fake.addAccount(ANNA, AppPassword.of("abcdefghijklmnop"));
    try (RawClient imap = imap()) {
      imap.command("a1 LOGIN " + ANNA + " abcdefghijklmnop", "a1 ");
      imap.command("a2 SELECT INBOX", "a2 ");
      imap.command("a3 UID FETCH 1:* (FLAGS)", "a3 ");
    }

    assertThat(fake.takeCommand()).satisfies(c -> {
      assertThat(c.protocol()).isEqualTo(Protocol.IMAP);
      assertThat(c.endpoint()).isEqualTo(fake.descriptor().imap());
      assertThat(c.connection()).isEqualTo(1);
      assertThat(c.line()).isEqualTo("a1 LOGIN anna@fake.example [redacted]");
      assertThat(c.name()).isEqualTo("LOGIN");
    });
    assertThat(fake.takeCommand().line()).isEqualTo("a2 SELECT INBOX");
    assertThat(fake.takeCommand().name()).isEqualTo("UID FETCH");
    assertThat(fake.takeCommand(Duration.ZERO)).isEmpty();
    assertThat(fake.commandCount()).isEqualTo(3);
  }

  @Test
  void aCommandWithALiteralIsOneLineWithoutTheLiteralsData() throws Exception {
    fake.addAccount(ANNA, AppPassword.of("abcdefghijklmnop"));
    String message = "Subject: hello\r\n\r\nline one\r\n";
    try (RawClient imap = imap()) {
      imap.command("a1 LOGIN " + ANNA + " abcdefghijklmnop", "a1 ");
      imap.send("a2 APPEND INBOX {" + message.length() + "}");
      imap.lineStartingWith("+");
      imap.sendRaw(message + "\r\n");
      imap.lineStartingWith("a2 ");
      imap.command("a3 NOOP", "a3 ");
    }

    fake.takeCommand();
    assertThat(fake.takeCommand().line()).isEqualTo("a2 APPEND INBOX {" + message.length() + "}");
    assertThat(fake.takeCommand().line()).isEqualTo("a3 NOOP");
    assertThat(fake.takeCommand(Duration.ZERO)).isEmpty();
  }

  @Test
  void smtpCommandsAreJournaledAndTheMessageAfterDataIsNot() throws Exception {
    fake.addAccount(ANNA, AppPassword.of("abcdefghijklmnop"));
    try (RawClient smtp = smtps()) {
      smtp.lineStartingWith("220");
      smtp.command("EHLO client.example", "250 ");
      smtp.command("AUTH PLAIN " + plain(ANNA, "abcdefghijklmnop"), "235");
      smtp.command("MAIL FROM:<" + ANNA + ">", "250");
      smtp.command("RCPT TO:<bob@fake.example>", "250");
      smtp.command("DATA", "354");
      smtp.send("Subject: secret plans");
      smtp.send("");
      smtp.send("QUIT"); // in the message: not a command
      smtp.command(".", "250");
      smtp.command("QUIT", "221");
    }

    List<String> lines = drain().stream().map(RecordedCommand::line).toList();
    assertThat(lines).containsExactly("EHLO client.example", "AUTH PLAIN [redacted]",
        "MAIL FROM:<anna@fake.example>", "RCPT TO:<bob@fake.example>", "DATA", "QUIT");
  }

  @Test
  void theStarttlsEndpointJournalsWhatWasSaidBeforeAndAfterTheUpgrade() throws Exception {
    ServerEndpoint submission = fake.descriptor().smtp().stream()
        .filter(e -> e.security() == Security.STARTTLS).findFirst().orElseThrow();
    try (RawClient smtp = RawClient.connect(submission, fake.trustStore())) {
      smtp.lineStartingWith("220");
      smtp.command("EHLO client.example", "250 ");
      smtp.command("STARTTLS", "220");
      smtp.startTls();
      smtp.command("EHLO client.example", "250 ");
      smtp.command("QUIT", "221");
    }

    assertThat(drain()).allSatisfy(c -> assertThat(c.endpoint()).isEqualTo(submission))
        .extracting(RecordedCommand::name)
        .containsExactly("EHLO", "STARTTLS", "EHLO", "QUIT");
  }

  @Test
  void connectionNumbersTellTheClientsApart() throws Exception {
    try (RawClient first = imap(); RawClient second = imap()) {
      first.command("a1 NOOP", "a1 ");
      second.command("b1 NOOP", "b1 ");
      first.command("a2 LOGOUT", "a2 ");
    }

    assertThat(drain()).extracting(RecordedCommand::connection, RecordedCommand::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "a1 NOOP"),
            org.assertj.core.groups.Tuple.tuple(2, "b1 NOOP"),
            org.assertj.core.groups.Tuple.tuple(1, "a2 LOGOUT"));
  }

  @Test
  void takeCommandWaitsForALineThatComesLater() throws Exception {
    Thread client = new Thread(() -> {
      try (RawClient imap = imap()) {
        imap.command("a1 NOOP", "a1 ");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    client.start();

    Optional<RecordedCommand> taken = fake.takeCommand(WAIT);

    client.join();
    assertThat(taken).map(RecordedCommand::line).contains("a1 NOOP");
  }

  @Test
  void takeCommandWithATimeoutIsEmptyWhenNoClientSpoke() throws Exception {
    assertThat(fake.takeCommand(Duration.ofMillis(50))).isEmpty();
    assertThat(fake.commandCount()).isZero();
  }

  /**
   * The connector's own verify, open, sync and send, with the account's password and a wrong
   * one; then clients that send the password every way IMAP and SMTP allow (LOGIN quoted and as
   * literals, AUTHENTICATE with an initial response, AUTH LOGIN and AUTH PLAIN without one, whose
   * responses come on lines of their own) and where no password belongs. The journal holds none of it: not in clear, not quoted, not in base64
   * at any offset of any token.
   */
  @Test
  void noPasswordReachesTheJournalInAnyForm() throws Exception {
    MailAccount anna = fake.addAccount(ANNA, AppPassword.of(PASSWORD));
    MailAccount wrong = MailAccount.builder(ANNA, AppPassword.of(WRONG))
        .provider(fake.descriptor()).build();
    MailConnector connector = fake.connector();
    connector.verify(anna);
    connector.verify(wrong);
    try (MailboxSession session = connector.open(anna)) {
      session.sync("INBOX", SyncCursor.beginning());
    }
    connector.send(anna, message());
    try (RawClient imap = imap()) {
      imap.command("a1 LOGIN " + ANNA + " " + quoted(PASSWORD), "a1 ");
      imap.command("a2 LOGIN " + ANNA + " " + quoted(WRONG), "a2 ");
      imap.command("a3 AUTHENTICATE PLAIN " + plain(ANNA, PASSWORD), "a3 ");
      imap.command("a4 SEARCH TEXT " + quoted(PASSWORD), "a4 "); // a client gone astray
      imap.command("a5 SEARCH TEXT " + base64("x" + PASSWORD + "yz"), "a5 ");
    }
    try (RawClient imap = imap()) {
      imap.send("b1 LOGIN {" + ANNA.length() + "}");
      imap.lineStartingWith("+");
      imap.send(ANNA + " {" + PASSWORD.length() + "}");
      imap.lineStartingWith("+");
      imap.send(PASSWORD);
      imap.lineStartingWith("b1 ");
    }
    try (RawClient imap = imap()) {
      // GreenMail's only SASL mechanism, with the password where the token goes.
      imap.command("c1 AUTHENTICATE XOAUTH2 " + xoauth2(ANNA, WRONG), "c1 NO");
      imap.command("c2 AUTHENTICATE XOAUTH2 " + xoauth2(ANNA, PASSWORD), "c2 OK");
    }
    try (RawClient smtp = smtps()) {
      smtp.lineStartingWith("220");
      smtp.command("EHLO client.example", "250 ");
      smtp.command("AUTH LOGIN", "334");
      smtp.command(base64(ANNA), "334");
      smtp.command(base64(WRONG), "535");
      smtp.command("AUTH PLAIN", "334");
      smtp.command(plain(ANNA, PASSWORD), "235");
      smtp.command("QUIT", "221");
    }

    List<RecordedCommand> journal = drain();

    assertThat(journal).hasSizeGreaterThan(30);
    assertThat(journal).extracting(RecordedCommand::line)
        .contains("a1 LOGIN anna@fake.example [redacted]", "b1 LOGIN {17} [redacted]",
            "c2 AUTHENTICATE XOAUTH2 [redacted]", "AUTH LOGIN", "AUTH PLAIN")
        .allSatisfy(line -> {
          for (String secret : List.of(PASSWORD, WRONG)) {
            assertThat(line).doesNotContain(secret).doesNotContain(quoted(secret));
            assertThat(base64Carries(line, secret)).as("base64 of a password in %s", line)
                .isFalse();
          }
        });
    // Whatever a line held, the record shows it redacted, not dropped.
    assertThat(journal).extracting(RecordedCommand::line)
        .filteredOn(line -> line.startsWith("a4 ") || line.startsWith("a5 "))
        .containsExactly("a4 SEARCH TEXT \"[redacted]\"", "a5 SEARCH TEXT [redacted]");
  }

  @ParameterizedTest(name = "{0} {1} -> \"{2}\"")
  @CsvSource(delimiter = '|', value = {
      "IMAP | a1 LOGIN anna x         | LOGIN",
      "IMAP | a7 UID FETCH 1:* (UID)  | UID FETCH",
      "IMAP | a9 UID                  | UID",
      "IMAP | DONE                    | DONE",
      "IMAP | [redacted]              | ''",
      "IMAP | *                       | ''",
      "SMTP | MAIL FROM:<a@b.example> | MAIL",
      "SMTP | quit                    | QUIT",
      "SMTP | [redacted]              | ''",
  })
  void aRecordedCommandKnowsItsName(Protocol protocol, String line, String name) {
    ServerEndpoint endpoint = ServerEndpoint.of("localhost", 993, Security.SSL_TLS);

    assertThat(new RecordedCommand(protocol, endpoint, 1, line).name()).isEqualTo(name);
  }

  private RawClient imap() throws Exception {
    RawClient client = RawClient.connect(fake.descriptor().imap(), fake.trustStore());
    client.lineStartingWith("* OK");
    return client;
  }

  private RawClient smtps() throws Exception {
    ServerEndpoint smtps = fake.descriptor().smtp().stream()
        .filter(e -> e.security() == Security.SSL_TLS).findFirst().orElseThrow();
    return RawClient.connect(smtps, fake.trustStore());
  }

  private List<RecordedCommand> drain() throws InterruptedException {
    List<RecordedCommand> all = new ArrayList<>();
    Optional<RecordedCommand> next;
    while ((next = fake.takeCommand(Duration.ofMillis(200))).isPresent()) {
      all.add(next.get());
    }
    return all;
  }

  private static MimeMessage message() throws Exception {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
    message.setFrom(new InternetAddress(ANNA));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@fake.example"));
    message.setSubject("Journal");
    message.setText("Hello");
    return message;
  }

  private static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  private static String plain(String user, String password) {
    return base64("\0" + user + "\0" + password);
  }

  private static String xoauth2(String user, String token) {
    return base64("user=" + user + "\u0001auth=Bearer " + token + "\u0001\u0001");
  }

  /**
   * Whether some run of base64 characters in {@code line}, decoded from any of its four
   * character offsets, holds {@code secret}: a check that does not share the fake's own way of
   * finding passwords in base64.
   */
  private static boolean base64Carries(String line, String secret) {
    byte[] wanted = secret.getBytes(StandardCharsets.UTF_8);
    for (String run : line.split("[^A-Za-z0-9+/=_-]+")) {
      for (int offset = 0; offset < 4 && offset < run.length(); offset++) {
        String aligned = run.substring(offset).replace('-', '+').replace('_', '/')
            .replace("=", "");
        aligned = aligned.substring(0, aligned.length() - aligned.length() % 4);
        byte[] decoded;
        try {
          decoded = Base64.getDecoder().decode(aligned);
        } catch (IllegalArgumentException e) {
          continue;
        }
        if (new String(decoded, StandardCharsets.ISO_8859_1)
            .contains(new String(wanted, StandardCharsets.ISO_8859_1))) {
          return true;
        }
      }
    }
    return false;
  }
}
