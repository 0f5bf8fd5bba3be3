package com.lumyvo.providers.mail.watch;

import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import java.util.List;

/**
 * Watches many mailboxes for new mail with a small, fixed number of threads, whatever their
 * number; created by {@link MailConnector#watcher}. A service adds and removes mailboxes at
 * runtime, each with its stored {@link SyncCursor} and a {@link MailboxListener}.
 *
 * <pre>{@code
 * MailboxWatcher watcher = connector.watcher(WatcherOptions.defaults());
 * WatchedMailbox inbox = watcher.add(account, "INBOX", storedCursor, listener);
 * ...
 * SyncCursor handOver = watcher.remove(inbox);   // store it; another instance resumes from it
 * }</pre>
 *
 * <h2>Delivery</h2>
 * At least once. Each message is identified by {@code (UIDVALIDITY, UID)}: the folder's {@link
 * SyncCursor#uidValidity()} and {@link com.lumyvo.providers.mail.mailbox.MessageSummary#uid()};
 * that pair is the key a service deduplicates on. A batch may come again after a failure (the
 * listener threw, the connection broke during the listener's call, or the service restarted
 * from an older cursor), never is a message skipped: the cursor moves past a batch only once
 * {@link MailboxListener#onMessages} has returned normally, and {@link WatchedMailbox#cursor()}
 * and {@link #remove} only ever return such a cursor, so it is always safe to store.
 *
 * <h2>Connections</h2>
 * One IMAP connection per watched account (a login at a server), whatever the number of its
 * watched folders, for as long as one of them is watched. It idles (RFC 2177 IDLE; a NOOP poll
 * on servers without IDLE) in the account's first watched folder, normally INBOX. It hears of
 * new mail in the account's other watched folders through NOTIFY (RFC 5465) where the server
 * offers it (Dovecot does), else it checks them with STATUS (UIDNEXT UIDVALIDITY) between two
 * IDLEs every {@link WatcherOptions#pollInterval()}. New mail is fetched over that same connection (it ends
 * IDLE, selects the folder, lists the UIDs after the cursor and fetches their summaries in
 * batches as {@link com.lumyvo.providers.mail.mailbox.MailboxSession#sync} would, then idles
 * again), so a fetch never opens a second connection. Removing a folder keeps the connection for
 * the account's other folders (if it was the idle folder, the next one takes its place);
 * removing the last closes it.
 *
 * <p>Providers cap connections per user: Dovecot at 10 per user and client address by default
 * ({@code mail_max_userip_connections}), Gmail at about 15 per account. The watcher takes one of
 * them per watched account, so a service on one address that also opens {@link
 * com.lumyvo.providers.mail.mailbox.MailboxSession}s for that account has the other 9 on a
 * default Dovecot; a second watcher (another instance watching the same account) would take one
 * more. The same login at the same server with another password, or another {@link
 * com.lumyvo.providers.oauth.TokenSource}, is a connection of its own.
 *
 * <h2>Accounts with tokens</h2>
 * An account built with a {@link com.lumyvo.providers.oauth.TokenSource} is watched like one
 * with an app password. Its connection signs in with {@code AUTHENTICATE OAUTHBEARER} (RFC 7628)
 * where the server announces it, else {@code XOAUTH2}, never with the token as a password. The
 * source is asked for a token on the watcher's handshake threads, never on its I/O threads, so
 * the connections already listening go on while a token endpoint is slow; a source that has not
 * answered within the connector's deadline is interrupted and that attempt fails with {@code
 * TIMEOUT}, retried after the backoff, so a hanging token endpoint cannot hold the handshake
 * threads the other accounts need. When the server refuses a token at login, the source is
 * asked once for a fresh one ({@link com.lumyvo.providers.oauth.TokenSource#refresh}) and the
 * account logs in once more on a new connection, before anything reaches the {@link
 * WatchPolicy} or the listener; never more than once per refusal, and never for an app-password
 * account. When a server ends a watched session because its token expired (Microsoft's {@code *
 * BYE Session invalidated - AccessTokenExpired}, reported to the listener as a retryable
 * failure with those words), the watch reconnects after the backoff with a token refreshed once,
 * rather than the spent one; when a server keeps such sessions and only a later login is
 * refused, that refusal is refreshed as above. Either way the watch catches up from its cursor
 * and goes on: nothing is lost. A revoked grant (the source
 * throws {@link com.lumyvo.providers.oauth.TokenUnavailableException} with reason {@code
 * REVOKED}) or a token refused again after the refresh as revoked or lacking the mail scope
 * ({@code TOKEN_REVOKED}, {@code TOKEN_SCOPE_MISSING}) stops the watch by default, with {@code
 * stopped = true}, and the watcher never logs in to it again; a token still refused as expired
 * after the refresh ({@code TOKEN_EXPIRED}), or a token endpoint that is down, backs off and
 * tries again. Tokens are redacted from every diagnosis, exception and log line, as passwords
 * are.
 *
 * <h2>Failures</h2>
 * What happens after a failure is the {@link WatchPolicy}'s decision. By default a rejected login
 * (wrong password, app password required, access disabled), a missing folder or an unsupported
 * plan stop that mailbox's watch: {@link MailboxListener#onFailure} is called with {@code
 * stopped = true} and the watcher never logs in to it again until it is removed and added
 * again. Any other failure (a dropped or frozen connection, a server restart, a timeout, a
 * listener that threw) is retried after an exponential backoff with jitter, and at most {@link
 * WatcherOptions#maxConcurrentHandshakes()} connections are set up at once, so that after a
 * server restart thousands of mailboxes come back spread out, not all at once. A failure of the
 * account's connection (a rejected login, a drop) is every one of its folders': they retry
 * together, with one login, or stop together after one attempt. A failure of one folder (it is
 * missing, its listener threw) is that folder's alone; the connection goes on for the others.
 *
 * <h2>Threads</h2>
 * Thread-safe. The watcher's threads are fixed by its {@link WatcherOptions}: {@link
 * WatcherOptions#ioThreads()} that multiplex every connection, {@link
 * WatcherOptions#handshakeThreads()} for DNS and TLS handshake work, and {@link
 * WatcherOptions#fetchThreads()} that fetch new mail and call listeners, one call at a time per
 * account (its folders take turns on its connection). Logins of the idle connections never wait
 * for fetches, so a busy listener cannot starve them; nothing of a fetch is parsed on the I/O
 * thread.
 */
