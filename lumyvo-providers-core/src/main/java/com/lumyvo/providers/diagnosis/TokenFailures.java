package com.lumyvo.providers.diagnosis;

import static com.lumyvo.providers.diagnosis.FailureKind.ACCESS_DISABLED;
import static com.lumyvo.providers.diagnosis.FailureKind.APP_PASSWORD_REQUIRED;
import static com.lumyvo.providers.diagnosis.FailureKind.INVALID_CREDENTIALS;
import static com.lumyvo.providers.diagnosis.FailureKind.PROTOCOL_ERROR;
import static com.lumyvo.providers.diagnosis.FailureKind.TOKEN_EXPIRED;
import static com.lumyvo.providers.diagnosis.FailureKind.TOKEN_REVOKED;
import static com.lumyvo.providers.diagnosis.FailureKind.TOKEN_SCOPE_MISSING;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Token failures read from the structure of what servers send, not from single phrases.
 *
 * <p>The error challenge. When a SASL XOAUTH2 or OAUTHBEARER login fails, the server first sends
 * a challenge that is base64 of a JSON object, as an IMAP continuation ({@code + eyJ…}) or an SMTP
 * {@code 334 eyJ…}; the client answers it and only then gets the tagged {@code NO} or the {@code
 * 535}. RFC 7628 section 3.2.2 names the object's {@code "status"} with RFC 6750's error codes
 * ({@code invalid_token}, {@code insufficient_scope}, {@code invalid_request}); Gmail sends HTTP
 * status numbers in it instead ({@code {"status":"401","schemes":"bearer mac","scope":
 * "https://mail.google.com/"}}, developers.google.com/gmail/imap/xoauth2-protocol). The challenge
 * says more than the reply after it, so it decides.
 *
 * <p>A rejection of a token login. When the evidence says the attempt signed in with a token,
 * what would be a wrong password or a missing app password is a token the server no longer
 * takes: expired most likely (the SDK refreshes once before it gives up), else revoked or short
 * of the mail scope. Never a wrong password, which a token account does not have.
 */
final class TokenFailures {
  /**
   * A continuation or 334 line whose text starts like base64 of <code>{"</code>. Bounded: a
   * challenge is a few hundred characters.
   */
  private static final Pattern CHALLENGE = Pattern.compile(
      "(?m)(?:^|[ \\t])(?:\\+|334)[ \\t-]{1,4}(eyJ[A-Za-z0-9+/]{1,4096}={0,2})(?![A-Za-z0-9+/=])");
  private static final Pattern STATUS = Pattern.compile("\"status\"\\s{0,8}:\\s{0,8}\"([^\"\\\\]{1,64})\"");
  /** No reply has more than a few challenges; more is garbage not worth decoding. */
  private static final int MAX_CHALLENGES = 4;

  private TokenFailures() {}

  /** What the first error challenge in {@code raw} says, or null when there is none. */
  static Finding challenge(String raw) {
    Matcher m = CHALLENGE.matcher(raw);
    for (int seen = 0; seen < MAX_CHALLENGES && m.find(); seen++) {
      String json = decode(m.group(1));
      if (json == null) {
        continue;
      }
      Matcher status = STATUS.matcher(json);
      if (!status.find()) {
        continue;
      }
      switch (status.group(1).trim().toLowerCase(Locale.ROOT)) {
        case "401":
        case "invalid_token":
          return Finding.of(TOKEN_EXPIRED, TOKEN_REVOKED, TOKEN_SCOPE_MISSING);
        case "403":
        case "insufficient_scope":
          return Finding.of(TOKEN_SCOPE_MISSING, ACCESS_DISABLED);
        case "400":
          // Gmail's 400 comes with the scope the token lacks or a login name that is not the
          // token's account: a scope problem first.
          return Finding.of(TOKEN_SCOPE_MISSING, PROTOCOL_ERROR, TOKEN_EXPIRED);
        case "invalid_request":
          return Finding.of(PROTOCOL_ERROR, TOKEN_SCOPE_MISSING);
        default:
          // A challenge with a status nobody defined still says the token was refused.
          return Finding.of(TOKEN_EXPIRED, TOKEN_REVOKED);
      }
    }
    return null;
  }

  /** The JSON object a challenge carries, or null if it is not base64 of one. */
  private static String decode(String base64) {
    String unpadded = base64.replace("=", "");
    if (unpadded.length() % 4 == 1) {
      return null;
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(unpadded);
    } catch (IllegalArgumentException e) {
      return null;
    }
    String text = new String(bytes, StandardCharsets.UTF_8).strip();
    return text.startsWith("{") ? text : null;
  }

  /**
   * {@code finding} for an attempt that signed in with a token: credential kinds become {@link
   * FailureKind#TOKEN_EXPIRED}, with the other token kinds as alternatives, and no password kind
   * stays among the alternatives.
   */
  static Finding forToken(Finding finding) {
    FailureKind kind = finding.kind();
    List<FailureKind> alternatives = new ArrayList<>();
    if (kind == INVALID_CREDENTIALS || kind == APP_PASSWORD_REQUIRED) {
      kind = TOKEN_EXPIRED;
      alternatives.add(TOKEN_REVOKED);
      alternatives.add(TOKEN_SCOPE_MISSING);
    }
    for (FailureKind alternative : finding.alternatives()) {
      FailureKind mapped = alternative == INVALID_CREDENTIALS ? TOKEN_EXPIRED : alternative;
      if (mapped != APP_PASSWORD_REQUIRED && mapped != kind && !alternatives.contains(mapped)) {
        alternatives.add(mapped);
      }
    }
    return new Finding(kind, alternatives, finding.retryAfter());
  }
}
