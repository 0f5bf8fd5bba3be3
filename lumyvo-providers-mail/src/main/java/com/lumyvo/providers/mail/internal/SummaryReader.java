package com.lumyvo.providers.mail.internal;

import com.lumyvo.providers.mail.mailbox.MessageSummary;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;

/**
 * Fetches a batch of {@link MessageSummary summaries} with one UID FETCH and reads them from
 * the protocol's answers.
 *
 * <p>The addressing headers come as one literal of raw header lines, not as an ENVELOPE: Angus
 * reads a literal in one bulk copy but everything else byte by byte, and builds an address object
 * and a date parser's work per ENVELOPE; on a real server that was most of the client's time
 * (profiled against Dovecot: a third reading bytes, an eighth building envelopes). The headers are
 * parsed here, and subjects decoded here: Jakarta's {@code InternetHeaders} and {@code
 * MimeUtility.decodeText} look up a stream provider through a fresh {@code ServiceLoader} for
 * every message (jakartaee/mail-api #861).
 */
final class SummaryReader {
  /** What a summary needs: the protocol floor's items, and the addressing and thread headers. */
  static final String ITEMS = "(UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[HEADER.FIELDS"
      + " (FROM TO SUBJECT MESSAGE-ID IN-REPLY-TO REFERENCES)])";

  /** The summaries of {@code uids} (ascending) that the folder still holds, by UID. */
  List<MessageSummary> fetch(IMAPCommands commands, List<Long> uids) throws MessagingException {
    Collector collector = new Collector(uids);
    String set = IMAPCommands.uidSet(uids);
    boolean direct = commands.fetchDirect("UID FETCH " + set + " " + ITEMS, collector);
    if (direct) {
      return collector.summaries();
    }
    Wanted wanted = new Wanted(uids);
    List<MessageSummary> out = new ArrayList<>(uids.size());
    for (FetchResponse fetch : commands.fetch(set, ITEMS)) {
      UID uid = fetch.getItem(UID.class);
      if (uid != null && fetch.getItem(BODY.class) != null && wanted.take(uid.uid)) {
        out.add(summarize(fetch));
      }
    }
    out.sort(Comparator.comparingLong(MessageSummary::uid));
    return out;
  }

  /**
   * Makes the summaries of the FETCH items read for {@code uids} (ascending), each UID once, as
   * the {@link FetchReader} hands them on: the sync path's and the watcher's reading.
   */
  static final class Collector implements java.util.function.Consumer<FetchReader.Item> {
    private final Wanted wanted;
    private final List<MessageSummary> out;
    private RuntimeException broken;

    Collector(List<Long> uids) {
      wanted = new Wanted(uids);
      out = new ArrayList<>(uids.size());
    }

    @Override
    public void accept(FetchReader.Item item) {
      if (item.uid > 0 && item.sectionBytes != null && wanted.take(item.uid)) {
        try {
          out.add(summarize(item));
        } catch (RuntimeException e) {
          broken = e; // reported once the answer is read to its end, never skipped
        }
      }
    }

    /** The summaries, by UID; fails if one could not be read. */
    List<MessageSummary> summaries() throws MessagingException {
      if (broken != null) {
        throw new MessagingException("a message's summary could not be read: " + broken, broken);
      }
      out.sort(Comparator.comparingLong(MessageSummary::uid));
      return out;
    }
  }

  /**
   * The UIDs asked for, each to be taken once: a server may answer a UID twice, or one not
   * asked. Sorted numbers and a bit each, rather than a set of boxed numbers.
   */
  private static final class Wanted {
    private final long[] uids;
    private final boolean[] taken;

    Wanted(List<Long> ascending) {
      uids = new long[ascending.size()];
      for (int i = 0; i < uids.length; i++) {
        uids[i] = ascending.get(i);
      }
      Arrays.sort(uids); // ascending already; sorting keeps the search right if it ever is not
      taken = new boolean[uids.length];
    }

    boolean take(long uid) {
      int at = Arrays.binarySearch(uids, uid);
      if (at < 0 || taken[at]) {
        return false;
      }
      taken[at] = true;
      return true;
    }
  }

  private static MessageSummary summarize(FetchResponse fetch) {
    List<String> flags = new ArrayList<>();
    FLAGS f = fetch.getItem(FLAGS.class);
    if (f != null) {
      for (Flags.Flag flag : f.getSystemFlags()) {
        flags.add(IMAPCommands.systemFlagName(flag));
      }
      flags.addAll(Arrays.asList(f.getUserFlags()));
    }
    INTERNALDATE date = fetch.getItem(INTERNALDATE.class);
    RFC822SIZE size = fetch.getItem(RFC822SIZE.class);
    HeaderBlock headers = HeaderBlock.parse(fetch.getItem(BODY.class).getByteArray());
    return summary(fetch.getItem(UID.class).uid, flags,
        date == null || date.getDate() == null ? null : date.getDate().toInstant(),
        size == null ? 0 : size.size, headers);
  }

