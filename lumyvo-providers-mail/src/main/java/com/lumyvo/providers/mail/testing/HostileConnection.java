package com.lumyvo.providers.mail.testing;

import com.lumyvo.providers.Security;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One client connection of a {@link HostileServer}: the socket, TLS, reading lines, writing
 * (one byte at a time once dripping), and the endless behaviours. The protocol sessions extend
 * it; each runs on its own thread.
 */
abstract class HostileConnection {
  /** The longest command line read; a longer one ends the connection. */
  static final int MAX_LINE = 1 << 20;

  final HostileServer server;
  /** The TCP socket under any TLS: closing it unblocks every read and write at once. */
  private final Socket raw;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private boolean tls;
  private boolean dripping;
  private boolean echoing;
  private boolean triggered;
  /** Whether anything has been written yet: misbehaving then replaces the greeting. */
  private boolean greeted;

  HostileConnection(HostileServer server, Socket raw) {
    this.server = server;
    this.raw = raw;
    this.socket = raw;
  }

  /** Serves the connection until either side ends it. */
  final void run() {
    try {
      raw.setTcpNoDelay(true);
      if (server.security() == Security.SSL_TLS) {
        socket = Certificate.LOCALHOST.acceptTls(raw);
        tls = true;
      }
      streams();
      if (server.hostility() == Hostility.CLOSE_AFTER_GREETING) {
        greet();
        flush();
        in.read(); // whatever the client sends, or its end
        return;
      }
      if (server.triggersAtGreeting() && misbehave()) {
        return;
      }
      greet();
      flush();
      serve();
    } catch (IOException e) {
      // The client went away, or the server was closed: either ends the session.
    } finally {
      HostileServer.closeQuietly(raw);
      HostileServer.closeQuietly(socket);
      server.finished(raw);
    }
  }

  /** Sends the greeting. */
  abstract void greet() throws IOException;

  /** Reads and answers commands until the session ends. */
  abstract void serve() throws IOException;

  /** The endless output of {@code hostility} in this protocol, before or instead of a reply. */
  abstract void flood(Hostility hostility, boolean atGreeting) throws IOException;

  /**
   * Starts misbehaving, once the trigger has come (the caller decides that): returns true when
   * the connection must end (an endless behaviour ended, the client left), false when the
   * session goes on, dripping or echoing. The sessions play {@link
   * Hostility#STARTTLS_THEN_SILENCE} themselves, at STARTTLS.
   */
  final boolean misbehave() throws IOException {
    Hostility hostility = server.hostility();
    if (triggered) {
      return false;
    }
    triggered = true;
    boolean atGreeting = !greeted;
    switch (hostility) {
      case STARTTLS_THEN_SILENCE:
      case CLOSE_AFTER_GREETING:
        return false;
      case DRIP:
        flush();
        dripping = true;
        return false;
      case ECHO:
        echoing = true;
        return false;
      case SILENCE:
        flush();
        drain();
        return true;
      default:
        flush();
        flood(hostility, atGreeting);
        return true;
    }
  }

  /** Whether the command with these first words is where the server turns hostile. */
  final boolean isTrigger(String verb, String next) {
    if (triggered || server.triggersAtGreeting()) {
      return false;
    }
    return server.isTrigger(verb, next);
  }

  final boolean echoing() {
    return echoing;
  }

  final boolean isTls() {
    return tls;
  }

  /** Upgrades the plain connection to TLS as the server, after a positive STARTTLS reply. */
  final void startTls() throws IOException {
    flush();
    socket = Certificate.LOCALHOST.acceptTls(raw);
    tls = true;
    streams();
  }

  /** Positive reply to STARTTLS already sent: never do the handshake, drop what comes in. */
  final void silenceAfterStartTls() throws IOException {
    flush();
    drain();
  }

  private void streams() throws IOException {
    in = new BufferedInputStream(socket.getInputStream(), 1 << 14);
    out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
  }

  /** Reads and drops everything until the client leaves or the server closes. */
  final void drain() throws IOException {
    byte[] buffer = new byte[1 << 14];
    while (in.read(buffer) >= 0) {
      // dropped
    }
  }

  /**
   * One line without its line ending, or null at the end of the stream; a line longer than
   * {@link #MAX_LINE} ends the connection.
   */
  final byte[] readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r'
            ? bytes.length - 1 : bytes.length;
        return java.util.Arrays.copyOf(bytes, length);
      }
      line.write(b);
      if (line.size() > MAX_LINE) {
        throw new IOException("line too long");
      }
    }
    if (line.size() > 0) {
      throw new EOFException("the client left in the middle of a line");
    }
    return null;
  }

  /** A line as text, each byte one character (ISO 8859-1), or null at the end of the stream. */
  final String readText() throws IOException {
    byte[] line = readLine();
    return line == null ? null : new String(line, StandardCharsets.ISO_8859_1);
  }

  /** Exactly {@code count} bytes. */
  final byte[] readBytes(int count) throws IOException {
    byte[] bytes = in.readNBytes(count);
    if (bytes.length < count) {
      throw new EOFException("the client left in the middle of a literal");
    }
    return bytes;
  }

  /** Writes text, each character one byte (ISO 8859-1). */
  final void write(String text) throws IOException {
    write(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Writes bytes, or drips them one at a time once {@link Hostility#DRIP} has begun. */
  final void write(byte[] bytes) throws IOException {
    greeted = true;
    if (!dripping) {
      out.write(bytes);
      return;
    }
    long millis = server.dripInterval().toMillis();
    int nanos = server.dripInterval().toNanosPart() % 1_000_000;
    for (byte b : bytes) {
      out.write(b);
      out.flush();
      try {
        Thread.sleep(millis, nanos);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("the server is closing");
      }
    }
  }

  final void flush() throws IOException {
    out.flush();
  }

  /**
   * Writes what {@code flood} generates until the client or the server ends the connection,
   * after {@code start}, if any.
   */
  final void flood(String start, Flood flood) throws IOException {
    if (start != null) {
      out.write(start.getBytes(StandardCharsets.ISO_8859_1));
    }
    flood.pour(out, server::isClosed);
  }
}
