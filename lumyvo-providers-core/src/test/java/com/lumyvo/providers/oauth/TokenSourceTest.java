package com.lumyvo.providers.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lumyvo.providers.oauth.TokenUnavailableException.Reason;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class TokenSourceTest {
  private static final AccessToken TOKEN = AccessToken.of("fixedSecretToken123");

  @Test
  void aFixedSourceGivesItsTokenAndCannotRefreshIt() throws Exception {
    TokenSource source = TokenSource.fixed(TOKEN);
    assertThat(source.token()).isSameAs(TOKEN);
    assertThatThrownBy(() -> source.refresh(TOKEN))
        .isInstanceOfSatisfying(TokenUnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.REVOKED))
        .hasMessageNotContaining(TOKEN.value());
    assertThat(source.toString()).doesNotContain(TOKEN.value());
    assertThatThrownBy(() -> TokenSource.fixed(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("token");
  }

  @Test
  void onlyATemporaryFailureIsWorthRetrying() {
    assertThat(Reason.TEMPORARY.isRetryable()).isTrue();
    assertThat(Reason.REVOKED.isRetryable()).isFalse();
    assertThat(Reason.MISCONFIGURED.isRetryable()).isFalse();
  }

  @Test
  void theExceptionCarriesItsReasonMessageAndCause() {
    IOException cause = new IOException("connection refused");
    TokenUnavailableException e =
        new TokenUnavailableException(Reason.TEMPORARY, "token endpoint unreachable", cause);
    assertThat(e.reason()).isEqualTo(Reason.TEMPORARY);
    assertThat(e).hasMessage("token endpoint unreachable").hasCause(cause);
    assertThatThrownBy(() -> new TokenUnavailableException(null, "m"))
        .isInstanceOf(NullPointerException.class).hasMessage("reason");
    assertThatThrownBy(() -> new TokenUnavailableException(Reason.REVOKED, null))
        .isInstanceOf(NullPointerException.class).hasMessage("message");
    assertThatThrownBy(() -> new TokenUnavailableException(Reason.REVOKED, "m", null))
        .isInstanceOf(NullPointerException.class).hasMessage("cause");
  }
}
