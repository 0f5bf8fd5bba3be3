package com.lumyvo.providers.diagnosis;

import static com.lumyvo.providers.diagnosis.FailureKind.ACCESS_DISABLED;
import static com.lumyvo.providers.diagnosis.FailureKind.APP_PASSWORD_REQUIRED;
import static com.lumyvo.providers.diagnosis.FailureKind.INVALID_CREDENTIALS;
import static com.lumyvo.providers.diagnosis.FailureKind.TOKEN_EXPIRED;
import static com.lumyvo.providers.diagnosis.FailureKind.TOKEN_REVOKED;
import static com.lumyvo.providers.diagnosis.FailureKind.TOKEN_SCOPE_MISSING;
import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.ProviderRegistry;
import com.lumyvo.providers.SignInMethod;
import com.lumyvo.providers.oauth.AccessToken;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Token failures from the SASL error challenge and from rejections of token logins. */
class TokenFailureClassificationTest {
  private static final ErrorClassifier CLASSIFIER = ErrorClassifier.defaults();
  private static final ProviderRegistry REGISTRY = ProviderRegistry.defaults();

  private static String b64(String json) {
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static Diagnosis token(Protocol protocol, String reply, String providerId) {
    Evidence.Builder evidence = Evidence.builder().protocol(protocol).serverReply(reply)
        .signInMethod(SignInMethod.OAUTH2);
    REGISTRY.byId(providerId).ifPresent(evidence::provider);
    return CLASSIFIER.classify(evidence.build());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // Gmail's documented challenge, IMAP and SMTP, with and without what follows it.
      "IMAP|+ %s|{\"status\":\"401\",\"schemes\":\"bearer mac\",\"scope\":\"https://mail.google.com/\"}|TOKEN_EXPIRED",
      "IMAP|+ %s\\nA1 NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)|{\"status\":\"401\",\"schemes\":\"bearer\",\"scope\":\"https://mail.google.com/\"}|TOKEN_EXPIRED",
      "SMTP|334 %s\\n535-5.7.8 Username and Password not accepted.|{\"status\":\"401\",\"schemes\":\"bearer\",\"scope\":\"https://mail.google.com/\"}|TOKEN_EXPIRED",
      "SMTP|334 %s|{\"status\":\"400\",\"schemes\":\"Bearer\",\"scope\":\"https://mail.google.com/\"}|TOKEN_SCOPE_MISSING",
      // RFC 7628's status values (RFC 6750 error codes).
      "IMAP|+ %s|{\"status\":\"invalid_token\",\"scope\":\"example_scope\"}|TOKEN_EXPIRED",
      "IMAP|+ %s|{\"status\":\"insufficient_scope\",\"scope\":\"mail\"}|TOKEN_SCOPE_MISSING",
      "SMTP|334 %s|{\"status\":\"invalid_request\"}|PROTOCOL_ERROR",
      "IMAP|+ %s|{\"status\":\"something_new\"}|TOKEN_EXPIRED",
  })
  void theErrorChallengeDecidesWhateverTheSignInIsKnownToBe(String protocol, String template,
      String json, FailureKind expected) {
    String reply = String.format(template, b64(json)).replace("\\n", "\n");
    Diagnosis unknown = CLASSIFIER.classifyResponse(Protocol.valueOf(protocol), reply);
    assertThat(unknown.kind()).as(reply).isEqualTo(expected);
    assertThat(token(Protocol.valueOf(protocol), reply, "gmail").kind()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "IMAP|gmail|A1 NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)",
      "SMTP|gmail|535-5.7.8 Username and Password not accepted. Learn more at\\n535 5.7.8 https://support.google.com/mail/?p=BadCredentials",
      "IMAP|outlook|A1 NO AUTHENTICATE failed.",
      "SMTP|microsoft365|535 5.7.3 Authentication unsuccessful [SN4PR0201CA0053.namprd02.prod.outlook.com]",
      "IMAP|yahoo|A1 NO [AUTHENTICATIONFAILED] AUTHENTICATE Invalid credentials",
      "IMAP|aol|A1 NO [AUTHENTICATIONFAILED] AUTHENTICATE Invalid credentials",
      "SMTP|yahoo|535 5.7.0 (#AUTH005) Too many bad auth attempts.",
  })
  void aRejectedTokenLoginIsATokenFailureNeverAWrongPassword(String protocol, String provider,
      String reply) {
    Diagnosis d = token(Protocol.valueOf(protocol), reply.replace("\\n", "\n"), provider);
    assertThat(d.kind()).as(reply).isEqualTo(TOKEN_EXPIRED);
    assertThat(d.alternatives()).contains(TOKEN_REVOKED)
        .doesNotContain(INVALID_CREDENTIALS, APP_PASSWORD_REQUIRED);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.",
      "535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy. Contact your administrator.",
      "535 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated successfully. Contact your administrator.",
  })
  void microsoftsTenantRefusalsAreAccessDisabledForTokensAndPasswordsAlike(String reply) {
    assertThat(token(Protocol.SMTP, reply, "microsoft365").kind()).isEqualTo(ACCESS_DISABLED);
    assertThat(CLASSIFIER.classifyResponse(Protocol.SMTP, reply).kind())
        .isEqualTo(ACCESS_DISABLED);
  }

  @Test
  void aPasswordRejectionStaysAPasswordProblemForPasswordLogins() {
    Diagnosis d = CLASSIFIER.classify(Evidence.builder().protocol(Protocol.IMAP)
        .serverReply("A1 NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)")
        .signInMethod(SignInMethod.PASSWORD)
        .provider(REGISTRY.byId("gmail").orElseThrow()).build());
    assertThat(d.kind()).isEqualTo(INVALID_CREDENTIALS);
    assertThat(d.alternatives()).doesNotContain(TOKEN_EXPIRED);
  }

  @Test
  void atAProviderThatTakesOnlyTokensAnUnlabelledRejectionMayBeAToken() {
    ProviderDescriptor outlook = REGISTRY.byId("outlook").orElseThrow();
    Diagnosis d = CLASSIFIER.classifyResponse(Protocol.IMAP, "A1 NO AUTHENTICATE failed.",
        outlook);
    assertThat(d.kind()).isEqualTo(INVALID_CREDENTIALS);
    assertThat(d.alternatives()).startsWith(TOKEN_EXPIRED);
  }

  @Test
  void theTokenNeverShowsInTheDiagnosisEvenInsideAnEchoedSaslBlob() {
    AccessToken token = AccessToken.of("ya29.a0AfB_secretTokenValue123");
    String blob = b64("user=anna@gmail.com\u0001auth=Bearer " + token.value() + "\u0001\u0001");
    Diagnosis d = CLASSIFIER.classify(Evidence.builder().protocol(Protocol.IMAP)
        .serverReply("A1 AUTHENTICATE XOAUTH2 " + blob + "\nA1 NO AUTHENTICATE failed.")
        .signInMethod(SignInMethod.OAUTH2).secret(token).build());
    String everything = d.toString() + d.serverReply().orElse("");
    assertThat(everything).doesNotContain(token.value()).doesNotContain(blob);
    assertThat(Redaction.leaks(everything, token.value())).isFalse();
    assertThat(d.kind()).isEqualTo(TOKEN_EXPIRED);
  }

  @Property(tries = 500)
  void garbageAfterAContinuationNeverBreaksClassification(@ForAll String garbage,
      @ForAll boolean smtp) {
    String reply = (smtp ? "334 eyJ" : "+ eyJ") + garbage;
    Diagnosis d = CLASSIFIER.classify(Evidence.builder()
        .protocol(smtp ? Protocol.SMTP : Protocol.IMAP).serverReply(reply)
        .signInMethod(SignInMethod.OAUTH2).build());
    assertThat(d.kind()).isNotNull();
    assertThat(d.alternatives()).doesNotContain(INVALID_CREDENTIALS, APP_PASSWORD_REQUIRED);
  }

  @Test
  void aChallengeThatIsNotJsonDecidesNothing() {
    String notJson = b64("hello world, this is no json");
    assertThat(CLASSIFIER.classifyResponse(Protocol.IMAP, "+ " + notJson).kind())
        .isNotIn(TOKEN_EXPIRED, TOKEN_SCOPE_MISSING);
    assertThat(CLASSIFIER.classifyResponse(Protocol.IMAP, "+ eyJ!!!notbase64").kind())
        .isNotIn(TOKEN_EXPIRED, TOKEN_SCOPE_MISSING);
  }
}
