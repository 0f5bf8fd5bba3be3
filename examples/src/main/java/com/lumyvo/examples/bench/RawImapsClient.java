package com.lumyvo.examples.bench;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The least an IMAP client can do over implicit TLS, as the benchmarks' floor: one buffered
 * TLS socket with TCP_NODELAY, commands written whole, and responses read to their tagged
 * completion while only looking for their boundaries (line ends and {@code {n}} literals, whose
 * bytes are skipped or handed on). No response objects are built. Not a general client: it
 * stops at the first NO or BAD.
 */
final class RawImapsClient implements AutoCloseable {
  private static final byte[] CRLF = {'\r', '\n'};

  private final SSLSocket socket;
  private final InputStream in;
  private final OutputStream out;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  /** The current line (one segment of a response, up to a literal or its end), without CRLF. */
  private byte[] line = new byte[1 << 12];
  private int lineLength;
  private int tags;
  private int commands;
  private String completion = "";

  /** What a caller wants to see of untagged responses: their first line. */
  interface Untagged {
    void line(byte[] bytes, int length) throws IOException;
  }

  private RawImapsClient(SSLSocket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
  }

  /**
   * Connects, checks the certificate against {@code host} (as HTTPS does) and reads the
   * greeting.
   */
  static RawImapsClient connect(String host, int port, SSLContext tls) throws IOException {
    Socket plain = new Socket();
    try {
      plain.setTcpNoDelay(true);
      plain.connect(new InetSocketAddress(host, port), 10_000);
      plain.setSoTimeout(120_000);
      SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, true);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      RawImapsClient client = new RawImapsClient(socket);
      client.readSegment();
      if (!client.startsWith("* OK", 0)) {
        throw new IOException("unexpected greeting: " + client.lineText());
      }
      client.skipLiterals(null);
      return client;
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  /** {@code AUTHENTICATE PLAIN} with the credentials in the command (SASL-IR, RFC 4959). */
  void authenticatePlain(String user, String password) throws IOException {
    String response = Base64.getEncoder().encodeToString(
        ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    run("AUTHENTICATE PLAIN " + response);
  }

  /** Sends a command and reads to its tagged OK; returns how many FETCH responses came. */
  int run(String command) throws IOException {
    return await(send(command), null, null);
  }

  /** Sends a command, passing the first line of each untagged response to {@code untagged}. */
  int run(String command, Untagged untagged) throws IOException {
    return await(send(command), untagged, null);
  }

  /** Sends a command, writing the bytes of every literal in the responses to {@code sink}. */
  int run(String command, OutputStream sink) throws IOException {
    return await(send(command), null, sink);
  }

  /** {@code UID SEARCH criteria}: the UIDs in the order the server gave them. */
  long[] searchUids(String criteria) throws IOException {
    long[][] found = {new long[1024]};
    int[] count = {0};
    run("UID SEARCH " + criteria, (bytes, length) -> {
      if (!startsWith("* SEARCH", 0)) {
        return;
      }
      long value = -1;
      for (int i = "* SEARCH".length(); i <= length; i++) {
        byte b = i < length ? bytes[i] : (byte) ' ';
        if (b >= '0' && b <= '9') {
          value = (value < 0 ? 0 : value * 10) + (b - '0');
        } else if (value >= 0) {
          if (count[0] == found[0].length) {
            found[0] = Arrays.copyOf(found[0], count[0] * 2);
          }
          found[0][count[0]++] = value;
          value = -1;
        }
      }
    });
    return Arrays.copyOf(found[0], count[0]);
  }

  /**
   * {@code APPEND mailbox {size+}} with the message streamed from {@code body} as a non-
   * synchronizing literal (LITERAL+); {@code body} must write exactly {@code size} bytes.
   *
   * @return the tagged completion line, with the APPENDUID code where the server has UIDPLUS
   */
  String append(String mailbox, long size, BodyWriter body) throws IOException {
    String tag = nextTag();
    out.write((tag + " APPEND " + mailbox + " {" + size + "+}\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    long[] written = {0};
    OutputStream counting = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        out.write(b);
        written[0]++;
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        written[0] += len;
      }
    };
    body.writeTo(counting);
    if (written[0] != size) {
      throw new IOException("the body wrote " + written[0] + " bytes, not " + size);
    }
    out.write(CRLF);
    out.flush();
    commands++;
    await(tag, null, null);
    return completion;
  }

  /** Writes a message body. */
  interface BodyWriter {
    void writeTo(OutputStream out) throws IOException;
  }

  /** LOGOUT, read to its tagged OK, then closes. */
  void logout() throws IOException {
    run("LOGOUT");
    close();
  }

  /** The commands sent so far. */
  int commands() {
    return commands;
  }

  /** The last tagged completion line. */
  String completion() {
    return completion;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private String nextTag() {
    return "a" + ++tags;
  }

  private String send(String command) throws IOException {
    String tag = nextTag();
    out.write((tag + " " + command + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    commands++;
    return tag;
  }

  /**
   * Reads responses up to the tagged completion of {@code tag}.
   *
   * @return how many untagged FETCH responses came
   * @throws IOException if the completion is not OK, or the connection ends
   */
  private int await(String tag, Untagged untagged, OutputStream sink) throws IOException {
    int fetches = 0;
    while (true) {
      readSegment();
      if (lineLength > tag.length() && line[tag.length()] == ' ' && startsWith(tag, 0)) {
        completion = lineText();
        if (!startsWith("OK", tag.length() + 1)) {
          throw new IOException("the server refused: " + completion);
        }
        return fetches;
      }
      if (isFetch()) {
        fetches++;
      }
      if (untagged != null) {
        untagged.line(line, lineLength);
      }
      skipLiterals(sink);
    }
  }

  /** While the current segment ends in a literal, passes its bytes on and reads the next one. */
  private void skipLiterals(OutputStream sink) throws IOException {
    long literal;
    while ((literal = literalAtEnd()) >= 0) {
      copy(literal, sink);
      readSegment();
    }
  }

  /** {@code * n FETCH ...}. */
  private boolean isFetch() {
    if (lineLength < 10 || line[0] != '*' || line[1] != ' ') {
      return false;
    }
    int i = 2;
    while (i < lineLength && line[i] >= '0' && line[i] <= '9') {
      i++;
    }
    return i > 2 && startsWith(" FETCH", i);
  }

  /** The length of the {@code {n}} or {@code {n+}} literal the current segment ends with, or -1. */
  private long literalAtEnd() {
    int end = lineLength - 1;
    if (end < 2 || line[end] != '}') {
      return -1;
    }
    int i = end - 1;
    if (line[i] == '+') {
      i--;
    }
    long value = 0;
    long scale = 1;
    int digits = 0;
    while (i >= 0 && line[i] >= '0' && line[i] <= '9') {
      value += (line[i] - '0') * scale;
      scale *= 10;
      digits++;
      i--;
    }
    return digits > 0 && i >= 0 && line[i] == '{' ? value : -1;
  }

  /** Reads one segment: the bytes up to the next LF, CRLF dropped, into {@link #line}. */
  private void readSegment() throws IOException {
    lineLength = 0;
    while (true) {
      if (position == limit) {
        fill();
      }
      int i = position;
      while (i < limit && buffer[i] != '\n') {
        i++;
      }
      int n = i - position;
      if (lineLength + n > line.length) {
        line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + n));
      }
      System.arraycopy(buffer, position, line, lineLength, n);
      lineLength += n;
      if (i < limit) {
        position = i + 1;
        if (lineLength > 0 && line[lineLength - 1] == '\r') {
          lineLength--;
        }
        return;
      }
      position = limit;
    }
  }

  /** Passes the next {@code length} bytes to {@code sink}, or skips them. */
  private void copy(long length, OutputStream sink) throws IOException {
    long left = length;
    while (left > 0) {
      if (position == limit) {
        fill();
      }
      int n = (int) Math.min(left, limit - position);
      if (sink != null) {
        sink.write(buffer, position, n);
      }
      position += n;
      left -= n;
    }
  }

  private void fill() throws IOException {
    int n = in.read(buffer, 0, buffer.length);
    if (n < 0) {
      throw new EOFException("the server closed the connection");
    }
    position = 0;
    limit = n;
  }

  private boolean startsWith(String prefix, int at) {
    if (at + prefix.length() > lineLength) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (line[at + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private String lineText() {
    return new String(line, 0, Math.min(lineLength, 300), StandardCharsets.UTF_8);
  }

  /** A UID set of ascending UIDs {@code uids[from..to)}, ranges joined: {@code 1:1000,1002}. */
  static String uidSet(long[] uids, int from, int to) {
    StringBuilder set = new StringBuilder();
    int i = from;
    while (i < to) {
      int j = i;
      while (j + 1 < to && uids[j + 1] == uids[j] + 1) {
        j++;
      }
      if (set.length() > 0) {
        set.append(',');
      }
      set.append(uids[i]);
      if (j > i) {
        set.append(':').append(uids[j]);
      }
      i = j + 1;
    }
    return set.toString();
  }
}
