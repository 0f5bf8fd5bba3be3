package com.lumyvo.providers.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.ProviderRegistry;
import com.lumyvo.providers.diagnosis.FailureKind;
import com.lumyvo.providers.mail.mailbox.MailboxSession;
import com.lumyvo.providers.mail.mailbox.SyncBatch;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.testing.FakeProvider;
import com.lumyvo.providers.mail.testing.Fault;
import com.lumyvo.providers.mail.testing.RecordedCommand;
import com.lumyvo.providers.mail.verify.VerificationResult;
import com.lumyvo.providers.oauth.AccessToken;
import com.lumyvo.providers.oauth.TokenSource;
import com.lumyvo.providers.oauth.TokenUnavailableException;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import com.lumyvo.providers.mail.watch.FolderWatch;
import com.lumyvo.providers.mail.watch.WatchOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Accounts that sign in with OAuth 2.0 tokens, against the fakes: verify, send and sync; the
 * mechanism the server announces; one refresh and one retry after a rejection, never more, and
 * never for a password account.
 */
class OAuthTest {
  private static final String SAM = "sam@fake.example";

  /** A source that counts what the SDK asks of it and remembers every token it handed out. */
  static final class Counting implements TokenSource {
    final TokenSource inner;
    final AtomicInteger tokens = new AtomicInteger();
    final AtomicInteger refreshes = new AtomicInteger();
    final List<String> handedOut = new CopyOnWriteArrayList<>();

    Counting(TokenSource inner) {
      this.inner = inner;
    }

    @Override
    public AccessToken token() throws TokenUnavailableException {
      tokens.incrementAndGet();
      return remember(inner.token());
    }

    @Override
    public AccessToken refresh(AccessToken rejected) throws TokenUnavailableException {
      refreshes.incrementAndGet();
      return remember(inner.refresh(rejected));
    }

    private AccessToken remember(AccessToken token) {
      handedOut.add(token.value());
      return token;
    }
  }

  private static MailAccount account(FakeProvider fake, String address, TokenSource source) {
    return MailAccount.builder(address, source).provider(fake.descriptor()).build();
  }

  private static List<String> lines(FakeProvider fake) {
    return fake.takeCommands().stream().map(RecordedCommand::line).toList();
  }

  @Test
  void verifySignsInWithOauthbearerWhereTheServerAnnouncesIt() {
    try (FakeProvider fake = FakeProvider.start()) {
      MailAccount sam = fake.addTokenAccount(SAM);

      VerificationResult result = fake.connector().verify(sam);

      assertThat(result.ok()).as("%s", result).isTrue();
      assertThat(lines(fake))
          .anyMatch(l -> l.matches("\\S+ AUTHENTICATE OAUTHBEARER \\[redacted\\]"))
          .anyMatch(l -> l.equals("AUTH OAUTHBEARER [redacted]"))
          .noneMatch(l -> l.contains("LOGIN") || l.contains("PLAIN"));
    }
  }

  @Test
  void xoauth2WhereTheServerAnnouncesNoOauthbearer() {
    try (FakeProvider fake = FakeProvider.start()) {
      MailAccount sam = fake.addTokenAccount(SAM);
      fake.inject(Fault.WITHOUT_OAUTHBEARER);

      assertThat(fake.connector().verify(sam).ok()).isTrue();
      assertThat(lines(fake))
          .anyMatch(l -> l.matches("\\S+ AUTHENTICATE XOAUTH2 \\[redacted\\]"))
          .anyMatch(l -> l.equals("AUTH XOAUTH2 [redacted]"))
          .noneMatch(l -> l.contains("OAUTHBEARER"));
    }
  }

  @Test
  void anOutlookAccountConnectsWithATokenSourceOverXoauth2() {
    var outlook = ProviderRegistry.defaults().lookup("outlook.com").orElseThrow();
    try (FakeProvider fake = FakeProvider.mimicking(outlook)) {
      MailAccount sam = fake.addTokenAccount("sam@outlook.com");

      VerificationResult result = fake.connector().verify(sam);

      assertThat(result.ok()).as("%s", result).isTrue();
      assertThat(lines(fake)).anyMatch(l -> l.contains("AUTHENTICATE XOAUTH2"))
          .noneMatch(l -> l.contains("OAUTHBEARER"));
      assertThat(sam.usesTokens()).isTrue();
      assertThat(sam.toString()).contains("OAuth 2.0 tokens");
    }
  }

