package com.lumyvo.providers.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.ProviderRegistry;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class ErrorClassifierTest {
  private final ErrorClassifier classifier = ErrorClassifier.defaults();
  private final ProviderRegistry registry = ProviderRegistry.defaults();

  private ProviderDescriptor provider(String id) {
    return registry.byId(id).orElseThrow();
  }

  /** Our guide: GMX says only "authentication failed" when POP3 & IMAP access is off. */
  @Test
  void gmxAuthenticationFailureAlsoPointsAtTheImapSetting() {
    Diagnosis d = classifier.classifyResponse(
        Protocol.IMAP, "a1 NO [AUTHENTICATIONFAILED] Authentication failed", provider("gmx"));
    assertThat(d.kind()).isEqualTo(FailureKind.INVALID_CREDENTIALS);
    assertThat(d.alternatives()).contains(
        FailureKind.APP_PASSWORD_REQUIRED, FailureKind.ACCESS_DISABLED);
    assertThat(d.providerHints()).anyMatch(h -> h.contains("POP3 & IMAP"));
    assertThat(d.isRetryable()).isFalse();
    assertThat(d.retryAfter()).isEmpty();
  }

  @Test
  void zohoCredentialFailureMentionsThePaidPlanAndImapAccess() {
    Diagnosis d = classifier.classifyResponse(
        Protocol.IMAP, "2 NO [AUTHENTICATIONFAILED] Invalid credentials(Failure)", provider("zoho"));
    assertThat(d.alternatives()).contains(FailureKind.PLAN_NOT_SUPPORTED);
    assertThat(d.providerHints()).anyMatch(h -> h.contains("paid Zoho Mail plan"))
        .anyMatch(h -> h.contains("Enable IMAP Access"))
        .anyMatch(h -> h.startsWith("To revoke an app password at Zoho"));
  }

  @Test
  void yahooHintsCarryTheBrowserAdviceAndTheGuideLink() {
    Diagnosis d = classifier.classifyResponse(
        Protocol.IMAP, "a0 NO [AUTHENTICATIONFAILED] LOGIN Invalid credentials", provider("yahoo"));
    assertThat(d.providerHints()).anyMatch(h -> h.toLowerCase().contains("browser"))
        .anyMatch(h -> h.contains("https://login.yahoo.com/account/security"));
  }

  @Test
  void icloudHintsSayWhichLoginNameEachServerWants() {
    Diagnosis d = classifier.classifyResponse(
        Protocol.IMAP, "1 NO [AUTHENTICATIONFAILED] Authentication failed", provider("icloud"));
    assertThat(d.providerHints()).contains(
        "iCloud Mail IMAP logs in with the part of the address before the @.");
  }

  /** Gmail's 534 5.7.9 covers two causes; the wording decides between them. */
  @Test
  void gmailFiveSevenNineIsDecidedByItsWording() {
    assertThat(classifier.classifyResponse(Protocol.SMTP,
        "534-5.7.9 Application-specific password required.\n534 5.7.9 https://x").kind())
        .isEqualTo(FailureKind.APP_PASSWORD_REQUIRED);
    assertThat(classifier.classifyResponse(Protocol.SMTP,
        "534-5.7.9 Please log in with your web browser and then try again.").kind())
        .isEqualTo(FailureKind.WEB_LOGIN_REQUIRED);
    Diagnosis bare = classifier.classifyResponse(Protocol.SMTP, "534 5.7.9 Something else");
    assertThat(bare.kind()).isEqualTo(FailureKind.AUTH_MECHANISM_UNSUPPORTED);
    assertThat(bare.alternatives()).contains(FailureKind.APP_PASSWORD_REQUIRED);
  }

  @Test
  void networkExceptionsAreReadByTypeThroughWrappers() {
    assertThat(classifier.classify(new RuntimeException("wrapper",
        new UnknownHostException("imap.gmx.con"))).kind()).isEqualTo(FailureKind.SERVER_NOT_FOUND);
    assertThat(classifier.classify(new ConnectException("Connection refused")).kind())
        .isEqualTo(FailureKind.CONNECTION_REFUSED);
    Diagnosis timeout = classifier.classify(new SocketTimeoutException("Read timed out"));
    assertThat(timeout.kind()).isEqualTo(FailureKind.TIMEOUT);
    assertThat(timeout.isRetryable()).isTrue();
    assertThat(timeout.retryAfter()).contains(Duration.ofSeconds(30));
    SSLHandshakeException handshake = new SSLHandshakeException("Remote host terminated");
    handshake.initCause(new EOFException("SSL peer shut down incorrectly"));
    assertThat(classifier.classify(handshake).kind()).isEqualTo(FailureKind.TLS_FAILURE);
  }

  @Test
  void connectionFailuresNameTheProvidersServers() {
    Diagnosis d = classifier.classify(new ConnectException("Connection refused"), provider("icloud"));
    assertThat(d.providerHints())
        .contains("iCloud Mail SMTP: smtp.mail.me.com port 587 STARTTLS.");
  }

  @Test
  void retryDelayNamedByTheServerWins() {
    Diagnosis d = classifier.classifyResponse(
        Protocol.SMTP, "421 4.7.0 Too many connections, try again in 5 minutes");
    assertThat(d.kind()).isEqualTo(FailureKind.RATE_LIMITED);
    assertThat(d.retryAfter()).contains(Duration.ofMinutes(5));
  }

  @Test
  void servicesRulesComeFirstAndABrokenRuleIsSkipped() {
    ErrorClassifier custom = ErrorClassifier.builder()
        .rule(e -> {
          throw new IllegalStateException("broken rule");
        })
        .rule(e -> e.text().contains("Konto gesperrt")
            ? Optional.of(FailureKind.WEB_LOGIN_REQUIRED) : Optional.empty())
        .build();
    assertThat(custom.classifyResponse(Protocol.IMAP, "a NO Konto gesperrt").kind())
        .isEqualTo(FailureKind.WEB_LOGIN_REQUIRED);
    assertThat(custom.classifyResponse(Protocol.IMAP, "a NO [OVERQUOTA] full").kind())
        .isEqualTo(FailureKind.QUOTA_EXCEEDED);
  }

  @Test
  void nothingToGoOnIsUnknownNotAnError() {
    assertThat(classifier.classify((Throwable) null).kind()).isEqualTo(FailureKind.UNKNOWN);
    assertThat(classifier.classifyResponse(null, null).kind()).isEqualTo(FailureKind.UNKNOWN);
    assertThat(classifier.classify((Evidence) null).serverReply()).isEmpty();
  }

  @Test
  void credentialsNeverReachTheDiagnosis() {
    String password = "abcdefghijklmnop";
    String login = "anna@gmx.de";
    String plain = Base64.getEncoder().encodeToString(
        ("\0" + login + "\0" + password).getBytes(StandardCharsets.UTF_8));
    String alone = Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8));
    String reply = "C: A1 AUTHENTICATE PLAIN " + plain + "\n"
        + "C: " + alone + "\n"
        + "C: A2 LOGIN anna " + password + "\n"
        + "S: A1 NO [AUTHENTICATIONFAILED] Authentication failed for " + password + "\n"
        + "Authorization: Bearer ya29.tokenvalue123 password=" + password;
    Evidence evidence = Evidence.builder().protocol(Protocol.IMAP).serverReply(reply)
        .error(new IllegalStateException("login with " + password + " failed"))
        .provider(provider("gmx")).secret(AppPassword.of(password)).build();
    Diagnosis d = classifier.classify(evidence);
    assertThat(d.kind()).isEqualTo(FailureKind.INVALID_CREDENTIALS);
    String everything = String.join("\n", d.toString(), d.summary(), d.serverReply().orElse(""),
        String.join("\n", d.causes()), String.join("\n", d.solutions()),
        String.join("\n", d.providerHints()), evidence.toString());
    assertThat(Redaction.leaks(everything, password)).isFalse();
    assertThat(everything).doesNotContain(plain).doesNotContain(alone)
        .doesNotContain("ya29.tokenvalue123");
    assertThat(d.serverReply().orElseThrow()).contains("[AUTHENTICATIONFAILED]");
  }

  @Test
  void aServerReplyIsShownCutShortAndPrintable() {
    String reply = "a NO \u0000\u0007" + "x".repeat(5_000);
    Diagnosis d = classifier.classifyResponse(Protocol.IMAP, reply);
    assertThat(d.serverReply().orElseThrow()).hasSize(1_000).doesNotContain("\u0000");
  }
}
