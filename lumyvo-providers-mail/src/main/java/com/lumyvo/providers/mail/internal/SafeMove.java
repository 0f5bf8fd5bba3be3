package com.lumyvo.providers.mail.internal;

import jakarta.mail.Flags;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.MessagingException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One move of messages between folders on one connection, as {@link MailboxSession#move}
 * documents: MOVE where the server has it; otherwise a copy that never takes a different message
 * for the copy and never removes what was not copied.
 */
final class SafeMove {
  private static final Logger log = LoggerFactory.getLogger(SafeMove.class);
  /** Messages per FETCH while looking for copies, so that one answer stays small. */
  private static final int CANDIDATES_PER_FETCH = 500;
  /** Message-IDs per SEARCH, so that a command line stays well below servers' limits. */
  private static final int IDS_PER_SEARCH = 40;

  private final IMAPCommands commands;
  private final String folder;
  private final String target;
  /** The earliest internal date of the messages fingerprinted (the epoch if one has none). */
  private java.time.Instant oldest = java.time.Instant.MAX;
  /** Message-IDs of the messages fingerprinted, where they have a plain ASCII one. */
  private final Map<Long, String> messageIds = new HashMap<>();

  SafeMove(IMAPCommands commands, String folder, String target) {
    this.commands = commands;
    this.folder = folder;
    this.target = target;
  }

  /** What identifies a message across a copy: its size and its whole header, byte for byte. */
  record Fingerprint(long size, String headerSha256) {}

  int move(Collection<Long> uids) throws MessagingException {
    List<Long> present = commands.present(uids);
    if (present.isEmpty()) {
      return 0;
    }
    String set = IMAPCommands.uidSet(present);
    if (commands.hasCapability("MOVE")) {
      IMAPCommands.Result moved = commands.raw("UID MOVE " + set, mailbox(target));
      if (moved.ok()) {
        return present.size();
      }
      missingTarget(moved);
      if (moved.tagged().isBYE()) {
        commands.ok("NOOP", null); // reports the lost connection
      }
      // Some servers announce MOVE and still refuse it (FairEmail saw NO [CANNOT]).
      log.debug("MOVE refused in {}; copying instead", folder);
    }
    Map<Long, Fingerprint> source = fingerprints(commands, set);
    Map<Long, String> sourceIds = new HashMap<>(messageIds);
    if (oldest.equals(java.time.Instant.MAX)) {
      oldest = java.time.Instant.EPOCH;
    }
    Map<Fingerprint, Integer> there = inTarget(source, sourceIds);
    List<Long> toCopy = new ArrayList<>();
    List<Long> safe = new ArrayList<>();
    for (Map.Entry<Long, Fingerprint> message : source.entrySet()) {
      Integer copies = there.get(message.getValue());
      if (copies != null && copies > 0) {
        there.put(message.getValue(), copies - 1); // one copy there accounts for one message
      } else {
        toCopy.add(message.getKey());
      }
      safe.add(message.getKey());
    }
    if (!toCopy.isEmpty()) {
      IMAPCommands.Result copied = commands.raw("UID COPY " + IMAPCommands.uidSet(toCopy),
          mailbox(target));
      missingTarget(copied);
      if (!copied.ok()) {
        commands.ok("UID COPY " + IMAPCommands.uidSet(toCopy), mailbox(target));
      }
    }
    // Only messages copied (COPY succeeded, so all of them) or found in the target go.
    commands.store(safe, new Flags(Flags.Flag.DELETED), true);
    String safeSet = IMAPCommands.uidSet(safe);
    if (commands.hasCapability("UIDPLUS")) {
      commands.ok("UID EXPUNGE " + safeSet, null);
    } else if (new TreeSet<>(safe).containsAll(commands.searchUids("DELETED"))) {
      commands.ok("EXPUNGE", null);
    } else {
      log.info("{} has other deleted messages and no UID EXPUNGE: moved messages stay"
          + " flagged \\Deleted there", folder);
    }
    return safe.size();
  }

  /**
   * How many copies of each fingerprint {@code target} holds, looked up on this connection:
   * EXAMINE the target, search it by size, fetch the candidates' headers, and SELECT the source
   * again.
   */
  private Map<Fingerprint, Integer> inTarget(Map<Long, Fingerprint> wanted,
      Map<Long, String> wantedIds) throws MessagingException {
    IMAPCommands quiet = commands.quiet();
    IMAPCommands.Result examined = quiet.raw("EXAMINE", mailbox(target));
    try {
      if (!examined.ok()) { // a failed EXAMINE means the target cannot be opened
        throw new FolderNotFoundException(null, "no folder " + target);
      }
      TreeSet<Long> sizes = new TreeSet<>(
          wanted.values().stream().map(Fingerprint::size).toList());
      // Candidates: what shares a Message-ID, and what arrived no earlier than the oldest
      // moved message (a copy keeps its internal date, or gets a later one) and is no larger
      // than the largest: the only way to find messages without one. No LARGER and no OR of
      // sizes: some servers count sizes for SEARCH otherwise than for RFC822.SIZE, or cannot
      // group keys; sizes are compared exactly below.
      TreeSet<Long> inRange = new TreeSet<>(quiet.searchUids("SINCE " + searchDate(oldest)
          + " SMALLER " + (sizes.last() + 1)));
      List<String> ids = new ArrayList<>(new TreeSet<>(wantedIds.values()));
      for (int i = 0; i < ids.size(); i += IDS_PER_SEARCH) {
        inRange.addAll(quiet.searchUids(byMessageId(ids.subList(i,
            Math.min(ids.size(), i + IDS_PER_SEARCH)))));
      }
      List<Long> candidates = new ArrayList<>();
      List<Long> ranged = new ArrayList<>(inRange);
      for (int i = 0; i < ranged.size(); i += CANDIDATES_PER_FETCH) {
        String chunk = IMAPCommands.uidSet(ranged.subList(i,
            Math.min(ranged.size(), i + CANDIDATES_PER_FETCH)));
        for (FetchResponse fetch : quiet.fetch(chunk, "(UID RFC822.SIZE)")) {
          UID uid = fetch.getItem(UID.class);
          RFC822SIZE size = fetch.getItem(RFC822SIZE.class);
          if (uid != null && size != null && sizes.contains(size.size)) {
            candidates.add(uid.uid);
          }
        }
      }
      Map<Fingerprint, Integer> there = new HashMap<>();
      for (int i = 0; i < candidates.size(); i += CANDIDATES_PER_FETCH) {
        String chunk = IMAPCommands.uidSet(new ArrayList<>(new TreeSet<>(candidates.subList(i,
            Math.min(candidates.size(), i + CANDIDATES_PER_FETCH)))));
        for (Fingerprint found : fingerprints(quiet, chunk).values()) {
          there.merge(found, 1, Integer::sum);
        }
      }
      return there;
    } finally {
      quiet.ok("SELECT", mailbox(folder));
    }
  }

  /** The day before {@code instant} in IMAP's date form: time zones cannot hide a copy. */
  private static String searchDate(java.time.Instant instant) {
    return java.time.format.DateTimeFormatter.ofPattern("d-MMM-yyyy", java.util.Locale.ENGLISH)
        .format(instant.atZone(java.time.ZoneOffset.UTC).minusDays(1));
  }

  /** A search key for messages with one of {@code ids} as Message-ID. */
  private static String byMessageId(List<String> ids) {
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < ids.size() - 1; i++) {
      key.append("OR ");
    }
    for (String id : ids) {
      key.append("HEADER Message-ID \"").append(id.replace("\\", "\\\\").replace("\"", "\\\""))
          .append("\" ");
    }
    return key.toString().trim();
  }

  private Map<Long, Fingerprint> fingerprints(IMAPCommands on, String set)
      throws MessagingException {
    Map<Long, Fingerprint> out = new LinkedHashMap<>();
    for (FetchResponse fetch : on.fetch(set,
        "(UID RFC822.SIZE INTERNALDATE BODY.PEEK[HEADER])")) {
      org.eclipse.angus.mail.imap.protocol.INTERNALDATE date =
          fetch.getItem(org.eclipse.angus.mail.imap.protocol.INTERNALDATE.class);
      if (date != null && date.getDate() != null
          && date.getDate().toInstant().isBefore(oldest)) {
        oldest = date.getDate().toInstant();
      }
      UID uid = fetch.getItem(UID.class);
      RFC822SIZE size = fetch.getItem(RFC822SIZE.class);
      BODY header = fetch.getItem(BODY.class);
      if (uid != null && size != null && header != null && header.getByteArray() != null) {
        out.put(uid.uid, new Fingerprint(size.size, sha256(header.getByteArray())));
        messageId(header.getByteArray()).ifPresent(id -> messageIds.put(uid.uid, id));
      }
    }
    return new java.util.TreeMap<>(out);
  }

  /**
   * The Message-ID in a header block, read as summaries read it, if it is plain ASCII and short
   * enough to go into a SEARCH command.
   */
  static java.util.Optional<String> messageId(ByteArray header) {
    return SummaryReader.HeaderBlock.parse(header).firstId("message-id")
        .filter(id -> id.length() < 500 && id.chars().allMatch(c -> c > ' ' && c < 127));
  }

  private static String sha256(ByteArray bytes) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(bytes.getBytes(), bytes.getStart(), bytes.getCount());
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private void missingTarget(IMAPCommands.Result result) throws FolderNotFoundException {
    String text = result.text();
    if (!result.ok() && (text.contains("[TRYCREATE]") || text.contains("[NONEXISTENT]"))) {
      throw new FolderNotFoundException(null, "no folder " + target);
    }
  }

  private static Argument mailbox(String name) {
    return new Argument().writeString(BASE64MailboxEncoder.encode(name));
  }
}
