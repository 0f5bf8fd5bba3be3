package com.lumyvo.providers.mail.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * A client's OAuth 2.0 SASL response as the fake's servers read it: the login name and the
 * bearer token of an XOAUTH2 ({@code user=...^Aauth=Bearer ...^A^A}) or OAUTHBEARER (RFC 7628
 * §3.1, {@code n,a=...,^A...^Aauth=Bearer ...^A^A}) initial response. {@link #toString()} hides
 * the token.
 */
record OAuthLogin(String user, String token) {
  static Optional<OAuthLogin> parse(String mechanism, String base64) {
    String message;
    try {
      message = new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    String[] parts = message.split("\u0001", -1);
    String user = null;
    String token = null;
    boolean bearer = mechanism.toUpperCase(Locale.ROOT).equals("OAUTHBEARER");
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (i == 0 && bearer) {
        // GS2 header: "n,a=<saslname>," (the authorization identity is the login)
        for (String field : part.split(",")) {
          if (field.startsWith("a=")) {
            user = field.substring(2).replace("=2C", ",").replace("=3D", "=");
          }
        }
      } else if (part.startsWith("user=") && !bearer) {
        user = part.substring(5);
      } else if (part.regionMatches(true, 0, "auth=Bearer ", 0, 12)) {
        token = part.substring(12);
      }
    }
    return user == null || token == null || token.isEmpty() ? Optional.empty()
        : Optional.of(new OAuthLogin(user, token));
  }

  @Override
  public String toString() {
    return "OAuthLogin[" + user + ", token redacted]";
  }
}
