package com.lumyvo.providers.mail.internal;

import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;

/**
 * IMAP commands sent as text on the selected folder's connection, with their answers read at
 * the protocol level: no per-message objects, nothing fetched twice, and no second connection
 * (Jakarta's store-level calls take one while a folder holds the first).
 *
 * <p>Untagged news about the selected folder (EXISTS, EXPUNGE, BYE, flag changes) still reaches
 * Angus's folder, so it keeps its own state; a {@link #quiet()} instance keeps it away, for
 * commands that run while another mailbox is examined.
 */
final class IMAPCommands {
  private final IMAPFolder folder;
  private final MailboxCount count;
  private final boolean notify;
  private final Progress progress;

  IMAPCommands(IMAPFolder folder, MailboxCount count, Progress progress) {
    this(folder, count, true, progress);
  }

  private IMAPCommands(IMAPFolder folder, MailboxCount count, boolean notify,
      Progress progress) {
    this.folder = folder;
    this.count = count;
    this.notify = notify;
    this.progress = progress;
  }

  /** The same connection, for commands while another mailbox is selected. */
  IMAPCommands quiet() {
    return new IMAPCommands(folder, count, false, progress);
  }

  /** The answer to one command: its responses, the tagged one last. */
  record Result(Response[] responses) {
    Response tagged() {
      return responses[responses.length - 1];
    }

    boolean ok() {
      return tagged().isOK();
    }

    String text() {
      return tagged().toString();
    }
  }

  /** Sends {@code command} with {@code args} (may be null); the caller judges the result. */
  Result raw(String command, Argument args) throws MessagingException {
    return raw(command, args, false);
  }

  /**
   * {@link #raw(String, Argument)}; with {@code listing}, the point where the SEARCH answer
   * comes is where the listing was made: EXISTS before it is in the listing, EXISTS after it is
   * mail that arrived since (Dovecot announces new mail at the end of a command).
   */
  private Result raw(String command, Argument args, boolean listing) throws MessagingException {
    Response[] responses = (Response[]) folder.doCommand(p -> {
      Response[] all = p.command(command, args);
      List<Response> news = new ArrayList<>();
      for (Response response : all) {
        if (response instanceof IMAPResponse r) {
          if (listing && r.keyEquals("SEARCH")) {
            count.listed();
          } else {
            counted(r);
          }
        }
        if (response.isBYE() || notify && !(response instanceof FetchResponse)
            && !(response instanceof IMAPResponse r && r.keyEquals("SEARCH"))) {
          news.add(response);
        }
      }
      news.remove(all[all.length - 1]);
      p.notifyResponseHandlers(news.toArray(Response[]::new));
      if (all[all.length - 1].isBYE()) {
        p.handleResult(all[all.length - 1]); // the connection is gone
      }
      return all;
    });
    return new Result(responses);
  }

  /** Sends {@code command}; a NO, BAD or BYE becomes an exception. */
  Result ok(String command, Argument args) throws MessagingException {
    return ok(command, args, false);
  }

  private Result ok(String command, Argument args, boolean listing) throws MessagingException {
    Result result = raw(command, args, listing);
    if (!result.ok()) {
      folder.doCommand(p -> {
        p.handleResult(result.tagged());
        return null;
      });
    }
    return result;
  }

  /** {@code UID SEARCH criteria}: the UIDs, ascending. */
  List<Long> searchUids(String criteria) throws MessagingException {
    return searchUids(criteria, false);
  }

  /**
   * The new messages' listing: {@code UID SEARCH criteria}, which also marks in the {@link
   * MailboxCount} what the server had announced when it answered.
   */
  List<Long> listUids(String criteria) throws MessagingException {
    List<String> lines = new ArrayList<>();
    if (direct("UID SEARCH " + criteria, item -> { }, lines, true)) {
      return searched(lines);
    }
    return searchUids(criteria, true);
  }

