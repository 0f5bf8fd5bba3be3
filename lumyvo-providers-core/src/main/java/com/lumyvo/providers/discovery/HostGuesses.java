package com.lumyvo.providers.discovery;

import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import java.util.List;

/**
 * The host names and ports most self-hosted and small providers use, tried last, as Thunderbird
 * does; only encrypted ports, because a guess is never worth a password in clear text.
 */
final class HostGuesses {
  private HostGuesses() {}

  static List<ServerEndpoint> forDomain(String domain, Protocol protocol) {
    if (protocol == Protocol.IMAP) {
      return List.of(
          ServerEndpoint.of("imap." + domain, 993, Security.SSL_TLS),
          ServerEndpoint.of("mail." + domain, 993, Security.SSL_TLS),
          ServerEndpoint.of(domain, 993, Security.SSL_TLS));
    }
    return List.of(
        ServerEndpoint.of("smtp." + domain, 465, Security.SSL_TLS),
        ServerEndpoint.of("smtp." + domain, 587, Security.STARTTLS),
        ServerEndpoint.of("mail." + domain, 465, Security.SSL_TLS),
        ServerEndpoint.of("mail." + domain, 587, Security.STARTTLS),
        ServerEndpoint.of(domain, 465, Security.SSL_TLS),
        ServerEndpoint.of(domain, 587, Security.STARTTLS));
  }
}