  private static MessageSummary summarize(FetchReader.Item item) {
    HeaderBlock headers =
        HeaderBlock.parse(item.sectionBytes, item.sectionOffset, item.sectionLength);
    return summary(item.uid, item.flags == null ? List.of() : item.flags, item.internalDate,
        item.size, headers);
  }

  private static MessageSummary summary(long uid, List<String> flags, Instant internalDate,
      long size, HeaderBlock headers) {
    return new MessageSummary(uid, flagSet(flags), Optional.ofNullable(internalDate),
        Math.max(0, size),
        headers.addresses("from"), headers.addresses("to"),
        EncodedWords.decode(headers.value("subject")),
        headers.firstId("message-id"), headers.firstId("in-reply-to"),
        headers.ids("references"));
  }

  /**
   * The flags as an unmodifiable set, made once: {@link MessageSummary} keeps such a set as it
   * is instead of copying it. A flag sent twice counts once.
   */
  static Set<String> flagSet(List<String> flags) {
    switch (flags.size()) {
      case 0:
        return Set.of();
      case 1:
        return Set.of(flags.get(0));
      case 2:
        return flags.get(0).equals(flags.get(1)) ? Set.of(flags.get(0))
            : Set.of(flags.get(0), flags.get(1));
      default:
        return Set.copyOf(new LinkedHashSet<>(flags));
    }
  }

  /**
   * Header fields of a block, first occurrence of each name a summary shows, kept as ranges of
   * the block's bytes: a value becomes a string only as the summary needs it, and the usual
   * address ({@code Name <a@b>}) and ids ({@code <id@host>}) are cut straight from the bytes.
   * The block may be the FETCH reader's buffer, so a HeaderBlock lives only while its FETCH
   * item is handled.
   */
  static final class HeaderBlock {
    /** The fields a summary reads; others are passed over without a copy. */
    private static final String[] WANTED =
        {"from", "to", "subject", "message-id", "in-reply-to", "references"};
    private static final HeaderBlock EMPTY = new HeaderBlock(new byte[0]);

    private final byte[] bytes;
    /** Per wanted field, where its value starts and ends (white space trimmed); -1 if absent. */
    private final int[] starts = {-1, -1, -1, -1, -1, -1};
    private final int[] ends = new int[WANTED.length];
    /** Per wanted field, whether it runs over more than one line. */
    private final boolean[] folded = new boolean[WANTED.length];

    private HeaderBlock(byte[] bytes) {
      this.bytes = bytes;
    }

    static HeaderBlock parse(ByteArray block) {
      return block == null ? EMPTY
          : parse(block.getBytes(), block.getStart(), block.getCount());
    }

    static HeaderBlock parse(byte[] bytes, int offset, int length) {
      HeaderBlock headers = new HeaderBlock(bytes);
      int end = offset + length;
      int start = offset;
      while (start < end) {
        // One pass per field: its name up to the colon, then its lines, of which every one
        // after the first starts with white space (folding).
        int colon = start;
        while (colon < end && bytes[colon] != ':' && bytes[colon] != '\n') {
          colon++;
        }
        int fieldEnd = colon;
        boolean folded = false;
        while (true) {
          while (fieldEnd < end && bytes[fieldEnd] != '\n') {
            fieldEnd++;
          }
          if (fieldEnd < end) {
            fieldEnd++; // past the line break
          }
          if (fieldEnd >= end || (bytes[fieldEnd] != ' ' && bytes[fieldEnd] != '\t')) {
            break;
          }
          folded = true;
        }
        if (colon < end && bytes[colon] == ':') {
          headers.add(start, colon, fieldEnd, folded);
        }
        start = fieldEnd;
      }
      return headers;
    }

    private void add(int start, int colon, int end, boolean isFolded) {
      int nameEnd = colon;
      while (nameEnd > start && isBlank(bytes[nameEnd - 1])) {
        nameEnd--;
      }
      for (int w = 0; w < WANTED.length; w++) {
        if (starts[w] < 0 && sameName(start, nameEnd, WANTED[w])) {
          int from = colon + 1;
          int to = end;
          while (from < to && isBlank(bytes[from])) {
            from++;
          }
          while (to > from && isBlank(bytes[to - 1])) {
            to--;
          }
          starts[w] = from;
          ends[w] = to;
          folded[w] = isFolded;
          return;
        }
      }
    }

    private boolean sameName(int start, int end, String name) {
      if (end - start != name.length()) {
        return false;
      }
      for (int i = 0; i < name.length(); i++) {
        int b = bytes[start + i];
        if ((b >= 'A' && b <= 'Z' ? b + 32 : b) != name.charAt(i)) {
          return false;
        }
      }
      return true;
    }

    private static int index(String name) {
      for (int w = 0; w < WANTED.length; w++) {
        if (WANTED[w].equals(name)) {
          return w;
        }
      }
      throw new IllegalArgumentException("not a summary header: " + name);
    }

