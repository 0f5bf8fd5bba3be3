package com.lumyvo.providers.mail.internal;

import com.lumyvo.providers.mail.Timeouts;
import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import com.lumyvo.providers.discovery.PublicAddresses;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Checks that a guessed endpoint is a mail server of the right kind behind a certificate valid
 * for its name, without logging in: TCP, TLS (implicit or through STARTTLS, which must be
 * offered), and the greeting. A guess must pass this before any password goes to it.
 */
public final class EndpointProbe {
  private static final int MAX_LINE = 2048;
  private static final int MAX_LINES = 64;

  private EndpointProbe() {}

  public static void probe(Protocol protocol, ServerEndpoint endpoint, SSLSocketFactory tls,
      Timeouts timeouts, Progress progress, boolean privateAddresses) throws IOException {
    if (!endpoint.security().isEncrypted()) {
      throw new IOException("refusing to probe " + endpoint + ": guesses are only tried with TLS");
    }
    InetAddress[] addresses = InetAddress.getAllByName(endpoint.host());
    progress.resolved = true;
    for (InetAddress address : addresses) {
      if (!privateAddresses && !PublicAddresses.isPublic(address)) {
        // Refused before any packet: a guess must not become a scan of the service's network.
        throw new ConnectException(endpoint.host() + " resolves to a private or local address,"
            + " which probes do not contact");
      }
    }
    Socket plain = connect(addresses, endpoint.port(), timeouts, progress);
    try {
      plain.setSoTimeout((int) timeouts.read().toMillis());
      Socket socket = plain;
      if (endpoint.security() == Security.SSL_TLS) {
        socket = handshake(plain, endpoint, tls, progress);
      }
      greeting(protocol, socket.getInputStream());
      if (endpoint.security() == Security.STARTTLS) {
        startTls(protocol, socket.getInputStream(), socket.getOutputStream());
        socket = handshake(plain, endpoint, tls, progress);
      }
      // Politely end the session; the server's answer does not matter.
      write(socket.getOutputStream(), protocol == Protocol.IMAP ? "p9 LOGOUT" : "QUIT");
    } finally {
      plain.close();
    }
  }

  /** The first of the host's addresses that accepts a connection, as mail clients do. */
  private static Socket connect(InetAddress[] addresses, int port, Timeouts timeouts,
      Progress progress) throws IOException {
    IOException last = null;
    for (InetAddress address : addresses) {
      Socket socket = progress.plainSockets().createSocket();
      try {
        socket.connect(new InetSocketAddress(address, port), (int) timeouts.connect().toMillis());
        return socket;
      } catch (IOException e) {
        socket.close();
        if (last != null) {
          e.addSuppressed(last);
        }
        last = e;
      }
    }
    throw last != null ? last : new IOException("the host has no addresses");
  }

  private static Socket handshake(Socket plain, ServerEndpoint endpoint, SSLSocketFactory tls,
      Progress progress) throws IOException {
    SSLSocket socket = (SSLSocket) progress.tlsSockets(tls)
        .createSocket(plain, endpoint.host(), endpoint.port(), true);
    SSLParameters parameters = socket.getSSLParameters();
    // The JDK's RFC 2818 name check, as for HTTPS: the certificate must name the guessed host.
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    socket.setSSLParameters(parameters);
    socket.startHandshake();
    return socket;
  }

  private static void greeting(Protocol protocol, InputStream in) throws IOException {
    String line = readLine(in);
    boolean ok = protocol == Protocol.IMAP
        ? line.startsWith("* OK") || line.startsWith("* PREAUTH")
        : line.startsWith("220");
    if (!ok) {
      throw new ProtocolException("not an " + protocol + " server: it greeted with "
          + shown(line));
    }
    for (int lines = 0; protocol == Protocol.SMTP && line.startsWith("220-"); lines++) {
      if (lines == MAX_LINES) {
        throw new ProtocolException("the server's greeting has more than " + MAX_LINES
            + " lines");
      }
      line = readLine(in);
    }
  }

  private static void startTls(Protocol protocol, InputStream in, OutputStream out)
      throws IOException {
    if (protocol == Protocol.IMAP) {
      write(out, "p1 STARTTLS");
      String line;
      int lines = 0;
      do {
        line = readLine(in);
      } while (!line.startsWith("p1 ") && ++lines < MAX_LINES);
      if (!line.startsWith("p1 OK")) {
        throw new SSLException("the server refused STARTTLS: " + shown(line));
      }
      return;
    }
    write(out, "EHLO lumyvo.invalid");
    boolean offered = false;
    String line;
    int lines = 0;
    do {
      line = readLine(in);
      offered |= line.length() >= 4 && line.substring(4).trim().equalsIgnoreCase("STARTTLS");
    } while (line.startsWith("250-") && ++lines < MAX_LINES);
    if (!line.startsWith("250")) {
      throw new ProtocolException("the server refused EHLO: " + shown(line));
    }
    if (!offered) {
      throw new SSLException("the server does not offer STARTTLS, which is required");
    }
    write(out, "STARTTLS");
    line = readLine(in);
    if (!line.startsWith("220")) {
      throw new SSLException("the server refused STARTTLS: " + shown(line));
    }
  }

  private static void write(OutputStream out, String command) throws IOException {
    out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** One line, without its line end; a server that never ends one is refused, not waited on. */
  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new EOFException("the server closed the connection"
            + (line.length() == 0 ? "" : " after " + shown(line.toString())));
      }
      if (line.length() == MAX_LINE) {
        throw new ProtocolException("the server sent a line longer than " + MAX_LINE + " bytes");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  private static String shown(String line) {
    String cut = line.length() > 80 ? line.substring(0, 80) + "…" : line;
    return '"' + cut.replaceAll("[^\\x20-\\x7E]", "?") + '"';
  }
}
