package com.lumyvo.providers.mail.internal;

import com.lumyvo.providers.diagnosis.CredentialRedactor;
import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.mail.ConnectionStep;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailOperationException;
import com.lumyvo.providers.mail.mailbox.MailboxSession;
import com.lumyvo.providers.mail.mailbox.MessageTooLargeException;
import com.lumyvo.providers.mail.mailbox.SessionClosedException;
import com.lumyvo.providers.mail.watch.FolderWatch;
import com.lumyvo.providers.oauth.TokenSource;
import java.util.Optional;

/**
 * How this package reaches the constructors the public packages keep to themselves (the JDK's
 * "shared secrets" pattern): each public class registers its bridge when it is initialized, so
 * that no exported type needs a public constructor that takes an Angus or internal type.
 */
public final class Bridges {
  /** What the root package lets this package make. */
  public interface Root {
    MailOperationException failed(Diagnosis diagnosis, ConnectionStep step, Throwable cause,
        CredentialRedactor redactor);
  }

  /** What the root package's account lets this package see: exactly one of the two is there. */
  public interface Accounts {
    Optional<AppPassword> appPassword(MailAccount account);

    Optional<TokenSource> tokens(MailAccount account);

    /**
     * The app password, for code on a password-only path (a login that has already checked
     * the account has no token source).
     *
     * @throws IllegalStateException for an account that signs in with tokens
     */
    default AppPassword password(MailAccount account) {
      return appPassword(account).orElseThrow(() -> new IllegalStateException(account.address()
          + " signs in with OAuth 2.0 tokens, not with a password"));
    }
  }

  /** What the mailbox package lets this package make and see. */
  public interface Mailbox {
    MailboxSession wrap(ImapSession session);

    ImapSession unwrap(MailboxSession session);

    SessionClosedException closed(String message);

    MessageTooLargeException tooLarge(long uid, long size, long limit);
  }

  /** What the watch package lets this package make. */
  public interface Watch {
    FolderWatch wrap(WatchLoop loop);
  }

  private static volatile Root root;
  private static volatile Accounts accounts;
  private static volatile Mailbox mailbox;
  private static volatile Watch watch;

  private Bridges() {}

  public static void registerRoot(Root bridge) {
    root = bridge;
  }

  public static void registerAccounts(Accounts bridge) {
    accounts = bridge;
  }

  public static void registerMailbox(Mailbox bridge) {
    mailbox = bridge;
  }

  public static void registerWatch(Watch bridge) {
    watch = bridge;
  }

  public static Root root() {
    initialize(MailOperationException.class);
    return root;
  }

  public static Accounts accounts() {
    initialize(MailAccount.class);
    return accounts;
  }

  public static Mailbox mailbox() {
    initialize(MailboxSession.class);
    return mailbox;
  }

  public static Watch watch() {
    initialize(FolderWatch.class);
    return watch;
  }

  private static void initialize(Class<?> type) {
    try {
      Class.forName(type.getName(), true, type.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("the SDK is incomplete: " + type.getName(), e);
    }
  }
}
