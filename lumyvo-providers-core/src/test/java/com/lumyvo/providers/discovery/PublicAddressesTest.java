package com.lumyvo.providers.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublicAddressesTest {
  @ParameterizedTest(name = "{0} public: {1}")
  @CsvSource({
      "127.0.0.1, false", "10.1.2.3, false", "172.16.0.1, false", "172.31.255.1, false",
      "192.168.1.10, false", "169.254.169.254, false", "100.64.0.1, false", "0.0.0.0, false",
      "224.0.0.1, false", "240.0.0.1, false", "255.255.255.255, false", "198.18.0.1, false",
      "192.0.0.8, false",
      "::1, false", "fe80::1, false", "fc00::1, false", "fd12:3456::1, false",
      // IPv6 forms that carry a private IPv4 address: compatible, NAT64, 6to4.
      "::127.0.0.1, false", "64:ff9b::a00:1, false", "2002:a00:1::1, false",
      "8.8.8.8, true", "100.128.0.1, true", "172.32.0.1, true", "198.20.0.1, true",
      "2001:4860:4860::8888, true", "64:ff9b::808:808, true", "2002:808:808::1, true",
  })
  void tellsPublicAddressesFromThisMachineAndPrivateNetworks(String literal, boolean isPublic)
      throws Exception {
    assertThat(PublicAddresses.isPublic(InetAddress.getByName(literal))).isEqualTo(isPublic);
    assertThat(PublicAddresses.isLiteral(literal)).isTrue();
    assertThat(PublicAddresses.isPrivateName(literal)).isEqualTo(!isPublic);
  }

  @ParameterizedTest(name = "{0} private by name: {1}")
  @CsvSource({
      "localhost, true", "LOCALHOST, true", "mail.localhost, true", "intranet, true",
      "mail.example.org, false", "10.example, false", "localhost.example.org, false",
  })
  void namesForThisMachineOrALocalSearchDomainArePrivateWithoutAskingDns(String name,
      boolean isPrivate) {
    assertThat(PublicAddresses.isLiteral(name)).isFalse();
    assertThat(PublicAddresses.isPrivateName(name)).isEqualTo(isPrivate);
  }
}
