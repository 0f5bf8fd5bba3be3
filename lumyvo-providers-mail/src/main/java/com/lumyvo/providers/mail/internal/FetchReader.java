package com.lumyvo.providers.mail.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the answer to one summary UID FETCH straight from the connection, in bulk: Angus reads
 * every byte outside literals through a synchronized {@code BufferedInputStream.read()} and
 * builds an object per item, which against Dovecot cost more than the server's own work. Only
 * what a summary needs is parsed (UID, FLAGS, INTERNALDATE, RFC822.SIZE and one BODY section);
 * any other item is skipped by its syntax. Other responses come back as lines for Angus to
 * handle (EXISTS, EXPUNGE, the tagged result).
 *
 * <p>The stream is the connection's guarded input, so every byte still counts against the
 * response budget, and a closed socket ends a read at once.
 */
final class FetchReader {
  /** One FETCH response's items of interest; -1 or null where the server sent none. */
  static final class Item {
    long uid = -1;
    long size = -1;
    List<String> flags;
    Instant internalDate;
    /**
     * The body section: {@code sectionLength} bytes of {@code sectionBytes} from {@code
     * sectionOffset}; null for NIL or none. To spare a copy per message these may be the
     * reader's own buffer, so they hold only until the consumer of the item returns.
     */
    byte[] sectionBytes;
    int sectionOffset;
    int sectionLength;

    /** The section's bytes in an array of their own, or null. */
    byte[] section() {
      return sectionBytes == null ? null
          : Arrays.copyOfRange(sectionBytes, sectionOffset, sectionOffset + sectionLength);
    }

    /** Gives the section an array of its own before the reader's buffer is filled anew. */
    void detach(byte[] buffer) {
      if (sectionBytes == buffer) {
        sectionBytes = section();
        sectionOffset = 0;
      }
    }
  }

  /** The item being read, whose section may still lie in {@link #buffer}. */
  private Item current;

  private final InputStream in;
  private final byte[] buffer = new byte[64 * 1024];
  private int position;
  private int limit;

  FetchReader(InputStream in) {
    this.in = in;
  }

  /**
   * Reads responses until the one tagged {@code tag}: FETCH items go to {@code items} as they
   * arrive (so that the caller's work on them overlaps the server's on the next), every
   * other response's text (literals inlined as Angus would read them) to {@code others}, the
   * tagged one last.
   */
  void read(String tag, java.util.function.Consumer<Item> items, List<String> others)
      throws IOException {
    while (true) {
      int first = peek();
      if (first == '*') {
        position++;
        space();
        long number = numberOrToken();
        if (number >= 0 && peekIs(' ')) {
          position++;
          token();
          if (tokenIs("FETCH")) {
            space();
            Item item = fetchItems();
            endOfLine();
            items.accept(item);
            current = null;
            continue;
          }
          others.add("* " + number + " " + token + restOfLine());
          continue;
        }
        others.add("* " + token + restOfLine());
        continue;
      }
      String line = restOfLine();
      others.add(line);
      if (line.startsWith(tag + " ")) {
        return;
      }
      if (first == '+') {
        throw new ProtocolException("the server asked to continue a FETCH");
      }
    }
  }

  /**
   * The token being read: one buffer for every atom, number, flag and item name, so that
   * reading a FETCH response makes no object it does not hand on.
   */
  private final Token token = new Token();

