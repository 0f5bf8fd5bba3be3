package com.lumyvo.examples;

import java.io.IOException;
import java.io.Reader;
import java.util.Optional;

/**
 * Reads text line by line keeping at most {@code cap} characters of each line: the rest of an
 * overlong line is read and counted, not kept, so a log of any size, or one line of 20 MB, is read
 * in memory bounded by the cap. {@link java.io.BufferedReader#readLine} keeps the whole line and
 * ends in an {@link OutOfMemoryError} instead.
 *
 * <p>Lines end as {@code readLine} ends them: at {@code \n}, {@code \r} or {@code \r\n}; the
 * terminator is not part of the line. Not thread-safe.
 */
final class BoundedLines {
  /** One line: its first {@code cap} characters, and its full length. */
  record Line(String text, long length) {
    boolean isCut() {
      return length > text.length();
    }
  }

  private final Reader in;
  private final int cap;
  private final char[] buffer = new char[8192];
  private int position;
  private int limit;
  private boolean skipNewline;

  BoundedLines(Reader in, int cap) {
    if (cap < 1) {
      throw new IllegalArgumentException("cap must be 1 or more, not " + cap);
    }
    this.in = in;
    this.cap = cap;
  }

  /** The next line, or empty at the end of the input. */
  Optional<Line> next() throws IOException {
    StringBuilder kept = new StringBuilder();
    long length = 0;
    boolean any = false;
    while (true) {
      if (position == limit) {
        limit = in.read(buffer, 0, buffer.length);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          return any ? Optional.of(new Line(kept.toString(), length)) : Optional.empty();
        }
      }
      char c = buffer[position++];
      if (skipNewline) {
        skipNewline = false;
        if (c == '\n') {
          continue;
        }
      }
      any = true;
      if (c == '\n' || c == '\r') {
        skipNewline = c == '\r';
        return Optional.of(new Line(kept.toString(), length));
      }
      if (kept.length() < cap) {
        kept.append(c);
      }
      length++;
    }
  }
}
