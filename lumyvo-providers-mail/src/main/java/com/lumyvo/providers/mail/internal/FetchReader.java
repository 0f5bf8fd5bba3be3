package com.lumyvo.providers.mail.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
    byte[] section;
  }

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
        long number = numberOrAtom();
        if (number >= 0 && peekIs(' ')) {
          position++;
          if (matchAtom("FETCH")) {
            space();
            items.accept(fetchItems());
            endOfLine();
            continue;
          }
          others.add("* " + number + " " + lastAtom + restOfLine());
          continue;
        }
        others.add("* " + lastAtom + restOfLine());
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

  private String lastAtom = "";

  /** A number, or, if the token is not one, -1 with the token kept in {@link #lastAtom}. */
  private long numberOrAtom() throws IOException {
    StringBuilder atom = new StringBuilder();
    long value = 0;
    boolean digits = true;
    while (true) {
      int b = peek();
      if (b == ' ' || b == '\r' || b == '\n' || b == '(' || b == ')') {
        break;
      }
      position++;
      atom.append((char) b);
      if (b >= '0' && b <= '9' && digits && atom.length() <= 10) {
        value = value * 10 + (b - '0');
      } else {
        digits = false;
      }
    }
    lastAtom = atom.toString();
    // Not positions: a refill of the buffer in the middle of the token moves them.
    return digits && atom.length() > 0 ? value : -1;
  }

  private Item fetchItems() throws IOException {
    expect('(');
    Item item = new Item();
    while (true) {
      skipSpaces();
      if (peekIs(')')) {
        position++;
        return item;
      }
      String name = itemName();
      skipSpaces();
      switch (name) {
        case "UID":
          item.uid = number();
          break;
        case "RFC822.SIZE":
          item.size = number();
          break;
        case "FLAGS":
          item.flags = flagList();
          break;
        case "INTERNALDATE":
          item.internalDate = internalDate(quoted());
          break;
        default:
          if (name.equals("BODY[")) {
            item.section = nstring();
          } else {
            skipValue(0);
          }
      }
    }
  }

  private final StringBuilder nameBuffer = new StringBuilder(32);

  /**
   * An item's name, upper-case; a body section ({@code BODY[...]} with any {@code <origin>}) is
   * skipped and named {@code "BODY["}: a summary FETCH asks for one section only.
   */
  private String itemName() throws IOException {
    StringBuilder name = nameBuffer;
    name.setLength(0);
    while (true) {
      int b = peek();
      if (b == ' ' || b == ')' || b == '[' || b == '\r' || b == '\n') {
        break;
      }
      position++;
      name.append((char) (b >= 'a' && b <= 'z' ? b - 32 : b));
      if (name.length() > 64) {
        throw new ProtocolException("a FETCH item name is too long");
      }
    }
    if (peekIs('[')) {
      int depth = 0;
      for (int length = 0; ; length++) {
        int b = peek();
        if (b == '\r' || b == '\n' || length > 4096) {
          throw new ProtocolException("a FETCH body section does not end");
        }
        position++;
        if (b == '[') {
          depth++;
        } else if (b == ']' && --depth == 0) {
          break;
        }
      }
      if (peekIs('<')) {
        while (peek() != '>') {
          if (peek() == '\r' || peek() == '\n') {
            throw new ProtocolException("a FETCH body origin does not end");
          }
          position++;
        }
        position++;
      }
      return "BODY[";
    }
    if (name.length() == 0) {
      throw new ProtocolException("a FETCH item has no name");
    }
    return name.toString();
  }

  private long number() throws IOException {
    long value = 0;
    int digits = 0;
    while (peek() >= '0' && peek() <= '9') {
      value = value * 10 + (buffer[position++] - '0');
      if (++digits > 19) {
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
    StringBuilder flag = new StringBuilder();
    while (true) {
      int b = peek();
      position++;
      if (b == ')' || b == ' ') {
        if (flag.length() > 0) {
          flags.add(flag.toString());
          flag.setLength(0);
        }
        if (b == ')') {
          return flags;
        }
      } else if (b == '\r' || b == '\n') {
        throw new ProtocolException("a FLAGS list breaks the line");
      } else {
        flag.append((char) b);
      }
    }
  }

  /** A quoted string, a literal or NIL; null for NIL. */
  private byte[] nstring() throws IOException {
    int b = peek();
    if (b == '"') {
      return quoted().getBytes(StandardCharsets.UTF_8);
    }
    if (b == '{') {
      return literal();
    }
    String atom = atom();
    if (atom.equalsIgnoreCase("NIL")) {
      return null;
    }
    throw new ProtocolException("expected a string in a FETCH response, got " + atom);
  }

  private String quoted() throws IOException {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (true) {
      int b = peek();
      position++;
      if (b == '"') {
        return out.toString();
      }
      if (b == '\\') {
        b = peek();
        position++;
      }
      if (b == '\r' || b == '\n') {
        throw new ProtocolException("a quoted string breaks the line");
      }
      out.append((char) b);
    }
  }

  private byte[] literal() throws IOException {
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
    byte[] out = new byte[(int) length];
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

  private String atom() throws IOException {
    StringBuilder out = new StringBuilder();
    while (true) {
      int b = peek();
      if (b == ' ' || b == ')' || b == '(' || b == '\r' || b == '\n') {
        return out.toString();
      }
      position++;
      out.append((char) b);
    }
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
      literal();
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
      atom();
    }
  }

  private boolean matchAtom(String word) throws IOException {
    String atom = atom();
    lastAtom = atom;
    return atom.equalsIgnoreCase(word);
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
    int n = in.read(buffer, 0, buffer.length);
    if (n <= 0) {
      throw new java.io.EOFException("the server closed the connection during a FETCH");
    }
    position = 0;
    limit = n;
  }

  /** {@code dd-MMM-yyyy HH:mm:ss +hhmm}, the day perhaps space-padded; null if malformed. */
  static Instant internalDate(String text) {
    String t = text.trim();
    try {
      int dash = t.indexOf('-');
      int day = Integer.parseInt(t.substring(0, dash).trim());
      int at = MONTHS.indexOf(t.substring(dash + 1, dash + 4).toLowerCase(java.util.Locale.ROOT));
      int month = at >= 0 && at % 3 == 0 ? at / 3 + 1 : 0;
      int year = Integer.parseInt(t.substring(dash + 5, dash + 9));
      int hour = Integer.parseInt(t.substring(dash + 10, dash + 12));
      int minute = Integer.parseInt(t.substring(dash + 13, dash + 15));
      int second = Integer.parseInt(t.substring(dash + 16, dash + 18));
      String zone = t.substring(dash + 19).trim();
      int sign = zone.charAt(0) == '-' ? -1 : 1;
      int offset = sign * (Integer.parseInt(zone.substring(1, 3)) * 3600
          + Integer.parseInt(zone.substring(3, 5)) * 60);
      if (month < 1) {
        return null;
      }
      return LocalDateTime.of(year, month, day, hour, minute, second)
          .toInstant(ZoneOffset.ofTotalSeconds(offset));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";
}
