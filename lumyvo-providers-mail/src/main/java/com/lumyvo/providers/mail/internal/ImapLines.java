package com.lumyvo.providers.mail.internal;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Cuts what an IMAP server sends into response lines, for the watcher's idle connections, with
 * the bounds of {@link ResponseGuard}: a line may be at most {@link #MAX_LINE} bytes; a literal
 * ({@code {n}} then n bytes) is skipped, not kept, and may be at most the budget; the server may
 * send at most {@code budget} bytes (plus a charge per line) between two things the client
 * writes. Anything beyond is a {@link ProtocolException}. Holds no buffer between lines longer
 * than the line being read. For one thread.
 *
 * <p>While {@linkplain #capture capturing} (the answer to a FETCH or SEARCH the watcher runs on
 * its idle connection), every byte is also kept, literals included, for a fetch thread to parse;
 * a line may then be as long as the budget (a SEARCH lists thousands of UIDs on one line), of
 * which only the start and the end are kept as the line handed on: enough for its tag, for an
 * EXISTS, and for a literal's size at its end.
 */
final class ImapLines {
  static final int MAX_LINE = 64 * 1024;

  /** Receives each complete line, without CRLF; literals appear as {@code ""}. */
  interface Sink {
    void line(String line) throws Exception;
  }

  /** What a captured line keeps of its start; the rest slides, keeping its last bytes. */
  private static final int CAPTURED_HEAD = 256;
  private static final int CAPTURED_TAIL = 64;

  private long budget;
  private Capture capture;
  private byte[] line = new byte[0];
  private int length;
  private long literalLeft;
  private long spent;
  private boolean paused;

  ImapLines(long budget) {
    this.budget = budget;
  }

  /**
   * The bytes of one answer, kept as they came; grows as far as the budget lets the server send.
   */
  static final class Capture {
    private byte[] bytes = new byte[4096];
    private int length;

    void add(byte b) {
      if (length == bytes.length) {
        bytes = java.util.Arrays.copyOf(bytes, bytes.length * 2);
      }
      bytes[length++] = b;
    }

    void add(ByteBuffer in, int n) {
      if (length + n > bytes.length) {
        bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
      }
      in.get(bytes, length, n);
      length += n;
    }

    /** The captured bytes as a stream, for a parser on another thread. */
    java.io.InputStream stream() {
      return new java.io.ByteArrayInputStream(bytes, 0, length);
    }

    int length() {
      return length;
    }
  }

  /** What the server may send for one answer from now on, in bytes. */
  void budget(long bytes) {
    budget = bytes;
  }

  /** Keeps every byte from now on in {@code into}, or (null) stops keeping them. */
  void capture(Capture into) {
    capture = into;
  }

  /** The client wrote: the server's next answer starts a fresh budget. */
  void clientWrote() {
    spent = 0;
  }

  /** Makes {@link #feed} return after the line being handled, leaving the rest in its buffer. */
  void pause() {
    paused = true;
  }

  /** Whether nothing of a line or literal is pending. */
  boolean atLineStart() {
    return length == 0 && literalLeft == 0;
  }

  /** Takes every byte of {@code in}, passing complete lines to {@code sink}. */
  void feed(ByteBuffer in, Sink sink) throws Exception {
    paused = false;
    while (in.hasRemaining() && !paused) {
      if (literalLeft > 0) {
        int skip = (int) Math.min(literalLeft, in.remaining());
        charge(skip);
        if (capture != null) {
          capture.add(in, skip);
        } else {
          in.position(in.position() + skip);
        }
        literalLeft -= skip;
        continue;
      }
      byte b = in.get();
      charge(1);
      if (capture != null) {
        capture.add(b);
      }
      if (b == '\n') {
        int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        long literal = literalAt(end);
        if (literal >= 0) {
          if (literal > budget - spent) {
            throw new ResponseGuard.ResponseTooLargeException("the server announced a literal of "
                + literal
                + " bytes, more than the " + budget + " bytes one answer may take");
          }
          // Keep the line open; the literal's bytes are skipped and stand as "".
          length = end - digitsWithBraces(end);
          append((byte) '"');
          append((byte) '"');
          literalLeft = literal;
          continue;
        }
        String text = new String(line, 0, end, StandardCharsets.UTF_8);
        length = 0;
        charge(ResponseGuard.LINE_CHARGE);
        if (line.length > 512) {
          line = new byte[0];
        }
        sink.line(text);
      } else {
        append(b);
      }
    }
  }

  private void append(byte b) throws ProtocolException {
    if (capture != null && length == CAPTURED_HEAD + 2 * CAPTURED_TAIL) {
      // Keep the head, slide the tail: the line itself is in the capture.
      System.arraycopy(line, length - CAPTURED_TAIL, line, CAPTURED_HEAD, CAPTURED_TAIL);
      length = CAPTURED_HEAD + CAPTURED_TAIL;
    }
    if (length == line.length) {
      if (length >= MAX_LINE) {
        throw new ProtocolException("the server sent a line longer than " + MAX_LINE + " bytes");
      }
      line = java.util.Arrays.copyOf(line, Math.min(MAX_LINE, Math.max(128, length * 2)));
    }
    line[length++] = b;
  }

  private void charge(long n) throws ProtocolException {
    spent += n;
    if (spent > budget) {
      throw new ResponseGuard.ResponseTooLargeException("the server sent more than " + budget
          + " bytes without waiting for a command");
    }
  }

  /** The literal's size if the line so far ends with {@code {n}} or {@code {n+}}, else -1. */
  private long literalAt(int end) {
    if (end < 3 || line[end - 1] != '}') {
      return -1;
    }
    int i = end - 2;
    if (line[i] == '+') {
      i--;
    }
    long value = 0;
    long scale = 1;
    int digits = 0;
    while (i >= 0 && line[i] >= '0' && line[i] <= '9') {
      if (digits++ > 12) {
        return Long.MAX_VALUE;
      }
      value += (line[i] - '0') * scale;
      scale *= 10;
      i--;
    }
    return digits > 0 && i >= 0 && line[i] == '{' ? value : -1;
  }

  private int digitsWithBraces(int end) {
    int i = end - 1;
    while (line[i] != '{') {
      i--;
    }
    return end - i;
  }
}
