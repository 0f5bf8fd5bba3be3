package com.lumyvo.providers.mail.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.SignInMethod;
import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.diagnosis.Evidence;
import com.lumyvo.providers.oauth.TokenUnavailableException;
import com.lumyvo.providers.diagnosis.ErrorClassifier;
import com.lumyvo.providers.diagnosis.FailureKind;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WatchPolicyTest {
  private static final Set<FailureKind> STOPPING = EnumSet.of(FailureKind.INVALID_CREDENTIALS,
      FailureKind.APP_PASSWORD_REQUIRED, FailureKind.WEB_LOGIN_REQUIRED,
      FailureKind.ACCESS_DISABLED, FailureKind.PLAN_NOT_SUPPORTED,
      FailureKind.AUTH_MECHANISM_UNSUPPORTED, FailureKind.TOKEN_REVOKED,
      FailureKind.TOKEN_SCOPE_MISSING, FailureKind.MAILBOX_NOT_FOUND);

  @ParameterizedTest
  @EnumSource(FailureKind.class)
  void theDefaultPolicyStopsExactlyOnWhatRetryingCannotMend(FailureKind kind) {
    assertThat(WatchPolicy.stopsForGood(kind)).isEqualTo(STOPPING.contains(kind));
  }

  @Test
  void aRejectedLoginStopsAndATimeoutBacksOffWithJitterUpToTheMaximum() {
    ErrorClassifier classifier = ErrorClassifier.defaults();
    Diagnosis rejected = classifier.classify(
        new jakarta.mail.AuthenticationFailedException("Invalid credentials"));
    Diagnosis timeout = classifier.classify(new SocketTimeoutException("Read timed out"));
    assertThat(rejected.kind()).isEqualTo(FailureKind.INVALID_CREDENTIALS);
    assertThat(timeout.kind()).isEqualTo(FailureKind.TIMEOUT);
    WatchPolicy policy = WatchPolicy.backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
    assertThat(policy.retryAfter(rejected, 1)).isEmpty();
    for (int failures = 1; failures <= 40; failures++) {
      long base = Math.min(60_000, 1_000L << Math.min(failures - 1, 20));
      for (int draw = 0; draw < 20; draw++) {
        long wait = policy.retryAfter(timeout, failures).orElseThrow().toMillis();
        assertThat(wait).as("failure %d", failures).isBetween(base / 2, base * 3 / 2);
      }
    }
  }

  @Test
  void theDefaultsStopOnARevokedGrantOrMissingScopeAndBackOffOnAnExpiredToken() {
    ErrorClassifier classifier = ErrorClassifier.defaults();
    Diagnosis revoked = classifier.classify(new TokenUnavailableException(
        TokenUnavailableException.Reason.REVOKED, "token endpoint answered invalid_grant"));
    Diagnosis noScope = classifier.classify(Evidence.builder().protocol(Protocol.IMAP)
        .signInMethod(SignInMethod.OAUTH2)
        .error(new jakarta.mail.AuthenticationFailedException("Access token rejected"))
        .serverReply(challenge("{\"status\":\"insufficient_scope\",\"scope\":\"mail\"}")).build());
    Diagnosis expired = classifier.classify(Evidence.builder().protocol(Protocol.IMAP)
        .signInMethod(SignInMethod.OAUTH2)
        .error(new jakarta.mail.AuthenticationFailedException("Access token rejected"))
        .serverReply(challenge("{\"status\":\"invalid_token\",\"scope\":\"mail\"}")).build());
    assertThat(revoked.kind()).isEqualTo(FailureKind.TOKEN_REVOKED);
    assertThat(noScope.kind()).isEqualTo(FailureKind.TOKEN_SCOPE_MISSING);
    assertThat(expired.kind()).isEqualTo(FailureKind.TOKEN_EXPIRED);

    WatchPolicy defaults = WatchPolicy.defaults();
    assertThat(defaults.retryAfter(revoked, 1)).isEmpty();
    assertThat(defaults.retryAfter(noScope, 1)).isEmpty();
    for (int failures = 1; failures <= 12; failures++) {
      long base = Math.min(300_000, 1_000L << (failures - 1));
      assertThat(defaults.retryAfter(expired, failures).orElseThrow().toMillis())
          .isBetween(base / 2, base * 3 / 2);
    }
  }

  /** An IMAP error challenge as the server sends it: base64 of RFC 7628's JSON. */
  private static String challenge(String json) {
    return "+ " + java.util.Base64.getEncoder().encodeToString(
        json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void optionsRejectWhatCannotWorkNamingTheParameter() {
    assertThatThrownBy(() -> WatcherOptions.builder().ioThreads(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("ioThreads must be positive, was 0");
    assertThatThrownBy(() -> WatcherOptions.builder().maxConcurrentHandshakes(-1))
        .hasMessage("maxConcurrentHandshakes must be positive, was -1");
    assertThatThrownBy(() -> WatcherOptions.builder().idleRefresh(Duration.ZERO))
        .hasMessage("idleRefresh must be positive, was PT0S");
    assertThatThrownBy(() -> WatcherOptions.builder().policy(null))
        .isInstanceOf(NullPointerException.class).hasMessage("policy");
    assertThatThrownBy(() -> WatchPolicy.backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("shorter than initialBackoff");
    WatcherOptions options = WatcherOptions.builder().fetchThreads(8).build();
    assertThat(options.toBuilder().build().fetchThreads()).isEqualTo(8);
    assertThat(WatcherOptions.defaults().maxConcurrentHandshakes()).isEqualTo(16);
  }
}
