package com.lumyvo.providers;

/** How a connection to a {@link ServerEndpoint} is protected. */
public enum Security {
  /**
   * TLS from the first byte ("implicit TLS", RFC 8314): IMAP on 993, SMTP submission on 465. The
   * preferred choice.
   */
  SSL_TLS("SSL/TLS"),
  /**
   * A plain connection upgraded with the STARTTLS command before anything secret is sent: SMTP
   * submission on 587. Connectors treat the upgrade as required; a server that does not offer it
   * is an error, never a silent fall back to plain text.
   */
  STARTTLS("STARTTLS"),
  /**
   * No encryption at all. Only for fake providers on loopback and test servers; no built-in
   * provider uses it.
   */
  PLAIN("plain text");

  private final String label;

  Security(String label) {
    this.label = label;
  }

  /** Whether the password travels only inside TLS. */
  public boolean isEncrypted() {
    return this != PLAIN;
  }

  /** The name people see in mail-client settings: {@code SSL/TLS}, {@code STARTTLS}. */
  public String label() {
    return label;
  }
}
