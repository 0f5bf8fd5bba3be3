package com.lumyvo.providers.mail.testing;

/**
 * What a provider answers to failed logins. These are the fake's own words, not real replies:
 * each built-in provider's texts keep its structure (its response codes, Yahoo's {@code
 * (#AUTH005)} and {@code (#MBR1212)} codes, whether the reason is named at all) but none is a row
 * of the core module's classification corpus, so a demo never shows the classifier a reply it
 * was written from. The real replies and their sources are in that corpus.
 */
record ReplyTexts(String imapInvalidCredentials, String imapAppPasswordRequired,
    String imapAccessDisabled, String smtpInvalidCredentials, String smtpAppPasswordRequired) {

  /** The fake's own provider: each case says what it is. */
  static final ReplyTexts FAKE = new ReplyTexts(
      "NO [AUTHENTICATIONFAILED] Login name or password rejected",
      "NO [ALERT] An app password is required for mail apps; sign in with one",
      "NO [ALERT] IMAP access is disabled in this account's settings",
      "535 5.7.8 Login name or password rejected",
      "534 5.7.9 An app password is required for mail apps");

  /** Every provider's texts, the fake's first: for tests. */
  static java.util.List<ReplyTexts> all() {
    return java.util.List.of(FAKE, of("yahoo"), of("gmx"), of("icloud"), of("zoho"));
  }

  /** The texts as a list, in the order of the record's components. */
  java.util.List<String> texts() {
    return java.util.List.of(imapInvalidCredentials, imapAppPasswordRequired, imapAccessDisabled,
        smtpInvalidCredentials, smtpAppPasswordRequired);
  }

  static ReplyTexts of(String providerId) {
    switch (providerId) {
      case "yahoo":
        // Yahoo answers a regular password exactly like a wrong one on IMAP (imapflow#300), and
        // names it on SMTP with its AUTH005 code.
        return new ReplyTexts("NO [AUTHENTICATIONFAILED] LOGIN rejected",
            "NO [AUTHENTICATIONFAILED] LOGIN rejected",
            "NO [AUTHENTICATIONFAILED] LOGIN rejected",
            "535 5.7.0 (#MBR1212) Login name or password rejected.",
            "535 5.7.0 (#AUTH005) Too many failed logins; use an app password for this app.");
      case "gmx":
      case "ionos":
        // Both say only that authentication failed, whatever the cause (imapsync#140, yam#638).
        return new ReplyTexts("NO authentication rejected", "NO authentication rejected",
            "NO authentication rejected", "535 Authentication was rejected",
            "535 Authentication was rejected");
      case "icloud":
        return new ReplyTexts("NO [AUTHENTICATIONFAILED] Login rejected",
            "NO [AUTHENTICATIONFAILED] Login rejected",
            "NO [AUTHENTICATIONFAILED] Login rejected",
            "535 5.7.8 Login rejected", "535 5.7.8 Login rejected");
      case "zoho":
        return new ReplyTexts("NO [AUTHENTICATIONFAILED] Credentials rejected(Failure)",
            "NO [AUTHENTICATIONFAILED] Credentials rejected(Failure)",
            "NO [AUTHENTICATIONFAILED] Credentials rejected(Failure)",
            "535 Credentials rejected", "535 Credentials rejected");
      default:
        return FAKE;
    }
  }
}
