/**
 * OAuth 2.0 access tokens as the SDK uses them: the {@link
 * com.lumyvo.providers.oauth.TokenSource} contract a service implements, the {@link
 * com.lumyvo.providers.oauth.AccessToken} it hands out and the {@link
 * com.lumyvo.providers.oauth.TokenUnavailableException} that says why it could not.
 *
 * <p>The SDK does not run consent screens or store tokens: the service owns its client
 * registration, the person's consent and the refresh tokens, and gives the SDK a source of access
 * tokens to send over SASL (XOAUTH2 or OAUTHBEARER, RFC 7628).
 *
 * <h2>Null policy</h2>
 * Nothing in this package accepts or returns {@code null} unless its Javadoc says so; absence is
 * {@link java.util.Optional}. Factories and constructors throw {@link
 * java.lang.NullPointerException} naming the parameter.
 *
 * <h2>Secrecy</h2>
 * No type here prints a token: not in {@code toString}, not in an exception message.
 */
package com.lumyvo.providers.oauth;
