package com.lumyvo.providers.mail.internal;

import com.lumyvo.providers.mail.mailbox.MessageSummary;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
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
    Set<Long> wanted = new HashSet<>(uids);
    List<MessageSummary> out = new ArrayList<>(uids.size());
    String set = IMAPCommands.uidSet(uids);
    RuntimeException[] broken = new RuntimeException[1];
    boolean direct = commands.fetchDirect("UID FETCH " + set + " " + ITEMS, item -> {
      if (item.uid > 0 && item.section != null && wanted.remove(item.uid)) {
        try {
          out.add(summarize(item));
        } catch (RuntimeException e) {
          broken[0] = e; // reported once the answer is read to its end, never skipped
        }
      }
    });
    if (broken[0] != null) {
      throw new MessagingException("a message's summary could not be read: " + broken[0],
          broken[0]);
    }
    if (direct) {
      out.sort(Comparator.comparingLong(MessageSummary::uid));
      return out;
    }
    for (FetchResponse fetch : commands.fetch(set, ITEMS)) {
      UID uid = fetch.getItem(UID.class);
      if (uid != null && fetch.getItem(BODY.class) != null && wanted.remove(uid.uid)) {
        out.add(summarize(fetch));
      }
    }
    out.sort(Comparator.comparingLong(MessageSummary::uid));
    return out;
  }

  private static MessageSummary summarize(FetchResponse fetch) {
    Set<String> flags = new LinkedHashSet<>();
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
    return new MessageSummary(fetch.getItem(UID.class).uid, flags,
        Optional.ofNullable(date == null || date.getDate() == null ? null
            : date.getDate().toInstant()),
        size == null ? 0 : Math.max(0, size.size),
        Addresses.of(headers.value("from")), Addresses.of(headers.value("to")),
        EncodedWords.decode(headers.value("subject")),
        firstId(headers.value("message-id")), firstId(headers.value("in-reply-to")),
        ids(headers.value("references")));
  }

  private static MessageSummary summarize(FetchReader.Item item) {
    Set<String> flags = new LinkedHashSet<>();
    if (item.flags != null) {
      for (String flag : item.flags) {
        flags.add(canonicalFlag(flag));
      }
    }
    HeaderBlock headers = HeaderBlock.parse(new ByteArray(item.section, 0, item.section.length));
    return new MessageSummary(item.uid, flags, Optional.ofNullable(item.internalDate),
        Math.max(0, item.size),
        Addresses.of(headers.value("from")), Addresses.of(headers.value("to")),
        EncodedWords.decode(headers.value("subject")),
        firstId(headers.value("message-id")), firstId(headers.value("in-reply-to")),
        ids(headers.value("references")));
  }

  /** System flags in their usual case ({@code \Seen}), as Angus's path gives them; keywords as sent. */
  static String canonicalFlag(String flag) {
    if (!flag.startsWith("\\")) {
      return flag;
    }
    switch (flag.toLowerCase(java.util.Locale.ROOT)) {
      case "\\seen":
        return "\\Seen";
      case "\\answered":
        return "\\Answered";
      case "\\deleted":
        return "\\Deleted";
      case "\\draft":
        return "\\Draft";
      case "\\flagged":
        return "\\Flagged";
      case "\\recent":
        return "\\Recent";
      default:
        return "\\User";
    }
  }

  /** The first {@code <…>} token of a header, as Message-ID and In-Reply-To hold one. */
  static Optional<String> firstId(String value) {
    List<String> ids = ids(value);
    if (!ids.isEmpty()) {
      return Optional.of(ids.get(0));
    }
    String bare = value == null ? "" : value.trim();
    // A broken client's bare id is kept as it came rather than dropped.
    return bare.isEmpty() || bare.indexOf(' ') >= 0 ? Optional.empty() : Optional.of(bare);
  }

  /** The {@code <…>} tokens of a header value such as References, in order. */
  static List<String> ids(String value) {
    if (value == null || value.isEmpty()) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    int i = 0;
    while (true) {
      int open = value.indexOf('<', i);
      if (open < 0) {
        break;
      }
      int close = value.indexOf('>', open);
      if (close < 0) {
        break;
      }
      String id = value.substring(open, close + 1);
      if (id.indexOf(' ') < 0 && id.indexOf('\t') < 0) {
        ids.add(id);
      }
      i = close + 1;
    }
    return ids;
  }

  /** Header fields of a block, unfolded, first occurrence of each name, names lower-case. */
  static final class HeaderBlock {
    private final String[] names = new String[8];
    private final String[] values = new String[8];
    private int count;

    static HeaderBlock parse(ByteArray block) {
      HeaderBlock headers = new HeaderBlock();
      if (block == null || block.getCount() == 0) {
        return headers;
      }
      // Raw UTF-8 headers (RFC 6532) decode as such; encoded words are decoded later.
      String text = new String(block.getBytes(), block.getStart(), block.getCount(),
          StandardCharsets.UTF_8);
      int start = 0;
      int length = text.length();
      while (start < length) {
        int end = start;
        // A field runs to a line break not followed by white space (folding).
        while (true) {
          int nl = text.indexOf('\n', end);
          if (nl < 0) {
            end = length;
            break;
          }
          end = nl + 1;
          if (end >= length || (text.charAt(end) != ' ' && text.charAt(end) != '\t')) {
            break;
          }
        }
        headers.add(text, start, end);
        start = end;
      }
      return headers;
    }

    /** The fields a summary reads; others are passed over without a copy. */
    private static final String[] WANTED =
        {"from", "to", "subject", "message-id", "in-reply-to", "references"};

    private void add(String text, int start, int end) {
      int colon = text.indexOf(':', start);
      if (colon < 0 || colon >= end || count == names.length) {
        return;
      }
      int nameEnd = colon;
      while (nameEnd > start && isBlank(text.charAt(nameEnd - 1))) {
        nameEnd--;
      }
      for (String wanted : WANTED) {
        if (nameEnd - start == wanted.length()
            && text.regionMatches(true, start, wanted, 0, wanted.length())) {
          if (value(wanted) == null) {
            names[count] = wanted;
            values[count] = unfold(text, colon + 1, end);
            count++;
          }
          return;
        }
      }
    }

    /** The field's value without its line breaks: a fold and its white space become a space. */
    private static String unfold(String text, int start, int end) {
      while (start < end && isBlank(text.charAt(start))) {
        start++;
      }
      while (end > start && isBlank(text.charAt(end - 1))) {
        end--;
      }
      int firstBreak = text.indexOf('\n', start);
      if ((firstBreak < 0 || firstBreak >= end) && text.indexOf('\r', start) < 0) {
        return text.substring(start, end);
      }
      StringBuilder out = new StringBuilder(end - start);
      for (int i = start; i < end; i++) {
        char c = text.charAt(i);
        if (c == '\r') {
          continue;
        }
        if (c == '\n') {
          while (i + 1 < end && (text.charAt(i + 1) == ' ' || text.charAt(i + 1) == '\t')) {
            i++;
          }
          out.append(' ');
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }

    private static boolean isBlank(char c) {
      return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    String value(String name) {
      for (int i = 0; i < count; i++) {
        if (names[i].equals(name)) {
          return values[i];
        }
      }
      return null;
    }
  }
}
