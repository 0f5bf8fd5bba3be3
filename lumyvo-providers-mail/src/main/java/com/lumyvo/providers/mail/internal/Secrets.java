package com.lumyvo.providers.mail.internal;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.diagnosis.CredentialRedactor;
import com.lumyvo.providers.diagnosis.Evidence;
import com.lumyvo.providers.mail.MailAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The secrets of one attempt, in one place: the account's app password, or the access tokens the
 * attempt sent (a token account's secrets change with every refresh, so they are known only as
 * they are used). Everything shown of a failure is redacted with them.
 */
public final class Secrets {
  private Secrets() {}

  /** A redactor for the account's password, or for the tokens {@code progress} has sent. */
  public static CredentialRedactor redactor(MailAccount account, Progress progress) {
    Optional<AppPassword> password = Bridges.accounts().appPassword(account);
    if (password.isPresent()) {
      return CredentialRedactor.of(password.get());
    }
    List<AppPassword> tokens = new ArrayList<>();
    for (String token : progress.tokens()) {
      // An access token has no white space (RFC 6750 b64token), so it stays whole; the
      // redactor finds it in clear and in base64 at any alignment, so inside SASL blobs too.
      tokens.add(AppPassword.of(token));
    }
    return CredentialRedactor.of(tokens.toArray(AppPassword[]::new));
  }

  /**
   * Adds the attempt's secrets to {@code evidence}, and for a token account the server's decoded
   * error challenge (Google's {@code {"status":"401",...}}), which says more than the final NO.
   */
  public static Evidence.Builder addTo(Evidence.Builder evidence, MailAccount account,
      Progress progress) {
    Optional<AppPassword> password = Bridges.accounts().appPassword(account);
    if (password.isPresent()) {
      return evidence.secret(password.get());
    }
    for (String token : progress.tokens()) {
      evidence.secret(token);
    }
    progress.tokenChallenge().ifPresent(evidence::serverReply);
    return evidence;
  }
}
