package com.lumyvo.providers.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.SignInMethod;
import com.lumyvo.providers.oauth.TokenUnavailableException;
import com.lumyvo.providers.oauth.TokenUnavailableException.Reason;
import org.junit.jupiter.api.Test;

/**
 * A login that failed because the token source could not give a token is diagnosed by the
 * source's reason, not by the server's refusal of the token before it (which the mail module
 * keeps as a suppressed exception).
 */
class TokenUnavailableClassificationTest {
  private static final ErrorClassifier CLASSIFIER = ErrorClassifier.defaults();

  private static Diagnosis classify(Reason reason) {
    TokenUnavailableException e = new TokenUnavailableException(reason, "token endpoint said no");
    e.addSuppressed(new IllegalStateException("NO [AUTHENTICATIONFAILED] Invalid credentials"));
    return CLASSIFIER.classify(Evidence.builder().protocol(Protocol.IMAP).error(e)
        .signInMethod(SignInMethod.OAUTH2).build());
  }

  @Test
  void aRevokedGrantIsTokenRevoked() {
    assertThat(classify(Reason.REVOKED).kind()).isEqualTo(FailureKind.TOKEN_REVOKED);
  }

  @Test
  void aTokenEndpointThatIsDownIsRetryable() {
    Diagnosis d = classify(Reason.TEMPORARY);
    assertThat(d.kind()).isEqualTo(FailureKind.SERVER_UNAVAILABLE);
    assertThat(d.kind().isRetryable()).isTrue();
  }

  @Test
  void aMisconfiguredClientIsNeverAWrongPassword() {
    assertThat(classify(Reason.MISCONFIGURED).kind())
        .isNotIn(FailureKind.INVALID_CREDENTIALS, FailureKind.APP_PASSWORD_REQUIRED);
  }
}
