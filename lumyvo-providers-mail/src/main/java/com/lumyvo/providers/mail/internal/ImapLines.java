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
 */
final class ImapLines {
  static final int MAX_LINE = 64 * 1024;

  /** Receives each complete line, without CRLF; literals appear as {@code ""}. */
  interface Sink {
    void line(String line) throws Exception;
  }

  private final long budget;
  private byte[] line = new byte[0];
  private int length;
  private long literalLeft;
  private long spent;
  private boolean paused;

  ImapLines(long budget) {
    this.budget = budget;
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
        in.position(in.position() + skip);
        literalLeft -= skip;
        charge(skip);
        continue;
      }
      byte b = in.get();
      charge(1);
      if (b == '\n') {
        int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        long literal = literalAt(end);
        if (literal >= 0) {
          if (literal > budget - spent) {
            throw new ProtocolException("the server announced a literal of " + literal
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
      throw new ProtocolException("the server sent more than " + budget
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
