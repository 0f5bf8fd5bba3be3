package com.lumyvo.providers.mail;

import com.lumyvo.providers.mail.verify.VerificationResult;
import com.lumyvo.providers.mail.verify.ProtocolCheck;
import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.diagnosis.FailureKind;
import com.lumyvo.providers.mail.testing.FakeProviderExtension;
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
    long start = System.nanoTime();
    VerificationResult result = FAKE.get().connector().verify(account);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(result.imap().diagnosis()).as("%s", result).isPresent();
    assertThat(result.imap().diagnosis().orElseThrow().kind()).as("%s", result).isEqualTo(kind);
    assertThat(result.imap().failedStep()).contains(step);
    // Connect 2 s, read 3 s: nothing waits longer than a few timeouts.
    assertThat(took).isLessThan(Duration.ofSeconds(10));
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
    FAKE.get().slowReplies(Duration.ofMillis(900));
    FAKE.get().inject(Fault.SLOW_REPLIES);
    MailConnector strict = FAKE.get().connectorBuilder().deadline(Duration.ofMillis(1500)).build();
    long start = System.nanoTime();
    VerificationResult result = strict.verify(account);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
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
