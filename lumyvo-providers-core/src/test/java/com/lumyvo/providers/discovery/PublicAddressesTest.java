package com.lumyvo.providers.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublicAddressesTest {
  @ParameterizedTest(name = "{0} public: {1}")
  @CsvSource({
      "127.0.0.1, false", "10.1.2.3, false", "172.16.0.1, false", "192.168.1.10, false",
      "169.254.169.254, false", "100.64.0.1, false", "0.0.0.0, false", "224.0.0.1, false",
      "::1, false", "fe80::1, false", "fc00::1, false", "fd12:3456::1, false",
      "8.8.8.8, true", "100.128.0.1, true", "2001:4860:4860::8888, true",
  })
  void tellsPublicAddressesFromThisMachineAndPrivateNetworks(String literal, boolean isPublic)
      throws Exception {
    assertThat(PublicAddresses.isPublic(InetAddress.getByName(literal))).isEqualTo(isPublic);
    assertThat(PublicAddresses.isLiteral(literal)).isTrue();
    assertThat(PublicAddresses.isPrivateLiteral(literal)).isEqualTo(!isPublic);
  }

  @ParameterizedTest
  @CsvSource({"localhost", "mail.example.org", "10.example"})
  void namesAreNotLiteralsAndAreJudgedOnlyOnceResolved(String name) {
    assertThat(PublicAddresses.isLiteral(name)).isFalse();
    assertThat(PublicAddresses.isPrivateLiteral(name)).isFalse();
  }
}
