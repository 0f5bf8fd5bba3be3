package com.lumyvo.providers.mail;

import com.lumyvo.providers.mail.verify.VerificationResult;
import com.lumyvo.providers.mail.mailbox.MailboxSession;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.mailbox.SyncBatch;
import com.lumyvo.providers.mail.watch.FolderWatch;
import com.lumyvo.providers.mail.watch.WatchListener;
import com.lumyvo.providers.mail.watch.WatchOptions;
import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.diagnosis.FailureKind;
import com.lumyvo.providers.mail.testing.HostileServer;
import com.lumyvo.providers.mail.testing.Hostility;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation against every hostile behaviour ends within its deadline with a precise
 * diagnosis, never a hang, an Error or an unrelated thread dying. This class runs in a JVM of
 * 64 MiB of heap (the {@code low-memory} Surefire execution), where one unbounded answer would
 * be an OutOfMemoryError within a second.
 */
@Tag("low-memory")
class HostileServersTest {
  /**
   * The deadline where running out of time is the answer expected (a drip, silence): short, so
   * those cases end soon.
   */
  private static final Duration DEADLINE = Duration.ofSeconds(4);
  /**
   * The deadline where the answer expected is something other than running out of time (an
   * endless line, garbage): long enough that a busy machine (a load of 11 on 2 cores took
   * more than 4 s for the TLS handshake and the bounded read in a 64 MiB JVM) still sees the
   * server break the protocol before the deadline ends the attempt.
   */
  private static final Duration ROOMY_DEADLINE = Duration.ofSeconds(15);
  /** Generous against a busy machine, far below what ignoring the deadline would take. */
  private static final Duration BOUND = Duration.ofSeconds(40);
  private static final String PASSWORD = "hostile-app-password-1";

  private static final AtomicLong ticks = new AtomicLong();
  private static volatile boolean ticking = true;
  private static Thread ticker;

