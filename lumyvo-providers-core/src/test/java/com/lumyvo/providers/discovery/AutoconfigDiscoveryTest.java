package com.lumyvo.providers.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import com.lumyvo.providers.discovery.DiscoveryStep.Outcome;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The autoconfig step against a real HTTPS server on loopback, friendly and hostile. Whatever the
 * server does, discovery ends within its time-out with a clear step, and falls back to guesses.
 */
class AutoconfigDiscoveryTest {
  private static final String ADDRESS = "anna.secret@bakery-anna.de";
  private static final String QUERY = "anna.secret%40bakery-anna.de";
  private final FakeDnsResolver dns = new FakeDnsResolver();
  private LocalHttpsServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private DiscoveryResult discover(LocalHttpsServer.Responder responder) throws Exception {
    return discover(TestTls.LOCALHOST, responder, Duration.ofSeconds(5));
  }

  private DiscoveryResult discover(KeyStore keys, LocalHttpsServer.Responder responder,
      Duration httpTimeout) throws Exception {
    server = new LocalHttpsServer(keys, responder);
    return discovery(httpTimeout).allowPrivateAddresses(true).build().discover(ADDRESS);
  }

  /**
   * For the timed tests: starts the server and builds the discovery (TLS set-up included) before
   * the caller starts its stopwatch, so only {@link Discovery#discover} is timed. The deadline is
   * long, so a fetch that ignored its own time-out would run far past any bound the tests set.
   */
  private Discovery timedDiscovery(LocalHttpsServer.Responder responder, Duration httpTimeout)
      throws Exception {
    server = new LocalHttpsServer(TestTls.LOCALHOST, responder);
    return discovery(httpTimeout).allowPrivateAddresses(true).deadline(Duration.ofSeconds(120))
        .build();
  }

  private static Duration since(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }

  /** A discovery that fetches from the local server, with the address in the query as usual. */
  private Discovery.Builder discovery(Duration httpTimeout) {
    return Discovery.builder().resolver(dns).httpTimeout(httpTimeout)
        .sslContext(TestTls.clientTrustingLocalhost())
        .autoconfigUris(address -> List.of(
            server.uri("/autoconfig/mail/config-v1.1.xml?emailaddress=" + QUERY),
            server.uri("/.well-known/autoconfig/mail/config-v1.1.xml")));
  }

  private static DiscoveryStep autoconfigStep(DiscoveryResult result) {
    return result.steps().stream().filter(s -> s.method() == DiscoveryMethod.AUTOCONFIG)
        .findFirst().orElseThrow();
  }

  private static void assertFellBackToGuesses(DiscoveryResult result, Outcome outcome,
      String detail) {
    assertThat(result.method()).isEqualTo(DiscoveryMethod.GUESS);
    assertThat(autoconfigStep(result).outcome()).isEqualTo(outcome);
    assertThat(autoconfigStep(result).detail()).contains(detail);
  }

  @Test
  void aDomainsAutoconfigFileGivesItsServersAndLoginNames() throws Exception {
    DiscoveryResult result = discover(
        (target, out) -> LocalHttpsServer.ok(out, AutoconfigParserTest.CONFIG));

    assertThat(result.method()).isEqualTo(DiscoveryMethod.AUTOCONFIG);
    assertThat(result.isKnownProvider()).isFalse();
    assertThat(result.provider().displayName()).isEqualTo("Bakery Mail");
    assertThat(result.provider().imap())
        .isEqualTo(ServerEndpoint.of("imap.bakery-anna.de", 993, Security.SSL_TLS));
    assertThat(result.provider().login(Protocol.IMAP, result.address())).isEqualTo("anna.secret");
    assertThat(result.candidates(Protocol.SMTP)).hasSize(2);
    assertThat(autoconfigStep(result).outcome()).isEqualTo(Outcome.FOUND);
    assertThat(autoconfigStep(result).detail()).contains("plain");
  }

