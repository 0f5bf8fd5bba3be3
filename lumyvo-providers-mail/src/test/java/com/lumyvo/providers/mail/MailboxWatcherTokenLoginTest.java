package com.lumyvo.providers.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.diagnosis.FailureKind;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.watch.MailboxListener;
import com.lumyvo.providers.mail.watch.MailboxWatcher;
import com.lumyvo.providers.mail.watch.WatchPolicy;
import com.lumyvo.providers.mail.watch.WatchState;
import com.lumyvo.providers.mail.watch.WatchedMailbox;
import com.lumyvo.providers.mail.watch.WatcherOptions;
import com.lumyvo.providers.oauth.AccessToken;
import com.lumyvo.providers.oauth.TokenSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The watcher's token login on the wire, against a scripted loopback server: without SASL-IR
 * the initial response follows the continuation, the error challenge is answered once with an
 * empty line (XOAUTH2), and the refused token is refreshed once; a server that announces neither
 * OAUTHBEARER nor XOAUTH2 never gets the token and stops the watch.
 */
class MailboxWatcherTokenLoginTest {
  private static final String CHALLENGE = Base64.getEncoder().encodeToString(
      "{\"status\":\"invalid_token\",\"scope\":\"mail\"}".getBytes(StandardCharsets.UTF_8));

  /** Hands out {@code tok-1}, then {@code tok-2} on refresh; counts the refreshes. */
  private static final class Numbered implements TokenSource {
    final AtomicInteger refreshes = new AtomicInteger();

    @Override
    public AccessToken token() {
      return AccessToken.of("tok-1");
    }

    @Override
    public AccessToken refresh(AccessToken rejected) {
      return AccessToken.of("tok-" + (1 + refreshes.incrementAndGet()));
    }
  }

  /** A server that greets with {@code capabilities} and refuses every token as scripted. */
  private static final class Refusing implements AutoCloseable {
    final ServerSocket server;
    final List<String> received = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();

    Refusing(String capabilities) throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread thread = new Thread(() -> {
        while (!server.isClosed()) {
          try (Socket client = server.accept()) {
            connections.incrementAndGet();
            talk(client, capabilities);
          } catch (IOException e) {
            // the client hung up, or the test is over
          }
        }
      });
      thread.setDaemon(true);
      thread.start();
    }

    private void talk(Socket client, String capabilities) throws IOException {
      BufferedReader in = new BufferedReader(
          new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = client.getOutputStream();
      send(out, "* OK [CAPABILITY " + capabilities + "] scripted");
      String line;
      while ((line = in.readLine()) != null) {
        received.add(line);
        String tag = line.split(" ", 2)[0];
        if (line.contains(" AUTHENTICATE ")) {
          send(out, "+ ");
          received.add(in.readLine()); // the initial response
          send(out, "+ " + CHALLENGE);
          received.add(in.readLine()); // the answer to the challenge
          send(out, tag + " NO [AUTHENTICATIONFAILED] Access token rejected");
          return;
        }
        send(out, tag + " BAD not in this script");
      }
    }

    private static void send(OutputStream out, String line) throws IOException {
      out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }

    ServerEndpoint endpoint() {
      return ServerEndpoint.of("127.0.0.1", server.getLocalPort(), Security.PLAIN);
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  private static MailConnector connector() {
    return MailConnector.builder()
        .timeouts(Timeouts.builder().connect(Duration.ofSeconds(2))
            .read(Duration.ofSeconds(2)).write(Duration.ofSeconds(2)).build())
        .deadline(Duration.ofSeconds(4)).build();
  }

  private static final class Failures implements MailboxListener {
    final BlockingQueue<Diagnosis> failures = new LinkedBlockingQueue<>();
    final BlockingQueue<Boolean> stops = new LinkedBlockingQueue<>();

    @Override
    public void onMessages(com.lumyvo.providers.mail.mailbox.SyncBatch batch) {}

    @Override
    public void onFailure(Diagnosis diagnosis, boolean stopped) {
      failures.add(diagnosis);
      stops.add(stopped);
    }
  }

  @Test
  void withoutSaslIrTheResponseFollowsTheContinuationAndTheChallengeIsAnsweredOnce()
      throws Exception {
    try (Refusing imap = new Refusing("IMAP4rev1 AUTH=XOAUTH2 IDLE")) {
      Numbered source = new Numbered();
      MailAccount account = MailAccount.builder("anna@scripted.example", source)
          .imap(imap.endpoint()).smtp(imap.endpoint()).build();
      Failures listener = new Failures();
      WatcherOptions options = WatcherOptions.builder()
          .policy(WatchPolicy.backoff(Duration.ofMinutes(1), Duration.ofMinutes(1))).build();
      try (MailboxWatcher watcher = connector().watcher(options)) {
        WatchedMailbox inbox = watcher.add(account, "INBOX", SyncCursor.beginning(), listener);
        Diagnosis diagnosis = listener.failures.poll(20, TimeUnit.SECONDS);

        assertThat(diagnosis).isNotNull();
        // Refused again after the refresh, read from the challenge: expired, so it backs off.
        assertThat(diagnosis.kind()).isEqualTo(FailureKind.TOKEN_EXPIRED);
        assertThat(listener.stops.take()).isFalse();
        assertThat(inbox.state()).isEqualTo(WatchState.BACKING_OFF);
        assertThat(diagnosis.toString()).doesNotContain("tok-1").doesNotContain("tok-2");
      }
      assertThat(source.refreshes).hasValue(1);
      assertThat(imap.connections).hasValue(2);
      List<String> lines = imap.received;
      assertThat(lines).hasSize(6);
      for (int attempt = 0; attempt < 2; attempt++) {
        assertThat(lines.get(attempt * 3)).matches("W\\d+ AUTHENTICATE XOAUTH2");
        String initial = new String(Base64.getDecoder().decode(lines.get(attempt * 3 + 1)),
            StandardCharsets.UTF_8);
        assertThat(initial).isEqualTo("user=anna@scripted.example\u0001auth=Bearer tok-"
            + (attempt + 1) + "\u0001\u0001");
        assertThat(lines.get(attempt * 3 + 2)).isEmpty(); // XOAUTH2's answer to the challenge
      }
    }
  }

  @Test
  void aServerThatTakesNoTokenNeverGetsItAndTheWatchStops() throws Exception {
    try (Refusing imap = new Refusing("IMAP4rev1 AUTH=PLAIN SASL-IR IDLE")) {
      Numbered source = new Numbered();
      MailAccount account = MailAccount.builder("anna@scripted.example", source)
          .imap(imap.endpoint()).smtp(imap.endpoint()).build();
      Failures listener = new Failures();
      try (MailboxWatcher watcher = connector().watcher(WatcherOptions.builder().build())) {
        WatchedMailbox inbox = watcher.add(account, "INBOX", SyncCursor.beginning(), listener);
        Diagnosis diagnosis = listener.failures.poll(20, TimeUnit.SECONDS);

        assertThat(diagnosis).isNotNull();
        assertThat(diagnosis.kind()).isEqualTo(FailureKind.AUTH_MECHANISM_UNSUPPORTED);
        assertThat(listener.stops.take()).isTrue();
        assertThat(inbox.state()).isEqualTo(WatchState.STOPPED);
      }
      assertThat(imap.received).isEmpty(); // not a line: no token, no password
      assertThat(imap.connections).hasValue(1);
      assertThat(source.refreshes).hasValue(0);
    }
  }
}
