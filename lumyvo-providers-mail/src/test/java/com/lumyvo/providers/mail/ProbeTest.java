package com.lumyvo.providers.mail;

import com.lumyvo.providers.mail.verify.VerificationResult;
import com.lumyvo.providers.mail.verify.Attempt;
import com.lumyvo.providers.mail.verify.ProbeResult;
import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import com.lumyvo.providers.diagnosis.FailureKind;
import com.lumyvo.providers.discovery.Discovery;
import com.lumyvo.providers.discovery.DiscoveryMethod;
import com.lumyvo.providers.discovery.DiscoveryResult;
import com.lumyvo.providers.discovery.StaticDnsResolver;
import com.lumyvo.providers.mail.junit.FakeProviderExtension;
import com.lumyvo.providers.mail.testing.Fault;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Discovery, then a probe, then a login, against the fake provider over real TLS: the path an
 * address on an unknown domain takes. The fake's servers are published as SRV records of a
 * scripted resolver, because guesses would need real DNS.
 */
class ProbeTest {
  @RegisterExtension
  static final FakeProviderExtension FAKE = FakeProviderExtension.create();

  private static final AppPassword PASSWORD = AppPassword.of("abcdefghijklmnop");

  /** Publishes the endpoints as SRV records, priorities in list order, and discovers them. */
  private static DiscoveryResult discover(List<ServerEndpoint> imap, List<ServerEndpoint> smtp) {
    StaticDnsResolver.Builder dns = StaticDnsResolver.builder();
    publish(dns, imap, "_imaps._tcp.bakery.test", "_imap._tcp.bakery.test");
    publish(dns, smtp, "_submissions._tcp.bakery.test", "_submission._tcp.bakery.test");
    DiscoveryResult found = Discovery.builder().resolver(dns.build()).autoconfig(false)
        .allowPrivateAddresses(true).build().discover("anna@bakery.test");
    assertThat(found.method()).isEqualTo(DiscoveryMethod.SRV);
    return found;
  }

  private static void publish(StaticDnsResolver.Builder dns, List<ServerEndpoint> endpoints,
      String implicitTls, String startTls) {
    for (int i = 0; i < endpoints.size(); i++) {
      ServerEndpoint e = endpoints.get(i);
      dns.srv(e.security() == Security.SSL_TLS ? implicitTls : startTls, i, e.port(), e.host());
    }
  }