  @BeforeAll
  static void startAnUnrelatedThread() {
    // Another service's work in the same JVM: it allocates a little all the time, and must
    // never be the victim of an OutOfMemoryError caused by a mail server.
    ticker = new Thread(() -> {
      while (ticking) {
        byte[] work = new byte[16 * 1024];
        work[0] = 1;
        ticks.incrementAndGet();
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "unrelated-work");
    ticker.setDaemon(true);
    ticker.start();
  }

  @AfterAll
  static void theUnrelatedThreadLivedThroughIt() throws InterruptedException {
    long before = ticks.get();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (ticks.get() == before && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    assertThat(ticker.isAlive()).isTrue();
    assertThat(ticks.get()).isGreaterThan(before);
    ticking = false;
  }

  enum Op {
    VERIFY, OPEN, SYNC, MOVE, WATCH, SEND
  }

  static List<Arguments> cases() {
    List<Arguments> cases = new java.util.ArrayList<>();
    Set<FailureKind> broken = EnumSet.of(FailureKind.PROTOCOL_ERROR);
    Set<FailureKind> slow = EnumSet.of(FailureKind.TIMEOUT);
    for (Hostility h : List.of(Hostility.ENDLESS_LINE, Hostility.ENDLESS_UNTAGGED,
        Hostility.ENDLESS_FETCH, Hostility.HUGE_LITERAL, Hostility.ENDLESS_CONTINUATION,
        Hostility.GARBAGE)) {
      cases.add(Arguments.of(h, "greeting", Op.VERIFY, broken));
      cases.add(Arguments.of(h, "AUTHENTICATE", Op.OPEN, broken));
      cases.add(Arguments.of(h, "SEARCH", Op.SYNC, broken));
      cases.add(Arguments.of(h, "FETCH", Op.SYNC, broken));
      cases.add(Arguments.of(h, "MOVE", Op.MOVE, broken));
      cases.add(Arguments.of(h, "IDLE", Op.WATCH, broken));
      cases.add(Arguments.of(h, "greeting", Op.SEND, broken));
      cases.add(Arguments.of(h, "MAIL", Op.SEND, broken));
    }
    for (Hostility h : List.of(Hostility.DRIP, Hostility.SILENCE)) {
      cases.add(Arguments.of(h, "greeting", Op.VERIFY, slow));
      cases.add(Arguments.of(h, "AUTHENTICATE", Op.OPEN, slow));
      cases.add(Arguments.of(h, "FETCH", Op.SYNC, slow));
      cases.add(Arguments.of(h, "MOVE", Op.MOVE, slow));
      cases.add(Arguments.of(h, "DATA", Op.SEND, slow));
    }
    Set<FailureKind> dropped = EnumSet.of(FailureKind.SERVER_UNAVAILABLE);
    cases.add(Arguments.of(Hostility.CLOSE_AFTER_GREETING, "greeting", Op.VERIFY, dropped));
    cases.add(Arguments.of(Hostility.CLOSE_AFTER_GREETING, "greeting", Op.OPEN, dropped));
    cases.add(Arguments.of(Hostility.CLOSE_AFTER_GREETING, "greeting", Op.SEND, dropped));
    Set<FailureKind> rejected = EnumSet.of(FailureKind.INVALID_CREDENTIALS);
    cases.add(Arguments.of(Hostility.ECHO, "greeting", Op.VERIFY, rejected));
    cases.add(Arguments.of(Hostility.ECHO, "greeting", Op.OPEN, rejected));
    cases.add(Arguments.of(Hostility.ECHO, "greeting", Op.SEND, rejected));
    return cases;
  }

  @ParameterizedTest(name = "{0} at {1}: {2}")
  @MethodSource("cases")
  void endsWithinItsDeadlineWithAPreciseDiagnosis(Hostility hostility, String trigger, Op op,
      Set<FailureKind> expected) throws Exception {
    Function<HostileServer.Builder, HostileServer.Builder> at = b ->
        trigger.equals("greeting") ? b.onGreeting() : b.onCommand(trigger);
    try (HostileServer imap = (op == Op.SEND
            ? HostileServer.imap(Hostility.SILENCE).onCommand("NEVER")
            : at.apply(HostileServer.imap(hostility))).dripInterval(Duration.ofMillis(400))
            .start();
        HostileServer smtpServer = (op == Op.SEND
            ? at.apply(HostileServer.smtp(hostility))
            : HostileServer.smtp(Hostility.SILENCE).onCommand("NEVER"))
            .dripInterval(Duration.ofMillis(400)).start()) {
      boolean timeIsTheAnswer = expected.contains(FailureKind.TIMEOUT);
      Duration io = Duration.ofSeconds(timeIsTheAnswer ? 2 : 5);
      MailConnector connector = MailConnector.builder().trustStore(imap.trustStore())
          .timeouts(Timeouts.builder().connect(io).read(io).write(io).build())
          .deadline(timeIsTheAnswer ? DEADLINE : ROOMY_DEADLINE).build();
      MailAccount account = MailAccount.builder("anna@hostile.example",
              AppPassword.of(PASSWORD))
          .imap(imap.endpoint()).smtp(smtpServer.endpoint()).build();
      long start = System.nanoTime();
      AtomicReference<Throwable> escaped = new AtomicReference<>();
      FailureKind kind = null;
      try {
        kind = run(op, connector, account);
      } catch (Throwable t) {
        escaped.set(t);
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(escaped.get()).as("nothing escapes but the SDK's own exceptions").isNull();
      assertThat(took).as("%s %s at %s", op, hostility, trigger).isLessThan(BOUND);
      assertThat(kind).as("%s %s at %s", op, hostility, trigger).isIn(expected);
    }
  }

  /** Runs {@code op}; the kind of its failure, or null if it succeeded. */
  private static FailureKind run(Op op, MailConnector connector, MailAccount account)
      throws Exception {
    switch (op) {
      case VERIFY:
        VerificationResult result = connector.verify(account);
        return result.imap().diagnosis().map(d -> d.kind()).orElse(null);
      case OPEN:
        try (MailboxSession session = connector.open(account)) {
          return session.isOpen() ? null : FailureKind.UNKNOWN;
        } catch (MailOperationException e) {
          return e.diagnosis().kind();
        }
      case SYNC:
      case MOVE:
        try (MailboxSession session = connector.open(account)) {
          if (op == Op.SYNC) {
            session.sync("INBOX", SyncCursor.beginning());
          } else {
            session.move("INBOX", List.of(1L), "Archive");
          }
          return null;
        } catch (MailOperationException e) {
          return e.diagnosis().kind();
        }
      case SEND:
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress("bob@example.org"));
        message.setSubject("hello");
        message.setText("hello");
        try {
          connector.send(account, message);
          return null;
        } catch (MailOperationException e) {
          return e.diagnosis().kind();
        }
      case WATCH:
        CountDownLatch failed = new CountDownLatch(1);
        AtomicReference<FailureKind> kind = new AtomicReference<>();
        WatchListener listener = new WatchListener() {
          @Override
          public void onMessages(SyncBatch batch) {}

          @Override
          public void onFailure(com.lumyvo.providers.diagnosis.Diagnosis d, Duration retryIn) {
            kind.compareAndSet(null, d.kind());
            failed.countDown();
          }

          @Override
          public void onStopped(com.lumyvo.providers.diagnosis.Diagnosis d) {
            kind.compareAndSet(null, d.kind());
            failed.countDown();
          }
        };
        WatchOptions options = WatchOptions.builder().idleRefresh(Duration.ofSeconds(30))
            .pollInterval(Duration.ofSeconds(30)).initialBackoff(Duration.ofSeconds(30))
            .maxBackoff(Duration.ofSeconds(30)).build();
        try (FolderWatch watch = connector.watch(account, "INBOX", SyncCursor.beginning(),
            listener, options)) {
          failed.await(BOUND.toMillis(), TimeUnit.MILLISECONDS);
          assertThat(watch.cursor()).isNotNull();
          return kind.get();
        }
      default:
        throw new AssertionError(op);
    }
  }
}
