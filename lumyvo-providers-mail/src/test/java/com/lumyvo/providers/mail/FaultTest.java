package com.lumyvo.providers.mail;

import com.lumyvo.providers.mail.verify.VerificationResult;
import com.lumyvo.providers.mail.verify.ProtocolCheck;
import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.diagnosis.FailureKind;
import com.lumyvo.providers.mail.junit.FakeProviderExtension;
import com.lumyvo.providers.mail.testing.Fault;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every fault of the fake provider ends in the kind and step a person can act on, in time. */
class FaultTest {
  @RegisterExtension
  static final FakeProviderExtension FAKE = FakeProviderExtension.create();

  private static final AppPassword PASSWORD = AppPassword.of("abcdefghijklmnop");
  /** Far beyond every timeout of the fake's connector, so that it never decides a test. */
  private static final Duration LONG_DEADLINE = Duration.ofSeconds(60);
  /** Five times what the connect and read timeouts allow, half the long deadline. */
  private static final Duration TIMEOUTS_BOUND = Duration.ofSeconds(30);

  private MailAccount account() {
    return FAKE.get().addAccount("anna@fake.example", PASSWORD);
  }

  private MailAccount withPassword(String password) {
    account();
    return MailAccount.builder("anna@fake.example", AppPassword.of(password))
        .provider(FAKE.get().descriptor()).build();
  }

  @ParameterizedTest(name = "{0} -> IMAP {1} at {2}")
  @CsvSource({
      "CONNECTION_REFUSED, CONNECTION_REFUSED, TCP",
      "BLACK_HOLE, TIMEOUT, TLS",
      "PLAIN_TEXT_ON_TLS_PORT, TLS_FAILURE, TLS",
      "UNTRUSTED_CERTIFICATE, TLS_FAILURE, TLS",
      "WRONG_HOST_CERTIFICATE, TLS_FAILURE, TLS",
      "DROPPED_CONNECTION, SERVER_UNAVAILABLE, GREETING",
      "IMAP_ACCESS_DISABLED, ACCESS_DISABLED, AUTHENTICATION",
  })
  void eachFaultGivesItsKindAndStep(Fault fault, FailureKind kind, ConnectionStep step) {
    MailAccount account = account();
    FAKE.get().inject(fault);
    // A deadline far beyond the connect (2 s) and read (3 s) timeouts: only they can end a
    // fault in time, so the bound below checks them and not the deadline.
    MailConnector connector = FAKE.get().connectorBuilder().deadline(LONG_DEADLINE).build();
    long start = System.nanoTime();
    VerificationResult result = connector.verify(account);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(result.imap().diagnosis()).as("%s", result).isPresent();
    assertThat(result.imap().diagnosis().orElseThrow().kind()).as("%s", result).isEqualTo(kind);
    assertThat(result.imap().failedStep()).contains(step);
    // At worst two timeouts in a row (SMTP's two endpoints), about 6 s; a timeout ignored would
    // run into the 60 s deadline (or the black hole's own 60 s).
    assertThat(took).isLessThan(TIMEOUTS_BOUND);
  }

  @Test
  void slowRepliesPastTheReadTimeoutAreATimeout() {
    MailAccount account = account();
    FAKE.get().slowReplies(Duration.ofSeconds(4));
    FAKE.get().inject(Fault.SLOW_REPLIES);
    Diagnosis imap = FAKE.get().connector().verify(account).imap().diagnosis().orElseThrow();
    assertThat(imap.kind()).isEqualTo(FailureKind.TIMEOUT);
    assertThat(imap.isRetryable()).isTrue();
  }

  @Test
  void slowRepliesWithinTheReadTimeoutStillVerify() {
    MailAccount account = account();
    FAKE.get().slowReplies(Duration.ofMillis(50));
    FAKE.get().inject(Fault.SLOW_REPLIES);
    assertThat(FAKE.get().connector().verify(account).ok()).isTrue();
  }

  @Test
  void theOperationDeadlineCutsASlowServerShort() {
    MailAccount account = account();
    // Every reply line 3 s late, read timeouts of 30 s: only the 1.5 s deadline can end the
    // verify early. Without it the greeting, CAPABILITY and LOGIN would take 9 s and more.
    FAKE.get().slowReplies(Duration.ofSeconds(3));
    FAKE.get().inject(Fault.SLOW_REPLIES);
    MailConnector strict = FAKE.get().connectorBuilder()
        .timeouts(Timeouts.builder().connect(Duration.ofSeconds(2)).read(Duration.ofSeconds(30))
            .write(Duration.ofSeconds(30)).build())
        .deadline(Duration.ofMillis(1500)).build();
    long start = System.nanoTime();
    VerificationResult result = strict.verify(account);
    // 3.3 times the deadline, and well under the 9 s a verify that ignored it would take.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(result.imap().diagnosis().orElseThrow().kind()).isEqualTo(FailureKind.TIMEOUT);
  }

  @Test
  void theRegularPasswordGetsTheAppPasswordReplyAndTheAppPasswordStillWorks() {
    FAKE.get().inject(Fault.APP_PASSWORD_REQUIRED);
    VerificationResult regular = FAKE.get().connector().verify(withPassword("Summer2024!"));
    assertThat(regular.imap().diagnosis().orElseThrow().kind())
        .isEqualTo(FailureKind.APP_PASSWORD_REQUIRED);
    assertThat(regular.smtp().diagnosis().orElseThrow().kind())
        .isEqualTo(FailureKind.APP_PASSWORD_REQUIRED);
    assertThat(FAKE.get().connector().verify(account()).ok()).isTrue();
  }

  @Test
  void healingAFaultRestoresTheService() {
    MailAccount account = account();
    FAKE.get().inject(Fault.CONNECTION_REFUSED);
    assertThat(FAKE.get().connector().verify(account).ok()).isFalse();
    FAKE.get().heal(Fault.CONNECTION_REFUSED);
    assertThat(FAKE.get().connector().verify(account).ok()).isTrue();
  }

  @Test
  void startTlsThatIsNotOfferedIsRefusedNotSkipped() {
    MailAccount account = account();
    FAKE.get().inject(Fault.CONNECTION_REFUSED, account.smtp().get(0));
    FAKE.get().inject(Fault.PLAIN_TEXT_ON_TLS_PORT, account.smtp().get(1));
    ProtocolCheck smtp = FAKE.get().connector().verify(account).smtp();
    assertThat(smtp.ok()).isFalse();
    assertThat(smtp.failedStep()).contains(ConnectionStep.TLS);
    assertThat(smtp.diagnosis().orElseThrow().kind()).isEqualTo(FailureKind.TLS_FAILURE);
  }
}
