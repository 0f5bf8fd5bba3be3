package com.lumyvo.providers.discovery;

import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import java.util.ArrayList;
import java.util.List;

/**
 * The host names and ports most self-hosted and small providers use, tried last, as Thunderbird
 * does; only encrypted ports, because a guess is never worth a password in clear text.
 */
final class HostGuesses {
  private HostGuesses() {}

  /**
   * The guesses for {@code domain}, preferred first. A prefix that would make an over-long host
   * name is left out; the bare domain is always there.
   */
  static List<ServerEndpoint> forDomain(String domain, Protocol protocol) {
    List<ServerEndpoint> guesses = new ArrayList<>();
    if (protocol == Protocol.IMAP) {
      add(guesses, "imap." + domain, 993, Security.SSL_TLS);
      add(guesses, "mail." + domain, 993, Security.SSL_TLS);
      add(guesses, domain, 993, Security.SSL_TLS);
    } else {
      for (String host : List.of("smtp." + domain, "mail." + domain, domain)) {
        add(guesses, host, 465, Security.SSL_TLS);
        add(guesses, host, 587, Security.STARTTLS);
      }
    }
    return List.copyOf(guesses);
  }

  private static void add(List<ServerEndpoint> guesses, String host, int port,
      Security security) {
    try {
      guesses.add(ServerEndpoint.of(host, port, security));
    } catch (IllegalArgumentException tooLong) {
      // Only a prefix can make a valid domain too long for a host name; skip that guess.
    }
  }
}