public interface MailboxWatcher extends AutoCloseable {
  /**
   * Starts watching {@code folder} of {@code account} from {@code cursor}: messages after it are
   * delivered to {@code listener}, first those already there, then new ones as they arrive.
   *
   * @param cursor where the service's handling got to; {@link SyncCursor#beginning()} for all
   * @param account an account with an app password or with a token source
   * @throws IllegalStateException if this folder of this account is watched already, or the
   *     watcher is closed
   */
  WatchedMailbox add(MailAccount account, String folder, SyncCursor cursor,
      MailboxListener listener);

  /**
   * Stops watching {@code mailbox} and returns its latest safe cursor, after any batch being
   * handled at that moment has been handled (or refused). A batch fetched but not yet handed to
   * the listener is dropped and comes again to whoever resumes from the cursor.
   *
   * @throws IllegalArgumentException if {@code mailbox} is not of this watcher
   */
  SyncCursor remove(WatchedMailbox mailbox);

  /** The mailboxes watched now, stopped ones included until they are removed. */
  List<WatchedMailbox> mailboxes();

  /** The counters and gauges, at this moment: export them to the service's metrics. */
  WatcherStats stats();

  /**
   * Stops every watch, closes every connection and ends the watcher's threads. The cursors stay
   * readable through {@link WatchedMailbox#cursor()}.
   */
  @Override
  void close();
}
