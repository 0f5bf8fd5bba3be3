package com.lumyvo.providers.mail;

import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.diagnosis.ErrorClassifier;
import com.lumyvo.providers.diagnosis.Evidence;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.search.HeaderTerm;
import jakarta.mail.search.OrTerm;
import jakarta.mail.search.SearchTerm;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.util.Collections;
import java.util.Comparator;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.ENVELOPE;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IMAP connection to a mailbox, reused across calls: folders, incremental sync, whole
 * messages as streams, moving and flagging. Obtain it from {@link MailConnector#open}; close it
 * when done. Methods are synchronized: one command at a time, as IMAP does anyway.
 *
 * <p>Reading never marks messages as seen. Every failure is a {@link MailOperationException}
 * with a {@link Diagnosis}; after a connection failure the session is closed and a new one
 * picks up from the caller's {@link SyncCursor}.
 */
public final class MailboxSession implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MailboxSession.class);
  /** Enough to keep the link busy, small enough that one batch stays a few hundred kB. */
  static final int DEFAULT_BATCH = 1_000;

  private final IMAPStore store;
  private final MailAccount account;
  private final ErrorClassifier classifier;
  private IMAPFolder open;
  /** The rest of the last listing of new messages, so that the next batch need not list again. */
  private Pending pending;

  private record Pending(IMAPFolder folder, long uidValidity, long afterUid, Listed rest) {}

  /**
   * New messages by UID, ascending, with their sequence numbers when the server gave them
   * consistently (null otherwise). Fetching by sequence numbers is what every server does
   * fastest; the UIDs in the answers are checked against these, so a number that went stale
   * costs a second fetch, never a message.
   */
  private record Listed(List<Long> uids, List<Long> sequenceNumbers) {
    Listed from(int start) {
      return new Listed(List.copyOf(uids.subList(start, uids.size())), sequenceNumbers == null
          ? null : List.copyOf(sequenceNumbers.subList(start, sequenceNumbers.size())));
    }

    Listed first(int count) {
      return new Listed(uids.subList(0, count),
          sequenceNumbers == null ? null : sequenceNumbers.subList(0, count));
    }
  }

  MailboxSession(IMAPStore store, MailAccount account, ErrorClassifier classifier) {
    this.store = store;
    this.account = account;
    this.classifier = classifier;
  }

  /** The account this session is logged in to. */
  public MailAccount account() {
    return account;
  }

  /** Every folder, with its special use where the server announces it or its name tells. */
  public synchronized List<MailFolder> folders() {
    return run(() -> {
      List<MailFolder> folders = new ArrayList<>();
      for (Folder folder : store.getDefaultFolder().list("*")) {
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
    });
  }

  /** The folder for {@code use}: the announced one first, else one whose name says so. */
  public synchronized Optional<MailFolder> folder(SpecialUse use) {
    Objects.requireNonNull(use, "use");
    List<MailFolder> all = folders();
    return all.stream().filter(f -> f.announced() && f.specialUse().equals(Optional.of(use)))
        .findFirst()
        .or(() -> all.stream().filter(f -> f.specialUse().equals(Optional.of(use))).findFirst());
  }

  /** {@link #sync(String, SyncCursor, int)} with batches of 1,000 messages. */
  public synchronized SyncBatch sync(String folder, SyncCursor cursor) {
    return sync(folder, cursor, DEFAULT_BATCH);
  }

  /**
   * The messages that arrived in {@code folder} after {@code cursor}, at most {@code limit},
   * oldest first, fetched with one FETCH for the whole batch. Messages stay unseen.
   *
   * @throws IllegalArgumentException if {@code limit} is not positive
   * @throws MailOperationException if the folder does not exist or the connection fails
   */
  public synchronized SyncBatch sync(String folder, SyncCursor cursor, int limit) {
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(cursor, "cursor");
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive, was " + limit);
    }
    return run(() -> {
      IMAPFolder f = select(folder);
      long validity = f.getUIDValidity();
      if (cursor.uidValidity() != 0 && cursor.uidValidity() != validity) {
        pending = null;
        log.info("UIDVALIDITY of {} changed from {} to {}", folder, cursor.uidValidity(), validity);
        return new SyncBatch(folder, List.of(), new SyncCursor(validity, 0), true, false);
      }
      long uidNext = f.getUIDNext(); // as SELECT reported it; -1 if the server did not
      boolean listed = pending != null && pending.folder() == f
          && pending.uidValidity() == validity && pending.afterUid() == cursor.lastUid();
      if (!listed && uidNext > 0 && uidNext - 1 - cursor.lastUid() <= limit) {
        return rangeBatch(f, folder, validity, cursor.lastUid(), limit, uidNext);
      }
      Listed fresh = newMessages(f, validity, cursor.lastUid());
      int count = Math.min(limit, fresh.uids().size());
      Listed batch = fresh.first(count);
      List<MessageSummary> summaries = count == 0 ? List.of() : summaries(f, batch);
      // Past every UID of the batch: one that vanished meanwhile cannot be handled later either.
      long last = count == 0 ? cursor.lastUid() : batch.uids().get(count - 1);
      boolean more = count < fresh.uids().size();
      pending = more ? new Pending(f, validity, last, fresh.from(count)) : null;
      return new SyncBatch(folder, summaries, new SyncCursor(validity, last), false, more);
    });
  }

  /**
   * The common case, a few new messages: one UID FETCH of the range {@code afterUid+1} to {@code
   * afterUid+limit}, which holds at most {@code limit} messages because UIDs are unique, and
   * needs no listing first. Messages that arrived after SELECT are in it too.
   */
  private SyncBatch rangeBatch(IMAPFolder f, String folder, long validity, long afterUid,
      int limit, long uidNext) throws MessagingException {
    long from = afterUid + 1;
    long to = Math.min(afterUid + limit, 0xFFFF_FFFFL);
    List<MessageSummary> summaries = new ArrayList<>();
    if (from <= to) {
      collect(command(f, "UID FETCH " + from + ":" + to + SUMMARY_ITEMS), null, summaries);
    }
    summaries.removeIf(m -> m.uid() < from || m.uid() > to);
    summaries.sort(Comparator.comparingLong(MessageSummary::uid));
    long last = summaries.isEmpty() ? afterUid : summaries.get(summaries.size() - 1).uid();
    // What SELECT knew of; mail that came since is picked up by the next call.
    boolean more = uidNext - 1 > to;
    pending = null;
    return new SyncBatch(folder, summaries, new SyncCursor(validity, last), false, more);
  }

  /** The messages above {@code afterUid}: from the last listing, or two SEARCH commands. */
  private Listed newMessages(IMAPFolder f, long validity, long afterUid)
      throws MessagingException {
    if (pending != null && pending.folder() == f && pending.uidValidity() == validity
        && pending.afterUid() == afterUid) {
      return pending.rest();
    }
    String range = "UID " + (afterUid + 1) + ":*";
    // "n:*" matches the newest message even when its UID is below n (RFC 3501 section
    // 6.4.8), so the UIDs are checked, not trusted.
    List<Long> uids = searchResults(command(f, "UID SEARCH " + range));
    List<Long> numbers = searchResults(command(f, "SEARCH " + range));
    List<Long> fresh = new ArrayList<>();
    List<Long> freshNumbers = new ArrayList<>();
    boolean consistent = uids.size() == numbers.size();
    Collections.sort(uids);
    Collections.sort(numbers);
    for (int i = 0; i < uids.size(); i++) {
      if (uids.get(i) > afterUid) {
        fresh.add(uids.get(i));
        if (consistent) {
          freshNumbers.add(numbers.get(i));
        }
      }
    }
    return new Listed(fresh, consistent ? freshNumbers : null);
  }

  private static List<Long> searchResults(Response[] responses) {
    List<Long> results = new ArrayList<>();
    for (Response response : responses) {
      if (response instanceof IMAPResponse r && r.keyEquals("SEARCH")) {
        for (String token : r.toString().split(" ")) {
          long value = parseUid(token);
          if (value > 0) {
            results.add(value);
          }
        }
      }
    }
    return results;
  }

  private static long parseUid(String token) {
    if (token.isEmpty() || token.length() > 10) {
      return -1;
    }
    for (int i = 0; i < token.length(); i++) {
      if (token.charAt(i) < '0' || token.charAt(i) > '9') {
        return -1;
      }
    }
    return Long.parseLong(token);
  }

  /**
   * One UID FETCH for the whole batch: the items of the protocol floor, plus the References
   * header. Read at the protocol level, so that no per-message objects are built and nothing is
   * fetched twice.
   */
  private static List<MessageSummary> summaries(IMAPFolder f, Listed batch)
      throws MessagingException {
    Set<Long> wanted = new HashSet<>(batch.uids());
    List<MessageSummary> summaries = new ArrayList<>(wanted.size());
    if (batch.sequenceNumbers() != null) {
      collect(command(f, "FETCH " + uidSet(batch.sequenceNumbers()) + SUMMARY_ITEMS), wanted,
          summaries);
    }
    if (!wanted.isEmpty()) { // numbers went stale (or none were given): ask by UID
      List<Long> missing = new ArrayList<>(wanted);
      Collections.sort(missing);
      collect(command(f, "UID FETCH " + uidSet(missing) + SUMMARY_ITEMS), wanted, summaries);
    }
    summaries.sort(Comparator.comparingLong(MessageSummary::uid));
    return summaries;
  }

  /** What a summary needs: the protocol floor's items, and the References header. */
  private static final String SUMMARY_ITEMS =
      " (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODY.PEEK[HEADER.FIELDS (REFERENCES)])";

  /**
   * Adds the summaries in {@code responses} to {@code out}: of the UIDs in {@code wanted}, which
   * it removes from there, or of every message if {@code wanted} is null.
   */
  private static void collect(Response[] responses, Set<Long> wanted, List<MessageSummary> out) {
    for (Response response : responses) {
      if (response instanceof FetchResponse fetch && fetch.getItem(UID.class) != null
          && fetch.getItem(ENVELOPE.class) != null
          && (wanted == null || wanted.remove(fetch.getItem(UID.class).uid))) {
        out.add(summarize(fetch));
      }
    }
  }

  /** Runs {@code command} on the folder's connection and returns its responses. */
  private static Response[] command(IMAPFolder f, String command) throws MessagingException {
    return (Response[]) f.doCommand(protocol -> {
      Response[] responses = protocol.command(command, null);
      List<Response> others = new ArrayList<>();
      for (Response response : responses) {
        if (!(response instanceof FetchResponse)
            && !(response instanceof IMAPResponse r && r.keyEquals("SEARCH"))) {
          others.add(response); // EXISTS, EXPUNGE, BYE …: the folder keeps its own state
        }
      }
      protocol.notifyResponseHandlers(others.toArray(Response[]::new));
      protocol.handleResult(responses[responses.length - 1]);
      return responses;
    });
  }

  /** A compact set of UIDs or sequence numbers: {@code 1:500,502,510:600}. */
  static String uidSet(List<Long> sortedUids) {
    StringBuilder set = new StringBuilder();
    int i = 0;
    while (i < sortedUids.size()) {
      long start = sortedUids.get(i);
      long end = start;
      while (i + 1 < sortedUids.size() && sortedUids.get(i + 1) == end + 1) {
        end = sortedUids.get(++i);
      }
      if (set.length() > 0) {
        set.append(',');
      }
      set.append(start);
      if (end != start) {
        set.append(':').append(end);
      }
      i++;
    }
    return set.toString();
  }

  private static MessageSummary summarize(FetchResponse fetch) {
    ENVELOPE envelope = fetch.getItem(ENVELOPE.class);
    Set<String> flags = new LinkedHashSet<>();
    FLAGS f = fetch.getItem(FLAGS.class);
    if (f != null) {
      for (Flags.Flag flag : f.getSystemFlags()) {
        flags.add(systemFlagName(flag));
      }
      flags.addAll(Arrays.asList(f.getUserFlags()));
    }
    INTERNALDATE date = fetch.getItem(INTERNALDATE.class);
    RFC822SIZE size = fetch.getItem(RFC822SIZE.class);
    BODY references = fetch.getItem(BODY.class);
    return new MessageSummary(fetch.getItem(UID.class).uid, flags,
        Optional.ofNullable(date == null || date.getDate() == null ? null
            : date.getDate().toInstant()),
        size == null ? 0 : Math.max(0, size.size), addresses(envelope.from),
        addresses(envelope.to), decode(envelope.subject),
        Optional.ofNullable(envelope.messageId), Optional.ofNullable(envelope.inReplyTo),
        references(references == null ? null : headerValue(references, "References")));
  }

  private static String decode(String subject) {
    if (subject == null) {
      return "";
    }
    try {
      return MimeUtility.decodeText(MimeUtility.unfold(subject));
    } catch (UnsupportedEncodingException | RuntimeException e) {
      return subject; // an unknown charset: the raw words say more than nothing
    }
  }

  private static String headerValue(BODY body, String name) {
    try {
      return new InternetHeaders(body.getByteArrayInputStream()).getHeader(name, " ");
    } catch (MessagingException | RuntimeException e) {
      return null;
    }
  }

  private static List<String> addresses(InternetAddress[] addresses) {
    if (addresses == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>(addresses.length);
    for (InternetAddress address : addresses) {
      if (address != null) {
        out.add(address.getAddress() != null ? address.getAddress() : address.toString());
      }
    }
    return out;
  }

  private static List<String> references(String header) {
    if (header == null || header.isBlank()) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    for (String token : header.trim().split("\\s+")) {
      if (token.startsWith("<") && token.endsWith(">")) {
        ids.add(token);
      }
    }
    return ids;
  }

  private static String systemFlagName(Flags.Flag flag) {
    if (flag == Flags.Flag.SEEN) {
      return "\\Seen";
    } else if (flag == Flags.Flag.ANSWERED) {
      return "\\Answered";
    } else if (flag == Flags.Flag.DELETED) {
      return "\\Deleted";
    } else if (flag == Flags.Flag.DRAFT) {
      return "\\Draft";
    } else if (flag == Flags.Flag.FLAGGED) {
      return "\\Flagged";
    } else if (flag == Flags.Flag.RECENT) {
      return "\\Recent";
    }
    return "\\User";
  }

  /**
   * Writes the whole message, as the server stores it, to {@code out}: read in pieces, never
   * held in memory, and without marking it seen.
   *
   * @return the bytes written, or -1 if there is no message with that UID (moved or deleted)
   */
  public synchronized long writeMessage(String folder, long uid, OutputStream out) {
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(out, "out");
    return run(() -> {
      IMAPFolder f = select(folder);
      Message message = f.getMessageByUID(uid);
      if (message == null || message.isExpunged()) {
        return -1L;
      }
      try (InputStream in = ((IMAPMessage) message).getMimeStream()) {
        return in.transferTo(out);
      } catch (IOException e) {
        throw new MessagingException("reading message " + uid + " failed: " + e.getMessage(), e);
      }
    });
  }

  /**
   * Moves messages by UID to {@code target}. Uses MOVE where the server has it; otherwise COPY,
   * {@code \Deleted} and UID EXPUNGE of exactly those UIDs. A plain EXPUNGE, which removes every
   * {@code \Deleted} message in the folder, is sent only when no other message there is
   * {@code \Deleted}; otherwise the moved ones stay flagged.
   *
   * <p>Safe to repeat after a failure: messages a cut connection left copied already (found by
   * Message-ID) are not copied again, so each ends up in exactly one folder.
   *
   * @return how many of the UIDs were found and moved
   */
  public synchronized int move(String folder, Collection<Long> uids, String target) {
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(uids, "uids");
    Objects.requireNonNull(target, "target");
    return run(() -> {
      IMAPFolder source = select(folder);
      Folder destination = store.getFolder(target);
      if (!destination.exists()) {
        throw new FolderNotFoundException(destination, "no folder " + target);
      }
      Message[] found = existing(source, uids);
      if (found.length == 0) {
        return 0;
      }
      if (store.hasCapability("MOVE")) {
        try {
          source.moveMessages(found, destination);
          return found.length;
        } catch (MessagingException e) {
          if (!isRefusal(e)) {
            throw e;
          }
          // Some servers announce MOVE and still refuse it (FairEmail saw NO [CANNOT]).
          log.debug("MOVE refused in {}; copying instead", folder, e);
        }
      }
      copyOnce(source, found, destination);
      source.setFlags(found, new Flags(Flags.Flag.DELETED), true);
      if (store.hasCapability("UIDPLUS")) {
        source.expunge(found); // UID EXPUNGE of exactly these
      } else if (onlyTheseDeleted(source, found)) {
        source.expunge();
      } else {
        log.info("{} has other deleted messages and no UID EXPUNGE: moved messages stay"
            + " flagged \\Deleted there", folder);
      }
      return found.length;
    });
  }

  /** Copies the messages that {@code destination} does not hold yet, judged by Message-ID. */
  private void copyOnce(IMAPFolder source, Message[] messages, Folder destination)
      throws MessagingException {
    FetchProfile ids = new FetchProfile();
    ids.add(FetchProfile.Item.ENVELOPE);
    source.fetch(messages, ids);
    Set<String> present = messageIdsIn(destination, messages);
    List<Message> missing = new ArrayList<>();
    for (Message message : messages) {
      String id = ((IMAPMessage) message).getMessageID();
      if (id == null || !present.contains(id)) {
        missing.add(message);
      }
    }
    if (!missing.isEmpty()) {
      source.copyMessages(missing.toArray(Message[]::new), destination);
    }
  }

  private Set<String> messageIdsIn(Folder destination, Message[] messages)
      throws MessagingException {
    List<SearchTerm> terms = new ArrayList<>();
    for (Message message : messages) {
      String id = ((IMAPMessage) message).getMessageID();
      if (id != null) {
        terms.add(new HeaderTerm("Message-ID", id));
      }
    }
    Set<String> present = new HashSet<>();
    if (terms.isEmpty()) {
      return present;
    }
    destination.open(Folder.READ_ONLY);
    try {
      SearchTerm any = terms.size() == 1 ? terms.get(0) : new OrTerm(terms.toArray(SearchTerm[]::new));
      Message[] matches = destination.search(any);
      FetchProfile ids = new FetchProfile();
      ids.add(FetchProfile.Item.ENVELOPE);
      destination.fetch(matches, ids);
      for (Message match : matches) {
        String id = ((IMAPMessage) match).getMessageID();
        if (id != null) {
          present.add(id);
        }
      }
    } finally {
      destination.close(false);
    }
    return present;
  }

  private static boolean onlyTheseDeleted(IMAPFolder folder, Message[] ours)
      throws MessagingException {
    Message[] deleted = folder.search(new jakarta.mail.search.FlagTerm(
        new Flags(Flags.Flag.DELETED), true));
    Set<Long> mine = new HashSet<>();
    for (Message message : ours) {
      mine.add(folder.getUID(message));
    }
    for (Message message : deleted) {
      if (!mine.contains(folder.getUID(message))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isRefusal(MessagingException e) {
    String text = String.valueOf(e.getMessage());
    return text.contains("CANNOT") || text.contains("not supported") || text.contains("BAD");
  }

  /**
   * Sets or clears flags on messages by UID: {@code \Seen}, {@code \Flagged}, {@code
   * \Answered}, or keywords.
   *
   * @return how many of the UIDs were found
   */
  public synchronized int setFlags(String folder, Collection<Long> uids, Flags flags,
      boolean set) {
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(uids, "uids");
    Objects.requireNonNull(flags, "flags");
    return run(() -> {
      IMAPFolder f = select(folder);
      Message[] found = existing(f, uids);
      if (found.length > 0) {
        f.setFlags(found, flags, set);
      }
      return found.length;
    });
  }

  /** How many messages {@code folder} holds that are not flagged {@code \Deleted}. */
  public synchronized int count(String folder) {
    Objects.requireNonNull(folder, "folder");
    return run(() -> {
      // Asked of the server, not of the client's cache: some servers (GreenMail among them)
      // send no EXPUNGE responses after MOVE, which would leave a cached count stale.
      return searchResults(command(select(folder), "UID SEARCH UNDELETED")).size();
    });
  }

  private static Message[] existing(IMAPFolder folder, Collection<Long> uids)
      throws MessagingException {
    long[] wanted = uids.stream().mapToLong(Long::longValue).distinct().toArray();
    List<Message> found = new ArrayList<>();
    for (Message message : folder.getMessagesByUID(wanted)) {
      if (message != null && !message.isExpunged()) {
        found.add(message);
      }
    }
    return found.toArray(Message[]::new);
  }

  /** Opens {@code name} read-write, closing the folder open before without expunging. */
  IMAPFolder select(String name) throws MessagingException {
    if (open != null && open.isOpen() && open.getFullName().equals(name)) {
      return open;
    }
    if (open != null && open.isOpen()) {
      open.close(false);
    }
    pending = null;
    IMAPFolder folder = (IMAPFolder) store.getFolder(name);
    folder.open(Folder.READ_WRITE);
    open = folder;
    return folder;
  }

  boolean hasCapability(String capability) throws MessagingException {
    return store.hasCapability(capability);
  }

  interface Action<T> {
    T run() throws MessagingException;
  }

  /** Runs a command; a failure becomes a {@link MailOperationException} with its diagnosis. */
  <T> T run(Action<T> action) {
    try {
      return action.run();
    } catch (MessagingException | RuntimeException e) {
      if (e instanceof IllegalArgumentException illegal) {
        throw illegal;
      }
      Diagnosis diagnosis = classifier.classify(Evidence.builder().protocol(Protocol.IMAP)
          .provider(account.provider()).error(e).secret(account.password()).build());
      if (!store.isConnected()) {
        closeQuietly();
      }
      throw new MailOperationException(diagnosis, ConnectionStep.COMMAND, e);
    }
  }

  /** Whether the connection is still up. */
  public synchronized boolean isOpen() {
    return store.isConnected();
  }

  /** Logs out; never expunges. */
  @Override
  public synchronized void close() {
    closeQuietly();
  }

  private void closeQuietly() {
    try {
      if (open != null && open.isOpen()) {
        open.close(false);
      }
    } catch (MessagingException | RuntimeException e) {
      log.debug("closing folder failed", e);
    }
    try {
      store.close();
    } catch (MessagingException | RuntimeException e) {
      log.debug("logging out failed", e);
    }
    open = null;
    pending = null;
  }

  /** Closes the connection from another thread, ending a blocked IDLE or read at once. */
  void abort() {
    try {
      store.close();
    } catch (MessagingException | RuntimeException e) {
      log.debug("aborting the session failed", e);
    }
  }

  @Override
  public String toString() {
    return "MailboxSession[" + account.address() + "]";
  }
}
