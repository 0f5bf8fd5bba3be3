package com.lumyvo.providers.mail.internal;

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
import com.lumyvo.providers.mail.ConnectionStep;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
import com.lumyvo.providers.mail.mailbox.MailFolder;
import com.lumyvo.providers.mail.mailbox.MailboxSession;
import com.lumyvo.providers.mail.mailbox.MessageSummary;
import com.lumyvo.providers.mail.mailbox.MessageTooLargeException;
import com.lumyvo.providers.mail.mailbox.SpecialUse;
import com.lumyvo.providers.mail.mailbox.SyncBatch;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link MailboxSession} does, on Angus Mail: the one connection, its lock and deadline,
 * and the operations. {@link MailboxSession} is its public face and documents the behaviour.
 */
public final class ImapSession {
  private static final Logger log = LoggerFactory.getLogger(MailboxSession.class);
  /** Enough to keep the link busy, small enough that one batch stays a few hundred kB. */
  public static final int DEFAULT_BATCH = 1_000;

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

  /** A listing of new messages, of which those from {@code next} on are still to be fetched. */
  private record Listing(IMAPFolder folder, long uidValidity, long afterUid, List<Long> uids,
      int next) {}

  public ImapSession(IMAPStore store, MailAccount account, ErrorClassifier classifier,
      Progress progress, Duration deadline, ScheduledExecutorService timer) {
    this.store = store;
    this.account = account;
    this.classifier = classifier;
    this.progress = progress;
    this.deadline = deadline;
    this.timer = timer;
    this.redactor = Secrets.redactor(account, progress);
  }

  /** As {@link MailboxSession#account} says. */
  public MailAccount account() {
    return account;
  }

  /** As {@link MailboxSession#folders} says. */
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

  /** As {@link MailboxSession#folder} says. */
  public Optional<MailFolder> folder(SpecialUse use) {
    Objects.requireNonNull(use, "use");
    List<MailFolder> all = folders();
    return all.stream().filter(f -> f.announced() && f.specialUse().equals(Optional.of(use)))
        .findFirst()
        .or(() -> all.stream().filter(f -> f.specialUse().equals(Optional.of(use))).findFirst());
  }

  /** As {@link MailboxSession#createFolder} says. */
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

  /** As {@link MailboxSession#sync} says. */
  public SyncBatch sync(String folder, SyncCursor cursor) {
    return sync(folder, cursor, DEFAULT_BATCH);
  }

  /** As {@link MailboxSession#sync} says. */
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
      int from = 0;
      if (pending != null && pending.folder() == f && pending.uidValidity() == validity
          && pending.afterUid() == cursor.lastUid()) {
        listed = pending.uids();
        from = pending.next();
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
      int n = Math.min(limit, listed.size() - from);
      List<Long> batch = listed.subList(from, from + n);
      List<MessageSummary> found = n == 0 ? List.of() : summaries.fetch(commands(), batch);
      // Past every UID of the batch: one that vanished meanwhile cannot be handled later either.
      long last = n == 0 ? cursor.lastUid() : batch.get(n - 1);
      int next = from + n;
      // The listing is kept whole, never changed again, and read on from where this batch ends.
      pending = next >= listed.size() ? null : new Listing(f, validity, last, listed, next);
      boolean more = next < listed.size() || count.arrivedSinceListing();
      return new SyncBatch(folder, found, new SyncCursor(validity, last), false, more);
    });
  }

  /** As {@link MailboxSession#writeMessage} says. */
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

  /** As {@link MailboxSession#message} says. */
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
        throw Bridges.mailbox().tooLarge(uid, size, maxBytes);
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

  /** As {@link MailboxSession#move} says. */
  public int move(String folder, Collection<Long> uids, String target) {
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(uids, "uids");
    Objects.requireNonNull(target, "target");
    return run("moving messages", () -> {
      select(folder);
      return new SafeMove(commands(), folder, target).move(uids);
    });
  }

  /** As {@link MailboxSession#setFlags} says. */
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

  /** As {@link MailboxSession#count} says. */
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
    return new IMAPCommands(open, count, progress);
  }

  /** Opens {@code name} read-write, unless it is the folder open already. */
  public IMAPFolder select(String name) throws MessagingException {
    // Not open.isOpen(): Angus answers it with a NOOP whenever the connection has been quiet
    // for a second (IMAPFolder.keepConnectionAlive), one more round trip per batch whenever the
    // listener or a busy machine takes that long. The folder cannot have been closed behind
    // this session's back: whatever breaks it fails the operation, and a failed session takes
    // no further command (run refuses it).
    if (open != null && open.getFullName().equals(name)) {
      return open;
    }
    pending = null;
    if (open != null) {
      open.close(false); // UNSELECT; the connection goes back to the store for the next folder
    }
    IMAPFolder folder = (IMAPFolder) store.getFolder(name);
    folder.open(Folder.READ_WRITE);
    open = folder;
    count.selected(folder.getMessageCount());
    return folder;
  }

  public boolean hasCapability(String capability) throws MessagingException {
    if (open != null) {
      return (Boolean) open.doCommand(p -> p.hasCapability(capability));
    }
    return store.hasCapability(capability);
  }

  public interface Action<T> {
    T run() throws MessagingException, ProtocolException;
  }

  /**
   * Runs one operation under the lock and the deadline; a failure becomes a {@link
   * MailOperationException} with its diagnosis, or a {@link SessionClosedException}.
   */
  public <T> T run(String what, Action<T> action) {
    return run(what, action, true);
  }

  /** {@link #run(String, Action)} without the deadline: for IDLE, which has its own wake-up. */
  public <T> T runWithoutDeadline(String what, Action<T> action) {
    return run(what, action, false);
  }

  private <T> T run(String what, Action<T> action, boolean bounded) {
    lock.lock();
    try {
      if (closed || failed) {
        throw Bridges.mailbox().closed("the session is closed"
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
      return Bridges.mailbox().closed("the session was closed while " + what);
    }
    Throwable error = progress.failure(thrown);
    if (progress.broken() || lostConnection(thrown)) {
      failed = true;
      progress.abort();
    }
    Diagnosis diagnosis = classifier.classify(Secrets.addTo(Evidence.builder()
        .protocol(Protocol.IMAP).provider(account.provider()).error(error), account, progress)
        .build());
    log.debug("{} failed for {}: {}", what, account.address(), diagnosis.kind());
    return Bridges.root().failed(diagnosis, ConnectionStep.COMMAND, error, redactor);
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

  /** As {@link MailboxSession#isOpen} says. */
  public boolean isOpen() {
    return !closed && !failed;
  }

  /** As {@link MailboxSession#close} says. */
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
      // Not open.isOpen(), which would cost a NOOP before the LOGOUT after a quiet second
      // (see select); a folder closed under us only makes the LOGOUT fail, which is logged.
      if (!failed && !progress.broken() && open != null) {
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
  public void abort() {
    progress.abort();
  }

  @Override
  public String toString() {
    return "MailboxSession[" + account.address() + (isOpen() ? "" : ", closed") + "]";
  }
}
