package com.lumyvo.providers.mail.internal;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Bounds what one connection may make Jakarta Mail hold in memory. Angus Mail reads a whole
 * response (every line and literal up to the tagged reply, or every {@code 250-} line) into
 * memory, and allocates a literal's announced size before a byte of it arrives; a server that
 * never stops, or announces a gigabyte, would exhaust the heap of the whole service.
 *
 * <p>The guard sits on the decrypted stream and counts what the server sends between two things
 * the client writes (a command, a continuation, DONE): its bytes plus a charge for every line,
 * because Angus keeps an object per response line. Past the budget, reads fail with a {@link
 * ResponseTooLargeException}, which is a {@link java.net.ProtocolException} and so diagnosed as
 * the server breaking the protocol. It also refuses, before Angus allocates anything, an IMAP
 * literal larger than what is left of the budget, and a server that asks to continue more than
 * {@value #MAX_CONTINUATIONS} times in a row without ever answering the command.
 *
 * <p>Whole messages stream in pieces of at most a megabyte, each its own command, so they are
 * never stopped by the budget. One thread reads; any thread may write.
 */
final class ResponseGuard {
  /** What Angus keeps per response line beyond its bytes: objects, arrays, a vector slot. */
  static final int LINE_CHARGE = 128;
  static final int MAX_CONTINUATIONS = 32;

  enum Dialect {
    IMAP,
    SMTP
  }

  private final Dialect dialect;
  private final long budget;
  private final java.util.function.Consumer<IOException> onViolation;
  private final Runnable onEndOfStream;
  /** The start of the first line (the greeting), until it is complete; then null. */
  private java.io.ByteArrayOutputStream firstLine = new java.io.ByteArrayOutputStream(16);
  private volatile String greeting;

  /** Bytes and line charges since the client last wrote; the writer resets it. */
  private volatile long spent;
  private volatile IOException violation;

  // Reader-thread state of the line being read.
  private boolean lineStart = true;
  private int lineBytes;
  private final byte[] head = new byte[3];
  private int continuations;
  private boolean lastLineTagged;
  private long literalLeft;
  private int braceState; // 0 none, 1 digits after '{', 2 after '}', 3 after "}\r"
  private long braceValue;

  ResponseGuard(Dialect dialect, long budget, java.util.function.Consumer<IOException> onViolation,
      Runnable onEndOfStream) {
    this.dialect = dialect;
    this.budget = budget;
    this.onViolation = onViolation;
    this.onEndOfStream = onEndOfStream;
  }

  InputStream input(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        check();
        int b = super.read();
        if (b >= 0) {
          inspect(new byte[] {(byte) b}, 0, 1);
        } else {
          onEndOfStream.run();
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        check();
        int n = super.read(buffer, offset, length);
        if (n > 0) {
          inspect(buffer, offset, n);
        } else if (n < 0) {
          onEndOfStream.run();
        }
        return n;
      }

      @Override
      public long skip(long n) throws IOException {
        // Skipped bytes are not inspected; Angus never skips, so refuse rather than guess.
        return 0;
      }
    };
  }

  OutputStream output(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(int b) throws IOException {
        spent = 0;
        out.write(b);
      }

      @Override
      public void write(byte[] buffer, int offset, int length) throws IOException {
        spent = 0;
        noteCommand(buffer, offset, length);
        out.write(buffer, offset, length);
      }
    };
  }

  /** The phase of the dialogue the client's last command began, or null before any. */
  java.util.Optional<Phase> phase() {
    return java.util.Optional.ofNullable(phase);
  }

  /** What a client command begins, as far as the failure's step is concerned. */
  enum Phase {
    /** STARTTLS: until the handshake completes, a failure is at the TLS step. */
    STARTTLS,
    /** LOGIN, AUTHENTICATE or AUTH: a failure before an answer is at the login. */
    LOGIN
  }

  private volatile Phase phase;

  /**
   * Records the phase a command begins, from its verb only (never its arguments, which hold
   * credentials). Angus writes each command line in one write; a continuation line (base64)
   * names no verb and leaves the phase as it was.
   */
  private void noteCommand(byte[] buffer, int offset, int length) {
    int n = Math.min(length, 40);
    String start = new String(buffer, offset, n, java.nio.charset.StandardCharsets.ISO_8859_1)
        .toUpperCase(java.util.Locale.ROOT);
    if (dialect == Dialect.IMAP) {
      int space = start.indexOf(' ');
      start = space < 0 ? "" : start.substring(space + 1); // past the tag
    }
    if (start.startsWith("STARTTLS")) {
      phase = Phase.STARTTLS;
    } else if (start.startsWith("LOGIN ") || start.startsWith("AUTHENTICATE ")
        || start.startsWith("AUTH ")) {
      phase = Phase.LOGIN;
    }
  }

  /**
   * Whether everything the server sent so far ends with a complete tagged response: then the
   * client, which reads up to its command's tagged response, has consumed all of it, and nothing
   * waits in its buffers. Only then may the SDK read the next answer itself. For the reading
   * thread only.
   */
  boolean drained() {
    return lineStart && literalLeft == 0 && braceState == 0 && lastLineTagged
        && violation == null;
  }

  /** The first bytes of the server's first line, once it is complete. */
  java.util.Optional<String> greeting() {
    return java.util.Optional.ofNullable(greeting);
  }

  /**
   * Whether {@code start}, the start of a first line, greets as the dialect does: IMAP's
   * {@code * OK}, {@code * PREAUTH} or {@code * BYE}, SMTP's reply code.
   */
  boolean greets(String start) {
    if (dialect == Dialect.SMTP) {
      return start.length() >= 3 && Character.isDigit(start.charAt(0))
          && Character.isDigit(start.charAt(1)) && Character.isDigit(start.charAt(2));
    }
    String upper = start.toUpperCase(java.util.Locale.ROOT);
    return upper.startsWith("* OK") || upper.startsWith("* PREAUTH")
        || upper.startsWith("* BYE");
  }

  private void check() throws IOException {
    IOException v = violation;
    if (v != null) {
      throw v;
    }
  }

  private void inspect(byte[] buffer, int offset, int length) throws IOException {
    long total = spent + length;
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      if (literalLeft > 0) {
        long skip = Math.min(literalLeft, end - i);
        literalLeft -= skip;
        i += (int) skip - 1;
        continue;
      }
      if (!lineStart && braceState == 0 && lineBytes >= 16) {
        // The middle of a line: nothing matters until its end or a literal's "{".
        int j = i;
        boolean imap = dialect == Dialect.IMAP;
        while (j < end) {
          byte c = buffer[j];
          if (c == '\n' || (imap && c == '{')) {
            break;
          }
          j++;
        }
        lineBytes += j - i;
        i = j;
        if (i == end) {
          break;
        }
      }
      byte b = buffer[i];
      if (lineStart) {
        lineStart = false;
        lineBytes = 0;
        if (!canStartALine(b)) {
          fail(new ResponseTooLargeException("the server sent a line that is not " + dialect
              + ": it starts with byte " + (b & 0xFF)));
        }
      }
      if (lineBytes < head.length) {
        head[lineBytes] = b;
      }
      if (firstLine != null && lineBytes < 16) {
        firstLine.write(b);
      }
      lineBytes++;
      if (dialect == Dialect.IMAP) {
        braceState = nextBraceState(b);
        if (braceState == 4) { // "{n}\r\n": a literal of n bytes follows
          braceState = 0;
          if (braceValue > budget - total) {
            fail(new ResponseTooLargeException("the server announced a literal of " + braceValue
                + " bytes, more than the " + budget + " bytes one answer may take"));
          }
          literalLeft = braceValue;
          continue; // the line goes on after the literal
        }
      }
      if (b == '\n') {
        total += LINE_CHARGE;
        endOfLine();
      }
    }
    spent = total;
    if (total > budget) {
      fail(new ResponseTooLargeException("the server sent more than " + budget
          + " bytes without waiting for a command"));
    }
  }

  /**
   * Whether {@code b} can begin a line of the dialect: an IMAP response starts with {@code *},
   * {@code +} or a tag (letters, digits, a few marks); an SMTP reply with a digit from 2 to 5.
   * Anything else is not the protocol, and waiting for more of it only wastes the deadline.
   */
  private boolean canStartALine(byte b) {
    if (dialect == Dialect.SMTP) {
      return b >= '2' && b <= '5';
    }
    return b == '*' || b == '+' || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z')
        || (b >= '0' && b <= '9') || b == '.' || b == '-' || b == '_';
  }

  private int nextBraceState(byte b) {
    switch (braceState) {
      case 1:
        if (b >= '0' && b <= '9') {
          braceValue = Math.min(braceValue * 10 + (b - '0'), Long.MAX_VALUE / 16);
          return 1;
        }
        return b == '}' ? 2 : (b == '{' ? startBrace() : 0);
      case 2:
        return b == '\r' ? 3 : (b == '{' ? startBrace() : 0);
      case 3:
        return b == '\n' ? 4 : (b == '{' ? startBrace() : 0);
      default:
        return b == '{' ? startBrace() : 0;
    }
  }

  private int startBrace() {
    braceValue = 0;
    return 1;
  }

  private void endOfLine() throws IOException {
    lineStart = true;
    if (firstLine != null) {
      greeting = firstLine.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
      firstLine = null;
    }
    boolean continuation = dialect == Dialect.IMAP
        ? head[0] == '+'
        : lineBytes >= 3 && head[0] == '3' && head[1] == '3' && head[2] == '4';
    boolean untagged = dialect == Dialect.IMAP && head[0] == '*';
    lastLineTagged = dialect == Dialect.IMAP && !continuation && !untagged;
    if (continuation) {
      if (++continuations > MAX_CONTINUATIONS) {
        fail(new ResponseTooLargeException("the server asked to continue " + continuations
            + " times without ever answering the command"));
      }
    } else if (!untagged) {
      continuations = 0;
    }
  }

  private void fail(ResponseTooLargeException e) throws IOException {
    if (violation == null) {
      violation = e;
      onViolation.accept(e);
    }
    throw violation;
  }

  /** A server broke the bounds of one answer. */
  static final class ResponseTooLargeException extends java.net.ProtocolException {
    private static final long serialVersionUID = 1L;

    ResponseTooLargeException(String message) {
      super(message);
    }
  }
}