  /** The UIDs of the SEARCH answers among {@code lines}, ascending, each once. */
  static List<Long> searched(List<String> lines) {
    Numbers uids = new Numbers();
    for (String line : lines) {
      if (line.regionMatches(true, 0, "* SEARCH", 0, 8)) {
        numbers(line, 8, uids);
      }
    }
    return uids.ascendingDistinct();
  }

  /** The numbers after {@code from} in a SEARCH line, without a String per number. */
  private static void numbers(String line, int from, Numbers out) {
    int i = from;
    int n = line.length();
    while (i < n) {
      while (i < n && line.charAt(i) == ' ') {
        i++;
      }
      int start = i;
      long value = 0;
      boolean digits = true;
      while (i < n && line.charAt(i) != ' ') {
        char c = line.charAt(i++);
        if (c < '0' || c > '9') {
          digits = false;
        } else if (i - start <= 10) {
          value = value * 10 + (c - '0');
        }
      }
      if (digits && i > start && i - start <= 10 && value > 0) {
        out.add(value);
      }
    }
  }

  /**
   * UIDs as a SEARCH answer gives them, gathered unboxed: a listing of a large folder sorted
   * through a tree of boxed numbers cost more than a millisecond per 10,000.
   */
  private static final class Numbers {
    private long[] values = new long[256];
    private int count;

    void add(long value) {
      if (count == values.length) {
        values = java.util.Arrays.copyOf(values, count * 2);
      }
      values[count++] = value;
    }

