package com.lumyvo.providers.mail.internal;

import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.watch.MailboxListener;
import com.lumyvo.providers.mail.watch.MailboxWatcher;
import com.lumyvo.providers.mail.watch.WatchedMailbox;
import com.lumyvo.providers.mail.watch.WatcherStats;
import java.util.List;

/**
 * The many-mailbox watcher, refusing token accounts at the door: its connections log in with
 * passwords only ({@link IdleConnection}), and a token account reaching one would fail on the
 * watcher's own event loop instead of at the caller. To go once that login learns OAUTHBEARER
 * and XOAUTH2 ({@link OAuthSasl} has the messages).
 */
public final class PasswordAccountsOnly implements MailboxWatcher {
  private final MailboxWatcher watcher;

  public PasswordAccountsOnly(MailboxWatcher watcher) {
    this.watcher = watcher;
  }

  @Override
  public WatchedMailbox add(MailAccount account, String folder, SyncCursor cursor,
      MailboxListener listener) {
    if (account != null && account.usesTokens()) {
      throw new IllegalArgumentException(account.address() + " signs in with OAuth 2.0 tokens,"
          + " which the many-mailbox watcher cannot send yet; watch it with"
          + " MailConnector.watch");
    }
    return watcher.add(account, folder, cursor, listener);
  }

  @Override
  public SyncCursor remove(WatchedMailbox mailbox) {
    return watcher.remove(mailbox);
  }

  @Override
  public List<WatchedMailbox> mailboxes() {
    return watcher.mailboxes();
  }

  @Override
  public WatcherStats stats() {
    return watcher.stats();
  }

  @Override
  public void close() {
    watcher.close();
  }
}
