package com.lumyvo.providers;

/**
 * How a mail app may sign in to a provider's IMAP or SMTP server.
 *
 * @see ProviderDescriptor#signInMethods(Protocol)
 */
public enum SignInMethod {
  /**
   * A password over SASL PLAIN or LOGIN: an app password where {@link
   * AppPasswordPolicy#required()} says so, otherwise the account's regular password.
   */
  PASSWORD,
  /**
   * An OAuth 2.0 access token over SASL XOAUTH2 or OAUTHBEARER; {@link
   * ProviderDescriptor#oauth()} has what a service needs to get one where the SDK knows it.
   */
  OAUTH2
}
