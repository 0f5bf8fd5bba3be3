package com.lumyvo.providers.discovery;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Keeps discovery off this machine and the service's own network: what a stranger's domain
 * publishes (autoconfig URLs, redirects, server names) must not make a service fetch from
 * {@code 127.0.0.1}, a cloud metadata address or an intranet host. Services that do want private
 * servers (tests, intranets) turn this off with {@link Discovery.Builder#allowPrivateAddresses}.
 */
final class PublicAddresses {
  private PublicAddresses() {}

  /** Whether {@code address} is reachable on the public internet. */
  static boolean isPublic(InetAddress address) {
    if (address.isLoopbackAddress() || address.isAnyLocalAddress()
        || address.isLinkLocalAddress() || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return false;
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet6Address) {
      return (bytes[0] & 0xFE) != 0xFC; // fc00::/7, unique local
    }
    // 100.64.0.0/10 (carrier-grade NAT) and 0.0.0.0/8 are not public either.
    return address instanceof Inet4Address && bytes[0] != 0
        && !(bytes[0] == 100 && (bytes[1] & 0xC0) == 64);
  }

  /** Whether {@code host} is an IP address written out, rather than a name. */
  static boolean isLiteral(String host) {
    return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
  }

  /** Whether {@code host} is an IP literal of a private or local address. */
  static boolean isPrivateLiteral(String host) {
    if (!isLiteral(host)) {
      return false;
    }
    try {
      return !isPublic(InetAddress.getByName(host)); // a literal: no DNS query
    } catch (UnknownHostException malformed) {
      return true;
    }
  }

  /**
   * Resolves {@code host} and refuses it if any of its addresses is private or local.
   *
   * @throws IOException if the name does not resolve or is not public
   */
  static void requirePublic(String host) throws IOException {
    for (InetAddress address : InetAddress.getAllByName(host)) {
      if (!isPublic(address)) {
        throw new IOException(host + " resolves to a private or local address, which discovery"
            + " does not contact");
      }
    }
  }
}