  @Test
  void sendsWithATokenAccount() throws Exception {
    try (FakeProvider fake = FakeProvider.start()) {
      MailAccount sam = fake.addTokenAccount(SAM);
      MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
      message.setRecipient(Message.RecipientType.TO, new InternetAddress("ola@fake.example"));
      message.setSubject("Sent with a token");
      message.setText("hello");

      fake.connector().send(sam, message);

      assertThat(fake.received()).extracting(MimeMessage::getSubject)
          .containsExactly("Sent with a token");
    }
  }

  @Test
  void syncsWithATokenAccount() {
    try (FakeProvider fake = FakeProvider.start()) {
      MailAccount sam = fake.addTokenAccount(SAM);
      fake.deliver(SAM, Messages.numbered(1));
      fake.deliver(SAM, Messages.numbered(2));

      try (MailboxSession session = fake.connector().open(sam)) {
        SyncBatch batch = session.sync("INBOX", SyncCursor.beginning(), 10);
        assertThat(batch.messages()).extracting(m -> m.subject())
            .containsExactly("Message 1", "Message 2");
      }
    }
  }

  @Test
  void aRejectedTokenIsRefreshedExactlyOnceAndTheLoginSucceeds() {
    try (FakeProvider fake = FakeProvider.start()) {
      fake.addTokenAccount(SAM);
      Counting source = new Counting(fake.tokenSource(SAM));
      MailAccount sam = account(fake, SAM, source);
      fake.connector().open(sam).close(); // the source now caches a token
      fake.expireTokens(SAM); // the server has seen the hour pass; the source has not
      fake.takeCommands();

      try (MailboxSession session = fake.connector().open(sam)) {
        assertThat(session.folders()).isNotEmpty();
      }

      assertThat(source.refreshes).hasValue(1);
      // The cached token twice (first open, then the rejected login), then the refreshed one.
      assertThat(source.handedOut).hasSize(3);
      assertThat(source.handedOut.get(1)).isEqualTo(source.handedOut.get(0));
      assertThat(source.handedOut.get(2)).isNotEqualTo(source.handedOut.get(1));
      assertThat(lines(fake)).filteredOn(l -> l.contains("AUTHENTICATE")).hasSize(2);
    }
  }

  @Test
  void aRevokedGrantGivesTokenRevokedAfterExactlyOneRefresh() {
    try (FakeProvider fake = FakeProvider.start()) {
      fake.addTokenAccount(SAM);
      Counting source = new Counting(fake.tokenSource(SAM));
      MailAccount sam = account(fake, SAM, source);
      fake.connector().open(sam).close();
      fake.revokeTokens(SAM);
      int requestsBefore = fake.tokenRequests();

      MailOperationException failure = catchThrowableOfType(MailOperationException.class,
          () -> fake.connector().open(sam));

      assertThat(failure).isNotNull();
      assertThat(failure.step()).isEqualTo(ConnectionStep.AUTHENTICATION);
      assertThat(failure.diagnosis().kind()).isEqualTo(FailureKind.TOKEN_REVOKED);
      assertThat(source.refreshes).hasValue(1);
      assertThat(fake.tokenRequests() - requestsBefore).isEqualTo(1);
      assertThat(lines(fake)).filteredOn(l -> l.contains("AUTHENTICATE")).hasSize(2);
    }
  }

