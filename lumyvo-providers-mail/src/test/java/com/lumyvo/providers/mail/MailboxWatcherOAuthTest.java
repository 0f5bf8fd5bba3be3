package com.lumyvo.providers.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.ProviderRegistry;
import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.diagnosis.FailureKind;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.testing.FakeProvider;
import com.lumyvo.providers.mail.testing.RecordedCommand;
import com.lumyvo.providers.mail.watch.MailboxWatcher;
import com.lumyvo.providers.mail.watch.WatchPolicy;
import com.lumyvo.providers.mail.watch.WatchState;
import com.lumyvo.providers.mail.watch.WatchedMailbox;
import com.lumyvo.providers.mail.watch.WatcherOptions;
import com.lumyvo.providers.oauth.AccessToken;
import com.lumyvo.providers.oauth.TokenSource;
import com.lumyvo.providers.oauth.TokenUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Token accounts in the many-mailbox watcher, against the fakes: OAUTHBEARER or XOAUTH2 as the
 * server announces; a token that expires mid-watch refreshed once, with nothing lost; a revoked
 * grant or a missing scope stops the watch after exactly one refresh and never logs in again;
 * password accounts never ask for a token; the token source never runs on the I/O thread.
 */
class MailboxWatcherOAuthTest {
  private static final String SAM = "sam@fake.example";
  private static final Duration WAIT = Duration.ofSeconds(60);

  static WatcherOptions.Builder fast() {
    return WatcherOptions.builder().idleRefresh(Duration.ofSeconds(1))
        .pollInterval(Duration.ofMillis(300))
        .policy(WatchPolicy.backoff(Duration.ofMillis(100), Duration.ofSeconds(1)));
  }

  private static MailAccount account(FakeProvider fake, String address, TokenSource source) {
    return MailAccount.builder(address, source).provider(fake.descriptor()).build();
  }

