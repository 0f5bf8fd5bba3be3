package com.lumyvo.providers.mail.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * Endless output for the hostile servers, generated in chunks of 64 KiB with constant memory:
 * as fast as the client takes it, until writing fails (the client left, the server closed the
 * socket) or the server says stop.
 */
abstract class Flood {
  static final int CHUNK = 1 << 16;

  /** Letters, never a line ending. */
  static Flood letters() {
    return repeating("abcdefghijklmnopqrstuvwxyz");
  }

  /** {@code text} over and over; give whole lines to send endless well-formed lines. */
  static Flood repeating(String text) {
    byte[] unit = text.getBytes(StandardCharsets.ISO_8859_1);
    byte[] chunk = new byte[Math.max(1, CHUNK / unit.length) * unit.length];
    for (int i = 0; i < chunk.length; i += unit.length) {
      System.arraycopy(unit, 0, chunk, i, unit.length);
    }
    return new Flood() {
      @Override
      int fill(byte[] buffer) {
        System.arraycopy(chunk, 0, buffer, 0, chunk.length);
        return chunk.length;
      }
    };
  }

  /** IMAP {@code * n FETCH (UID n FLAGS ())} lines, n counting up from 1. */
  static Flood countingFetches() {
    return new Flood() {
      private long n;

      @Override
      int fill(byte[] buffer) {
        int at = 0;
        while (true) {
          n++;
          byte[] line = ("* " + n + " FETCH (UID " + n + " FLAGS ())\r\n")
              .getBytes(StandardCharsets.US_ASCII);
          if (at + line.length > buffer.length) {
            n--;
            break;
          }
          System.arraycopy(line, 0, buffer, at, line.length);
          at += line.length;
        }
        return at;
      }
    };
  }

  /** Random bytes with a line ending after every 0 to 199 bytes. */
  static Flood garbage() {
    return new Flood() {
      private final SplittableRandom random = new SplittableRandom();

      @Override
      int fill(byte[] buffer) {
        int at = 0;
        while (at < buffer.length - 2) {
          int run = Math.min(random.nextInt(200), buffer.length - 2 - at);
          for (int i = 0; i < run; i++) {
            buffer[at++] = (byte) random.nextInt(256);
          }
          buffer[at++] = '\r';
          buffer[at++] = '\n';
        }
        return at;
      }
    };
  }

  /** Fills {@code buffer} with the next part; returns its length. */
  abstract int fill(byte[] buffer);

  /** Writes the flood to {@code out} until writing fails or {@code stop} says so. */
  void pour(OutputStream out, BooleanSupplier stop) throws IOException {
    byte[] buffer = new byte[CHUNK];
    while (!stop.getAsBoolean()) {
      out.write(buffer, 0, fill(buffer));
      out.flush();
    }
  }
}
