package com.lumyvo.providers.mail.internal;

import com.lumyvo.providers.mail.mailbox.MessageSummary;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.ENVELOPE;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;

/**
 * Fetches a batch of {@link MessageSummary summaries} with one UID FETCH and reads them from
 * the protocol's answers. The References header is found in its raw bytes and subjects are
 * decoded here: Jakarta's {@code InternetHeaders} and {@code MimeUtility.decodeText} look up a
 * stream provider through a fresh {@code ServiceLoader} for every message (jakartaee/mail-api
 * #861), which cost more than the whole rest of the parse.
 */
final class SummaryReader {
  /** What a summary needs: the protocol floor's items, and the References header. */
  static final String ITEMS =
      "(UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODY.PEEK[HEADER.FIELDS (REFERENCES)])";

  /** The summaries of {@code uids} (ascending) that the folder still holds, by UID. */
  List<MessageSummary> fetch(IMAPCommands commands, List<Long> uids) throws MessagingException {
    Set<Long> wanted = new HashSet<>(uids);
    List<MessageSummary> out = new ArrayList<>(uids.size());
    for (FetchResponse fetch : commands.fetch(IMAPCommands.uidSet(uids), ITEMS)) {
      UID uid = fetch.getItem(UID.class);
      if (uid != null && fetch.getItem(ENVELOPE.class) != null && wanted.remove(uid.uid)) {
        out.add(summarize(fetch));
      }
    }
    out.sort(Comparator.comparingLong(MessageSummary::uid));
    return out;
  }

  private static MessageSummary summarize(FetchResponse fetch) {
    ENVELOPE envelope = fetch.getItem(ENVELOPE.class);
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
    BODY references = fetch.getItem(BODY.class);
    return new MessageSummary(fetch.getItem(UID.class).uid, flags,
        Optional.ofNullable(date == null || date.getDate() == null ? null
            : date.getDate().toInstant()),
        size == null ? 0 : Math.max(0, size.size), addresses(envelope.from),
        addresses(envelope.to), EncodedWords.decode(envelope.subject),
        Optional.ofNullable(envelope.messageId), Optional.ofNullable(envelope.inReplyTo),
        references(references == null ? null : references.getByteArray()));
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

  /** The Message-IDs in a References header block ({@code <…>} tokens), oldest first. */
  static List<String> references(org.eclipse.angus.mail.iap.ByteArray block) {
    if (block == null || block.getCount() == 0) {
      return List.of();
    }
    String text = new String(block.getBytes(), block.getStart(), block.getCount(),
        StandardCharsets.ISO_8859_1);
    int colon = text.indexOf(':');
    if (colon < 0) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    int i = colon + 1;
    while (true) {
      int open = text.indexOf('<', i);
      if (open < 0) {
        break;
      }
      int close = text.indexOf('>', open);
      if (close < 0) {
        break;
      }
      String id = text.substring(open, close + 1);
      if (id.indexOf(' ') < 0 && id.indexOf('\t') < 0 && id.indexOf('\r') < 0
          && id.indexOf('\n') < 0) {
        ids.add(id);
      }
      i = close + 1;
    }
    return ids;
  }
}
