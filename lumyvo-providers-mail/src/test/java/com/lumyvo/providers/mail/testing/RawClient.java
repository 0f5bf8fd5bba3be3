package com.lumyvo.providers.mail.testing;

import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** A bare client socket to a hostile server: TLS with full checks, lines and bytes, no mercy. */
final class RawClient implements AutoCloseable {
  private final Socket plain;
  private final SSLSocketFactory tls;
  private final String host;
  private final int port;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  private RawClient(ServerEndpoint endpoint, KeyStore trust) throws IOException {
    host = endpoint.host();
    port = endpoint.port();
    tls = tls(trust);
    plain = new Socket(host, port);
    plain.setSoTimeout(10_000); // a guard against a hanging test, not a measurement
    socket = plain;
    streams();
    if (endpoint.security() == Security.SSL_TLS) {
      startTls();
    }
  }

  static RawClient connect(HostileServer server) throws IOException {
    return new RawClient(server.endpoint(), server.trustStore());
  }

  /**
   * A connection to {@code endpoint}: TLS at once for SSL/TLS, for STARTTLS after {@link
   * #startTls()}.
   */
  static RawClient connect(ServerEndpoint endpoint, KeyStore trust) throws IOException {
    return new RawClient(endpoint, trust);
  }

  static SSLSocketFactory tls(KeyStore trust) {
    try {
      TrustManagerFactory trustManagers =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trustManagers.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The TLS handshake as a client checking the host name, over the current connection. */
  void startTls() throws IOException {
    SSLSocket secure = (SSLSocket) tls.createSocket(plain, host, port, true);
    SSLParameters parameters = secure.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    secure.setSSLParameters(parameters);
    secure.startHandshake();
    socket = secure;
    streams();
  }

  private void streams() throws IOException {
    in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
    out = socket.getOutputStream();
  }

  void timeout(int millis) throws IOException {
    plain.setSoTimeout(millis);
  }

  void send(String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  void sendRaw(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** One line without its line ending; fails past 1 MiB or at the end of the stream. */
  String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      line.write(b);
      if (line.size() > 1 << 20) {
        throw new IOException("line longer than 1 MiB");
      }
    }
    if (b < 0) {
      throw new java.io.EOFException("end of stream after " + line);
    }
    String text = line.toString(StandardCharsets.ISO_8859_1);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }

  /** Lines until one starts with {@code prefix}; returns that one. */
  String lineStartingWith(String prefix) throws IOException {
    String line;
    do {
      line = line();
    } while (!line.startsWith(prefix));
    return line;
  }

  int read(byte[] buffer) throws IOException {
    return in.read(buffer);
  }

  int read() throws IOException {
    return in.read();
  }

  /** The raw stream, for reading what the server floods. */
  InputStream in() {
    return in;
  }

  /** Sends a line and returns the reply line that starts with {@code prefix}. */
  String command(String line, String prefix) throws IOException {
    send(line);
    return lineStartingWith(prefix);
  }

  /**
   * Hangs up in the middle of whatever was sent last, the way a client that is shut down does:
   * TLS's close_notify, then the end of the stream, so that the server reads everything sent.
   */
  void hangUp() throws IOException {
    socket.close();
  }

  /** Drops the connection with a reset, as a crashed client or a NAT does: no goodbye. */
  void abort() throws IOException {
    plain.setSoLinger(true, 0);
    plain.close();
  }

  @Override
  public void close() throws IOException {
    plain.close();
  }
}
