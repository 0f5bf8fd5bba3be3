package com.lumyvo.providers.mail.internal;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Collects Jakarta Mail's protocol trace into lines for a logger. Lines are cut at 4,096 bytes so
 * that a huge literal cannot fill memory.
 */
public final class TraceSink extends OutputStream {
  private static final int MAX_LINE = 4_096;

  private final Consumer<String> lines;
  private final byte[] buffer = new byte[MAX_LINE];
  private int length;

  public TraceSink(Consumer<String> lines) {
    this.lines = lines;
  }

  @Override
  public synchronized void write(int b) {
    if (b == '\n') {
      flushLine();
    } else if (b != '\r' && length < MAX_LINE) {
      buffer[length++] = (byte) b;
    }
  }

  @Override
  public synchronized void flush() {
    if (length > 0) {
      flushLine();
    }
  }

  private void flushLine() {
    lines.accept(new String(buffer, 0, length, StandardCharsets.UTF_8));
    length = 0;
  }
}