    /**
     * The field's value without its line breaks (a fold and its white space become a space),
     * or null if the block has no such field. Raw UTF-8 headers (RFC 6532) decode as such;
     * encoded words are decoded later.
     */
    String value(String name) {
      int w = index(name);
      if (starts[w] < 0) {
        return null;
      }
      String text = new String(bytes, starts[w], ends[w] - starts[w], StandardCharsets.UTF_8);
      if (!folded[w] && text.indexOf('\r') < 0) {
        return text;
      }
      StringBuilder out = new StringBuilder(text.length());
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\r') {
          continue;
        }
        if (c == '\n') {
          while (i + 1 < text.length()
              && (text.charAt(i + 1) == ' ' || text.charAt(i + 1) == '\t')) {
            i++;
          }
          out.append(' ');
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }

    /** The addresses of an address-list field, as {@link Addresses#of} reads them. */
    List<String> addresses(String name) {
      int w = index(name);
      if (starts[w] < 0) {
        return List.of();
      }
      // The usual "Name <address>" on one line, cut from the bytes: exactly one "<" and
      // nothing that quotes, comments, groups or separates. UTF-8 never hides these ASCII
      // bytes inside another character.
      int open = -1;
      boolean simple = !folded[w];
      for (int i = starts[w]; i < ends[w] && simple; i++) {
        byte b = bytes[i];
        if (b == '<') {
          simple = open < 0;
          open = i;
        } else if (b == '"' || b == '(' || b == ')' || b == ',' || b == ';' || b == ':'
            || b == '\\' || b == '\r' || b == '\n') {
          simple = false;
        }
      }
      if (simple && open < 0) {
        // A bare address (or word) alone: one token, kept as it is.
        for (int i = starts[w]; i < ends[w] && simple; i++) {
          simple = !isBlank(bytes[i]);
        }
        if (simple) {
          return List.of(new String(bytes, starts[w], ends[w] - starts[w],
              StandardCharsets.UTF_8));
        }
      }
      if (!simple || open < 0) {
        return Addresses.of(value(name));
      }
      int from = open + 1;
      int to = from;
      while (to < ends[w] && bytes[to] != '>') {
        to++;
      }
      // Trimmed as String.trim would: every ASCII control character and the space.
      while (from < to && (bytes[from] & 0xFF) <= ' ') {
        from++;
      }
      while (to > from && (bytes[to - 1] & 0xFF) <= ' ') {
        to--;
      }
      return from == to ? List.of()
          : List.of(new String(bytes, from, to - from, StandardCharsets.UTF_8));
    }

    /** The first {@code <…>} id of a field such as Message-ID, or its bare value. */
    Optional<String> firstId(String name) {
      int w = index(name);
      if (starts[w] < 0) {
        return Optional.empty();
      }
      int open = nextId(w, starts[w]);
      if (open >= 0) {
        return Optional.of(new String(bytes, open, close(open) + 1 - open, StandardCharsets.UTF_8));
      }
      String bare = value(name).trim();
      // A broken client's bare id is kept as it came rather than dropped.
      return bare.isEmpty() || bare.indexOf(' ') >= 0 ? Optional.empty() : Optional.of(bare);
    }

    /** The {@code <…>} ids of a field such as References, in order. */
    List<String> ids(String name) {
      int w = index(name);
      String first = null;
      List<String> ids = null;
      for (int open = starts[w] < 0 ? -1 : nextId(w, starts[w]); open >= 0; ) {
        int close = close(open);
        String id = new String(bytes, open, close + 1 - open, StandardCharsets.UTF_8);
        if (first == null) {
          first = id;
        } else {
          if (ids == null) {
            ids = new ArrayList<>();
            ids.add(first);
          }
          ids.add(id);
        }
        open = nextId(w, close + 1);
      }
      // Unmodifiable, so that MessageSummary keeps it without a copy.
      return ids != null ? List.copyOf(ids) : first != null ? List.of(first) : List.of();
    }

    /**
     * Where the next {@code <…>} without white space (a fold's line break included) at or
     * after {@code from} in field {@code w} starts, or -1.
     */
    private int nextId(int w, int from) {
      int i = from;
      while (true) {
        while (i < ends[w] && bytes[i] != '<') {
          i++;
        }
        if (i >= ends[w]) {
          return -1;
        }
        int open = i;
        boolean blank = false;
        for (i = open + 1; i < ends[w] && bytes[i] != '>'; i++) {
          blank |= isBlank(bytes[i]);
        }
        if (i >= ends[w]) {
          return -1;
        }
        if (!blank) {
          return open;
        }
        i++;
      }
    }

    /** Where the id that {@link #nextId} found at {@code open} ends: its {@code >}. */
    private int close(int open) {
      int close = open + 1;
      while (bytes[close] != '>') {
        close++;
      }
      return close;
    }

    private static boolean isBlank(byte b) {
      return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
  }
}
