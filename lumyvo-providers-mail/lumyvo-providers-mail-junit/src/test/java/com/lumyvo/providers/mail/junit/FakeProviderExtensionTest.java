package com.lumyvo.providers.mail.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.diagnosis.FailureKind;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.mailbox.MailFolder;
import com.lumyvo.providers.mail.mailbox.MailboxSession;
import com.lumyvo.providers.mail.testing.Fault;
import com.lumyvo.providers.mail.verify.VerificationResult;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A fake shared by a test class (a static field) still isolates its tests: the first test leaves
 * an account, mail, a folder, a fault and a journal behind, and the second finds none of it on
 * the same endpoints. The order is fixed only so that the second test comes after the first.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FakeProviderExtensionTest {
  @RegisterExtension
  static FakeProviderExtension fake = FakeProviderExtension.create();

  private static final String ANNA = "anna@fake.example";
  private static final AppPassword PASSWORD = AppPassword.of("abcdefghijklmnop");
  /** The endpoints the first test saw, for the second to compare. */
  private static ProviderDescriptor firstTestsEndpoints;
  private static MailAccount firstTestsAccount;

  @Test
  @Order(1)
  void aTestThatLeavesEverythingBehind() throws Exception {
    firstTestsEndpoints = fake.get().descriptor();
    firstTestsAccount = fake.get().addAccount(ANNA, PASSWORD);
    fake.get().createFolder(ANNA, "Archive");
    fake.get().deliver(ANNA, message("Delivered"));
    fake.get().connector().send(firstTestsAccount, message("Sent"));
    assertThat(fake.get().awaitReceived(1, Duration.ofSeconds(10))).isTrue();
    fake.get().inject(Fault.IMAP_ACCESS_DISABLED);
  }

  @Test
  @Order(2)
  void theNextTestFindsACleanFakeOnTheSameEndpoints() throws Exception {
    assertThat(fake.get().descriptor()).isEqualTo(firstTestsEndpoints);
    assertThat(fake.get().received()).isEmpty();
    assertThat(fake.get().commandCount()).isZero();
    VerificationResult stale = fake.get().connector().verify(firstTestsAccount);
    assertThat(stale.imap().diagnosis()).map(d -> d.kind())
        .as("no account, and no fault: the plain wrong-login answer")
        .contains(FailureKind.INVALID_CREDENTIALS);

    MailAccount anna = fake.get().addAccount(ANNA, PASSWORD);
    try (MailboxSession session = fake.get().connector().open(anna)) {
      assertThat(session.folders()).extracting(MailFolder::name).containsExactly("INBOX");
      assertThat(session.count("INBOX")).isZero();
    }
  }

  /** A nested class shares the outer class's fake, reset for each of its tests too. */
  @Nested
  class InANestedClass {
    @Test
    void findsTheFakeReset() {
      assertThat(fake.get().descriptor().imap()).isNotNull();
      assertThat(fake.get().commandCount()).isZero();
      assertThat(fake.get().received()).isEmpty();
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
