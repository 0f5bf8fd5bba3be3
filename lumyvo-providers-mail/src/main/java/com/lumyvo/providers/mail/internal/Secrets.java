package com.lumyvo.providers.mail.internal;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.SignInMethod;
import com.lumyvo.providers.diagnosis.CredentialRedactor;
import com.lumyvo.providers.diagnosis.Evidence;
import com.lumyvo.providers.mail.MailAccount;
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
    // Found in clear and in base64 at any alignment, so inside XOAUTH2/OAUTHBEARER blobs too;
    // blobs of tokens nobody named here go whole by their auth=Bearer content.
    return CredentialRedactor.of().withSecrets(progress.tokens().toArray(String[]::new));
  }

  /**
   * Adds the attempt's secrets to {@code evidence}, and for a token account that it signed in
   * with a token and the server's error challenge as sent ({@code + eyJ...}, base64 of Google's
   * {@code {"status":"401",...}} or RFC 7628's JSON), followed by its decoded JSON: the
   * classifier reads the status from it, a person the decoded text.
   */
  public static Evidence.Builder addTo(Evidence.Builder evidence, MailAccount account,
      Progress progress) {
    Optional<AppPassword> password = Bridges.accounts().appPassword(account);
    if (password.isPresent()) {
      return evidence.secret(password.get());
    }
    evidence.signInMethod(SignInMethod.OAUTH2); // a rejection is a token problem
    for (String token : progress.tokens()) {
      evidence.secret(token);
    }
    progress.tokenChallenge().ifPresent(challenge -> evidence.serverReply(challenge + "\n"
        + OAuthSasl.decodeChallenge(challenge.replaceFirst("^(\\+|334)[ -]?", ""))));
    return evidence;
  }
}
