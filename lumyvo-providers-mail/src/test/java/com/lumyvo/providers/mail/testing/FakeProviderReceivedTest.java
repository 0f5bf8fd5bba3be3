package com.lumyvo.providers.mail.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import com.lumyvo.providers.mail.MailAccount;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link FakeProvider#received()} holds what the fake's SMTP accepted, and nothing else. */
class FakeProviderReceivedTest {
  private static final String ANNA = "anna@fake.example";
  /** Long enough for a message the SMTP server had accepted to be counted; none is coming. */
  private static final Duration NONE_COMING = Duration.ofMillis(500);
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
  void mailPutInWithDeliverIsNotReceivedMail() throws Exception {
    fake.addAccount(ANNA, AppPassword.of("abcdefghijklmnop"));

    fake.deliver(ANNA, message("Delivered", "bob@fake.example"));

    assertThat(fake.awaitReceived(1, NONE_COMING)).isFalse();
    assertThat(fake.received()).isEmpty();
  }

  @Test
  void aMessageSentToTwoRecipientsIsReceivedOnce() throws Exception {
    MailAccount anna = fake.addAccount(ANNA, AppPassword.of("abcdefghijklmnop"));

    fake.connector().send(anna, message("Two of you", "bob@fake.example", "carl@fake.example"));

    assertThat(fake.awaitReceived(1, WAIT)).isTrue();
    assertThat(fake.awaitReceived(2, NONE_COMING)).isFalse();
    assertThat(fake.received()).singleElement()
        .satisfies(m -> assertThat(m.getSubject()).isEqualTo("Two of you"));
  }

  @Test
  void aReceivedMessageIsWhatTheClientSentDotsAndAll() throws Exception {
    fake.addAccount(ANNA, AppPassword.of("abcdefghijklmnop"));
    ServerEndpoint smtps = fake.descriptor().smtp().stream()
        .filter(e -> e.security() == Security.SSL_TLS).findFirst().orElseThrow();
    try (RawClient smtp = RawClient.connect(smtps, fake.trustStore())) {
      smtp.lineStartingWith("220");
      smtp.command("EHLO client.example", "250 ");
      smtp.command("AUTH PLAIN " + Base64.getEncoder().encodeToString(
          ("\0" + ANNA + "\0abcdefghijklmnop").getBytes(StandardCharsets.UTF_8)), "235");
      smtp.command("MAIL FROM:<" + ANNA + ">", "250");
      smtp.command("RCPT TO:<bob@fake.example>", "250");
      smtp.command("DATA", "354");
      smtp.send("Subject: Dots");
      smtp.send("");
      smtp.send("..a line that starts with a dot");
      smtp.send("last line");
      smtp.command(".", "250");
      smtp.command("QUIT", "221");
    }

    assertThat(fake.awaitReceived(1, WAIT)).isTrue();
    MimeMessage received = fake.received().get(0);
    assertThat(received.getSubject()).isEqualTo("Dots");
    assertThat(received.getContent().toString())
        .isEqualTo(".a line that starts with a dot\r\nlast line\r\n");
  }

  @Test
  void eachCallGivesNewMessagesSoThatATestCannotChangeWhatTheNextOneSees() throws Exception {
    MailAccount anna = fake.addAccount(ANNA, AppPassword.of("abcdefghijklmnop"));
    fake.connector().send(anna, message("Original", "bob@fake.example"));
    assertThat(fake.awaitReceived(1, WAIT)).isTrue();

    fake.received().get(0).setSubject("Changed");

    assertThat(fake.received().get(0).getSubject()).isEqualTo("Original");
  }

  private static MimeMessage message(String subject, String... to) throws Exception {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
    message.setFrom(new InternetAddress(ANNA));
    for (String recipient : to) {
      message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
    }
    message.setSubject(subject);
    message.setText("Hello");
    return message;
  }
}
