package com.lumyvo.providers.mail;

import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.diagnosis.CredentialRedactor;
import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.diagnosis.ErrorClassifier;
import com.lumyvo.providers.diagnosis.Evidence;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IMAP connection to a mailbox, reused across calls: folders, incremental sync, whole
 * messages as streams, moving and flagging. Obtain it from {@link MailConnector#open}; close it
 * when done.
 *
 * <p>Operations run one at a time (IMAP is one conversation), each within the connector's
 * deadline: a server that drips its answer is cut off when the deadline passes. {@link #close()}
 * may be called from any thread; it ends a running operation at once, which then fails with a
 * {@link SessionClosedException}. Every other failure is a {@link MailOperationException} with a
 * {@link Diagnosis}; a failure that leaves the connection unusable (it dropped, the server broke
 * the protocol or the deadline passed) closes the session, and a new one picks up from the
 * caller's {@link SyncCursor}. The session never reconnects or logs in again on its own, and
 * {@link #isOpen()} never touches the network.
 *
 * <p>Everything runs on the session's one connection. Reading never marks messages as seen.
 */
public final class MailboxSession implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MailboxSession.class);
  /** Enough to keep the link busy, small enough that one batch stays a few hundred kB. */
  static final int DEFAULT_BATCH = 1_000;

  private final IMAPStore store;
  private final MailAccount account;
  private final ErrorClassifier classifier;
  private final Progress progress;
  private final Duration deadline;
  private final ScheduledExecutorService timer;
  private final CredentialRedactor redactor;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile boolean closed;
  private volatile boolean failed;
  private boolean cleanedUp;

  /** The folder the connection has selected, as Angus knows it; null before the first. */
  private IMAPFolder open;
  private final SummaryReader summaries = new SummaryReader();
  /** The rest of the last listing of new messages, so that the next batch need not list again. */
  private Listing pending;
  /**
   * Messages the server announced (EXISTS) beyond what the pending listing holds: mail that
   * arrived after it was made.
   */
  private final MailboxCount count = new MailboxCount();

  private record Listing(IMAPFolder folder, long uidValidity, long afterUid, List<Long> uids) {}

  MailboxSession(IMAPStore store, MailAccount account, ErrorClassifier classifier,
      Progress progress, Duration deadline, ScheduledExecutorService timer) {
    this.store = store;
    this.account = account;
    this.classifier = classifier;
    this.progress = progress;
    this.deadline = deadline;
    this.timer = timer;
    this.redactor = CredentialRedactor.of(account.password());
  }

  /** The account this session is logged in to. */
  public MailAccount account() {
    return account;
  }

  /** Every folder, with its special use where the server announces it or its name tells. */
  public List<MailFolder> folders() {
    return run("listing folders", this::listFolders);
  }

  private List<MailFolder> listFolders() throws MessagingException {
    List<MailFolder> folders = new ArrayList<>();
    for (jakarta.mail.Folder folder : listed("*")) {
      IMAPFolder imap = (IMAPFolder) folder;
      Optional<SpecialUse> announced = Optional.empty();
      for (String attribute : imap.getAttributes()) {
        announced = announced.or(() -> SpecialUse.ofAttribute(attribute));
      }
      folders.add(announced.isPresent()
          ? new MailFolder(imap.getFullName(), announced, true)
          : new MailFolder(imap.getFullName(),
              SpecialUse.ofName(imap.getFullName(), imap.getSeparator()), false));
    }
    return folders;
  }

  /**
   * LIST on the session's connection. Jakarta's store-level list would take a second
   * connection, and log in again, while a folder holds the first.
   */
  private jakarta.mail.Folder[] listed(String pattern) throws MessagingException {
    if (open == null) {
      return store.getDefaultFolder().list(pattern);
    }
    Object result = open.doCommand(p -> p.list("", pattern));
    org.eclipse.angus.mail.imap.protocol.ListInfo[] infos =
        (org.eclipse.angus.mail.imap.protocol.ListInfo[]) result;
    if (infos == null) {
      return new jakarta.mail.Folder[0];
    }
    List<jakarta.mail.Folder> folders = new ArrayList<>();
    for (org.eclipse.angus.mail.imap.protocol.ListInfo info : infos) {
      folders.add(new ListedFolder(info, store));
    }
    return folders.toArray(jakarta.mail.Folder[]::new);
  }

  /** A folder known from a LIST answer; only its names and attributes are used. */
  private static final class ListedFolder extends IMAPFolder {
    ListedFolder(org.eclipse.angus.mail.imap.protocol.ListInfo info, IMAPStore store) {
      super(info, store);
    }
  }

  /** The folder for {@code use}: the announced one first, else one whose name says so. */
  public Optional<MailFolder> folder(SpecialUse use) {
    Objects.requireNonNull(use, "use");
    List<MailFolder> all = folders();
    return all.stream().filter(f -> f.announced() && f.specialUse().equals(Optional.of(use)))
        .findFirst()
        .or(() -> all.stream().filter(f -> f.specialUse().equals(Optional.of(use))).findFirst());
  }

  /**
   * Creates {@code name} as a folder.
   *
   * @return true if it was created, false if it existed already
   * @throws MailOperationException if the server refuses, with the diagnosis
   */
  public boolean createFolder(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a folder name cannot be blank");
    }
    return run("creating a folder", () -> {
      if (listed(name).length > 0) {
        return false;
      }
      Argument mailbox = new Argument().writeString(BASE64MailboxEncoder.encode(name));
      IMAPCommands.Result created = open == null
          ? createOnStore(mailbox) : commands().raw("CREATE", mailbox);
      if (!created.ok() && created.text().contains("[ALREADYEXISTS]")) {
        return false;
      }
      if (!created.ok()) {
        throw new MessagingException("the server refused to create " + name + ": "
            + created.text());
      }
      return true;
    });
  }

  private IMAPCommands.Result createOnStore(Argument mailbox) throws MessagingException {
    // No folder holds the connection yet: the store's own, which a later SELECT takes over.
    Object responses = ((IMAPFolder) store.getDefaultFolder()).doCommand(
        p -> p.command("CREATE", mailbox));
    return new IMAPCommands.Result((Response[]) responses);
  }

  /** {@link #sync(String, SyncCursor, int)} with batches of 1,000 messages. */
  public SyncBatch sync(String folder, SyncCursor cursor) {
    return sync(folder, cursor, DEFAULT_BATCH);
  }

  /**
   * The messages that arrived in {@code folder} after {@code cursor}, at most {@code limit},
   * oldest first, fetched with one UID FETCH for the whole batch. Messages stay unseen.
   *
   * <p>The first call lists the new messages with one UID SEARCH; further calls go on through
   * that listing without asking again, and {@link SyncBatch#more()} is true exactly while it
   * holds messages, or the server announced mail that arrived after it was made. A session kept
   * open sees new mail on its next call.
   *
   * @throws IllegalArgumentException if {@code limit} is not positive
   * @throws MailOperationException if the folder does not exist or the connection fails
   */
  public SyncBatch sync(String folder, SyncCursor cursor, int limit) {
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(cursor, "cursor");
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive, was " + limit);
    }
    return run("syncing " + folder, () -> {
      IMAPFolder f = select(folder);
      long validity = f.getUIDValidity();
      if (cursor.uidValidity() != 0 && cursor.uidValidity() != validity) {
        pending = null;
        log.info("UIDVALIDITY of {} changed from {} to {}", folder, cursor.uidValidity(), validity);
        return new SyncBatch(folder, List.of(), new SyncCursor(validity, 0), true, false);
      }
      List<Long> listed;
      if (pending != null && pending.folder() == f && pending.uidValidity() == validity
          && pending.afterUid() == cursor.lastUid()) {
        listed = pending.uids();
      } else {
        String range = "UID " + (cursor.lastUid() + 1) + ":*";
        listed = commands().listUids(range);
        if (count.arrivedSinceListing()) {
          // The server announced mail after answering (Dovecot looks for new mail at the end
          // of a command): it exists now, so ask once more rather than return it a call late.
          listed = commands().listUids(range);
        }
        // "n:*" matches the newest message even when its UID is below n (RFC 3501 6.4.8).
        listed.removeIf(uid -> uid <= cursor.lastUid());
      }
      int n = Math.min(limit, listed.size());
      List<Long> batch = listed.subList(0, n);
      List<MessageSummary> found = n == 0 ? List.of() : summaries.fetch(commands(), batch);
      // Past every UID of the batch: one that vanished meanwhile cannot be handled later either.
      long last = n == 0 ? cursor.lastUid() : batch.get(n - 1);
      List<Long> rest = List.copyOf(listed.subList(n, listed.size()));
      pending = rest.isEmpty() ? null : new Listing(f, validity, last, rest);
      boolean more = !rest.isEmpty() || count.arrivedSinceListing();
      return new SyncBatch(folder, found, new SyncCursor(validity, last), false, more);
    });
  }

  /**
   * Writes the whole message, as the server stores it, to {@code out}: read in pieces of a
   * megabyte, never held in memory, and without marking it seen.
   *
   * @return the bytes written, or -1 if there is no message with that UID (moved or deleted)
   */
  public long writeMessage(String folder, long uid, OutputStream out) {
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(out, "out");
    return run("reading message " + uid, () -> {
      IMAPFolder f = select(folder);
      return copyMessage(f, uid, out);
    });
  }

  private long copyMessage(IMAPFolder f, long uid, OutputStream out) throws MessagingException {
    jakarta.mail.Message message = f.getMessageByUID(uid);
    if (message == null || message.isExpunged()) {
      return -1L;
    }
    try (InputStream in = ((IMAPMessage) message).getMimeStream()) {
      return in.transferTo(out);
    } catch (IOException e) {
      throw new MessagingException("reading message " + uid + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * The whole message as a {@link MimeMessage}, to read or {@link MailConnector#reply reply to},
   * if it is at most {@code maxBytes} long; larger ones are refused before a byte of their body
   * is read. Does not mark it seen.
   *
   * @return the message, or empty if there is no message with that UID
   * @throws MessageTooLargeException if the message is larger than {@code maxBytes}
   * @throws IllegalArgumentException if {@code maxBytes} is not positive
   */
  public Optional<MimeMessage> message(String folder, long uid, long maxBytes) {
    Objects.requireNonNull(folder, "folder");
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
    }
    byte[] bytes = run("reading message " + uid, () -> {
      IMAPFolder f = select(folder);
      long size = commands().size(uid);
      if (size < 0) {
        return null;
      }
      if (size > maxBytes) {
        throw new MessageTooLargeException(uid, size, maxBytes);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream((int) size);
      OutputStream capped = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          if (out.size() + (long) len > maxBytes) {
            throw new IOException("message " + uid + " grew past " + maxBytes + " bytes");
          }
          out.write(b, off, len);
        }
      };
      return copyMessage(f, uid, capped) < 0 ? null : out.toByteArray();
    });
    if (bytes == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new MimeMessage(Session.getInstance(new java.util.Properties()),
          new ByteArrayInputStream(bytes)));
    } catch (MessagingException e) {
      throw new IllegalStateException("message " + uid + " cannot be parsed", e);
    }
  }

  /**
   * Moves messages by UID to {@code target}, on the session's one connection. Uses MOVE where
   * the server has it, which is atomic. Otherwise copies, flags the originals {@code \Deleted}
   * and removes exactly them with UID EXPUNGE (UIDPLUS); without UIDPLUS a plain EXPUNGE is sent
   * only when no other message in the folder is {@code \Deleted}, else the moved ones stay
   * flagged.
   *
   * <p>Without MOVE, a move cut short can be repeated and copies nothing twice, and nothing is
   * ever removed from {@code folder} that is not in {@code target}: before copying, each message
   * is looked for in {@code target} by its size and a SHA-256 of its whole header, which a copy
   * keeps byte for byte. A message counts as already copied only when one there matches both;
   * a different message that merely shares the Message-ID (a resend, a mailing-list duplicate)
   * has other headers (Received, Date) and is not taken for the copy. What is removed from
   * {@code folder} is only what the server confirmed copied (a successful COPY is atomic, RFC
   * 3501 6.4.7) or what matched that way.
   *
   * @return how many of the UIDs were found and moved
   * @throws MailOperationException if {@code target} does not exist (MAILBOX_NOT_FOUND) or the
   *     connection fails
   */
  public int move(String folder, Collection<Long> uids, String target) {
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(uids, "uids");
    Objects.requireNonNull(target, "target");
    return run("moving messages", () -> {
      select(folder);
      return new SafeMove(commands(), folder, target).move(uids);
    });
  }

  /**
   * Sets or clears flags on messages by UID: {@code \Seen}, {@code \Flagged}, {@code
   * \Answered}, or keywords.
   *
   * @return how many of the UIDs were found
   */
  public int setFlags(String folder, Collection<Long> uids, Flags flags, boolean set) {
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(uids, "uids");
    Objects.requireNonNull(flags, "flags");
    return run("flagging messages", () -> {
      select(folder);
      List<Long> found = commands().present(uids);
      if (!found.isEmpty()) {
        commands().store(found, flags, set);
      }
      return found.size();
    });
  }

  /** How many messages {@code folder} holds that are not flagged {@code \Deleted}. */
  public int count(String folder) {
    Objects.requireNonNull(folder, "folder");
    // Asked of the server, not of the client's cache: some servers (GreenMail among them) send
    // no EXPUNGE responses after MOVE, which would leave a cached count stale.
    return run("counting " + folder, () -> {
      select(folder);
      return commands().searchUids("UNDELETED").size();
    });
  }

  /** Commands on the selected folder's connection. */
  private IMAPCommands commands() {
    return new IMAPCommands(open, count);
  }

  /** Opens {@code name} read-write, unless it is the folder open already. */
  IMAPFolder select(String name) throws MessagingException {
    if (open != null && open.isOpen() && open.getFullName().equals(name)) {
      return open;
    }
    pending = null;
    if (open != null && open.isOpen()) {
      open.close(false); // UNSELECT; the connection goes back to the store for the next folder
    }
    IMAPFolder folder = (IMAPFolder) store.getFolder(name);
    folder.open(Folder.READ_WRITE);
    open = folder;
    count.selected(folder.getMessageCount());
    return folder;
  }

  boolean hasCapability(String capability) throws MessagingException {
    if (open != null) {
      return (Boolean) open.doCommand(p -> p.hasCapability(capability));
    }
    return store.hasCapability(capability);
  }

  interface Action<T> {
    T run() throws MessagingException, ProtocolException;
  }

  /**
   * Runs one operation under the lock and the deadline; a failure becomes a {@link
   * MailOperationException} with its diagnosis, or a {@link SessionClosedException}.
   */
  <T> T run(String what, Action<T> action) {
    return run(what, action, true);
  }

  /** {@link #run(String, Action)} without the deadline: for IDLE, which has its own wake-up. */
  <T> T runWithoutDeadline(String what, Action<T> action) {
    return run(what, action, false);
  }

  private <T> T run(String what, Action<T> action, boolean bounded) {
    lock.lock();
    try {
      if (closed || failed) {
        throw new SessionClosedException("the session is closed"
            + (failed ? " after a failure" : "") + "; open a new one");
      }
      ScheduledFuture<?> timeout = bounded ? progress.abortAfter(deadline, timer) : null;
      try {
        return action.run();
      } catch (IllegalArgumentException | MessageTooLargeException e) {
        throw e;
      } catch (Throwable e) { // an Error too: the caller gets a diagnosis, never a dead thread
        throw failure(what, e);
      } finally {
        if (timeout != null) {
          timeout.cancel(false);
        }
      }
    } finally {
      try {
        if (closed || failed) {
          cleanUp();
        }
      } finally {
        lock.unlock();
      }
    }
  }

  private RuntimeException failure(String what, Throwable thrown) {
    if (closed) {
      return new SessionClosedException("the session was closed while " + what);
    }
    Throwable error = progress.failure(thrown);
    if (progress.broken() || lostConnection(thrown)) {
      failed = true;
      progress.abort();
    }
    Diagnosis diagnosis = classifier.classify(Evidence.builder().protocol(Protocol.IMAP)
        .provider(account.provider()).error(error).secret(account.password()).build());
    log.debug("{} failed for {}: {}", what, account.address(), diagnosis.kind());
    return new MailOperationException(diagnosis, ConnectionStep.COMMAND, error, redactor);
  }

  /** Whether the connection is gone or unusable after {@code error}. */
  private static boolean lostConnection(Throwable error) {
    int depth = 0;
    for (Throwable t = error; t != null && depth++ < 16; t = t.getCause()) {
      if (t instanceof Error || t instanceof IOException
          || t instanceof jakarta.mail.StoreClosedException
          || t instanceof jakarta.mail.FolderClosedException
          || t instanceof org.eclipse.angus.mail.iap.ConnectionException
          || t instanceof IllegalStateException) {
        return true;
      }
    }
    return false;
  }

  /** Whether the session can take another operation; never touches the network. */
  public boolean isOpen() {
    return !closed && !failed;
  }

  /**
   * Logs out (never expunges). From another thread while an operation runs, it closes the
   * connection at once instead; that operation fails with a {@link SessionClosedException}.
   */
  @Override
  public void close() {
    closed = true;
    if (lock.tryLock()) {
      try {
        cleanUp();
      } finally {
        lock.unlock();
      }
    } else {
      progress.abort(); // the running operation fails at once and cleans up
    }
  }

  /** LOGOUT if the connection is still good, then release everything Angus holds. */
  private void cleanUp() {
    if (cleanedUp) {
      return;
    }
    cleanedUp = true;
    pending = null;
    ScheduledFuture<?> timeout = progress.abortAfter(deadline, timer);
    try {
      if (!failed && !progress.broken() && open != null && open.isOpen()) {
        open.doCommand(p -> {
          p.logout(); // one round trip; no UNSELECT first
          return null;
        });
      }
    } catch (MessagingException | RuntimeException e) {
      log.debug("logging out failed: {}", redactor.redact(String.valueOf(e)));
    } finally {
      timeout.cancel(false);
      progress.abort();
      try {
        if (open != null) {
          open.forceClose();
        }
        store.close();
      } catch (MessagingException | RuntimeException e) {
        log.debug("releasing the connection failed: {}", redactor.redact(String.valueOf(e)));
      }
      open = null;
    }
  }

  /** Closes the connection from another thread, ending a blocked IDLE or read at once. */
  void abort() {
    progress.abort();
  }

  @Override
  public String toString() {
    return "MailboxSession[" + account.address() + (isOpen() ? "" : ", closed") + "]";
  }
}
