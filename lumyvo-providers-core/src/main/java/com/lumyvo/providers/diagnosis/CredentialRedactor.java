package com.lumyvo.providers.diagnosis;

import com.lumyvo.providers.AppPassword;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Removes credentials from text a person or a log may see: the given passwords in clear and in
 * base64 (also inside an {@code AUTH PLAIN} blob), and the arguments of {@code AUTH},
 * {@code AUTHENTICATE} and IMAP {@code LOGIN} commands, bearer tokens and password fields. The
 * mail module runs Jakarta Mail's protocol trace through it before logging a line.
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

  /** {@code text} without credentials. */
  public String redact(String text) {
    return Redaction.redact(Objects.requireNonNull(text, "text"), secrets);
  }

  @Override
  public String toString() {
    return "CredentialRedactor[" + secrets.size() + " secrets]";
  }
}
