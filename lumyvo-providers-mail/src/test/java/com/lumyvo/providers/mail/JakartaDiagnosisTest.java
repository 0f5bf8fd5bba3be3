package com.lumyvo.providers.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.ProviderRegistry;
import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.diagnosis.ErrorClassifier;
import com.lumyvo.providers.diagnosis.Evidence;
import com.lumyvo.providers.diagnosis.FailureKind;
import com.lumyvo.providers.mail.testing.FakeProvider;
import com.lumyvo.providers.mail.testing.Fault;
import com.lumyvo.providers.mail.verify.VerificationResult;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.api.Test;

/**
 * Diagnoses made from Jakarta Mail's exceptions show the server's words without class names,
 * keep the exception type for logs, and never show the password.
 */
class JakartaDiagnosisTest {
  private static final Pattern CLASS_NAME = Pattern.compile(
      "(?:[A-Za-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)\\b");
  private static final String REGULAR = "Summer2024!";

  @Test
  void aRegularPasswordAtYahooGetsOneVerdictInTheServersOwnWords() {
    try (FakeProvider yahoo = FakeProvider.mimicking(
        ProviderRegistry.defaults().byId("yahoo").orElseThrow())) {
      yahoo.addAccount("anna@yahoo.com", AppPassword.of("abcd efgh ijkl mnop"));
      yahoo.inject(Fault.APP_PASSWORD_REQUIRED);
      MailAccount regular = MailAccount.builder("anna@yahoo.com", AppPassword.of(REGULAR))
          .provider(yahoo.descriptor()).build();
      VerificationResult result = yahoo.connector().verify(regular);

      // IMAP says "invalid credentials", SMTP names the reason: SMTP's diagnosis is the one.
      assertThat(result.imap().diagnosis().orElseThrow().kind())
          .isEqualTo(FailureKind.INVALID_CREDENTIALS);
      assertThat(result.diagnosedCheck()).containsSame(result.smtp());
      Diagnosis verdict = result.diagnosis().orElseThrow();
      assertThat(verdict.kind()).isEqualTo(FailureKind.APP_PASSWORD_REQUIRED);
      assertThat(verdict.serverReply().orElseThrow()).startsWith("535 5.7.0 (#AUTH005)");
      for (Diagnosis d : new Diagnosis[] {verdict, result.imap().diagnosis().orElseThrow()}) {
        assertThat(d.serverReply().orElseThrow()).doesNotContainPattern(CLASS_NAME)
            .doesNotContain(REGULAR);
        assertThat(d.exceptionType()).contains(AuthenticationFailedException.class.getName());
      }
    }
  }

  @Test
  void anSmtpRefusalShowsTheReplyLineAndNotTheAngusType() {
    MessagingException refused = new SMTPSendFailedException("DATA", 554,
        "554 5.7.1 Message rejected as spam", null, null, null, null);
    Diagnosis d = diagnose(Protocol.SMTP, refused);
    assertThat(d.kind()).isEqualTo(FailureKind.MESSAGE_REJECTED);
    assertThat(d.serverReply()).contains("554 5.7.1 Message rejected as spam");
    assertThat(d.exceptionType()).contains(SMTPSendFailedException.class.getName());
  }

  @Test
  void aRefusedConnectionShowsAngusAndTheJdkInWordsOnly() {
    MailConnectException failure = new MailConnectException(new SocketConnectException(
        "Using socket factory", new ConnectException("Connection refused"), "imap.example.org",
        993, 10_000));
    Diagnosis d = diagnose(Protocol.IMAP, failure);
    assertThat(d.kind()).isEqualTo(FailureKind.CONNECTION_REFUSED);
    assertThat(d.serverReply().orElseThrow()).doesNotContainPattern(CLASS_NAME)
        .contains("Couldn't connect to host, port: imap.example.org, 993")
        .contains("Connection refused");
    assertThat(d.exceptionType()).contains(MailConnectException.class.getName());
  }

  @Test
  void aPasswordEchoedIntoAnAuthenticationFailureStaysRedacted() {
    String password = "abcdefghijklmnop";
    // Wrapped the way a service's own code might, which puts the class name into the message.
    RuntimeException wrapped = new RuntimeException(new AuthenticationFailedException(
        "A1 NO [AUTHENTICATIONFAILED] LOGIN anna " + password + " rejected"));
    Diagnosis d = ErrorClassifier.defaults().classify(Evidence.builder().protocol(Protocol.IMAP)
        .error(wrapped).secret(AppPassword.of(password)).build());
    assertThat(d.kind()).isEqualTo(FailureKind.INVALID_CREDENTIALS);
    assertThat(d.serverReply().orElseThrow()).startsWith("A1 NO [AUTHENTICATIONFAILED]")
        .doesNotContain(password).doesNotContainPattern(CLASS_NAME);
    assertThat(d.exceptionType()).contains(RuntimeException.class.getName());
  }

  private static Diagnosis diagnose(Protocol protocol, Exception error) {
    return ErrorClassifier.defaults().classify(
        Evidence.builder().protocol(protocol).error(error).build());
  }
}
