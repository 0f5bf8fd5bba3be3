package com.lumyvo.providers.mail.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The two SASL mechanisms that carry an OAuth 2.0 bearer token, as IMAP {@code AUTHENTICATE} and
 * SMTP {@code AUTH} send them, and the choice between them.
 *
 * <ul>
 *   <li>{@code OAUTHBEARER}, RFC 7628 §3.1: a GS2 header {@code n,a=<user>,} then key-value pairs
 *       {@code host}, {@code port} and {@code auth=Bearer <token>}, each ended by {@code ^A}, and
 *       a final {@code ^A}.
 *   <li>{@code XOAUTH2}, Google's form that Microsoft and Yahoo also take ("The XOAUTH2
 *       mechanism", developers.google.com/gmail/imap/xoauth2-protocol): {@code
 *       user=<user>^Aauth=Bearer <token>^A^A}.
 * </ul>
 *
 * <p>A server that rejects the token answers both with a challenge holding a JSON error (RFC 7628
 * §3.2.2; Google's XOAUTH2 page); the client must then answer once more before the server sends
 * its final failure: a single {@code ^A} for OAUTHBEARER (RFC 7628 §3.2.3), an empty response for
 * XOAUTH2 (Google's page). Answering a challenge with the credentials again, as Angus Mail's own
 * XOAUTH2 does, repeats the token for nothing.
 */
enum OAuthSasl {
  OAUTHBEARER,
  XOAUTH2;

  /**
   * The mechanism to use where {@code announced} says which the server offers (given a name in
   * upper case, such as {@code XOAUTH2}): OAUTHBEARER, the standard, when both are there; empty
   * when neither is, and then the token must not be sent at all.
   */
  static Optional<OAuthSasl> choose(Predicate<String> announced) {
    if (announced.test(OAUTHBEARER.name())) {
      return Optional.of(OAUTHBEARER);
    }
    return announced.test(XOAUTH2.name()) ? Optional.of(XOAUTH2) : Optional.empty();
  }

  /** The initial client response, base64-encoded: a secret, like the token it holds. */
  String initialResponse(String user, String host, int port, String token) {
    String message = switch (this) {
      case OAUTHBEARER -> "n,a=" + saslName(user) + ",\u0001host=" + host.toLowerCase(Locale.ROOT)
          + "\u0001port=" + port + "\u0001auth=Bearer " + token + "\u0001\u0001";
      case XOAUTH2 -> "user=" + user + "\u0001auth=Bearer " + token + "\u0001\u0001";
    };
    return Base64.getEncoder().encodeToString(message.getBytes(StandardCharsets.UTF_8));
  }

  /** What to answer to the server's error challenge so that it sends its final reply. */
  String errorAcknowledgement() {
    return this == OAUTHBEARER ? "AQ==" : ""; // base64 of ^A; an empty response
  }

  /**
   * The server's challenge decoded, for the classifier (Google's {@code {"status":"401",...}});
   * the raw text when it is not base64. A challenge carries no secret of ours.
   */
  static String decodeChallenge(String challenge) {
    String trimmed = challenge.trim();
    try {
      return new String(Base64.getMimeDecoder().decode(trimmed), StandardCharsets.UTF_8).trim();
    } catch (IllegalArgumentException e) {
      return trimmed;
    }
  }

  /** RFC 5801's saslname: {@code ,} and {@code =} escaped, as the GS2 header needs. */
  private static String saslName(String user) {
    return user.replace("=", "=3D").replace(",", "=2C");
  }
}
