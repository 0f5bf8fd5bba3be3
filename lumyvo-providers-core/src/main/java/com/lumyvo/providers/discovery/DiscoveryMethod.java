package com.lumyvo.providers.discovery;

/** How discovery found an address's servers, in the order it tries them. */
public enum DiscoveryMethod {
  /** The registry knows the address's domain: offline, certain. */
  DOMAIN,
  /**
   * The domain's MX records point at a known provider (a custom domain at IONOS, Zoho, iCloud+,
   * Google Workspace, Microsoft 365…); the servers are that provider's own.
   */
  MX,
  /** The domain publishes RFC 6186 SRV records for IMAP and mail submission. */
  SRV,
  /** The domain serves a Mozilla-style autoconfig file over HTTPS. */
  AUTOCONFIG,
  /**
   * Nothing was published, so these are the conventional host names ({@code imap.<domain>},
   * {@code mail.<domain>}, {@code smtp.<domain>}) on encrypted ports only. They must be probed
   * before use.
   */
  GUESS
}