  private static ServerEndpoint closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return ServerEndpoint.of("localhost", socket.getLocalPort(), Security.SSL_TLS);
    }
  }

  private static ServerEndpoint fakeImap() {
    return onLocalhost(FAKE.get().descriptor().imap());
  }

  private static ServerEndpoint fakeSmtp(Security security) {
    return onLocalhost(FAKE.get().descriptor().smtp().stream()
        .filter(e -> e.security() == security).findFirst().orElseThrow());
  }

  /** The fake's certificate names localhost, which a probe checks like any host name. */
  private static ServerEndpoint onLocalhost(ServerEndpoint endpoint) {
    return ServerEndpoint.of("localhost", endpoint.port(), endpoint.security());
  }

  @Test
  void theFirstCandidateThatAnswersWinsAndTheAccountThenLogsIn() throws Exception {
    ServerEndpoint refused = closedPort();
    DiscoveryResult found = discover(List.of(refused, fakeImap()),
        List.of(fakeSmtp(Security.SSL_TLS)));

    ProbeResult probe = FAKE.get().connector().probe(found);

    assertThat(probe.ok()).as("%s", probe).isTrue();
    assertThat(probe.imap().attempts()).hasSize(2);
    assertThat(probe.imap().attempts().get(0).failedStep()).contains(ConnectionStep.TCP);
    assertThat(probe.imap().attempts().get(0).failure().orElseThrow().kind())
        .isEqualTo(FailureKind.CONNECTION_REFUSED);
    assertThat(probe.imap().endpoint()).isEqualTo(fakeImap());
    assertThat(probe.provider()).hasValueSatisfying(p -> {
      assertThat(p.imap()).isEqualTo(fakeImap());
      assertThat(p.smtp()).containsExactly(fakeSmtp(Security.SSL_TLS));
    });

    FAKE.get().addAccount("anna@bakery.test", PASSWORD);
    MailAccount account = MailAccount.builder("anna@bakery.test", PASSWORD)
        .provider(probe.provider().orElseThrow()).build();
    VerificationResult verified = FAKE.get().connector().verify(account);
    assertThat(verified.ok()).as("%s", verified).isTrue();
  }

  @Test
  void smtpWithStarttlsIsProbedThroughTheUpgrade() {
    DiscoveryResult found = discover(List.of(fakeImap()), List.of(fakeSmtp(Security.STARTTLS)));

    ProbeResult probe = FAKE.get().connector().probe(found);

    assertThat(probe.smtp().ok()).as("%s", probe).isTrue();
    assertThat(probe.smtp().endpoint().security()).isEqualTo(Security.STARTTLS);
  }

  @Test
  void aCertificateForAnotherHostFailsTheProbeAtTls() {
    FAKE.get().inject(Fault.WRONG_HOST_CERTIFICATE);
    DiscoveryResult found = discover(List.of(fakeImap()), List.of(fakeSmtp(Security.SSL_TLS)));

    ProbeResult probe = FAKE.get().connector().probe(found);

    assertThat(probe.ok()).isFalse();
    assertThat(probe.provider()).isEmpty();
    assertThat(probe.imap().failedStep()).contains(ConnectionStep.TLS);
    assertThat(probe.imap().diagnosis().orElseThrow().kind()).isEqualTo(FailureKind.TLS_FAILURE);
  }

  @Test
  void aServerThatNeverGreetsTimesOutWithinTheReadTimeout() {
    FAKE.get().inject(Fault.BLACK_HOLE);
    DiscoveryResult found = discover(List.of(fakeImap()), List.of(fakeSmtp(Security.SSL_TLS)));
    // A 60 s deadline: only the 3 s read timeout can end the black hole in time.
    MailConnector connector = FAKE.get().connectorBuilder().deadline(Duration.ofSeconds(60))
        .build();
    long started = System.nanoTime();

    ProbeResult probe = connector.probe(found);

    // One read timeout (IMAP and SMTP are probed side by side), about 3 s; an ignored one would
    // run into the 60 s deadline.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    assertThat(probe.imap().diagnosis().orElseThrow().kind()).isEqualTo(FailureKind.TIMEOUT);
  }

  @Test
  void aServerThatIsNotAMailServerOrHidesStarttlsIsRefused() throws Exception {
    try (ScriptedServer web = new ScriptedServer("HTTP/1.1 400 Bad Request\r\n\r\n");
        ScriptedServer noTls = new ScriptedServer("220 mail.bakery.test ESMTP\r\n",
            "250-mail.bakery.test\r\n250-PIPELINING\r\n250 8BITMIME\r\n")) {
      DiscoveryResult found = discover(List.of(fakeImap()), List.of(
          ServerEndpoint.of("localhost", web.port(), Security.STARTTLS),
          ServerEndpoint.of("localhost", noTls.port(), Security.STARTTLS)));

      ProbeResult probe = FAKE.get().connector().probe(found);

      assertThat(probe.smtp().ok()).isFalse();
      List<Attempt> attempts = probe.smtp().attempts();
      assertThat(attempts).hasSize(2);
      assertThat(attempts.get(0).failure().orElseThrow().kind())
          .isEqualTo(FailureKind.PROTOCOL_ERROR);
      assertThat(attempts.get(1).failure().orElseThrow().kind())
          .isEqualTo(FailureKind.TLS_FAILURE);
      assertThat(attempts.get(0).failedStep()).contains(ConnectionStep.GREETING);
      assertThat(attempts.get(1).failedStep()).contains(ConnectionStep.TLS);
    }
  }

  @Test
  void anImplicitTlsCandidateGetsATlsHandshakeFirstAndNoCommandInClear() throws Exception {
    try (ScriptedServer plain = new ScriptedServer("* OK plain-text IMAP here\r\n")) {
      DiscoveryResult found = discover(
          List.of(ServerEndpoint.of("localhost", plain.port(), Security.SSL_TLS)),
          List.of(fakeSmtp(Security.SSL_TLS)));

      ProbeResult probe = FAKE.get().connector().probe(found);

      assertThat(probe.imap().failedStep()).contains(ConnectionStep.TLS);
      String received = plain.awaitReceived();
      assertThat(received).isNotEmpty();
      assertThat(received.charAt(0)).as("TLS handshake record type").isEqualTo((char) 0x16);
      assertThat(received).doesNotContain("LOGOUT", "CAPABILITY", "LOGIN");
    }
  }

  @Test
  void aConnectorForRealServersRefusesToProbeThisMachine() {
    DiscoveryResult found = discover(List.of(fakeImap()), List.of(fakeSmtp(Security.SSL_TLS)));
    MailConnector connector = MailConnector.builder().trustStore(FAKE.get().trustStore()).build();

    ProbeResult probe = connector.probe(found);

    assertThat(probe.ok()).isFalse();
    assertThat(probe.imap().failedStep()).contains(ConnectionStep.TCP);
    assertThat(probe.imap().diagnosis().orElseThrow().toString())
        .contains("resolves to a private or local address");
  }

  /** A plain TCP server that writes its lines, one per line it reads, and records what it got. */
  private static final class ScriptedServer implements AutoCloseable {
    private final ServerSocket server =
        new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    private final StringBuilder received = new StringBuilder();
    private final Thread thread;

    ScriptedServer(String greeting, String... replies) throws IOException {
      thread = new Thread(() -> {
        try (Socket socket = server.accept()) {
          OutputStream out = socket.getOutputStream();
          InputStream in = socket.getInputStream();
          out.write(greeting.getBytes(StandardCharsets.US_ASCII));
          out.flush();
          for (String reply : replies) {
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
              synchronized (received) {
                received.append((char) c);
              }
            }
            out.write(reply.getBytes(StandardCharsets.US_ASCII));
            out.flush();
          }
          byte[] rest = in.readAllBytes();
          synchronized (received) {
            received.append(new String(rest, StandardCharsets.ISO_8859_1));
          }
        } catch (IOException ignored) {
          // The probe hung up, which is what it should do.
        }
      }, "scripted-server");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return server.getLocalPort();
    }

    /** Everything the client sent, once it hung up. */
    String awaitReceived() throws InterruptedException {
      thread.join(10_000);
      synchronized (received) {
        return received.toString();
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
