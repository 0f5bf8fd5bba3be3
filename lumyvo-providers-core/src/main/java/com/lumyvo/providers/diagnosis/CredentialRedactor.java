package com.lumyvo.providers.diagnosis;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.oauth.AccessToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Removes credentials from text a person or a log may see: the given passwords in clear and in
 * base64 (also inside an {@code AUTH PLAIN} blob), and the arguments of {@code AUTH},
 * {@code AUTHENTICATE} and IMAP {@code LOGIN} commands, bearer tokens and password fields. The
 * mail module runs Jakarta Mail's protocol trace through it before logging a line.
 *
 * <p>OAuth tokens given with {@link #withTokens} or {@link #withSecrets} (a refresh token) are
 * removed like passwords: in clear, URL-encoded, quoted, in hex and in base64 at every
 * alignment, so also inside an XOAUTH2 or OAUTHBEARER blob. Tokens nobody named are removed
 * after {@code Bearer}, in token-response fields and as whole SASL token messages in base64.
 *
 * <p>Immutable and thread-safe; {@link #toString()} does not show the secrets.
 */
public final class CredentialRedactor {
  private final List<String> secrets;

  private CredentialRedactor(List<String> secrets) {
    this.secrets = List.copyOf(secrets);
  }

  /** A redactor for these passwords, plus the commands and fields that carry credentials. */
  public static CredentialRedactor of(AppPassword... passwords) {
    List<String> secrets = new ArrayList<>();
    for (AppPassword password : passwords) {
      secrets.add(Objects.requireNonNull(password, "password").reveal());
    }
    return new CredentialRedactor(secrets);
  }

  /** A redactor that also removes these access tokens. */
  public CredentialRedactor withTokens(AccessToken... tokens) {
    List<String> more = new ArrayList<>(secrets);
    for (AccessToken token : tokens) {
      more.add(Objects.requireNonNull(token, "token").value());
    }
    return new CredentialRedactor(more);
  }

  /**
   * A redactor that also removes these secrets, such as refresh tokens or client secrets.
   *
   * @throws IllegalArgumentException if a secret is shorter than 3 characters, which would match
   *     ordinary text
   */
  public CredentialRedactor withSecrets(CharSequence... secrets) {
    List<String> more = new ArrayList<>(this.secrets);
    for (CharSequence secret : secrets) {
      Objects.requireNonNull(secret, "secret");
      if (secret.length() < 3) {
        throw new IllegalArgumentException("a secret of " + secret.length()
            + " characters cannot be told from ordinary text");
      }
      more.add(secret.toString());
    }
    return new CredentialRedactor(more);
  }

  /** {@code text} without credentials. */
  public String redact(String text) {
    return Redaction.redact(Objects.requireNonNull(text, "text"), secrets);
  }

  @Override
  public String toString() {
    return "CredentialRedactor[" + secrets.size() + " secrets]";
  }
}