    /** Ascending, each once (servers answer in any order, RFC 3501 7.2.5). */
    List<Long> ascendingDistinct() {
      java.util.Arrays.sort(values, 0, count);
      List<Long> out = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        if (i == 0 || values[i] != values[i - 1]) {
          out.add(values[i]);
        }
      }
      return out;
    }
  }

  private List<Long> searchUids(String criteria, boolean listing) throws MessagingException {
    Result result = ok("UID SEARCH " + criteria, null, listing);
    Numbers uids = new Numbers();
    for (Response response : result.responses()) {
      if (response instanceof IMAPResponse r && r.keyEquals("SEARCH")) {
        numbers(r.toString(), 8, uids); // after "* SEARCH", as the direct listing reads it
      }
    }
    return uids.ascendingDistinct();
  }

  /** Those of {@code uids} the folder holds, ascending. */
  List<Long> present(Collection<Long> uids) throws MessagingException {
    TreeSet<Long> wanted = new TreeSet<>();
    for (Long uid : uids) {
      if (uid != null && uid > 0 && uid <= 0xFFFF_FFFFL) {
        wanted.add(uid);
      }
    }
    if (wanted.isEmpty()) {
      return List.of();
    }
    List<Long> found = searchUids("UID " + uidSet(new ArrayList<>(wanted)));
    found.retainAll(wanted);
    return found;
  }

  /** {@code UID FETCH set items}: the FETCH responses of the messages in {@code set}. */
  List<FetchResponse> fetch(String set, String items) throws MessagingException {
    Result result = ok("UID FETCH " + set + " " + items, null);
    List<FetchResponse> fetched = new ArrayList<>();
    for (Response response : result.responses()) {
      if (response instanceof FetchResponse f) {
        fetched.add(f);
      }
    }
    return fetched;
  }

  /**
   * {@code command}, a UID FETCH, with its answer read by a {@link FetchReader} straight from the
   * connection instead of by Angus; empty if the connection's buffers might hold something (then
   * the caller asks Angus instead). Untagged news reaches Angus's folder as with {@link #raw}.
   */
  boolean fetchDirect(String command, java.util.function.Consumer<FetchReader.Item> items)
      throws MessagingException {
    return direct(command, items, new ArrayList<>(), false);
  }

  /**
   * Sends {@code command} and reads its answer with a {@link FetchReader} straight from the
   * connection; false (nothing sent) if Angus's buffers might hold something. FETCH items go to
   * {@code items}; every other response is handled as {@link #raw} does, and its text added to
   * {@code lines}; with {@code listing}, the SEARCH answer marks the listing in the count.
   */
  private boolean direct(String command, java.util.function.Consumer<FetchReader.Item> items,
      List<String> lines,
      boolean listing) throws MessagingException {
    if (progress == null) {
      return false;
    }
    Object sent = folder.doCommand(p -> {
      java.util.Optional<java.io.InputStream> in = progress.drainedInput();
      if (in.isEmpty()) {
        return Boolean.FALSE;
      }
      try {
        String tag = p.writeCommand(command, null);
        new FetchReader(in.get()).read(tag, items, lines);
      } catch (java.io.IOException e) {
        throw new org.eclipse.angus.mail.iap.ConnectionException(p, Response.byeResponse(e));
      }
      List<Response> news = new ArrayList<>();
      Response tagged = null;
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (i == lines.size() - 1) {
          tagged = response(p, line);
          break;
        }
        if (line.regionMatches(true, 0, "* SEARCH", 0, 8)) {
          if (listing) {
            count.listed();
          }
          continue; // the caller reads it; Angus's folder has no use for it
        }
        IMAPResponse r = response(p, line);
        counted(r);
        if (notify || r.isBYE()) {
          news.add(r);
        }
      }
      p.notifyResponseHandlers(news.toArray(Response[]::new));
      p.handleResult(tagged);
      return Boolean.TRUE;
    });
    return (Boolean) sent;
  }

  /** Notes what an EXISTS or EXPUNGE says of the selected folder's size. */
  private void counted(IMAPResponse r) {
    if (!notify) {
      return;
    }
    if (r.keyEquals("EXISTS")) {
      count.exists(r.getNumber());
    } else if (r.keyEquals("EXPUNGE")) {
      count.expunged();
    }
  }

  private static IMAPResponse response(org.eclipse.angus.mail.imap.protocol.IMAPProtocol p,
      String line) throws org.eclipse.angus.mail.iap.ProtocolException {
    try {
      return new IMAPResponse(line);
    } catch (java.io.IOException e) {
      throw new org.eclipse.angus.mail.iap.ConnectionException(p, Response.byeResponse(e));
    }
  }

  /** The size of message {@code uid} as the server counts it, or -1 if there is none. */
  long size(long uid) throws MessagingException {
    for (FetchResponse f : fetch(Long.toString(uid), "(UID RFC822.SIZE)")) {
      org.eclipse.angus.mail.imap.protocol.UID u =
          f.getItem(org.eclipse.angus.mail.imap.protocol.UID.class);
      org.eclipse.angus.mail.imap.protocol.RFC822SIZE size =
          f.getItem(org.eclipse.angus.mail.imap.protocol.RFC822SIZE.class);
      if (u != null && u.uid == uid && size != null) {
        return size.size;
      }
    }
    return -1;
  }

  /** Sets or clears {@code flags} on {@code uids}, without asking for the flags back. */
  void store(List<Long> uids, Flags flags, boolean set) throws MessagingException {
    ok("UID STORE " + uidSet(uids) + (set ? " +FLAGS.SILENT " : " -FLAGS.SILENT ")
        + flagList(flags), null);
  }

  Boolean hasCapability(String capability) throws MessagingException {
    return (Boolean) folder.doCommand(p -> p.hasCapability(capability));
  }

  static String flagList(Flags flags) {
    StringBuilder list = new StringBuilder("(");
    for (Flags.Flag flag : flags.getSystemFlags()) {
      if (list.length() > 1) {
        list.append(' ');
      }
      list.append(systemFlagName(flag));
    }
    for (String keyword : flags.getUserFlags()) {
      if (!keyword.chars().allMatch(c -> c > ' ' && c < 127 && "(){%*\"\\]".indexOf(c) < 0)) {
        throw new IllegalArgumentException("not an IMAP keyword: " + keyword);
      }
      if (list.length() > 1) {
        list.append(' ');
      }
      list.append(keyword);
    }
    return list.append(')').toString();
  }

  static String systemFlagName(Flags.Flag flag) {
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

  /** A compact set of UIDs: {@code 1:500,502,510:600}; {@code sortedUids} ascending. */
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
}
