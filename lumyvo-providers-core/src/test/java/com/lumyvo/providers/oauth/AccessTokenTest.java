package com.lumyvo.providers.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccessTokenTest {
  private static final String SECRET = "ya29.a0AfB_byC-secret~part+more/end==";

  @ParameterizedTest
  @ValueSource(strings = {"ya29.a0AfB_byC-secret~part+more/end==", "eyJ0eXAi.eyJhdWQi.c2ln",
      "a", "abc=", "A-._~+/9"})
  void acceptsRfc6750BearerTokens(String value) {
    assertThat(AccessToken.of(value).value()).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "=", "==", "ab cd", "abc\u0001auth", "\"quoted\"", "abc\n",
      "a=b", "tok\u00e9n", "a,b", "Bearer x"})
  void refusesWhatABearerTokenCannotHoldWithoutShowingIt(String value) {
    assertThatThrownBy(() -> AccessToken.of(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("access token")
        .satisfies(e -> {
          if (value.length() > 2) {
            assertThat(e.getMessage()).doesNotContain(value);
          }
        });
  }

  @Test
  void refusesATokenLongerThanAnyIssuerMakes() {
    assertThat(AccessToken.of("a".repeat(AccessToken.MAX_LENGTH)).value())
        .hasSize(AccessToken.MAX_LENGTH);
    assertThatThrownBy(() -> AccessToken.of("a".repeat(AccessToken.MAX_LENGTH + 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("longer than 32768");
  }

  @Test
  void namesAWrongCharacterByPositionAndCodePointOnly() {
    assertThatThrownBy(() -> AccessToken.of("secretpart\u00e9"))
        .hasMessageContaining("character 11")
        .hasMessageContaining("U+00E9")
        .hasMessageNotContaining("secretpart");
  }

  @Test
  void nullsAreRefusedByName() {
    assertThatThrownBy(() -> AccessToken.of(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("value");
    assertThatThrownBy(() -> AccessToken.of("abc", null))
        .isInstanceOf(NullPointerException.class).hasMessage("expiresAt");
  }

  @Test
  void toStringShowsTheExpiryButNeverTheValue() {
    Instant expiry = Instant.parse("2026-12-02T15:35:00Z");
    assertThat(AccessToken.of(SECRET)).hasToString("AccessToken[redacted]");
    assertThat(AccessToken.of(SECRET, expiry))
        .hasToString("AccessToken[redacted, expires 2026-12-02T15:35:00Z]");
    assertThat(AccessToken.of(SECRET).expiresAt()).isEmpty();
    assertThat(AccessToken.of(SECRET, expiry).expiresAt()).contains(expiry);
  }

  @Test
  void equalByValueWhateverTheExpiry() {
    AccessToken plain = AccessToken.of(SECRET);
    AccessToken dated = AccessToken.of(SECRET, Instant.EPOCH);
    assertThat(plain).isEqualTo(dated).hasSameHashCodeAs(dated);
    assertThat(plain).isNotEqualTo(AccessToken.of("x" + SECRET)).isNotEqualTo(SECRET);
  }
}