  @Test
  void aTokenRejectedTwiceIsADiagnosisNotALoop() {
    try (FakeProvider fake = FakeProvider.start()) {
      fake.addTokenAccount(SAM);
      Counting source = new Counting(fake.tokenSource(SAM));
      MailAccount sam = account(fake, SAM, source);
      fake.withoutMailScope(SAM);

      VerificationResult result = fake.connector().verify(sam);

      assertThat(result.ok()).isFalse();
      assertThat(result.imap().failedStep()).contains(ConnectionStep.AUTHENTICATION);
      assertThat(result.smtp().failedStep()).contains(ConnectionStep.AUTHENTICATION);
      assertThat(result.imap().diagnosis().orElseThrow().kind())
          .isEqualTo(FailureKind.TOKEN_SCOPE_MISSING);
      assertThat(result.smtp().diagnosis().orElseThrow().kind())
          .isEqualTo(FailureKind.TOKEN_SCOPE_MISSING);
      // One refresh per protocol: IMAP and SMTP each logged in twice, no more.
      assertThat(source.refreshes).hasValue(2);
      List<String> lines = lines(fake);
      assertThat(lines).filteredOn(l -> l.contains("AUTHENTICATE OAUTHBEARER")).hasSize(2);
      assertThat(lines).filteredOn(l -> l.startsWith("AUTH OAUTHBEARER")).hasSize(2);
    }
  }

  @Test
  void microsoftEndsASessionWhoseTokenExpiredAndANewOneRefreshesOnce() {
    var outlook = ProviderRegistry.defaults().lookup("outlook.com").orElseThrow();
    try (FakeProvider fake = FakeProvider.mimicking(outlook)) {
      fake.addTokenAccount("sam@outlook.com");
      Counting source = new Counting(fake.tokenSource("sam@outlook.com"));
      MailAccount sam = account(fake, "sam@outlook.com", source);
      try (MailboxSession session = fake.connector().open(sam)) {
        assertThat(session.folders()).isNotEmpty();
        fake.expireTokens("sam@outlook.com");

        MailOperationException ended =
            catchThrowableOfType(MailOperationException.class, session::folders);

        assertThat(ended).isNotNull();
        assertThat(ended.diagnosis().serverReply().orElse(""))
            .contains("Session invalidated - AccessTokenExpired");
        // An expired token, which is retryable: a watch reconnects with a fresh one.
        assertThat(ended.diagnosis().kind()).isEqualTo(FailureKind.TOKEN_EXPIRED);
        assertThat(ended.diagnosis().kind().isRetryable()).isTrue();
      }
      assertThat(source.refreshes).hasValue(0); // a session that ended is no rejected login

      try (MailboxSession again = fake.connector().open(sam)) {
        assertThat(again.folders()).isNotEmpty();
      }
      assertThat(source.refreshes).hasValue(1);
    }
  }

