package com.lumyvo.providers.mail.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A short text message in a {@link HostileServer}'s IMAP folder: its bytes, UID and flags, and
 * the ENVELOPE and BODYSTRUCTURE a server derives from them.
 */
final class ImapMessage {
  private static final String HEADER = "Date: Mon, 7 Apr 2025 09:0%1$d:00 +0000\r\n"
      + "From: Anna Example <anna@fake.example>\r\n"
      + "To: Ben Example <ben@fake.example>\r\n"
      + "Subject: Hostile test message %1$d\r\n"
      + "Message-ID: <%1$d.hostile@fake.example>\r\n"
      + "MIME-Version: 1.0\r\n"
      + "Content-Type: text/plain; charset=UTF-8\r\n"
      + "Content-Transfer-Encoding: 7bit\r\n"
      + "\r\n";
  private static final String BODY = "Hello Ben,\r\n\r\nthis is message %1$d.\r\n\r\nAnna\r\n";

  private final int number;
  final long uid;
  final Set<String> flags = new LinkedHashSet<>();

  private ImapMessage(int number, long uid) {
    this.number = number;
    this.uid = uid;
  }

  /** The three messages of a new INBOX, UIDs 1 to 3. */
  static List<ImapMessage> inbox() {
    List<ImapMessage> messages = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      messages.add(new ImapMessage(i, i));
    }
    return messages;
  }

  /** This message under a new UID, as COPY and MOVE store it in another folder. */
  ImapMessage copy(long newUid) {
    ImapMessage copy = new ImapMessage(number, newUid);
    copy.flags.addAll(flags);
    return copy;
  }

  byte[] header() {
    return String.format(Locale.ROOT, HEADER, number).getBytes(StandardCharsets.US_ASCII);
  }

  byte[] text() {
    return String.format(Locale.ROOT, BODY, number).getBytes(StandardCharsets.US_ASCII);
  }

  byte[] whole() {
    byte[] header = header();
    byte[] text = text();
    byte[] whole = new byte[header.length + text.length];
    System.arraycopy(header, 0, whole, 0, header.length);
    System.arraycopy(text, 0, whole, header.length, text.length);
    return whole;
  }

  /**
   * The header lines whose field names are (or with {@code not}, are not) in {@code names},
   * followed by the blank line.
   */
  byte[] headerFields(List<String> names, boolean not) {
    StringBuilder kept = new StringBuilder();
    for (String line : new String(header(), StandardCharsets.US_ASCII).split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon);
      boolean listed = names.stream().anyMatch(name::equalsIgnoreCase);
      if (listed != not) {
        kept.append(line).append("\r\n");
      }
    }
    return kept.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
  }

  String internalDate() {
    return "\"07-Apr-2025 09:0" + number + ":00 +0000\"";
  }

  String envelope() {
    String anna = "((\"Anna Example\" NIL \"anna\" \"fake.example\"))";
    String ben = "((\"Ben Example\" NIL \"ben\" \"fake.example\"))";
    return "(\"Mon, 7 Apr 2025 09:0" + number + ":00 +0000\" \"Hostile test message " + number
        + "\" " + anna + " " + anna + " " + anna + " " + ben + " NIL NIL NIL \"<" + number
        + ".hostile@fake.example>\")";
  }

  String bodyStructure() {
    byte[] text = text();
    int lines = 0;
    for (byte b : text) {
      lines += b == '\n' ? 1 : 0;
    }
    return "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"UTF-8\") NIL NIL \"7BIT\" " + text.length + " "
        + lines + ")";
  }

  String flagList() {
    return "(" + String.join(" ", flags) + ")";
  }
}
