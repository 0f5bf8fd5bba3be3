package com.lumyvo.providers.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The JDK's JNDI DNS provider against real DNS packets from a server on loopback. */
class JndiDnsResolverTest {
  private static final Duration TTL = Duration.ofMinutes(5);
  private final FakeDnsServer server;
  private final JndiDnsResolver resolver;

  JndiDnsResolverTest() throws Exception {
    server = new FakeDnsServer();
    resolver = JndiDnsResolver.server("127.0.0.1", server.port(), Duration.ofMillis(900), TTL);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void readsMxRecordsAsTheServerSentThem() throws Exception {
    server.answer("bakery-anna.de", FakeDnsServer.TYPE_MX,
        FakeDnsServer.mx(10, "mx00.ionos.de", 3600), FakeDnsServer.mx(20, "MX01.IONOS.DE", 3600));

    assertThat(resolver.mx("bakery-anna.de")).containsExactlyInAnyOrder(
        new MxRecord(10, "mx00.ionos.de", TTL), new MxRecord(20, "mx01.ionos.de", TTL));
  }

  @Test
  void readsSrvRecordsIncludingTheNoServiceTarget() throws Exception {
    server.answer("_imaps._tcp.example.org", FakeDnsServer.TYPE_SRV,
        FakeDnsServer.srv(0, 1, 993, "mail.example.org", 300));
    server.answer("_submission._tcp.example.org", FakeDnsServer.TYPE_SRV,
        FakeDnsServer.srv(0, 0, 0, ".", 300));

    assertThat(resolver.srv("_imaps._tcp.example.org"))
        .containsExactly(new SrvRecord(0, 1, 993, "mail.example.org", TTL));
    assertThat(resolver.srv("_submission._tcp.example.org")).singleElement()
        .satisfies(r -> assertThat(r.isServiceAbsent()).isTrue());
  }

  @Test
  void aNameThatDoesNotExistOrHasNoSuchRecordsIsAnEmptyAnswer() throws Exception {
    server.answer("example.org", FakeDnsServer.TYPE_SRV);

    assertThat(resolver.mx("no-such-name.example")).isEmpty();
    assertThat(resolver.mx("example.org")).isEmpty();
  }

  @Test
  void aSilentServerIsATimeOutWithinTheTimeout() throws Exception {
    // Warm-up: the first query loads the JNDI DNS provider; only the silent query is timed.
    server.answer("warm-up.example", FakeDnsServer.TYPE_MX,
        FakeDnsServer.mx(10, "mx.example", 60));
    assertThat(resolver.mx("warm-up.example")).hasSize(1);
    server.silent(true);

    long started = System.nanoTime();
    Throwable thrown = catchThrowable(() -> resolver.mx("bakery-anna.de"));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(thrown)
        .isInstanceOfSatisfying(DnsException.class, e -> assertThat(e.timedOut()).isTrue())
        .hasMessageContaining("MX query for bakery-anna.de timed out");
    // The 900-ms time-out plus a wide margin for a busy machine. JNDI's own defaults (1 s, four
    // tries, doubling) would take 15 s, so a resolver that dropped its time-out still fails here.
    assertThat(took).isLessThan(Duration.ofSeconds(8));
  }
}