  @Test
  void aWatchGoesOnAfterItsTokenExpiresWithOneRefresh() throws Exception {
    var outlook = ProviderRegistry.defaults().lookup("outlook.com").orElseThrow();
    try (FakeProvider fake = FakeProvider.mimicking(outlook)) {
      fake.addTokenAccount("sam@outlook.com");
      Counting source = new Counting(fake.tokenSource("sam@outlook.com"));
      MailAccount sam = account(fake, "sam@outlook.com", source);
      WatchTest.Recorder recorder = new WatchTest.Recorder();
      WatchOptions fast = WatchOptions.builder()
          .idleRefresh(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(300))
          .initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofMillis(500)).build();
      try (FolderWatch watch = fake.connector().watch(sam, "INBOX", SyncCursor.beginning(),
          recorder, fast)) {
        assertThat(fake.awaitIdle("sam@outlook.com", "INBOX", Duration.ofSeconds(10))).isTrue();
        fake.expireTokens("sam@outlook.com");
        // The wake-up's next command meets the BYE; the watch reconnects, the cached token is
        // refused, one refresh, and it idles again.
        assertThat(recorder.failures.poll(10, TimeUnit.SECONDS)).isNotNull();
        fake.deliver("sam@outlook.com", Messages.numbered(1));
        assertThat(recorder.next()).isEqualTo("Message 1");
        assertThat(watch.isRunning()).isTrue();
        assertThat(recorder.stops).isEmpty();
      }
      assertThat(source.refreshes).hasValue(1);
    }
  }

  @Test
  void imapSwitchedOffForTheTenantIsMicrosoftsAuthenticateFailedWithOneRefresh() {
    var outlook = ProviderRegistry.defaults().lookup("outlook.com").orElseThrow();
    try (FakeProvider fake = FakeProvider.mimicking(outlook)) {
      fake.addTokenAccount("sam@outlook.com");
      Counting source = new Counting(fake.tokenSource("sam@outlook.com"));
      MailAccount sam = account(fake, "sam@outlook.com", source);
      fake.inject(Fault.IMAP_ACCESS_DISABLED);

      MailOperationException failure =
          catchThrowableOfType(MailOperationException.class, () -> fake.connector().open(sam));

      assertThat(failure).isNotNull();
      assertThat(failure.step()).isEqualTo(ConnectionStep.AUTHENTICATION);
      assertThat(failure.diagnosis().serverReply().orElse("")).contains("AUTHENTICATE failed.");
      // Microsoft says the same for an expired token: the likeliest reading, the rest beside it.
      assertThat(failure.diagnosis().kind()).isEqualTo(FailureKind.TOKEN_EXPIRED);
      assertThat(source.refreshes).hasValue(1);
    }
  }

  @Test
  void gmailsErrorChallengeIsAnsweredAndReadAsATokenProblem() {
    var gmail = ProviderRegistry.defaults().lookup("gmail.com").orElseThrow();
    try (FakeProvider fake = FakeProvider.mimicking(gmail)) {
      fake.addTokenAccount("tess@gmail.com");
      Counting source = new Counting(fake.tokenSource("tess@gmail.com"));
      MailAccount tess = account(fake, "tess@gmail.com", source);
      fake.withoutMailScope("tess@gmail.com");

      VerificationResult result = fake.connector().verify(tess);

      for (var check : List.of(result.imap(), result.smtp())) {
        var diagnosis = check.diagnosis().orElseThrow();
        assertThat(diagnosis.kind()).isIn(FailureKind.TOKEN_EXPIRED,
            FailureKind.TOKEN_SCOPE_MISSING);
        assertThat(diagnosis.serverReply().orElse(""))
            .contains("\"scope\":\"https://mail.google.com/\"");
      }
      // After each challenge the client answered once (empty for XOAUTH2, ^A for OAUTHBEARER)
      // and the server finished: no cancelled exchange, no hang.
      assertThat(lines(fake)).filteredOn(l -> l.equals("*")).isEmpty();
      assertThat(source.refreshes).hasValue(2);
    }
  }

  @Test
  void aTokenTheFakeNeverIssuedIsRefusedAndAFixedSourceCannotRefreshIt() {
    try (FakeProvider fake = FakeProvider.start()) {
      fake.addTokenAccount(SAM);
      MailAccount sam = account(fake, SAM,
          TokenSource.fixed(AccessToken.of("ya29.never-issued-by-this-fake")));

      VerificationResult result = fake.connector().verify(sam);

      assertThat(result.ok()).isFalse();
      // The fixed source's refresh says REVOKED: nothing here can get a new token.
      assertThat(result.imap().diagnosis().orElseThrow().kind())
          .isEqualTo(FailureKind.TOKEN_REVOKED);
      assertThat(result.smtp().diagnosis().orElseThrow().kind())
          .isEqualTo(FailureKind.TOKEN_REVOKED);
      assertThat(lines(fake)).filteredOn(l -> l.contains("AUTHENTICATE")).hasSize(1);
      assertThat(fake.tokenRequests()).isZero();
    }
  }

  @Test
  void aPasswordAccountIsNeverRetried() {
    try (FakeProvider fake = FakeProvider.start()) {
      fake.addAccount(SAM, AppPassword.of("right-password-1"));
      MailAccount wrong = MailAccount.builder(SAM, AppPassword.of("wrong-password-2"))
          .provider(fake.descriptor()).build();

      assertThatThrownBy(() -> fake.connector().open(wrong))
          .isInstanceOf(MailOperationException.class);

      assertThat(fake.connectionsAccepted()).isEqualTo(1);
      assertThat(lines(fake)).filteredOn(l -> l.contains("AUTHENTICATE") || l.contains("LOGIN"))
          .hasSize(1);
    }
  }

  @Test
  void anAppPasswordStillCannotConnectAnOauthOnlyProvider() {
    assertThatThrownBy(() -> MailAccount.builder("sam@outlook.com", AppPassword.of("abcd efgh"))
        .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("accepts only OAuth 2.0 sign-in")
        .hasMessageContaining("TokenSource");
    assertThatThrownBy(() -> MailAccount.builder(SAM, (TokenSource) null))
        .isInstanceOf(NullPointerException.class).hasMessage("tokens");
  }
}
