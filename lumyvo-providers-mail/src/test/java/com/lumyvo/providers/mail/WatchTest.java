package com.lumyvo.providers.mail;

import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.mailbox.SyncBatch;
import com.lumyvo.providers.mail.watch.FolderWatch;
import com.lumyvo.providers.mail.watch.WatchListener;
import com.lumyvo.providers.mail.watch.WatchOptions;
import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.mail.junit.FakeProviderExtension;
import com.lumyvo.providers.mail.testing.Fault;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WatchTest {
  @RegisterExtension
  final FakeProviderExtension fake = FakeProviderExtension.create();

  private static final String ANNA = "anna@fake.example";
  private static final WatchOptions FAST = WatchOptions.builder()
      .idleRefresh(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(300))
      .initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofMillis(500)).build();

  /** Collects what the watch reports. */
  static class Recorder implements WatchListener {
    final BlockingQueue<String> subjects = new LinkedBlockingQueue<>();
    final BlockingQueue<Diagnosis> failures = new LinkedBlockingQueue<>();
    final BlockingQueue<Diagnosis> stops = new LinkedBlockingQueue<>();

    @Override
    public void onMessages(SyncBatch batch) {
      batch.messages().forEach(m -> subjects.add(m.subject()));
    }

    @Override
    public void onFailure(Diagnosis diagnosis, Duration retryIn) {
      failures.add(diagnosis);
    }

    @Override
    public void onStopped(Diagnosis diagnosis) {
      stops.add(diagnosis);
    }

    String next() throws InterruptedException {
      return subjects.poll(10, TimeUnit.SECONDS);
    }
  }

  @ParameterizedTest(name = "idle supported: {0}")
  @ValueSource(booleans = {true, false})
  void deliversNewMailAndRecoversAfterTheConnectionDrops(boolean idle) throws Exception {
    MailAccount account = fake.get().addAccount(ANNA, AppPassword.of("anna-app-password"));
    if (!idle) {
      fake.get().inject(Fault.WITHOUT_IDLE);
    }
    fake.get().deliver(ANNA, Messages.numbered(1));
    Recorder recorder = new Recorder();
    try (FolderWatch watch = fake.get().connector().watch(account, "INBOX",
        SyncCursor.beginning(), recorder, FAST)) {
      assertThat(recorder.next()).isEqualTo("Message 1"); // catching up
      fake.get().deliver(ANNA, Messages.numbered(2));     // appended by another connection
      assertThat(recorder.next()).isEqualTo("Message 2");

      fake.get().dropConnections();
      fake.get().deliver(ANNA, Messages.numbered(3));     // while the watch is cut off
      assertThat(recorder.next()).isEqualTo("Message 3");
      fake.get().deliver(ANNA, Messages.numbered(4));
      assertThat(recorder.next()).isEqualTo("Message 4");
      assertThat(recorder.subjects.poll(300, TimeUnit.MILLISECONDS)).isNull(); // nothing twice
      awaitCursor(watch, 4);
    }
  }

  /** Under IDLE a silently dead connection sends no error; only the watch's own wake-up notices. */
  @Test
  void aSilentlyDeadConnectionUnderIdleIsNoticedAndReplaced() throws Exception {
    MailAccount account = fake.get().addAccount(ANNA, AppPassword.of("anna-app-password"));
    Recorder recorder = new Recorder();
    try (FolderWatch watch = fake.get().connector().watch(account, "INBOX",
        SyncCursor.beginning(), recorder, FAST)) {
      fake.get().deliver(ANNA, Messages.numbered(1));
      assertThat(recorder.next()).isEqualTo("Message 1");
      fake.get().freezeConnections();
      fake.get().deliver(ANNA, Messages.numbered(2));
      // Wake-up after 2 s, no answer within 2 x 3 s read timeout, reconnect, catch up.
      assertThat(recorder.subjects.poll(20, TimeUnit.SECONDS)).isEqualTo("Message 2");
      assertThat(recorder.failures).isNotEmpty();
      assertThat(watch.isRunning()).isTrue();
    }
  }

  @Test
  void aListenerThatFailsGetsTheSameMessagesAgain() throws Exception {
    MailAccount account = fake.get().addAccount(ANNA, AppPassword.of("anna-app-password"));
    fake.get().deliver(ANNA, Messages.numbered(1));
    BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    WatchListener flaky = new WatchListener() {
      int calls;

      @Override
      public void onMessages(SyncBatch batch) {
        batch.messages().forEach(m -> seen.add(m.subject()));
        if (++calls == 1) {
          throw new IllegalStateException("database down");
        }
      }
    };
    try (FolderWatch watch = fake.get().connector().watch(account, "INBOX",
        SyncCursor.beginning(), flaky, FAST)) {
      assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("Message 1");
      assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("Message 1");
      awaitCursor(watch, 1);
    }
  }

  /** The cursor moves just after the listener returns, on the watch's thread. */
  private static void awaitCursor(FolderWatch watch, long uid) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (watch.cursor().lastUid() != uid && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(watch.cursor().lastUid()).isEqualTo(uid);
  }

  @Test
  void aRejectedLoginStopsTheWatchForGoodWithTheDiagnosis() throws Exception {
    fake.get().addAccount(ANNA, AppPassword.of("anna-app-password"));
    MailAccount wrong = MailAccount.builder(ANNA, AppPassword.of("wrong-password"))
        .provider(fake.get().descriptor()).build();
    Recorder recorder = new Recorder();
    try (FolderWatch watch = fake.get().connector().watch(wrong, "INBOX",
        SyncCursor.beginning(), recorder, FAST)) {
      Diagnosis stopped = recorder.stops.poll(30, TimeUnit.SECONDS);
      assertThat(stopped).isNotNull();
      assertThat(stopped.kind())
          .isEqualTo(com.lumyvo.providers.diagnosis.FailureKind.INVALID_CREDENTIALS);
      // Logging in again with a rejected password can lock the account: once is all.
      assertThat(awaitStopped(watch)).as("the watch ended").isTrue();
      assertThat(recorder.failures).as("no retries announced").isEmpty();
      assertThat(recorder.stops).as("stopped once").isEmpty();
    }
  }

  @Test
  void aMissingFolderStopsTheWatchForGood() throws Exception {
    MailAccount account = fake.get().addAccount(ANNA, AppPassword.of("anna-app-password"));
    Recorder recorder = new Recorder();
    try (FolderWatch watch = fake.get().connector().watch(account, "No such folder",
        SyncCursor.beginning(), recorder, FAST)) {
      Diagnosis stopped = recorder.stops.poll(30, TimeUnit.SECONDS);
      assertThat(stopped).isNotNull();
      assertThat(stopped.kind())
          .isEqualTo(com.lumyvo.providers.diagnosis.FailureKind.MAILBOX_NOT_FOUND);
      assertThat(awaitStopped(watch)).isTrue();
      assertThat(recorder.failures).isEmpty();
    }
  }

  @Test
  void anErrorInTheListenerIsReportedAndTheWatchGoesOn() throws Exception {
    MailAccount account = fake.get().addAccount(ANNA, AppPassword.of("anna-app-password"));
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    Recorder recorder = new Recorder() {
      @Override
      public void onMessages(SyncBatch batch) {
        if (calls.incrementAndGet() == 1) {
          throw new StackOverflowError("a listener bug");
        }
        super.onMessages(batch);
      }
    };
    fake.get().deliver(ANNA, Messages.numbered(1));
    try (FolderWatch watch = fake.get().connector().watch(account, "INBOX",
        SyncCursor.beginning(), recorder, FAST)) {
      assertThat(recorder.failures.poll(30, TimeUnit.SECONDS)).as("the Error was reported")
          .isNotNull();
      assertThat(recorder.next()).as("the same message comes again").isNotNull();
      assertThat(watch.isRunning()).isTrue();
    }
  }

  private static boolean awaitStopped(FolderWatch watch) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (watch.isRunning() && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    return !watch.isRunning();
  }

  @Test
  void closingStopsTheWatchPromptly() throws Exception {
    MailAccount account = fake.get().addAccount(ANNA, AppPassword.of("anna-app-password"));
    fake.get().deliver(ANNA, Messages.numbered(1));
    // close() waits up to the read timeout (+1 s) for the loop: 30 s here, so that a close that
    // does not wake the watch shows, instead of hiding under a bound near that wait.
    MailConnector connector = fake.get().connectorBuilder()
        .timeouts(Timeouts.builder().connect(Duration.ofSeconds(2)).read(Duration.ofSeconds(30))
            .write(Duration.ofSeconds(3)).build()).build();
    Recorder recorder = new Recorder();
    FolderWatch watch = connector.watch(account, "INBOX", SyncCursor.beginning(),
        recorder, WatchOptions.defaults());
    assertThat(recorder.next()).isEqualTo("Message 1"); // connected and caught up
    // Nothing tells when the IDLE starts (it follows the catch-up at once, and IDLE refreshes
    // only after 2 minutes): a moment for it. Closing earlier must be prompt all the same.
    Thread.sleep(200);
    long start = System.nanoTime();
    watch.close();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(watch.isRunning()).isFalse();
    // Prompt is milliseconds; a close that left the loop in IDLE would wait 31 s.
    assertThat(took).isLessThan(Duration.ofSeconds(10));
  }
}
