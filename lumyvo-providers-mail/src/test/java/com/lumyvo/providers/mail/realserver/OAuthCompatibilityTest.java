package com.lumyvo.providers.mail.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.mail.ConnectionStep;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailOperationException;
import com.lumyvo.providers.mail.mailbox.MailboxSession;
import com.lumyvo.providers.oauth.AccessToken;
import com.lumyvo.providers.oauth.TokenSource;
import java.nio.file.Files;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.watch.MailboxWatcher;
import com.lumyvo.providers.mail.watch.WatchPolicy;
import com.lumyvo.providers.mail.watch.WatchState;
import com.lumyvo.providers.mail.watch.WatchedMailbox;
import com.lumyvo.providers.mail.watch.WatcherOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The SDK's own SASL OAUTHBEARER (RFC 7628) and XOAUTH2 against a server nobody here wrote:
 * Dovecot 2.3's {@code oauth2} passdb validating JWTs locally. A token is accepted with the
 * mechanism the server announces; an expired one is refused, refreshed once and the fresh one
 * accepted; a forged one is refused twice and ends at AUTHENTICATION with Dovecot's error
 * challenge as evidence. The many-mailbox watcher's own non-blocking client does the same: a
 * token account is watched and hears of appended mail, and an expired JWT is refreshed once.
 */
class OAuthCompatibilityTest extends RealServerTest {
  /** A source over the harness's token maker: the first token as given, fresh ones after. */
  private static final class Source implements TokenSource {
    private final MailAccount account;
    private final AccessToken first;
    final AtomicInteger refreshes = new AtomicInteger();

    Source(MailAccount account, AccessToken first) {
      this.account = account;
      this.first = first;
    }

    @Override
    public AccessToken token() {
      return first;
    }

    @Override
    public AccessToken refresh(AccessToken rejected) {
      refreshes.incrementAndGet();
      return servers.accessToken(account, Instant.now().plusSeconds(3600));
    }
  }

  /**
   * Whether Dovecot's log {@code file} comes to show {@code line}: its log process writes a
   * moment after the session ended, later still on a busy machine, so the test waits for it.
   */
  private static boolean logShows(String file, String line) throws Exception {
    java.nio.file.Path log = servers.logDirectory().resolve(file);
    return Suite.await(Suite.ARRIVAL, () -> {
      try {
        return Files.readString(log).contains(line) ? true : null;
      } catch (java.io.IOException e) {
        return null; // not written yet
      }
    }) != null;
  }

  private static MailAccount tokenAccount(MailAccount harness, TokenSource source,
      com.lumyvo.providers.ServerEndpoint imap) {
    return MailAccount.builder(harness.address().toString(), source).imap(imap)
        .smtp(harness.smtp().toArray(com.lumyvo.providers.ServerEndpoint[]::new)).build();
  }

  @Test
  void oauthbearerIsAcceptedWhereDovecotAnnouncesBoth() throws Exception {
    MailAccount anna = servers.account("oauth-bearer");
    Source source = new Source(anna, servers.accessToken(anna, Instant.now().plusSeconds(600)));
    MailAccount withToken = tokenAccount(anna, source, servers.imapsWithOAuth());

    try (MailboxSession session = connector.open(withToken)) {
      assertThat(session.folders()).isNotEmpty();
    }
    assertThat(source.refreshes).hasValue(0);
    assertThat(logShows("dovecot-oauth.log",
        "Login: user=<oauth-bearer@lumyvo.test>, method=OAUTHBEARER")).isTrue();
  }

  @Test
  void xoauth2IsAcceptedWhereDovecotAnnouncesOnlyIt() throws Exception {
    MailAccount anna = servers.account("oauth-xoauth2");
    Source source = new Source(anna, servers.accessToken(anna, Instant.now().plusSeconds(600)));
    MailAccount withToken = tokenAccount(anna, source, servers.imapsWithXoauth2Only());

    try (MailboxSession session = connector.open(withToken)) {
      assertThat(session.folders()).isNotEmpty();
    }
    assertThat(source.refreshes).hasValue(0);
    assertThat(logShows("dovecot-xoauth2.log",
        "Login: user=<oauth-xoauth2@lumyvo.test>, method=XOAUTH2")).isTrue();
  }

  @Test
  void anExpiredTokenIsRefreshedOnceAndTheFreshOneAccepted() {
    MailAccount anna = servers.account("oauth-expired");
    Source source = new Source(anna, servers.accessToken(anna, Instant.now().minusSeconds(60)));
    MailAccount withToken = tokenAccount(anna, source, servers.imapsWithOAuth());

    try (MailboxSession session = connector.open(withToken)) {
      assertThat(session.folders()).isNotEmpty();
    }
    assertThat(source.refreshes).hasValue(1);
  }

