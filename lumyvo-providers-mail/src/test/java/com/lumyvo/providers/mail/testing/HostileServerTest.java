package com.lumyvo.providers.mail.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lumyvo.providers.Security;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hostile servers misbehave as promised, seen from a bare socket. */
class HostileServerTest {
  private static final int MIB = 1 << 20;

  @Test
  void endlessLineSendsMoreThan20MibWithoutALineEnding() throws IOException {
    try (HostileServer server = HostileServer.imap(Hostility.ENDLESS_LINE).start();
        RawClient client = RawClient.connect(server)) {
      byte[] buffer = new byte[1 << 16];
      long total = 0;
      boolean lineEnding = false;
      StringBuilder start = new StringBuilder();
      while (total <= 20L * MIB) {
        int n = client.read(buffer);
        assertThat(n).isPositive();
        for (int i = 0; i < n; i++) {
          lineEnding |= buffer[i] == '\n' || buffer[i] == '\r';
        }
        if (start.length() < 10) {
          start.append(new String(buffer, 0, Math.min(n, 10), StandardCharsets.ISO_8859_1));
        }
        total += n;
      }
      assertThat(start.toString()).startsWith("* OK abc");
      assertThat(lineEnding).isFalse();
    }
  }

  @Test
  void smtpEndlessLineStartsAsAReplyToTheTrigger() throws IOException {
    try (HostileServer server = HostileServer.smtp(Hostility.ENDLESS_LINE).onCommand("EHLO")
        .security(Security.PLAIN).start();
        RawClient client = RawClient.connect(server)) {
      assertThat(client.line()).startsWith("220 ");
      client.send("EHLO me");
      byte[] start = client.in().readNBytes(MIB);
      assertThat(new String(start, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("250 abcd");
      assertThat(new String(start, StandardCharsets.US_ASCII)).doesNotContain("\n");
    }
  }

  @Test
  void endlessUntaggedSendsMoreThan100000LinesAndNeverTheTaggedReply() throws IOException {
    try (HostileServer server = HostileServer.imap(Hostility.ENDLESS_UNTAGGED)
        .onCommand("SELECT").start();
        RawClient client = RawClient.connect(server)) {
      client.line();
      client.send("a1 LOGIN anna secret");
      assertThat(client.line()).startsWith("a1 OK");
      client.send("a2 SELECT INBOX");
      for (int i = 0; i < 100_001; i++) {
        assertThat(client.line()).startsWith("* ");
      }
    }
  }

  @Test
  void endlessFetchCountsUpWithWellFormedResponses() throws IOException {
    try (HostileServer server = HostileServer.imap(Hostility.ENDLESS_FETCH).onCommand("FETCH")
        .start();
        RawClient client = RawClient.connect(server)) {
      client.line();
      client.send("a1 LOGIN anna secret");
      client.line();
      client.send("a2 SELECT INBOX");
      client.lineStartingWith("a2 OK");
      client.send("a3 UID FETCH 1:* (UID FLAGS)");
      for (int n = 1; n <= 50_000; n++) {
        assertThat(client.line()).isEqualTo("* " + n + " FETCH (UID " + n + " FLAGS ())");
      }
      assertThat(server.commandsReceived()).last().isEqualTo("a3 UID FETCH 1:* (UID FLAGS)");
    }
  }

  @Test
  void endlessContinuationAnswersSmtpAuthWith334Forever() throws IOException {
    try (HostileServer server = HostileServer.smtp(Hostility.ENDLESS_CONTINUATION)
        .onCommand("AUTH").start();
        RawClient client = RawClient.connect(server)) {
      client.line();
      client.send("EHLO me");
      assertThat(client.lineStartingWith("250 ")).isEqualTo("250 ENHANCEDSTATUSCODES");
      client.send("AUTH LOGIN");
      for (int i = 0; i < 10_000; i++) {
        assertThat(client.line()).startsWith("334 ");
      }
    }
  }

  @Test
  void hugeLiteralIsAnnouncedAndThenStreamed() throws IOException {
    try (HostileServer server = HostileServer.imap(Hostility.HUGE_LITERAL).onCommand("FETCH")
        .literalSize(4_294_967_295L).start();
        RawClient client = RawClient.connect(server)) {
      client.line();
      client.send("a1 LOGIN anna secret");
      client.line();
      client.send("a2 SELECT INBOX");
      client.lineStartingWith("a2 OK");
      client.send("a3 FETCH 1 BODY[]");
      assertThat(client.line()).isEqualTo("* 1 FETCH (UID 1 BODY[] {4294967295}");
      assertThat(client.in().readNBytes(4 * MIB)).hasSize(4 * MIB);
    }
  }

  @Test
  void dripSendsAboutOneBytePerInterval() throws IOException {
    Duration interval = Duration.ofMillis(200);
    try (HostileServer server = HostileServer.imap(Hostility.DRIP).dripInterval(interval)
        .start();
        RawClient client = RawClient.connect(server)) {
      int first = client.read();
      long start = System.nanoTime(); // from the first byte on: three pauses to come
      byte[] next = client.in().readNBytes(3);
      long elapsed = System.nanoTime() - start;
      assertThat((char) first + new String(next, StandardCharsets.US_ASCII)).isEqualTo("* OK");
      // Loosely: at least two of the three pauses, whatever the scheduling.
      assertThat(Duration.ofNanos(elapsed)).isGreaterThanOrEqualTo(interval.multipliedBy(2));
    }
  }

  @Test
  void dripFromATriggerAnswersCorrectlyButSlowly() throws IOException {
    try (HostileServer server = HostileServer.imap(Hostility.DRIP).onCommand("NOOP")
        .dripInterval(Duration.ofMillis(1)).start();
        RawClient client = RawClient.connect(server)) {
      client.line();
      client.send("a1 NOOP");
      assertThat(client.line()).isEqualTo("a1 OK NOOP completed");
    }
  }

  @Test
  void silenceSendsNothing() throws IOException {
    try (HostileServer server = HostileServer.imap(Hostility.SILENCE).start();
        RawClient client = RawClient.connect(server)) {
      client.timeout(500);
      assertThatThrownBy(client::read).isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void silenceAtACommandLeavesItUnanswered() throws IOException {
    try (HostileServer server = HostileServer.smtp(Hostility.SILENCE).onCommand("DATA")
        .security(Security.PLAIN).start();
        RawClient client = RawClient.connect(server)) {
      client.line();
      client.send("MAIL FROM:<anna@fake.example>");
      assertThat(client.line()).startsWith("250 ");
      client.send("DATA");
      client.timeout(500);
      assertThatThrownBy(client::read).isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void closeAfterGreetingClosesOnTheFirstCommand() throws IOException {
    try (HostileServer server = HostileServer.imap(Hostility.CLOSE_AFTER_GREETING).start();
        RawClient client = RawClient.connect(server)) {
      assertThat(client.line()).startsWith("* OK [CAPABILITY IMAP4rev1 ");
      client.send("a1 CAPABILITY");
      assertThat(client.read()).isEqualTo(-1);
    }
  }

  @Test
  void garbageIsMostlyNotText() throws IOException {
    try (HostileServer server = HostileServer.smtp(Hostility.GARBAGE).start();
        RawClient client = RawClient.connect(server)) {
      byte[] bytes = client.in().readNBytes(MIB);
      long lineEndings = 0;
      long high = 0;
      for (byte b : bytes) {
        lineEndings += b == '\n' ? 1 : 0;
        high += b < 0 ? 1 : 0;
      }
      assertThat(lineEndings).isGreaterThan(1_000);
      assertThat(high).isGreaterThan(MIB / 4);
    }
  }

  @Test
  void imapStartTlsIsAcceptedAndThenNoHandshakeComes() throws IOException {
    try (HostileServer server = HostileServer.imap(Hostility.STARTTLS_THEN_SILENCE).start();
        RawClient client = RawClient.connect(server)) {
      assertThat(server.endpoint().security()).isEqualTo(Security.STARTTLS);
      assertThat(client.line()).contains(" STARTTLS]");
      client.send("a1 STARTTLS");
      assertThat(client.line()).isEqualTo("a1 OK Begin TLS negotiation now");
      client.timeout(500);
      assertThatThrownBy(client::startTls).isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void smtpStartTlsIsAcceptedAndThenNothingArrives() throws IOException {
    try (HostileServer server = HostileServer.smtp(Hostility.STARTTLS_THEN_SILENCE).start();
        RawClient client = RawClient.connect(server)) {
      client.line();
      client.send("EHLO me");
      List<String> ehlo = new ArrayList<>();
      String line;
      do {
        line = client.line();
        ehlo.add(line);
      } while (line.startsWith("250-"));
      assertThat(ehlo).contains("250-STARTTLS");
      client.send("STARTTLS");
      assertThat(client.line()).isEqualTo("220 2.0.0 Ready to start TLS");
      client.timeout(500);
      assertThatThrownBy(client::read).isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void startTlsThenSilenceNeedsAStartTlsEndpoint() {
    assertThatThrownBy(() -> HostileServer.imap(Hostility.STARTTLS_THEN_SILENCE)
        .security(Security.SSL_TLS).start()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void echoRepeatsTheLoginLineAndFailsIt() throws IOException {
    try (HostileServer server = HostileServer.imap(Hostility.ECHO).onCommand("LOGIN").start();
        RawClient client = RawClient.connect(server)) {
      client.line();
      client.send("a0 NOOP");
      assertThat(client.line()).isEqualTo("a0 OK NOOP completed");
      client.send("a1 LOGIN anna \"p\\\"w\"");
      assertThat(client.line())
          .isEqualTo("a1 NO [AUTHENTICATIONFAILED] you said: a1 LOGIN anna \"p\\\"w\"");
      client.send("a2 CAPABILITY");
      assertThat(client.line()).isEqualTo("* OK you said: a2 CAPABILITY");
    }
  }

  @Test
  void echoRepeatsAuthenticateWithItsContinuation() throws IOException {
    String secret = Base64.getEncoder().encodeToString(
        "\u0000anna\u0000pw".getBytes(StandardCharsets.UTF_8));
    try (HostileServer server = HostileServer.imap(Hostility.ECHO).start();
        RawClient client = RawClient.connect(server)) {
      client.line();
      client.send("a1 AUTHENTICATE PLAIN");
      assertThat(client.line()).startsWith("+");
      client.send(secret);
      assertThat(client.line()).isEqualTo(
          "a1 NO [AUTHENTICATIONFAILED] you said: a1 AUTHENTICATE PLAIN " + secret);
    }
  }

  @Test
  void echoCanLetLoginsSucceed() throws IOException {
    try (HostileServer server = HostileServer.imap(Hostility.ECHO).echoLoginFails(false)
        .start();
        RawClient client = RawClient.connect(server)) {
      client.line();
      client.send("a1 LOGIN anna pw");
      assertThat(client.line()).isEqualTo("a1 OK you said: a1 LOGIN anna pw");
    }
  }

  @Test
  void smtpEchoRepeatsTheAuthLine() throws IOException {
    String secret = Base64.getEncoder().encodeToString(
        "\u0000anna\u0000pw".getBytes(StandardCharsets.UTF_8));
    try (HostileServer server = HostileServer.smtp(Hostility.ECHO).onCommand("AUTH").start();
        RawClient client = RawClient.connect(server)) {
      client.line();
      client.send("EHLO me");
      client.lineStartingWith("250 ");
      client.send("AUTH PLAIN " + secret);
      assertThat(client.line()).isEqualTo("535 5.7.8 you said: AUTH PLAIN " + secret);
    }
  }

  @Test
  void synchronizingLiteralsAreInvitedAndRead() throws IOException {
    try (HostileServer server = HostileServer.imap(Hostility.SILENCE).onCommand("IDLE")
        .credentials("anna", "p\"w\u00e9").start();
        RawClient client = RawClient.connect(server)) {
      client.line();
      client.send("a1 LOGIN anna {5}"); // UTF-8: five bytes
      assertThat(client.line()).startsWith("+ ");
      client.send("p\"w\u00e9");
      assertThat(client.line()).isEqualTo("a1 OK LOGIN completed");
      client.send("a2 LOGIN anna {3+}");
      client.send("bad");
      assertThat(client.line()).isEqualTo("a2 NO [AUTHENTICATIONFAILED] Invalid credentials");
      assertThat(server.commandsReceived()).contains("a2 LOGIN anna {3+}\r\nbad");
    }
  }

  @Test
  void closeEndsEveryConnectionAndThreadPromptly() throws IOException {
    HostileServer flood = HostileServer.imap(Hostility.ENDLESS_FETCH).start();
    HostileServer silence = HostileServer.smtp(Hostility.SILENCE).start();
    HostileServer drip = HostileServer.imap(Hostility.DRIP).dripInterval(Duration.ofHours(1))
        .start();
    List<RawClient> clients = new ArrayList<>();
    try {
      for (HostileServer server : List.of(flood, silence, drip)) {
        RawClient client = RawClient.connect(server); // TLS: the server is at work
        clients.add(client);
        if (server != silence) {
          assertThat(client.read()).isEqualTo('*');
        }
      }
      for (HostileServer server : List.of(flood, silence, drip)) {
        long start = System.nanoTime();
        server.close();
        // close() waits at most 1 s for its threads (liveThreads below checks they ended); the
        // bound catches a close that blocks elsewhere, e.g. on a writer stuck in a full buffer.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(server.liveThreads()).isZero();
        assertThat(server.connectionsAccepted()).isEqualTo(1);
      }
      for (RawClient client : clients) {
        client.timeout(10_000);
        byte[] buffer = new byte[1 << 16];
        try {
          while (client.read(buffer) >= 0) {
            // what was on its way
          }
        } catch (IOException e) {
          // a reset or a broken TLS session is an end as well
          assertThat(e).isNotInstanceOf(SocketTimeoutException.class);
        }
      }
    } finally {
      for (RawClient client : clients) {
        client.close();
      }
    }
  }
}
