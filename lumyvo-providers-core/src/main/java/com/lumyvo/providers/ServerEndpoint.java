package com.lumyvo.providers;

import java.util.Objects;

/**
 * Where a mail server listens and how the connection is protected: {@code imap.gmx.net:993
 * (SSL/TLS)}.
 *
 * <p>The host is normalized on construction like a domain (lower case, ASCII, no trailing dot);
 * IPv4 and IPv6 addresses are accepted for self-hosted and test servers.
 *
 * @param host the server's host name or IP address
 * @param port the TCP port, from 1 to 65535
 * @param security how the connection is protected
 */
public record ServerEndpoint(String host, int port, Security security) {
  /**
   * Validates and normalizes.
   *
   * @throws NullPointerException if {@code host} or {@code security} is null
   * @throws IllegalArgumentException if the host is not a host name or IP address, or the port is
   *     outside 1 to 65535
   */
  public ServerEndpoint {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(security, "security");
    host = AddressSyntax.normalizeHost(host);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
    }
  }

  /** Shorthand for {@code new ServerEndpoint(host, port, security)}. */
  public static ServerEndpoint of(String host, int port, Security security) {
    return new ServerEndpoint(host, port, security);
  }

  /** {@code host:port (security)}, as mail-client settings show it. */
  @Override
  public String toString() {
    String shownHost = host.indexOf(':') >= 0 ? '[' + host + ']' : host;
    return shownHost + ':' + port + " (" + security.label() + ')';
  }
}
