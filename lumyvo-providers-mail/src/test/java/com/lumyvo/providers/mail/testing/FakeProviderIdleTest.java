package com.lumyvo.providers.mail.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.mailbox.SyncBatch;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.watch.FolderWatch;
import com.lumyvo.providers.mail.watch.WatchListener;
import com.lumyvo.providers.mail.watch.WatchOptions;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link FakeProvider#awaitIdle} tells a test when a watch is ready for new mail, so that the
 * test never sleeps: true once the fake has answered the account's IDLE in that folder.
 */
class FakeProviderIdleTest {
  private static final String ANNA = "anna@fake.example";
  private static final AppPassword PASSWORD = AppPassword.of("abcdefghijklmnop");
  private static final Duration WAIT = Duration.ofSeconds(10);
  /** Long enough for a watch that was going to idle to have done so; none is. */
  private static final Duration NOT_IDLING = Duration.ofMillis(500);
  /** A refresh far beyond the test: the watch idles until mail comes. */
  private static final WatchOptions OPTIONS =
      WatchOptions.builder().idleRefresh(Duration.ofMinutes(5)).build();

  private FakeProvider fake;

  @BeforeEach
  void start() {
    fake = FakeProvider.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void aWatchIsReadyOnceTheFakeAnsweredItsIdleAndMailThenReachesIt() throws Exception {
    MailAccount anna = fake.addAccount(ANNA, PASSWORD);
    Subjects subjects = new Subjects();
    try (FolderWatch watch = fake.connector().watch(anna, "INBOX", SyncCursor.beginning(),
        subjects, OPTIONS)) {
      assertThat(fake.awaitIdle(ANNA, "INBOX", WAIT)).isTrue();

      fake.deliver(ANNA, message("After the watch was ready"));

      assertThat(subjects.next()).isEqualTo("After the watch was ready");
      assertThat(watch.isRunning()).isTrue();
    }
  }

  @Test
  void noWatchNoIdle() throws Exception {
    fake.addAccount(ANNA, PASSWORD);

    assertThat(fake.awaitIdle(ANNA, "INBOX", NOT_IDLING)).isFalse();
  }

  @Test
  void aWatchOnAnotherFolderOrAccountDoesNotCount() throws Exception {
    MailAccount anna = fake.addAccount(ANNA, PASSWORD);
    fake.addAccount("bob@fake.example", AppPassword.of("bobbobbobbobbobb"));
    fake.createFolder(ANNA, "Archive");
    try (FolderWatch watch = fake.connector().watch(anna, "INBOX", SyncCursor.beginning(),
        new Subjects(), OPTIONS)) {
      assertThat(fake.awaitIdle(ANNA, "inbox", WAIT)).as("INBOX in any case").isTrue();

      assertThat(fake.awaitIdle(ANNA, "Archive", NOT_IDLING)).isFalse();
      assertThat(fake.awaitIdle("bob@fake.example", "INBOX", NOT_IDLING)).isFalse();
      assertThat(watch.isRunning()).isTrue();
    }
  }

  @Test
  void aFolderNameBeyondAsciiIsMatchedAsTheUserWritesIt() throws Exception {
    MailAccount anna = fake.addAccount(ANNA, PASSWORD);
    fake.createFolder(ANNA, "Entwürfe & Notizen");
    try (FolderWatch watch = fake.connector().watch(anna, "Entwürfe & Notizen",
        SyncCursor.beginning(), new Subjects(), OPTIONS)) {
      assertThat(fake.awaitIdle(ANNA, "Entwürfe & Notizen", WAIT)).isTrue();
      assertThat(watch.isRunning()).isTrue();
    }
  }

  @Test
  void aConnectionThatSentDoneNoLongerIdles() throws Exception {
    fake.addAccount(ANNA, PASSWORD);
    try (RawClient imap = RawClient.connect(fake.descriptor().imap(), fake.trustStore())) {
      imap.lineStartingWith("* OK");
      imap.command("a1 LOGIN " + ANNA + " abcdefghijklmnop", "a1 OK");
      imap.command("a2 SELECT INBOX", "a2 OK");
      imap.command("a3 IDLE", "+");
      assertThat(fake.awaitIdle(ANNA, "INBOX", WAIT)).isTrue();

      imap.command("DONE", "a3 OK"); // the fake saw DONE before the server could answer it

      assertThat(fake.awaitIdle(ANNA, "INBOX", Duration.ZERO)).isFalse();
    }
  }

  /**
   * GreenMail answers IDLE before it listens for new mail; {@code awaitIdle} waits for both, so
   * mail delivered the moment it returns true is announced during the IDLE, every time. Before,
   * a busy machine lost that announcement now and then, and a watch idled on.
   */
  @Test
  void mailDeliveredOnceAwaitIdleSaidSoIsAnnouncedDuringTheIdleEveryTime() throws Exception {
    fake.addAccount(ANNA, PASSWORD);
    try (RawClient imap = RawClient.connect(fake.descriptor().imap(), fake.trustStore())) {
      imap.timeout((int) WAIT.toMillis());
      imap.lineStartingWith("* OK");
      imap.command("a1 LOGIN " + ANNA + " abcdefghijklmnop", "a1 OK");
      imap.command("a2 SELECT INBOX", "a2 OK");
      for (int round = 1; round <= 40; round++) {
        imap.command("i" + round + " IDLE", "+");
        assertThat(fake.awaitIdle(ANNA, "INBOX", WAIT)).isTrue();
        assertThat(fake.idleListeners(ANNA, "INBOX")).as("GreenMail listens").contains(1);

        fake.deliver(ANNA, message("Round " + round));

        assertThat(imap.lineStartingWith("* " + round + " EXISTS"))
            .as("round %d announced before DONE", round).isNotNull();
        imap.command("DONE", "i" + round + " OK");
        assertThat(fake.idleListeners(ANNA, "INBOX")).as("no longer after DONE").contains(0);
      }
    }
  }

  @Test
  void aWatchOnAServerWithoutIdlePollsAndNeverIdles() throws Exception {
    MailAccount anna = fake.addAccount(ANNA, PASSWORD);
    fake.inject(Fault.WITHOUT_IDLE);
    Subjects subjects = new Subjects();
    fake.deliver(ANNA, message("Polled"));
    try (FolderWatch watch = fake.connector().watch(anna, "INBOX", SyncCursor.beginning(),
        subjects, WatchOptions.builder().pollInterval(Duration.ofMillis(200)).build())) {
      assertThat(subjects.next()).isEqualTo("Polled"); // the watch runs

      assertThat(fake.awaitIdle(ANNA, "INBOX", NOT_IDLING)).isFalse();
      assertThat(watch.isRunning()).isTrue();
    }
  }

  private static MimeMessage message(String subject) throws Exception {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
    message.setFrom(new InternetAddress("bob@example.org"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(ANNA));
    message.setSubject(subject);
    message.setText("Hello");
    return message;
  }

  /** The subjects a watch reports. */
  private static final class Subjects implements WatchListener {
    private final BlockingQueue<String> subjects = new LinkedBlockingQueue<>();

    @Override
    public void onMessages(SyncBatch batch) {
      batch.messages().forEach(m -> subjects.add(m.subject()));
    }

    String next() throws InterruptedException {
      return subjects.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
  }
}
