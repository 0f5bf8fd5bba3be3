package com.lumyvo.providers.discovery;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Keeps discovery off this machine and the service's own network: what a stranger's domain
 * publishes (autoconfig URLs, redirects, server names) must not make a service fetch from
 * {@code 127.0.0.1}, a cloud metadata address or an intranet host. Services that do want private
 * servers (tests, intranets) turn this off with {@link Discovery.Builder#allowPrivateAddresses};
 * the mail module's probe asks {@link #isPublic} too.
 */
public final class PublicAddresses {
  private PublicAddresses() {}

  /**
   * Whether {@code address} is a public internet address: not loopback, unspecified, link-local
   * (cloud metadata included), private (RFC 1918, unique-local), carrier-grade NAT, multicast or
   * reserved, nor an IPv6 address that carries such an IPv4 one.
   */
  public static boolean isPublic(InetAddress address) {
    if (address.isLoopbackAddress() || address.isAnyLocalAddress()
        || address.isLinkLocalAddress() || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return false;
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet6Address) {
      if ((bytes[0] & 0xFE) == 0xFC) {
        return false; // fc00::/7, unique local
      }
      byte[] embedded = embeddedIpv4(bytes);
      return embedded == null || isPublicIpv4(embedded);
    }
    return address instanceof Inet4Address && isPublicIpv4(bytes);
  }

  /**
   * The IPv4 address inside an IPv6 one that carries it (IPv4-compatible ::/96, NAT64
   * 64:ff9b::/96, 6to4 2002::/16), which reaches that IPv4 host; null for any other.
   */
  private static byte[] embeddedIpv4(byte[] v6) {
    boolean zeroPrefix = true;
    for (int i = 0; i < 12; i++) {
      zeroPrefix &= v6[i] == 0;
    }
    boolean nat64 = v6[0] == 0x00 && v6[1] == 0x64 && (v6[2] & 0xFF) == 0xFF
        && (v6[3] & 0xFF) == 0x9B;
    for (int i = 4; nat64 && i < 12; i++) {
      nat64 = v6[i] == 0;
    }
    if (zeroPrefix || nat64) {
      return Arrays.copyOfRange(v6, 12, 16);
    }
    if (v6[0] == 0x20 && v6[1] == 0x02) {
      return Arrays.copyOfRange(v6, 2, 6);
    }
    return null;
  }

  /** IPv4 outside the special-purpose ranges of RFC 6890 that no public server can have. */
  private static boolean isPublicIpv4(byte[] b) {
    int first = b[0] & 0xFF;
    int second = b[1] & 0xFF;
    return first != 0 && first != 10 && first != 127 && first < 224 // this host, private,
        // loopback, multicast, reserved (240/4) and broadcast
        && !(first == 100 && (second & 0xC0) == 64) // 100.64/10, carrier-grade NAT
        && !(first == 169 && second == 254) // link-local, cloud metadata
        && !(first == 172 && (second & 0xF0) == 16) // 172.16/12
        && !(first == 192 && second == 168) // 192.168/16
        && !(first == 192 && second == 0 && (b[2] & 0xFF) == 0) // 192.0.0/24, IETF
        && !(first == 198 && (second & 0xFE) == 18); // 198.18/15, benchmarking
  }

  /** Whether {@code host} is an IP address written out, rather than a name. */
  static boolean isLiteral(String host) {
    return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
  }

  /**
   * Whether {@code host} names this machine or a private network without asking DNS: a private
   * IP literal, {@code localhost} and its sub-domains (RFC 6761), or a single label, which only
   * a local search domain can resolve.
   */
  static boolean isPrivateName(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    if (!isLiteral(name)) {
      return name.indexOf('.') < 0 || name.equals("localhost") || name.endsWith(".localhost");
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