  /** A number, or, if the token is not one, -1 with the token kept in {@link #token}. */
  private long numberOrToken() throws IOException {
    token();
    int n = token.length();
    if (n == 0 || n > 10) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < n; i++) {
      char c = token.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** Reads an atom into {@link #token}, up to a space, a parenthesis or a line end. */
  private void token() throws IOException {
    token.clear();
    while (true) {
      if (position == limit) {
        fill();
      }
      int from = position;
      int i = from;
      while (i < limit) {
        byte b = buffer[i];
        if (b == ' ' || b == ')' || b == '(' || b == '\r' || b == '\n') {
          break;
        }
        i++;
      }
      token.append(buffer, from, i - from);
      position = i;
      if (i < limit) {
        return;
      }
    }
  }

  /**
   * A growable run of bytes read as Latin-1 characters: the protocol's atoms are ASCII. Grows
   * only as far as the response guard lets the server send.
   */
  private static final class Token implements CharSequence {
    private byte[] bytes = new byte[64];
    private int length;

    void clear() {
      length = 0;
    }

    void append(byte b) {
      if (length == bytes.length) {
        bytes = java.util.Arrays.copyOf(bytes, bytes.length * 2);
      }
      bytes[length++] = b;
    }

    void append(byte[] from, int offset, int count) {
      if (length + count > bytes.length) {
        bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
      }
      System.arraycopy(from, offset, bytes, length, count);
      length += count;
    }

    @Override
    public int length() {
      return length;
    }

    @Override
    public char charAt(int index) {
      if (index < 0 || index >= length) {
        throw new IndexOutOfBoundsException(index);
      }
      return (char) (bytes[index] & 0xFF);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return toString().subSequence(start, end);
    }

    @Override
    public String toString() {
      return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }
  }

  /** Whether {@link #token} is {@code word}, ignoring ASCII case; {@code word} is upper-case. */
  private boolean tokenIs(String word) {
    int n = word.length();
    if (token.length() != n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = token.charAt(i);
      if ((c >= 'a' && c <= 'z' ? (char) (c - 32) : c) != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private Item fetchItems() throws IOException {
    expect('(');
    Item item = new Item();
    current = item;
    while (true) {
      skipSpaces();
      if (peekIs(')')) {
        position++;
        return item;
      }
      if (itemName()) {
        skipSpaces();
        section(item);
        continue;
      }
      skipSpaces();
      if (tokenIs("UID")) {
        item.uid = number();
      } else if (tokenIs("RFC822.SIZE")) {
        item.size = number();
      } else if (tokenIs("FLAGS")) {
        item.flags = flagList();
      } else if (tokenIs("INTERNALDATE")) {
        quoted();
        item.internalDate = internalDate(token);
      } else {
        skipValue(0);
      }
    }
  }

  /**
   * Reads an item's name into {@link #token}; true for a body section ({@code BODY[...]} with
   * any {@code <origin>}), which is skipped: a summary FETCH asks for one section only.
   */
  private boolean itemName() throws IOException {
    token.clear();
    while (true) {
      int b = peek();
      if (b == ' ' || b == ')' || b == '[' || b == '\r' || b == '\n') {
        break;
      }
      position++;
      token.append((byte) b);
      if (token.length() > 64) {
        throw new ProtocolException("a FETCH item name is too long");
      }
    }
    if (peekIs('[')) {
      skipSection();
      if (peekIs('<')) {
        while (peek() != '>') {
          if (peek() == '\r' || peek() == '\n') {
            throw new ProtocolException("a FETCH body origin does not end");
          }
          position++;
        }
        position++;
      }
      return true;
    }
    if (token.length() == 0) {
      throw new ProtocolException("a FETCH item has no name");
    }
    return false;
  }

  /** Passes over a body section's {@code [...]}, brackets nested, on one line, at most 4 KiB. */
  private void skipSection() throws IOException {
    int depth = 0;
    int length = 0;
    while (true) {
      if (position == limit) {
        fill();
      }
      for (int i = position; i < limit; i++, length++) {
        byte b = buffer[i];
        if (b == '\r' || b == '\n' || length > 4096) {
          throw new ProtocolException("a FETCH body section does not end");
        }
        if (b == '[') {
          depth++;
        } else if (b == ']' && --depth == 0) {
          position = i + 1;
          return;
        }
      }
      position = limit;
    }
  }

  private long number() throws IOException {
    long value = 0;
    int digits = 0;
    while (true) {
      int b = peek();
      if (b < '0' || b > '9') {
        break;
      }
      position++;
      value = value * 10 + (b - '0');
      if (++digits > 18) {
        throw new ProtocolException("a number in a FETCH response is too long");
      }
    }
    if (digits == 0) {
      throw new ProtocolException("a FETCH item needs a number");
    }
    return value;
  }

  private List<String> flagList() throws IOException {
    expect('(');
    List<String> flags = new ArrayList<>(4);
    token.clear();
    while (true) {
      int b = peek();
      position++;
      if (b == ')' || b == ' ') {
        if (token.length() > 0) {
          flags.add(flagName(token));
          token.clear();
        }
        if (b == ')') {
          return flags;
        }
      } else if (b == '\r' || b == '\n') {
        throw new ProtocolException("a FLAGS list breaks the line");
      } else {
        token.append((byte) b);
      }
    }
  }

  private static final String[] SYSTEM_FLAGS =
      {"\\Seen", "\\Answered", "\\Deleted", "\\Draft", "\\Flagged", "\\Recent"};

  /**
   * A flag as a summary shows it: system flags in their usual case ({@code \Seen}), as Angus's
   * path gives them, and shared rather than made anew; another backslash flag is {@code \User}
   * as Angus has it; keywords as sent.
   */
  static String flagName(CharSequence flag) {
    if (flag.length() == 0 || flag.charAt(0) != '\\') {
      return flag.toString();
    }
    for (String system : SYSTEM_FLAGS) {
      if (system.length() == flag.length()) {
        boolean same = true;
        for (int i = 1; i < system.length() && same; i++) {
          same = Character.toLowerCase(flag.charAt(i)) == Character.toLowerCase(system.charAt(i));
        }
        if (same) {
          return system;
        }
      }
    }
    return "\\User";
  }

  /**
   * A body section: a quoted string, a literal or NIL (null). A literal that the buffer holds
   * whole stays there, unless the buffer must be filled again before the item is handed on.
   */
  private void section(Item item) throws IOException {
    item.sectionBytes = null;
    int b = peek();
    if (b == '"') {
      item.sectionBytes = quotedBytes();
      item.sectionOffset = 0;
      item.sectionLength = item.sectionBytes.length;
    } else if (b == '{') {
      int length = literalLength();
      if (length <= limit - position) {
        item.sectionBytes = buffer;
        item.sectionOffset = position;
        item.sectionLength = length;
        position += length;
      } else {
        item.sectionBytes = literalBody(length);
        item.sectionOffset = 0;
        item.sectionLength = length;
      }
    } else {
      token();
      if (!tokenIs("NIL")) {
        throw new ProtocolException("expected a string in a FETCH response, got " + token);
      }
    }
  }

  /** A quoted string into {@link #token}, one char per byte (its callers want ASCII). */
  private void quoted() throws IOException {
    expect('"');
    token.clear();
    while (true) {
      int b = quotedByte();
      if (b < 0) {
        return;
      }
      token.append((byte) b);
    }
  }

  /** A quoted string's bytes as sent, so that UTF-8 in it stays UTF-8. */
  private byte[] quotedBytes() throws IOException {
    expect('"');
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    while (true) {
      int b = quotedByte();
      if (b < 0) {
        return out.toByteArray();
      }
      out.write(b);
    }
  }

  /** The next byte of a quoted string, unescaped; -1 at its closing quote. */
  private int quotedByte() throws IOException {
    int b = peek();
    position++;
    if (b == '"') {
      return -1;
    }
    if (b == '\\') {
      b = peek();
      position++;
    }
    if (b == '\r' || b == '\n') {
      throw new ProtocolException("a quoted string breaks the line");
    }
    return b;
  }

  /** Passes over a literal without keeping it. */
  private void skipLiteral() throws IOException {
    int left = literalLength();
    while (left > 0) {
      if (position == limit) {
        fill();
      }
      int n = Math.min(limit - position, left);
      position += n;
      left -= n;
    }
  }

  /** A literal's announced length, with its {@code {n}} and line break read. */
  private int literalLength() throws IOException {
    expect('{');
    long length = number();
    if (peekIs('+')) {
      position++;
    }
    expect('}');
    expect('\r');
    expect('\n');
    if (length > Integer.MAX_VALUE - 16) {
      throw new ProtocolException("a literal of " + length + " bytes");
    }
    return (int) length;
  }

  private byte[] literalBody(int length) throws IOException {
    byte[] out = new byte[length];
    int copied = 0;
    while (copied < out.length) {
      if (position == limit) {
        fill();
      }
      int n = Math.min(limit - position, out.length - copied);
      System.arraycopy(buffer, position, out, copied, n);
      position += n;
      copied += n;
    }
    return out;
  }

  /** Skips one value of any kind: atom, number, quoted string, literal or list. */
  private void skipValue(int depth) throws IOException {
    if (depth > 32) {
      throw new ProtocolException("a FETCH value nests too deep");
    }
    int b = peek();
    if (b == '"') {
      quoted();
    } else if (b == '{') {
      skipLiteral();
    } else if (b == '(') {
      position++;
      while (true) {
        skipSpaces();
        if (peekIs(')')) {
          position++;
          return;
        }
        skipValue(depth + 1);
      }
    } else {
      token();
    }
  }

  private void endOfLine() throws IOException {
    skipSpaces();
    expect('\r');
    expect('\n');
  }

  /** The rest of the current line, literals inlined, without the line break. */
  private String restOfLine() throws IOException {
    java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(64);
    while (true) {
      int b = peek();
      position++;
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1
            : bytes.length;
        String text = new String(bytes, 0, n, StandardCharsets.UTF_8);
        int open = text.lastIndexOf('{');
        if (text.endsWith("}") && open >= 0) { // a literal follows: inline it, go on
          line.write('\r');
          line.write('\n');
          long length = Long.parseLong(text.substring(open + 1, text.length() - 1)
              .replace("+", ""));
          for (long i = 0; i < length; i++) {
            line.write(peek());
            position++;
          }
          continue;
        }
        return text;
      }
      line.write(b);
    }
  }

  private void space() throws IOException {
    expect(' ');
  }

  private void skipSpaces() throws IOException {
    while (peekIs(' ')) {
      position++;
    }
  }

  private void expect(int wanted) throws IOException {
    int b = peek();
    if (b != wanted) {
      throw new ProtocolException("unexpected byte " + b + " in a FETCH response, wanted "
          + wanted);
    }
    position++;
  }

  private boolean peekIs(int wanted) throws IOException {
    return peek() == wanted;
  }

  private int peek() throws IOException {
    if (position == limit) {
      fill();
    }
    return buffer[position] & 0xFF;
  }

  private void fill() throws IOException {
    if (current != null) {
      current.detach(buffer);
    }
    int n = in.read(buffer, 0, buffer.length);
    if (n <= 0) {
      throw new java.io.EOFException("the server closed the connection during a FETCH");
    }
    position = 0;
    limit = n;
  }

  /**
   * {@code dd-MMM-yyyy HH:mm:ss +hhmm}, the day perhaps space-padded; null if malformed. Read
   * in place, digit by digit: ten thousand of these per sync made the substrings and {@code
   * LocalDateTime}s a measurable share of the client's work.
   */
  static Instant internalDate(CharSequence text) {
    int i = 0;
    int n = text.length();
    while (i < n && text.charAt(i) == ' ') {
      i++;
    }
    while (n > i && text.charAt(n - 1) == ' ') {
      n--;
    }
    // After the day: "-MMM-yyyy HH:mm:ss +hhmm" is 24 characters.
    int dash = i + 1 < n && text.charAt(i + 1) == '-' ? i + 1 : i + 2;
    if (dash + 24 != n || dash - i < 1 || text.charAt(dash) != '-'
        || text.charAt(dash + 4) != '-' || text.charAt(dash + 9) != ' '
        || text.charAt(dash + 12) != ':' || text.charAt(dash + 15) != ':'
        || text.charAt(dash + 18) != ' ') {
      return null;
    }
    int day = digits(text, i, dash);
    int month = month(text, dash + 1);
    int year = digits(text, dash + 5, dash + 9);
    int hour = digits(text, dash + 10, dash + 12);
    int minute = digits(text, dash + 13, dash + 15);
    int second = digits(text, dash + 16, dash + 18);
    char sign = text.charAt(dash + 19);
    int zoneHours = digits(text, dash + 20, dash + 22);
    int zoneMinutes = digits(text, dash + 22, dash + 24);
    if (day < 1 || month < 1 || year < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
        || second < 0 || second > 59 || (sign != '+' && sign != '-') || zoneHours < 0
        || zoneHours > 18 || zoneMinutes < 0 || zoneMinutes > 59) {
      return null;
    }
    try {
      long days = java.time.LocalDate.of(year, month, day).toEpochDay();
      int offset = (sign == '-' ? -1 : 1) * (zoneHours * 3600 + zoneMinutes * 60);
      return Instant.ofEpochSecond(days * 86_400 + hour * 3600 + minute * 60 + second - offset);
    } catch (java.time.DateTimeException e) {
      return null; // 31 February and the like
    }
  }

  /** The decimal number in {@code [from, to)}, or -1 if it holds anything else. */
  private static int digits(CharSequence text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** The month (1 to 12) named by the three letters at {@code at}, any case; 0 if none. */
  private static int month(CharSequence text, int at) {
    for (int m = 0; m < 12; m++) {
      boolean same = true;
      for (int k = 0; k < 3 && same; k++) {
        same = Character.toLowerCase(text.charAt(at + k)) == MONTHS.charAt(m * 3 + k);
      }
      if (same) {
        return m + 1;
      }
    }
    return 0;
  }

  private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";
}
