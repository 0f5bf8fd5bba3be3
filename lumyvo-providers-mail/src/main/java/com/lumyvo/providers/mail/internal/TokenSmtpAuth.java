package com.lumyvo.providers.mail.internal;

import com.lumyvo.providers.ServerEndpoint;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.util.Locale;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * SMTP {@code AUTH OAUTHBEARER} or {@code AUTH XOAUTH2} (RFC 4954 with RFC 7628 and Google's
 * XOAUTH2), on a transport Angus connected without authenticating. Angus's own XOAUTH2
 * authenticator has no OAUTHBEARER and no answer to the error challenge; and with {@code
 * mail.smtp.auth} set it would try PLAIN and LOGIN with the token where XOAUTH2 is not announced.
 */
final class TokenSmtpAuth {
  private static final int ACCEPTED = 235;
  private static final int CONTINUE = 334;

  private TokenSmtpAuth() {}

  static void authenticate(SMTPTransport transport, String user, ServerEndpoint endpoint,
      String token, Progress progress) throws MessagingException {
    String announced = transport.supportsExtension("AUTH")
        ? transport.getExtensionParameter("AUTH") : "";
    Set<String> mechanisms = Set.of(announced.toUpperCase(Locale.ROOT).trim().split("\\s+"));
    OAuthSasl mechanism = OAuthSasl.choose(mechanisms::contains)
        .orElseThrow(() -> new MessagingException("the server announces neither AUTH OAUTHBEARER"
            + " nor AUTH XOAUTH2, so it cannot take an OAuth 2.0 access token"));
    // The initial response goes with the command: RFC 4954 allows AUTH lines of 12,288 octets,
    // more than any Microsoft JWT needs.
    int code = transport.simpleCommand("AUTH " + mechanism.name() + " "
        + mechanism.initialResponse(user, endpoint.host(), endpoint.port(), token));
    if (code == CONTINUE) {
      progress.tokenChallenge(transport.getLastServerResponse().trim());
      code = transport.simpleCommand(mechanism.errorAcknowledgement());
    }
    if (code != ACCEPTED) {
      throw new AuthenticationFailedException(transport.getLastServerResponse().trim());
    }
  }
}
