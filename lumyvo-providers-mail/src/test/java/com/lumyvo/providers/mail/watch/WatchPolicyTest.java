package com.lumyvo.providers.mail.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lumyvo.providers.diagnosis.Diagnosis;
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
