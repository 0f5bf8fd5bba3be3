package com.lumyvo.providers.mail.realserver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLSocket;

/**
 * A bare IMAP client over implicit TLS, independent of Jakarta Mail and the SDK, for checking
 * what a server really says. Literals in responses are not handled: keep to simple commands.
 */
final class RawImap implements AutoCloseable {
  private final SSLSocket socket;
  private final BufferedReader in;
  private final OutputStream out;
  private int tag;

  private RawImap(SSLSocket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedReader(
        new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    this.out = socket.getOutputStream();
  }

  /** Connects to 127.0.0.1:port, checks the certificate for {@code localhost}, logs in. */
  static RawImap login(int port, KeyStore trust, String user, String password)
      throws IOException {
    Socket plain = new Socket();
    try {
      plain.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      plain.setSoTimeout(30_000);
      SSLSocket tls = (SSLSocket) Processes.sslContext(trust).getSocketFactory()
          .createSocket(plain, "localhost", port, true);
      tls.startHandshake();
      RawImap imap = new RawImap(tls);
      imap.in.readLine(); // greeting
      imap.command("LOGIN " + quote(user) + " " + quote(password));
      return imap;
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  /** The CAPABILITY response after logging in, as a set of upper-case names. */
  static Set<String> capabilitiesAfterLogin(int port, KeyStore trust, String user,
      String password) throws IOException {
    try (RawImap imap = login(port, trust, user, password)) {
      return imap.capabilities();
    }
  }

  Set<String> capabilities() throws IOException {
    Set<String> capabilities = new LinkedHashSet<>();
    for (String line : command("CAPABILITY")) {
      if (line.startsWith("* CAPABILITY ")) {
        String names = line.substring("* CAPABILITY ".length());
        capabilities.addAll(Arrays.asList(names.toUpperCase(Locale.ROOT).split(" ")));
      }
    }
    return capabilities;
  }

  /**
   * Sends one command and returns every line up to and including the tagged OK.
   *
   * @throws IOException if the server answers NO or BAD, or the connection ends
   */
  List<String> command(String command) throws IOException {
    String t = "r" + (++tag);
    out.write((t + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    List<String> lines = new ArrayList<>();
    while (true) {
      String line = in.readLine();
      if (line == null) {
        throw new IOException("connection closed after " + lines);
      }
      lines.add(line);
      if (line.startsWith(t + " ")) {
        if (!line.startsWith(t + " OK")) {
          throw new IOException("server refused " + command.split(" ")[0] + ": " + line);
        }
        return lines;
      }
    }
  }

  @Override
  public void close() throws IOException {
    try {
      command("LOGOUT");
    } catch (IOException e) {
      // closing anyway
    } finally {
      socket.close();
    }
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
