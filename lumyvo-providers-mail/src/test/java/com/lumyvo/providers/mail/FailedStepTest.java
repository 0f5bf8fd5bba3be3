package com.lumyvo.providers.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.diagnosis.FailureKind;
import com.lumyvo.providers.mail.testing.HostileServer;
import com.lumyvo.providers.mail.testing.Hostility;
import com.lumyvo.providers.mail.verify.ProtocolCheck;
import com.lumyvo.providers.mail.verify.VerificationResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A server that stops answering is reported at the step the client was at: the greeting, the
 * STARTTLS it asked for, or the login it sent, on IMAP and SMTP alike.
 */
class FailedStepTest {
  private static VerificationResult verify(HostileServer imap, HostileServer smtp) {
    MailConnector connector = MailConnector.builder().trustStore(imap.trustStore())
        .timeouts(Timeouts.builder().connect(Duration.ofSeconds(2))
            .read(Duration.ofSeconds(1)).write(Duration.ofSeconds(2)).build())
        .deadline(Duration.ofSeconds(10)).build();
    MailAccount account = MailAccount.builder("anna@hostile.example",
            AppPassword.of("hostile-app-password-1"))
        .imap(imap.endpoint()).smtp(smtp.endpoint()).build();
    return connector.verify(account);
  }

  private static void assertFailed(ProtocolCheck check, ConnectionStep step) {
    assertThat(check.ok()).as("%s", check).isFalse();
    assertThat(check.failedStep()).as("%s", check).contains(step);
    assertThat(check.diagnosis().orElseThrow().kind()).as("%s", check)
        .isIn(FailureKind.TIMEOUT, FailureKind.TLS_FAILURE);
  }

  @Test
  void aLoginNeverAnsweredIsAtTheLoginStepOnBothProtocols() throws Exception {
    try (HostileServer imap = HostileServer.imap(Hostility.SILENCE)
            .onCommand("AUTHENTICATE", "LOGIN").start();
        HostileServer smtp = HostileServer.smtp(Hostility.SILENCE).onCommand("AUTH").start()) {
      VerificationResult result = verify(imap, smtp);
      assertFailed(result.imap(), ConnectionStep.AUTHENTICATION);
      assertFailed(result.smtp(), ConnectionStep.AUTHENTICATION);
    }
  }

  @Test
  void aStartTlsThatHangsIsAtTheTlsStepOnBothProtocols() throws Exception {
    try (HostileServer imap = HostileServer.imap(Hostility.STARTTLS_THEN_SILENCE).start();
        HostileServer smtp = HostileServer.smtp(Hostility.STARTTLS_THEN_SILENCE).start()) {
      VerificationResult result = verify(imap, smtp);
      assertFailed(result.imap(), ConnectionStep.TLS);
      assertFailed(result.smtp(), ConnectionStep.TLS);
    }
  }

  @Test
  void aGreetingNeverSentIsStillAtTheGreeting() throws Exception {
    try (HostileServer imap = HostileServer.imap(Hostility.SILENCE).onGreeting()
            .security(com.lumyvo.providers.Security.STARTTLS).start();
        HostileServer smtp = HostileServer.smtp(Hostility.SILENCE).onGreeting()
            .security(com.lumyvo.providers.Security.STARTTLS).start()) {
      VerificationResult result = verify(imap, smtp);
      assertFailed(result.imap(), ConnectionStep.GREETING);
      assertFailed(result.smtp(), ConnectionStep.GREETING);
    }
  }

  @Test
  void anEndlessSmtpAuthDialogueIsAProtocolErrorAtTheLoginNotAWrongPassword() throws Exception {
    try (HostileServer imap = HostileServer.imap(Hostility.SILENCE).onCommand("NEVER").start();
        HostileServer smtp = HostileServer.smtp(Hostility.ENDLESS_CONTINUATION)
            .onCommand("AUTH").start()) {
      ProtocolCheck check = verify(imap, smtp).smtp();
      assertThat(check.failedStep()).as("%s", check).contains(ConnectionStep.AUTHENTICATION);
      assertThat(check.diagnosis().orElseThrow().kind()).as("%s", check)
          .isEqualTo(FailureKind.PROTOCOL_ERROR);
      assertThat(check.diagnosis().orElseThrow().alternatives())
          .doesNotContain(FailureKind.INVALID_CREDENTIALS);
    }
  }
}
