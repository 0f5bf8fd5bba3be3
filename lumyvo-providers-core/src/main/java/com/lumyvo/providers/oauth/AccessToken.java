package com.lumyvo.providers.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An OAuth 2.0 bearer access token, with the instant it expires when the issuer said so.
 *
 * <h2>Validation</h2>
 * The value must be an RFC 6750 {@code b64token}: one or more of the ASCII letters, digits and
 * {@code - . _ ~ + /}, followed by any number of {@code =}, at most 32,768 characters. Google's
 * {@code ya29.} tokens, Microsoft's JWTs and Yahoo's tokens all are. Refusing anything else keeps
 * white space, control characters and the SASL separator {@code \u0001} out of the login, where
 * they would change its meaning.
 *
 * <h2>Secrecy</h2>
 * {@link #toString()} never shows the value nor its length; the one way to read it is {@link
 * #value()}. Two tokens are equal when their values are (compared in constant time); the expiry
 * takes no part, because it is what the issuer said about the same token.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * AccessToken token = AccessToken.of(response.accessToken(), Instant.now().plusSeconds(3599));
 * token.expiresAt();   // Optional[2026-12-02T15:35:00Z]
 * }</pre>
 */
public final class AccessToken {
  /** Microsoft's JWTs run to a few kilobytes; eight times that is no token. */
  static final int MAX_LENGTH = 32_768;

  private final String value;
  private final Instant expiresAt;

  private AccessToken(String value, Instant expiresAt) {
    this.value = value;
    this.expiresAt = expiresAt;
  }

  /**
   * A token whose expiry nobody stated.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is not an RFC 6750 {@code b64token} of at
   *     most 32,768 characters; the message never contains a character of the value
   */
  public static AccessToken of(String value) {
    return new AccessToken(checked(value), null);
  }

  /**
   * A token that the issuer said expires at {@code expiresAt}.
   *
   * @throws NullPointerException if {@code value} or {@code expiresAt} is null
   * @throws IllegalArgumentException if {@code value} is not an RFC 6750 {@code b64token} of at
   *     most 32,768 characters; the message never contains a character of the value
   */
  public static AccessToken of(String value, Instant expiresAt) {
    return new AccessToken(checked(value), Objects.requireNonNull(expiresAt, "expiresAt"));
  }

  private static String checked(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("access token is empty");
    }
    if (value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "access token is longer than " + MAX_LENGTH + " characters: this is not a token");
    }
    int end = value.length();
    while (end > 0 && value.charAt(end - 1) == '=') {
      end--;
    }
    if (end == 0) {
      throw new IllegalArgumentException("access token holds only '=' padding");
    }
    for (int i = 0; i < end; i++) {
      char c = value.charAt(i);
      if (!isTokenCharacter(c)) {
        // Position and code point only: never a character of the secret.
        throw new IllegalArgumentException("access token has a character an RFC 6750 bearer"
            + " token cannot hold at character " + (i + 1) + " ("
            + (c < 0x80 && c > 0x20 && c != 0x7F ? "ASCII punctuation" : String.format(
                "U+%04X", (int) c))
            + "): copy the token again, without quotes or spaces");
      }
    }
    return value;
  }

  private static boolean isTokenCharacter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
  }

  /** The token itself, for the one place that must send it to a server. */
  public String value() {
    return value;
  }

  /** When the issuer said the token expires; empty when it did not say. */
  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  /** Equal when the values are, compared in constant time; the expiry is ignored. */
  @Override
  public boolean equals(Object other) {
    return other instanceof AccessToken
        && MessageDigest.isEqual(value.getBytes(StandardCharsets.US_ASCII),
            ((AccessToken) other).value.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /**
   * A text without the value or its length: {@code AccessToken[redacted]}, or {@code
   * AccessToken[redacted, expires 2026-12-02T15:35:00Z]}.
   */
  @Override
  public String toString() {
    return expiresAt == null
        ? "AccessToken[redacted]"
        : "AccessToken[redacted, expires " + expiresAt + "]";
  }
}
