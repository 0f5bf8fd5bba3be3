package com.lumyvo.providers.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StaticDnsResolverTest {
  @Test
  void answersFromItsTableInAnyCaseAndNothingElse() {
    StaticDnsResolver dns = StaticDnsResolver.builder()
        .mx("Bakery-Anna.de.", "mx00.ionos.de", "MX01.ionos.de")
        .srv("_imaps._tcp.example.org", 0, 993, "mail.example.org")
        .srv("_imaps._tcp.example.org", 5, 993, "backup.example.org")
        .build();

    assertThat(dns.mx("bakery-anna.de")).containsExactly(
        new MxRecord(10, "mx00.ionos.de", StaticDnsResolver.TTL),
        new MxRecord(20, "mx01.ionos.de", StaticDnsResolver.TTL));
    assertThat(dns.srv("_IMAPS._tcp.example.org.")).extracting(SrvRecord::target)
        .containsExactly("mail.example.org", "backup.example.org");
    assertThat(dns.mx("example.org")).isEmpty();
    assertThat(dns.srv("_submission._tcp.example.org")).isEmpty();
    assertThat(dns.toString()).isEqualTo("StaticDnsResolver{1 MX names, 1 SRV names}");
  }

  @Test
  void refusesRecordsNoServerCouldHave() {
    assertThatThrownBy(() -> StaticDnsResolver.builder().mx("example.org", "bad host!"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StaticDnsResolver.builder().srv("_imaps._tcp.x", 0, 70000, "a.b"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
