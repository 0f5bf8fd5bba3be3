package com.lumyvo.providers.mail.testing;

/**
 * What a provider answers to failed logins. The built-in providers' texts are real replies, with
 * their sources in the classification corpus of the core module's tests; where none was found,
 * the RFC 4954 text stands in.
 */
record ReplyTexts(String imapInvalidCredentials, String imapAppPasswordRequired,
    String imapAccessDisabled, String smtpInvalidCredentials, String smtpAppPasswordRequired) {

  /** The fake's own provider: the clearest wording each case has in the wild. */
  static final ReplyTexts FAKE = new ReplyTexts(
      "NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)",
      "NO [ALERT] Application-specific password required (Failure)",
      "NO [ALERT] IMAP access is not allowed for this account.",
      "535 5.7.8 Authentication credentials invalid",
      "534 5.7.9 Application-specific password required.");

  static ReplyTexts of(String providerId) {
    switch (providerId) {
      case "yahoo":
        // Yahoo answers a regular password exactly like a wrong one on IMAP (imapflow#300).
        return new ReplyTexts("NO [AUTHENTICATIONFAILED] LOGIN Invalid credentials",
            "NO [AUTHENTICATIONFAILED] LOGIN Invalid credentials",
            "NO [AUTHENTICATIONFAILED] LOGIN Invalid credentials",
            "535 5.7.0 (#MBR1212) Incorrect username or password.",
            "535 5.7.0 (#AUTH005) Too many bad auth attempts.");
      case "gmx":
      case "ionos":
        // Both say only "authentication failed", whatever the cause (imapsync#140, yam#638).
        return new ReplyTexts("NO authentication failed", "NO authentication failed",
            "NO authentication failed", "535 Authentication credentials invalid",
            "535 Authentication credentials invalid");
      case "icloud":
        return new ReplyTexts("NO [AUTHENTICATIONFAILED] Authentication failed",
            "NO [AUTHENTICATIONFAILED] Authentication failed",
            "NO [AUTHENTICATIONFAILED] Authentication failed",
            "535 5.7.8 Authentication credentials invalid",
            "535 5.7.8 Authentication credentials invalid");
      case "zoho":
        return new ReplyTexts("NO [AUTHENTICATIONFAILED] Invalid credentials(Failure)",
            "NO [AUTHENTICATIONFAILED] Invalid credentials(Failure)",
            "NO [AUTHENTICATIONFAILED] Invalid credentials(Failure)",
            "535 Authentication Failed", "535 Authentication Failed");
      default:
        return FAKE;
    }
  }
}
