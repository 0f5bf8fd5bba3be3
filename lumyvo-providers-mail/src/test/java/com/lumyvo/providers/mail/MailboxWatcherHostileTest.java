package com.lumyvo.providers.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.diagnosis.FailureKind;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.testing.HostileServer;
import com.lumyvo.providers.mail.testing.Hostility;
import com.lumyvo.providers.mail.watch.MailboxListener;
import com.lumyvo.providers.mail.watch.MailboxWatcher;
import com.lumyvo.providers.mail.watch.WatchPolicy;
import com.lumyvo.providers.mail.watch.WatchState;
import com.lumyvo.providers.mail.watch.WatchedMailbox;
import com.lumyvo.providers.mail.watch.WatcherOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The watcher's own IDLE client against servers that misbehave at each of its steps: every
 * connection ends with a precise diagnosis within its deadline, retried (never stopped) unless
 * the login was refused, and the password never shows in what the service is told.
 */
class MailboxWatcherHostileTest {
  private static final String PASSWORD = "hostile-app-password-1";

  static List<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (String trigger : List.of("greeting", "AUTHENTICATE", "EXAMINE", "IDLE")) {
      for (Hostility h : List.of(Hostility.ENDLESS_LINE, Hostility.ENDLESS_UNTAGGED,
          Hostility.ENDLESS_CONTINUATION, Hostility.GARBAGE)) {
        cases.add(Arguments.of(h, trigger, FailureKind.PROTOCOL_ERROR));
      }
      for (Hostility h : List.of(Hostility.DRIP, Hostility.SILENCE)) {
        cases.add(Arguments.of(h, trigger, FailureKind.TIMEOUT));
      }
    }
    cases.add(Arguments.of(Hostility.CLOSE_AFTER_GREETING, "greeting",
        FailureKind.SERVER_UNAVAILABLE));
    cases.add(Arguments.of(Hostility.ECHO, "greeting", FailureKind.INVALID_CREDENTIALS));
    return cases;
  }

  @ParameterizedTest(name = "{0} at {1}")
  @MethodSource("cases")
  void endsWithAPreciseDiagnosis(Hostility hostility, String trigger, FailureKind expected)
      throws Exception {
    HostileServer.Builder builder = HostileServer.imap(hostility)
        .dripInterval(Duration.ofMillis(400));
    builder = trigger.equals("greeting") ? builder.onGreeting() : builder.onCommand(trigger);
    try (HostileServer imap = builder.start()) {
      MailConnector connector = MailConnector.builder().trustStore(imap.trustStore())
          .timeouts(Timeouts.builder().connect(Duration.ofSeconds(2))
              .read(Duration.ofSeconds(2)).write(Duration.ofSeconds(2)).build())
          .deadline(Duration.ofSeconds(4)).build();
      MailAccount account = MailAccount.builder("anna@hostile.example", AppPassword.of(PASSWORD))
          .imap(imap.endpoint()).smtp(imap.endpoint()).build(); // SMTP is never used
      BlockingQueue<Diagnosis> failures = new LinkedBlockingQueue<>();
      BlockingQueue<Boolean> stops = new LinkedBlockingQueue<>();
      MailboxListener listener = new MailboxListener() {
        @Override
        public void onMessages(com.lumyvo.providers.mail.mailbox.SyncBatch batch) {}

        @Override
        public void onFailure(Diagnosis diagnosis, boolean stopped) {
          failures.add(diagnosis);
          stops.add(stopped);
        }
      };
      WatcherOptions options = WatcherOptions.builder()
          .policy(WatchPolicy.backoff(Duration.ofMinutes(1), Duration.ofMinutes(1))).build();
      try (MailboxWatcher watcher = connector.watcher(options)) {
        WatchedMailbox inbox = watcher.add(account, "INBOX", SyncCursor.beginning(), listener);
        Diagnosis diagnosis = failures.poll(20, TimeUnit.SECONDS);
        assertThat(diagnosis).as("%s at %s", hostility, trigger).isNotNull();
        assertThat(diagnosis.kind()).as("%s at %s", hostility, trigger).isEqualTo(expected);
        assertThat(diagnosis.toString()).doesNotContain(PASSWORD);
        boolean stopped = stops.take();
        assertThat(stopped).isEqualTo(expected == FailureKind.INVALID_CREDENTIALS);
        assertThat(inbox.state()).isEqualTo(stopped ? WatchState.STOPPED : WatchState.BACKING_OFF);
        assertThat(watcher.stats().connects()).as("idle connections opened").isEqualTo(1);
      }
    }
  }
  /**
   * A server that offers no way to send the password (LOGINDISABLED, no AUTH=PLAIN) is an
   * unsupported mechanism: the watch stops after that one connection instead of trying again.
   */
  @Test
  void aServerWithoutAnyLoginTheWatcherCanUseStopsTheWatch() throws Exception {
    try (java.net.ServerSocket server = new java.net.ServerSocket(0, 50,
        java.net.InetAddress.getLoopbackAddress())) {
      Thread greeter = new Thread(() -> {
        while (!server.isClosed()) {
          try (java.net.Socket client = server.accept()) {
            client.getOutputStream().write(("* OK [CAPABILITY IMAP4rev1 LOGINDISABLED IDLE]"
                + " no logins here\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            client.getInputStream().read(new byte[256]); // until the client gives up
          } catch (java.io.IOException e) {
            // the client hung up, or the test is over
          }
        }
      });
      greeter.setDaemon(true);
      greeter.start();
      MailConnector connector = MailConnector.builder()
          .timeouts(Timeouts.builder().connect(Duration.ofSeconds(2))
              .read(Duration.ofSeconds(2)).write(Duration.ofSeconds(2)).build())
          .deadline(Duration.ofSeconds(4)).build();
      com.lumyvo.providers.ServerEndpoint plain = com.lumyvo.providers.ServerEndpoint.of(
          "127.0.0.1", server.getLocalPort(), com.lumyvo.providers.Security.PLAIN);
      MailAccount account = MailAccount.builder("anna@hostile.example", AppPassword.of(PASSWORD))
          .imap(plain).smtp(plain).build();
      BlockingQueue<Diagnosis> failures = new LinkedBlockingQueue<>();
      BlockingQueue<Boolean> stops = new LinkedBlockingQueue<>();
      MailboxListener listener = new MailboxListener() {
        @Override
        public void onMessages(com.lumyvo.providers.mail.mailbox.SyncBatch batch) {}

        @Override
        public void onFailure(Diagnosis diagnosis, boolean stopped) {
          failures.add(diagnosis);
          stops.add(stopped);
        }
      };
      WatcherOptions options = WatcherOptions.builder()
          .policy(WatchPolicy.defaults()).build();
      try (MailboxWatcher watcher = connector.watcher(options)) {
        WatchedMailbox inbox = watcher.add(account, "INBOX", SyncCursor.beginning(), listener);
        Diagnosis diagnosis = failures.poll(20, TimeUnit.SECONDS);
        assertThat(diagnosis).isNotNull();
        assertThat(diagnosis.kind()).isEqualTo(FailureKind.AUTH_MECHANISM_UNSUPPORTED);
        assertThat(stops.take()).isTrue();
        assertThat(inbox.state()).isEqualTo(WatchState.STOPPED);
        assertThat(watcher.stats().connects()).as("idle connections opened").isEqualTo(1);
      }
    }
  }
}