  @Test
  void aFileNamingAKnownProvidersServerGivesThatProvider() throws Exception {
    String config = AutoconfigParserTest.CONFIG.replace("imap.%EMAILDOMAIN%", "imap.ionos.co.uk");

    DiscoveryResult result = discover((target, out) -> LocalHttpsServer.ok(out, config));

    assertThat(result.method()).isEqualTo(DiscoveryMethod.AUTOCONFIG);
    assertThat(result.isKnownProvider()).isTrue();
    assertThat(result.provider().id()).isEqualTo("ionos");
    assertThat(result.provider().region()).hasValueSatisfying(r -> assertThat(r.id()).isEqualTo("uk"));
  }

  @Test
  void theWellKnownPathIsUsedWhenTheAutoconfigHostHasNone() throws Exception {
    DiscoveryResult result = discover((target, out) -> {
      if (target.startsWith("/.well-known/")) {
        LocalHttpsServer.ok(out, AutoconfigParserTest.CONFIG);
      } else {
        out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes());
      }
    });

    assertThat(result.method()).isEqualTo(DiscoveryMethod.AUTOCONFIG);
    assertThat(autoconfigStep(result).detail()).contains("localhost");
  }

  @Test
  void aFileOfferingOnlyOauthMakesAnOauthOnlyProvider() throws Exception {
    String config = AutoconfigParserTest.CONFIG.replace(
        "<authentication>password-cleartext</authentication>",
        "<authentication>OAuth2</authentication>");

    DiscoveryResult result = discover((target, out) -> LocalHttpsServer.ok(out, config));

    assertThat(result.provider().appPasswordPolicy().oauthOnly()).isTrue();
  }

  @Test
  void notFoundEverywhereIsNotFound() throws Exception {
    DiscoveryResult result = discover((target, out) ->
        out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes()));

    assertFellBackToGuesses(result, Outcome.NOT_FOUND, "HTTP 404");
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void entityExpansionIsRefused() throws Exception {
    String bomb = "<!DOCTYPE clientConfig [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;"
        + "&a;&a;&a;&a;\">]><clientConfig><emailProvider><displayName>&b;</displayName>"
        + "</emailProvider></clientConfig>";

    DiscoveryResult result = discover((target, out) -> LocalHttpsServer.ok(out, bomb));

    assertFellBackToGuesses(result, Outcome.FAILED, "DOCTYPE");
  }

  @Test
  void aHugeDeclaredBodyIsRefusedWithoutReadingIt() throws Exception {
    DiscoveryResult result = discover((target, out) -> {
      out.write(("HTTP/1.1 200 OK\r\nContent-Length: 1000000000\r\n\r\n<clientConfig>")
          .getBytes());
      out.flush();
      Thread.sleep(10_000);
    });

    assertFellBackToGuesses(result, Outcome.FAILED, "longer than 65536 bytes");
  }

  @Test
  void aHugeBodyWithoutALengthIsCutOffAtTheLimit() throws Exception {
    DiscoveryResult result = discover((target, out) -> {
      out.write("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n<clientConfig>".getBytes());
      byte[] chunk = "<x/>".repeat(4096).getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 1000; i++) {
        out.write(chunk);
      }
    });

    assertFellBackToGuesses(result, Outcome.FAILED, "longer than 65536 bytes");
  }

  @Test
  void aRedirectLoopIsDetected() throws Exception {
    DiscoveryResult result = discover((target, out) -> LocalHttpsServer.redirect(out,
        target.startsWith("/a") ? "/b" : "/a"));

    assertFellBackToGuesses(result, Outcome.FAILED, "redirect loop");
  }

  @Test
  void redirectsAreFollowedAFewTimesOnly() throws Exception {
    DiscoveryResult result = discover((target, out) -> LocalHttpsServer.redirect(out,
        "/next" + target.length()));

    assertFellBackToGuesses(result, Outcome.FAILED, "more than 3 redirects");
  }

  @Test
  void aRedirectToPlainHttpIsNotFollowed() throws Exception {
    DiscoveryResult result = discover((target, out) -> LocalHttpsServer.redirect(out,
        "http://localhost:1/mail/config-v1.1.xml"));

    assertFellBackToGuesses(result, Outcome.FAILED, "refused to follow a redirect from HTTPS");
  }

  @Test
  void aRedirectToAnotherHttpsPathIsFollowed() throws Exception {
    DiscoveryResult result = discover((target, out) -> {
      if (target.startsWith("/moved")) {
        LocalHttpsServer.ok(out, AutoconfigParserTest.CONFIG);
      } else {
        LocalHttpsServer.redirect(out, "/moved");
      }
    });

    assertThat(result.method()).isEqualTo(DiscoveryMethod.AUTOCONFIG);
  }

  @Test
  void aServerDrippingItsBodyTimesOutWithinTheHttpTimeout() throws Exception {
    // One byte every 100 ms of 5000: the body would take 500 s, the deadline is 120 s.
    Discovery discovery = timedDiscovery((target, out) -> {
      out.write("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n".getBytes());
      for (int i = 0; i < 5000; i++) {
        out.write('<');
        out.flush();
        Thread.sleep(100);
      }
    }, Duration.ofMillis(800));

    long started = System.nanoTime();
    DiscoveryResult result = discovery.discover(ADDRESS);
    Duration took = since(started);

    // 800 ms time-out plus a wide margin for a busy machine; ignoring it would take 120 s.
    assertThat(took).isLessThan(Duration.ofSeconds(10));
    assertFellBackToGuesses(result, Outcome.TIMED_OUT, "in time");
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws Exception {
    Discovery discovery = timedDiscovery((target, out) -> Thread.sleep(300_000),
        Duration.ofMillis(800));

    long started = System.nanoTime();
    DiscoveryResult result = discovery.discover(ADDRESS);
    Duration took = since(started);

    // 800 ms time-out plus a wide margin for a busy machine; ignoring it would take 120 s.
    assertThat(took).isLessThan(Duration.ofSeconds(10));
    assertThat(autoconfigStep(result).outcome()).isEqualTo(Outcome.TIMED_OUT);
    assertThat(result.method()).isEqualTo(DiscoveryMethod.GUESS);
  }

  @Test
  void anUntrustedCertificateIsRefused() throws Exception {
    DiscoveryResult result = discover(TestTls.UNTRUSTED,
        (target, out) -> LocalHttpsServer.ok(out, AutoconfigParserTest.CONFIG),
        Duration.ofSeconds(5));

    assertFellBackToGuesses(result, Outcome.FAILED, "SSLHandshakeException");
  }

  @Test
  void aCertificateForAnotherHostIsRefused() throws Exception {
    DiscoveryResult result = discover(TestTls.WRONG_HOST,
        (target, out) -> LocalHttpsServer.ok(out, AutoconfigParserTest.CONFIG),
        Duration.ofSeconds(5));

    assertFellBackToGuesses(result, Outcome.FAILED, "SSLHandshakeException");
  }

  @Test
  void aWebPageInsteadOfAConfigIsNotAConfig() throws Exception {
    DiscoveryResult result = discover((target, out) -> LocalHttpsServer.ok(out,
        "<html><body>Parked domain</body></html>"));

    assertFellBackToGuesses(result, Outcome.FAILED, "not an autoconfig file");
  }

  @Test
  void garbageBytesAreAFailureNotACrash() throws Exception {
    DiscoveryResult result = discover((target, out) -> {
      OutputStream raw = out;
      raw.write("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\n".getBytes());
      raw.write(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1, 2, 3});
    });

    assertFellBackToGuesses(result, Outcome.FAILED, "autoconfig file refused");
  }

  @Test
  void aBrokenHttpReplyIsAFailure() throws Exception {
    DiscoveryResult result = discover((target, out) -> out.write("SMTP 220 hello\r\n\r\n".getBytes()));

    assertThat(autoconfigStep(result).outcome()).isIn(Outcome.FAILED);
    assertThat(result.method()).isEqualTo(DiscoveryMethod.GUESS);
  }

  @Test
  void bothLocationsAreAskedForXmlWithoutCredentialsOrCookies() throws Exception {
    discover((target, out) -> {
      if (target.startsWith("/.well-known/")) {
        LocalHttpsServer.ok(out, AutoconfigParserTest.CONFIG);
      } else {
        out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes());
      }
    });

    assertThat(server.requests()).containsExactlyInAnyOrder(
        "/autoconfig/mail/config-v1.1.xml?emailaddress=" + QUERY,
        "/.well-known/autoconfig/mail/config-v1.1.xml");
    assertThat(server.heads()).allSatisfy(head -> assertThat(head)
        .startsWith("GET ").contains("Accept: application/xml, text/xml")
        .doesNotContainIgnoringCase("Authorization").doesNotContainIgnoringCase("Cookie"));
  }

  @Test
  void aServerOnThisMachineIsNotContactedUnlessAllowed() throws Exception {
    server = LocalHttpsServer.serving(AutoconfigParserTest.CONFIG);

    DiscoveryResult result = discovery(Duration.ofSeconds(5)).build().discover(ADDRESS);

    assertFellBackToGuesses(result, Outcome.FAILED, "private or local address");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void noWebServerAtAllIsNotFoundRatherThanAFailure() throws Exception {
    server = LocalHttpsServer.serving("unused");
    server.close();

    DiscoveryResult result = discovery(Duration.ofSeconds(5)).allowPrivateAddresses(true)
        .build().discover(ADDRESS);

    assertFellBackToGuesses(result, Outcome.NOT_FOUND, "localhost");
  }

  @Test
  void stepsNeverShowTheAddressFromTheQuery() throws Exception {
    for (LocalHttpsServer.Responder responder : List.<LocalHttpsServer.Responder>of(
        (target, out) -> LocalHttpsServer.ok(out, AutoconfigParserTest.CONFIG),
        (target, out) -> out.write("HTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n".getBytes()),
        (target, out) -> LocalHttpsServer.redirect(out, target),
        (target, out) -> LocalHttpsServer.redirect(out, "/u/anna.secret/x"),
        (target, out) -> LocalHttpsServer.redirect(out, "/x y?emailaddress=anna.secret"),
        (target, out) -> LocalHttpsServer.redirect(out,
            "https://bad_host.example:1/x?emailaddress=anna.secret%40bakery-anna.de"),
        (target, out) -> LocalHttpsServer.ok(out, "<html/>"))) {
      DiscoveryResult result = discover(responder);
      server.close();
      server = null;

      assertThat(result.steps()).allSatisfy(step -> assertThat(step.toString())
          .doesNotContain("anna.secret"));
      assertThat(result.toString()).doesNotContain("anna.secret");
    }
  }

  @Test
  void anEndlessRedirectBodyIsNotWaitedFor() throws Exception {
    // A 9-byte chunk every 10 ms: the body never ends, and even 64 KiB of it would take over a
    // minute, longer than the 30-s time-out, after which the redirect could no longer be followed.
    Discovery discovery = timedDiscovery((target, out) -> {
      if (target.startsWith("/moved")) {
        LocalHttpsServer.ok(out, AutoconfigParserTest.CONFIG);
        return;
      }
      out.write("HTTP/1.1 302 Found\r\nLocation: /moved\r\nTransfer-Encoding: chunked\r\n\r\n"
          .getBytes());
      for (int i = 0; i < 100_000; i++) {
        out.write("4\r\nxxxx\r\n".getBytes());
        out.flush();
        Thread.sleep(10);
      }
    }, Duration.ofSeconds(30));

    long started = System.nanoTime();
    DiscoveryResult result = discovery.discover(ADDRESS);
    Duration took = since(started);

    assertThat(result.method()).isEqualTo(DiscoveryMethod.AUTOCONFIG);
    // Following the redirect takes well under a second; half the time-out is for a busy machine.
    assertThat(took).isLessThan(Duration.ofSeconds(15));
  }
}
