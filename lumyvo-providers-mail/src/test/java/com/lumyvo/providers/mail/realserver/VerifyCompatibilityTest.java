package com.lumyvo.providers.mail.realserver;

import com.lumyvo.providers.mail.verify.VerificationResult;
import com.lumyvo.providers.mail.verify.ProtocolCheck;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import com.lumyvo.providers.diagnosis.FailureKind;
import com.lumyvo.providers.mail.ConnectionStep;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
import com.lumyvo.providers.mail.MailOperationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Verification against the real servers, beyond what {@link RealMailServersTest} shows (that a
 * good password verifies over IMAPS, IMAP STARTTLS, submission 465 and 587): a wrong password is
 * reported as {@link FailureKind#INVALID_CREDENTIALS} at {@link ConnectionStep#AUTHENTICATION}
 * on every one of those endpoints, not as a TLS, greeting or network problem, and {@code open}
 * says the same.
 */
class VerifyCompatibilityTest extends RealServerTest {
  private static final String WRONG = "abcdefghijklmnop";

  @Test
  void wrongPasswordIsInvalidCredentialsAtAuthenticationOnEveryImapAndSmtpEndpoint() {
    servers.requirePostfix();
    MailAccount anna = servers.account("verify-compat");
    for (ServerEndpoint imap : new ServerEndpoint[] {servers.imaps(), servers.imapStarttls()}) {
      for (ServerEndpoint smtp : new ServerEndpoint[] {servers.submissions(),
          servers.submission()}) {
        MailAccount wrong = MailAccount.builder(anna.address().toString(), AppPassword.of(WRONG))
            .imap(imap).smtp(smtp).build();
        VerificationResult result = connector.verify(wrong);
        assertFailedLogin(result.imap(), imap);
        assertFailedLogin(result.smtp(), smtp);
        // Never tried another endpoint after the failed login.
        assertThat(result.smtp().attempts()).hasSize(1);
      }
    }
  }

  @Test
  void wrongPasswordOnBothSubmissionPortsTriesNoSecondLogin() {
    servers.requirePostfix();
    MailAccount anna = servers.account("verify-compat2");
    MailAccount wrong = MailAccount.builder(anna.address().toString(), AppPassword.of(WRONG))
        .imap(servers.imaps()).smtp(servers.submissions(), servers.submission()).build();
    VerificationResult result = connector.verify(wrong);
    assertFailedLogin(result.smtp(), servers.submissions());
    assertThat(result.smtp().attempts()).as("a failed login is not retried on 587").hasSize(1);
  }

  @Test
  void openWithAWrongPasswordFailsWithInvalidCredentialsAtAuthentication() {
    MailAccount anna = servers.account("verify-compat3");
    for (ServerEndpoint imap : new ServerEndpoint[] {servers.imaps(), servers.imapStarttls()}) {
      MailAccount wrong = MailAccount.builder(anna.address().toString(), AppPassword.of(WRONG))
          .imap(imap).smtp(ServerEndpoint.of("localhost", 465, Security.SSL_TLS)).build();
      assertThatThrownBy(() -> connector.open(wrong).close())
          .isInstanceOfSatisfying(MailOperationException.class, e -> {
            assertThat(e.diagnosis().kind()).as("%s: %s", imap, e.getMessage())
                .isEqualTo(FailureKind.INVALID_CREDENTIALS);
            assertThat(e.step()).isEqualTo(ConnectionStep.AUTHENTICATION);
            assertThat(e.getMessage()).doesNotContain(WRONG);
          });
    }
  }

  @Test
  void aFailedImapLoginIsTriedOnceOnOneConnection() throws Exception {
    MailAccount anna = servers.account("verify-compat4");
    try (CuttingRelay relay = new CuttingRelay(servers.imapPlain())) {
      MailAccount wrong = MailAccount.builder(anna.address().toString(), AppPassword.of(WRONG))
          .imap(relay.endpoint()).smtp(ServerEndpoint.of("localhost", 465, Security.SSL_TLS))
          .build();
      ProtocolCheck imap = connector.verify(wrong).imap();
      assertFailedLogin(imap, relay.endpoint());
      assertThatThrownBy(() -> connector.open(wrong).close())
          .isInstanceOf(MailOperationException.class);
      List<String> logins = relay.lines().stream().map(CuttingRelay.Line::command)
          .filter(c -> c.startsWith("AUTHENTICATE") || c.startsWith("LOGIN")).toList();
      assertThat(logins).as("one login per verify and per open, no fallback to another"
          + " mechanism: %s", logins).hasSize(2);
      assertThat(relay.connections()).isEqualTo(2);
    }
  }

  private static void assertFailedLogin(ProtocolCheck check, ServerEndpoint endpoint) {
    assertThat(check.ok()).as("%s", check).isFalse();
    assertThat(check.endpoint()).isEqualTo(endpoint);
    assertThat(check.diagnosis().orElseThrow().kind()).as("%s%s", check, servers.logs())
        .isEqualTo(FailureKind.INVALID_CREDENTIALS);
    assertThat(check.failedStep()).as("%s", check).contains(ConnectionStep.AUTHENTICATION);
  }
}