  @Test
  void aTokenDovecotCannotValidateEndsAtAuthenticationAfterOneRefresh() {
    MailAccount anna = servers.account("oauth-forged");
    MailAccount bob = servers.account("oauth-other");
    // Tokens for another person: well signed, but not this login's.
    TokenSource wrongPerson = new TokenSource() {
      final AtomicInteger calls = new AtomicInteger();

      @Override
      public AccessToken token() {
        return servers.accessToken(bob, Instant.now().plusSeconds(600));
      }

      @Override
      public AccessToken refresh(AccessToken rejected) {
        calls.incrementAndGet();
        return servers.accessToken(bob, Instant.now().plusSeconds(601));
      }
    };
    MailAccount withToken = tokenAccount(anna, wrongPerson, servers.imapsWithOAuth());

    MailOperationException failure = org.assertj.core.api.Assertions.catchThrowableOfType(
        MailOperationException.class, () -> connector.open(withToken));

    assertThat(failure).as("%s", servers.logs()).isNotNull();
    assertThat(failure.step()).isEqualTo(ConnectionStep.AUTHENTICATION);
    // Dovecot's RFC 7628 error challenge reached the diagnosis as the server's reply.
    assertThat(failure.diagnosis().serverReply().orElse("")).contains("invalid_token");
  }

  private static final WatcherOptions FAST = WatcherOptions.builder()
      .policy(WatchPolicy.backoff(Duration.ofMillis(200), Duration.ofSeconds(2))).build();

  @Test
  void theManyMailboxWatcherWatchesATokenAccountAndHearsOfAppendedMail() throws Exception {
    MailAccount anna = servers.account("oauth-watch");
    Source source = new Source(anna, servers.accessToken(anna, Instant.now().plusSeconds(600)));
    MailAccount withToken = tokenAccount(anna, source, servers.imapsWithOAuth());
    MailboxWatcherCompatibilityTest.Recorder recorder =
        new MailboxWatcherCompatibilityTest.Recorder();

    try (MailboxWatcher watcher = connector.watcher(FAST)) {
      WatchedMailbox inbox = watcher.add(withToken, "INBOX", SyncCursor.beginning(), recorder);
      assertThat(Suite.await(Suite.ARRIVAL, () -> inbox.state() == WatchState.LISTENING
          ? true : null)).as("%s", servers.logs()).isNotNull();
      String appended = "appended " + UUID.randomUUID();
      servers.append(anna, "INBOX", Suite.rfc822(anna, appended, "<" + UUID.randomUUID()
          + "@lumyvo.test>"));
      assertThat(Suite.await(Suite.ARRIVAL, () -> recorder.has(appended) ? true : null))
          .isNotNull();
      assertThat(recorder.stopped.get()).isNull();
    }
    assertThat(source.refreshes).hasValue(0);
    assertThat(logShows("dovecot-oauth.log",
        "Login: user=<oauth-watch@lumyvo.test>, method=OAUTHBEARER")).isTrue();
  }

  @Test
  void theManyMailboxWatcherRefreshesAnExpiredJwtOnceOverXoauth2() throws Exception {
    MailAccount anna = servers.account("oauth-watch-expired");
    Source source = new Source(anna, servers.accessToken(anna, Instant.now().minusSeconds(60)));
    MailAccount withToken = tokenAccount(anna, source, servers.imapsWithXoauth2Only());
    MailboxWatcherCompatibilityTest.Recorder recorder =
        new MailboxWatcherCompatibilityTest.Recorder();

    try (MailboxWatcher watcher = connector.watcher(FAST)) {
      WatchedMailbox inbox = watcher.add(withToken, "INBOX", SyncCursor.beginning(), recorder);
      assertThat(Suite.await(Suite.ARRIVAL, () -> inbox.state() == WatchState.LISTENING
          ? true : null)).as("%s", servers.logs()).isNotNull();
      String appended = "after refresh " + UUID.randomUUID();
      servers.append(anna, "INBOX", Suite.rfc822(anna, appended, "<" + UUID.randomUUID()
          + "@lumyvo.test>"));
      assertThat(Suite.await(Suite.ARRIVAL, () -> recorder.has(appended) ? true : null))
          .isNotNull();
      assertThat(recorder.stopped.get()).isNull();
      assertThat(watcher.stats().logins()).isEqualTo(1); // the refused one never logged in
    }
    assertThat(source.refreshes).hasValue(1);
    assertThat(logShows("dovecot-xoauth2.log",
        "Login: user=<oauth-watch-expired@lumyvo.test>, method=XOAUTH2")).isTrue();
  }
}
