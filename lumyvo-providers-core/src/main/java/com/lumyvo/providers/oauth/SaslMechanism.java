package com.lumyvo.providers.oauth;

/** The SASL mechanisms that carry an OAuth 2.0 bearer token to an IMAP or SMTP server. */
public enum SaslMechanism {
  /**
   * Google's mechanism, also spoken by Microsoft, Yahoo and AOL: the client sends base64 of
   * {@code user=<address>\u0001auth=Bearer <token>\u0001\u0001}
   * (developers.google.com/gmail/imap/xoauth2-protocol).
   */
  XOAUTH2,
  /**
   * The standard mechanism of RFC 7628: base64 of {@code n,a=<address>,\u0001host=<host>\u0001
   * port=<port>\u0001auth=Bearer <token>\u0001\u0001}. Gmail, Yahoo, AOL and Dovecot announce
   * it; Microsoft does not.
   */
  OAUTHBEARER
}