  private static List<String> authentications(FakeProvider fake) {
    return fake.takeCommands().stream().map(RecordedCommand::line)
        .filter(l -> l.contains("AUTHENTICATE") || l.contains(" LOGIN ")).toList();
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("still not " + what + " after " + WAIT);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void aTokenAccountIsWatchedWithOauthbearerCatchingUpThenListening() throws Exception {
    try (FakeProvider fake = FakeProvider.start()) {
      fake.addTokenAccount(SAM);
      OAuthTest.Counting source = new OAuthTest.Counting(fake.tokenSource(SAM));
      fake.deliver(SAM, Messages.numbered(1));
      MailboxWatcherTest.Recorder recorder = new MailboxWatcherTest.Recorder();
      try (MailboxWatcher watcher = fake.connector().watcher(fast().build())) {
        WatchedMailbox inbox = watcher.add(account(fake, SAM, source), "INBOX",
            SyncCursor.beginning(), recorder);
        assertThat(recorder.next()).isEqualTo("Message 1");
        await("listening", () -> inbox.state() == WatchState.LISTENING);

        fake.deliver(SAM, Messages.numbered(2));
        assertThat(recorder.next()).isEqualTo("Message 2");
        assertThat(recorder.failures).isEmpty();
      }
      assertThat(authentications(fake)).singleElement().asString()
          .matches("\\S+ AUTHENTICATE OAUTHBEARER \\[redacted\\]");
      assertThat(source.refreshes).hasValue(0);
      assertThat(fake.tokenRequests()).isEqualTo(1); // the source's first token, no more
    }
  }

  @Test
  void anOutlookTokenThatExpiresMidWatchIsRefreshedOnceAndNothingIsLost() throws Exception {
    var outlook = ProviderRegistry.defaults().lookup("outlook.com").orElseThrow();
    try (FakeProvider fake = FakeProvider.mimicking(outlook)) {
      String address = "sam@outlook.com";
      fake.addTokenAccount(address);
      OAuthTest.Counting source = new OAuthTest.Counting(fake.tokenSource(address));
      fake.deliver(address, Messages.numbered(1));
      MailboxWatcherTest.Recorder recorder = new MailboxWatcherTest.Recorder();
      try (MailboxWatcher watcher = fake.connector().watcher(fast().build())) {
        WatchedMailbox inbox = watcher.add(account(fake, address, source), "INBOX",
            SyncCursor.beginning(), recorder);
        assertThat(recorder.next()).isEqualTo("Message 1");
        await("listening", () -> inbox.state() == WatchState.LISTENING);
        int requestsBefore = fake.tokenRequests();

        // The hour passes: Microsoft ends the session at its next command (the IDLE renewal's
        // DONE, or the fetch of the mail that arrives meanwhile) with "* BYE Session
        // invalidated - AccessTokenExpired"; the reconnect asks the source for a fresh token
        // once, rather than sending the spent one again, and the watch catches up.
        fake.expireTokens(address);
        fake.deliver(address, Messages.numbered(2));
        assertThat(recorder.next()).isEqualTo("Message 2");
        await("ready again", () -> recorder.readies.get() >= 2
            && inbox.state() == WatchState.LISTENING);
        fake.deliver(address, Messages.numbered(3));
        assertThat(recorder.next()).isEqualTo("Message 3");

        assertThat(recorder.uids).hasSize(3);
        assertThat(recorder.subjects).isEmpty(); // each message once
        assertThat(recorder.stoppedWith).isNull();
        assertThat(recorder.failures).isNotEmpty()
            .allMatch(d -> d.kind().isRetryable(), "retryable");
        // Microsoft's words reach the service: the session ended, and why.
        assertThat(recorder.failures.peek().serverReply().orElse(""))
            .contains("Session invalidated - AccessTokenExpired");
        assertThat(source.refreshes).hasValue(1);
        assertThat(fake.tokenRequests() - requestsBefore).isEqualTo(1);
      }
      // Microsoft announces no OAUTHBEARER: XOAUTH2, twice (the first token, the refreshed one).
      assertThat(authentications(fake)).hasSize(2)
          .allMatch(l -> l.matches("\\S+ AUTHENTICATE XOAUTH2 \\[redacted\\]"));
    }
  }

  @Test
  void aRevokedGrantStopsTheWatchWithTokenRevokedAfterOneRefreshAndNoMoreLogins()
      throws Exception {
    try (FakeProvider fake = FakeProvider.start()) {
      fake.addTokenAccount(SAM);
      OAuthTest.Counting source = new OAuthTest.Counting(fake.tokenSource(SAM));
      MailboxWatcherTest.Recorder recorder = new MailboxWatcherTest.Recorder();
      try (MailboxWatcher watcher = fake.connector().watcher(fast().build())) {
        WatchedMailbox inbox = watcher.add(account(fake, SAM, source), "INBOX",
            SyncCursor.beginning(), recorder);
        await("listening", () -> inbox.state() == WatchState.LISTENING);
        int requestsBefore = fake.tokenRequests();
        fake.takeCommands();

        // The session ends at its next command ("* BYE [ALERT] Access token expired"); the
        // reconnect asks for a fresh token, and the token endpoint answers invalid_grant.
        fake.revokeTokens(SAM);

        await("stopped", () -> recorder.stoppedWith != null);
        assertThat(recorder.stoppedWith.kind()).isEqualTo(FailureKind.TOKEN_REVOKED);
        assertThat(inbox.state()).isEqualTo(WatchState.STOPPED);
        assertThat(source.refreshes).hasValue(1);
        assertThat(fake.tokenRequests() - requestsBefore).isEqualTo(1);
        assertThat(authentications(fake)).isEmpty(); // no login with the spent token
        // Stopped for good: nothing more reaches the server, however long the backoff runs on.
        assertThat(fake.takeCommand(Duration.ofSeconds(3))).isEmpty();
        assertThat(source.refreshes).hasValue(1);
        assertThat(watcher.stats().gaveUp()).isEqualTo(1);
      }
    }
  }

  @Test
  void aTokenWithoutTheMailScopeStopsTheWatchAfterOneRefresh() throws Exception {
    try (FakeProvider fake = FakeProvider.start()) {
      fake.addTokenAccount(SAM);
      OAuthTest.Counting source = new OAuthTest.Counting(fake.tokenSource(SAM));
      fake.withoutMailScope(SAM);
      MailboxWatcherTest.Recorder recorder = new MailboxWatcherTest.Recorder();
      try (MailboxWatcher watcher = fake.connector().watcher(fast().build())) {
        WatchedMailbox inbox = watcher.add(account(fake, SAM, source), "INBOX",
            SyncCursor.beginning(), recorder);

        await("stopped", () -> recorder.stoppedWith != null);
        Diagnosis diagnosis = recorder.stoppedWith;
        assertThat(diagnosis.kind()).isEqualTo(FailureKind.TOKEN_SCOPE_MISSING);
        // The server's error challenge is the evidence, decoded.
        assertThat(diagnosis.serverReply().orElse("")).contains("insufficient_scope");
        assertThat(inbox.state()).isEqualTo(WatchState.STOPPED);
        assertThat(recorder.failures).hasSize(1);
        assertThat(source.refreshes).hasValue(1);
      }
      List<RecordedCommand> commands = fake.takeCommands();
      assertThat(commands.stream().map(RecordedCommand::line)
          .filter(l -> l.contains("AUTHENTICATE"))).hasSize(2);
      // Each challenge answered once (^A for OAUTHBEARER), never cancelled.
      assertThat(commands.stream().map(RecordedCommand::line).filter(l -> l.equals("*")))
          .isEmpty();
    }
  }

  @Test
  void aLoginRefusedWithTheCachedTokenIsRefreshedOnceAndTriedOnceMore() throws Exception {
    var gmail = ProviderRegistry.defaults().lookup("gmail.com").orElseThrow();
    try (FakeProvider fake = FakeProvider.mimicking(gmail)) {
      String address = "tess@gmail.com";
      fake.addTokenAccount(address);
      OAuthTest.Counting source = new OAuthTest.Counting(fake.tokenSource(address));
      source.token(); // the source caches a token...
      fake.expireTokens(address); // ...that Gmail no longer takes, though the source thinks so
      int requestsBefore = fake.tokenRequests();
      fake.deliver(address, Messages.numbered(1));
      MailboxWatcherTest.Recorder recorder = new MailboxWatcherTest.Recorder();
      try (MailboxWatcher watcher = fake.connector().watcher(fast().build())) {
        WatchedMailbox inbox = watcher.add(account(fake, address, source), "INBOX",
            SyncCursor.beginning(), recorder);
        assertThat(recorder.next()).isEqualTo("Message 1");
        await("listening", () -> inbox.state() == WatchState.LISTENING);

        // The refusal and its refresh are the watcher's own business: nobody else hears of it.
        assertThat(recorder.failures).isEmpty();
        assertThat(source.refreshes).hasValue(1);
        assertThat(fake.tokenRequests() - requestsBefore).isEqualTo(1);
      }
      // Gmail announces both: OAUTHBEARER, with the error challenge answered once in between.
      List<String> lines = fake.takeCommands().stream().map(RecordedCommand::line).toList();
      assertThat(lines).filteredOn(l -> l.contains("AUTHENTICATE")).hasSize(2)
          .allMatch(l -> l.matches("\\S+ AUTHENTICATE OAUTHBEARER \\[redacted\\]"));
      // One answer to the challenge (^A, which the journal shows redacted as it shows every
      // line of an AUTHENTICATE exchange), then the refreshed login on a new connection.
      int refused = lines.indexOf(lines.stream().filter(l -> l.contains("AUTHENTICATE"))
          .findFirst().orElseThrow());
      assertThat(lines.get(refused + 1)).isEqualTo(RecordedCommand.REDACTED);
      assertThat(lines.get(refused + 2)).endsWith("CAPABILITY");
      assertThat(lines).doesNotContain("*");
    }
  }

  @Test
  void passwordAccountsNeverAskForATokenNorLogInTwice() throws Exception {
    try (FakeProvider fake = FakeProvider.start()) {
      fake.addTokenAccount(SAM);
      OAuthTest.Counting source = new OAuthTest.Counting(fake.tokenSource(SAM));
      fake.addAccount("anna@fake.example", AppPassword.of("right-app-password"));
      MailAccount wrong = MailAccount.builder("anna@fake.example",
          AppPassword.of("wrong-app-password")).provider(fake.descriptor()).build();
      MailAccount bob = fake.addAccount("bob@fake.example", AppPassword.of("bobs-password"));
      MailboxWatcherTest.Recorder refused = new MailboxWatcherTest.Recorder();
      MailboxWatcherTest.Recorder bobs = new MailboxWatcherTest.Recorder();
      MailboxWatcherTest.Recorder sams = new MailboxWatcherTest.Recorder();
      try (MailboxWatcher watcher = fake.connector().watcher(fast().build())) {
        watcher.add(wrong, "INBOX", SyncCursor.beginning(), refused);
        WatchedMailbox listening = watcher.add(bob, "INBOX", SyncCursor.beginning(), bobs);
        WatchedMailbox tokens = watcher.add(account(fake, SAM, source), "INBOX",
            SyncCursor.beginning(), sams);

        await("refused", () -> refused.stoppedWith != null);
        assertThat(refused.stoppedWith.kind()).isEqualTo(FailureKind.INVALID_CREDENTIALS);
        await("listening", () -> listening.state() == WatchState.LISTENING
            && tokens.state() == WatchState.LISTENING);
        assertThat(refused.failures).hasSize(1);
      }
      List<String> logins = authentications(fake);
      assertThat(logins).filteredOn(l -> l.contains("OAUTHBEARER")).hasSize(1);
      assertThat(logins).filteredOn(l -> !l.contains("OAUTHBEARER")).hasSize(2); // anna, bob
      assertThat(source.refreshes).hasValue(0);
      assertThat(fake.tokenRequests()).isEqualTo(1); // sam's first token only
    }
  }

  @Test
  void aTokenSourceThatHangsIsInterruptedAtTheDeadlineAndHoldsUpNoOtherAccount()
      throws Exception {
    try (FakeProvider fake = FakeProvider.start()) {
      fake.addTokenAccount(SAM);
      TokenSource inner = fake.tokenSource(SAM);
      AtomicBoolean first = new AtomicBoolean(true);
      AtomicBoolean interrupted = new AtomicBoolean();
      TokenSource hanging = new TokenSource() {
        @Override
        public AccessToken token() throws TokenUnavailableException {
          if (first.getAndSet(false)) {
            try {
              new java.util.concurrent.CountDownLatch(1).await(); // a token endpoint that hangs
            } catch (InterruptedException e) {
              interrupted.set(true);
              throw new TokenUnavailableException(TokenUnavailableException.Reason.TEMPORARY,
                  "interrupted while waiting for the token endpoint");
            }
          }
          return inner.token();
        }

        @Override
        public AccessToken refresh(AccessToken rejected) throws TokenUnavailableException {
          return inner.refresh(rejected);
        }
      };
      MailAccount bob = fake.addAccount("bob@fake.example", AppPassword.of("bobs-password"));
      MailboxWatcherTest.Recorder sams = new MailboxWatcherTest.Recorder();
      MailboxWatcherTest.Recorder bobs = new MailboxWatcherTest.Recorder();
      MailConnector connector = fake.connectorBuilder().deadline(Duration.ofSeconds(2)).build();
      // One handshake thread: while the token source holds it, no DNS or TLS work could run.
      try (MailboxWatcher watcher = connector.watcher(fast().handshakeThreads(1).build())) {
        WatchedMailbox sam = watcher.add(account(fake, SAM, hanging), "INBOX",
            SyncCursor.beginning(), sams);
        await("the token source called", () -> !first.get());
        WatchedMailbox bobsInbox = watcher.add(bob, "INBOX", SyncCursor.beginning(), bobs);

        await("bob listening", () -> bobsInbox.state() == WatchState.LISTENING);
        Diagnosis timedOut = sams.failures.poll(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(timedOut).isNotNull();
        assertThat(timedOut.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(interrupted).isTrue();
        // Retried after the backoff, with the source answering now.
        await("sam listening", () -> sam.state() == WatchState.LISTENING);
        assertThat(sams.stoppedWith).isNull();
      }
    }
  }

  @Test
  void theTokenSourceRunsOffTheIoThreadAndAnEndpointThatIsDownBacksOff() throws Exception {
    try (FakeProvider fake = FakeProvider.start()) {
      fake.addTokenAccount(SAM);
      TokenSource inner = fake.tokenSource(SAM);
      List<String> threads = new CopyOnWriteArrayList<>();
      AtomicBoolean down = new AtomicBoolean(true);
      TokenSource flaky = new TokenSource() {
        @Override
        public AccessToken token() throws TokenUnavailableException {
          threads.add(Thread.currentThread().getName());
          if (down.getAndSet(false)) {
            throw new TokenUnavailableException(TokenUnavailableException.Reason.TEMPORARY,
                "the token endpoint answered 503");
          }
          return inner.token();
        }

        @Override
        public AccessToken refresh(AccessToken rejected) throws TokenUnavailableException {
          threads.add(Thread.currentThread().getName());
          return inner.refresh(rejected);
        }
      };
      MailboxWatcherTest.Recorder recorder = new MailboxWatcherTest.Recorder();
      try (MailboxWatcher watcher = fake.connector().watcher(fast().build())) {
        WatchedMailbox inbox = watcher.add(account(fake, SAM, flaky), "INBOX",
            SyncCursor.beginning(), recorder);
        await("listening", () -> inbox.state() == WatchState.LISTENING);

        assertThat(recorder.failures).hasSize(1);
        assertThat(recorder.failures.peek().kind().isRetryable()).isTrue();
        assertThat(recorder.stoppedWith).isNull();
      }
      assertThat(threads).hasSize(2).allMatch(name -> name.contains("-handshake-"),
          "a handshake thread");
    }
  }
}
