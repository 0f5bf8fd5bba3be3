package com.lumyvo.providers.mail.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.diagnosis.FailureKind;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.mailbox.MailFolder;
import com.lumyvo.providers.mail.mailbox.MailboxSession;
import com.lumyvo.providers.mail.verify.VerificationResult;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * {@link FakeProvider#reset()}: what a static {@code FakeProviderExtension} does between tests.
 * After it, nothing a test did is left for the next one to see, and the endpoints stay.
 */
class FakeProviderResetTest {
  private static final String ANNA = "anna@fake.example";
  private static final AppPassword PASSWORD = AppPassword.of("abcdefghijklmnop");
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void resetLeavesNoAccountMailFaultJournalOrConnectionAndKeepsTheEndpoints() throws Exception {
    try (FakeProvider fake = FakeProvider.start()) {
      ProviderDescriptor endpoints = fake.descriptor();
      MailAccount anna = fake.addAccount(ANNA, PASSWORD);
      fake.createFolder(ANNA, "Archive");
      fake.deliver(ANNA, message("Delivered"));
      fake.connector().send(anna, message("Sent"));
      assertThat(fake.awaitReceived(1, WAIT)).isTrue();
      fake.slowReplies(Duration.ofSeconds(5));
      fake.inject(Fault.SLOW_REPLIES);
      fake.inject(Fault.CONNECTION_REFUSED, endpoints.smtp().get(0));
      RawClient leftOver = RawClient.connect(endpoints.imap(), fake.trustStore());
      leftOver.lineStartingWith("* OK");

      fake.reset();

      assertThat(fake.descriptor()).isEqualTo(endpoints);
      assertThat(fake.received()).isEmpty();
      assertThat(fake.commandCount()).isZero();
      assertThat(fake.takeCommand(Duration.ZERO)).isEmpty();
      assertThat(fake.connectionsAccepted()).isZero();
      assertThatThrownBy(() -> leftOver.line()).as("the left-over connection is cut")
          .isInstanceOf(IOException.class);
      leftOver.close();
      VerificationResult gone = fake.connector().verify(anna);
      assertThat(gone.imap().diagnosis()).map(d -> d.kind())
          .as("the account is gone").contains(FailureKind.INVALID_CREDENTIALS);

      MailAccount again = fake.addAccount(ANNA, PASSWORD);
      // No fault: both SMTP endpoints answer, and at full speed (a slow reply would take 5 s
      // per line, beyond the connector's 3 s read timeout).
      VerificationResult fresh = fake.connector().verify(again);
      assertThat(fresh.ok()).as("%s", fresh).isTrue();
      assertThat(fresh.smtp().endpoint()).isEqualTo(endpoints.smtp().get(0));
      try (MailboxSession session = fake.connector().open(again)) {
        assertThat(session.folders()).extracting(MailFolder::name).containsExactly("INBOX");
        assertThat(session.count("INBOX")).isZero();
      }
    }
  }

  private static MimeMessage message(String subject) throws Exception {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
    message.setFrom(new InternetAddress(ANNA));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(ANNA));
    message.setSubject(subject);
    message.setText("Hello");
    return message;
  }
}
