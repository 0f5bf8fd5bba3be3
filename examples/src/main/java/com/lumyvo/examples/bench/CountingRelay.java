package com.lumyvo.examples.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A relay on 127.0.0.1 in front of an IMAPS server that ends TLS on both sides, with the same
 * certificate and key as the server (the harness's own, for {@code localhost}), so that it sees
 * the commands: it counts every command line a client sends and its flights (how often it spoke
 * after the server had: round trips when it waits for answers), and keeps each command's first
 * words. Counts are summed over the connections since the last {@link #reset()}. Only for an
 * untimed pass: the relay adds a hop and two TLS sessions.
 */
final class CountingRelay implements AutoCloseable {
  private final SSLServerSocket listener;
  private final SSLContext upstream;
  private final int target;
  private final Object lock = new Object();
  private int connections;
  private int flights;
  private final List<String> commands = new ArrayList<>();
  private volatile boolean closed;

  /**
   * @param target the IMAPS port to relay to
   * @param certPem the server's certificate, PEM
   * @param keyPem its private key, PKCS#8 PEM (RSA)
   * @param upstream trusts the server
   */
  CountingRelay(int target, Path certPem, Path keyPem, SSLContext upstream) throws Exception {
    this.target = target;
    this.upstream = upstream;
    Certificate cert = CertificateFactory.getInstance("X.509")
        .generateCertificate(new java.io.ByteArrayInputStream(Files.readAllBytes(certPem)));
    PrivateKey key = KeyFactory.getInstance("RSA")
        .generatePrivate(new PKCS8EncodedKeySpec(pemBody(keyPem)));
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    char[] secret = "relay".toCharArray();
    store.setKeyEntry("server", key, secret, new Certificate[] {cert});
    KeyManagerFactory keys =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, secret);
    SSLContext server = SSLContext.getInstance("TLS");
    server.init(keys.getKeyManagers(), null, null);
    listener = (SSLServerSocket) server.getServerSocketFactory().createServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread accept = new Thread(this::accept, "counting-relay");
    accept.setDaemon(true);
    accept.start();
  }

  private static byte[] pemBody(Path pem) throws IOException {
    StringBuilder base64 = new StringBuilder();
    for (String line : Files.readAllLines(pem, StandardCharsets.US_ASCII)) {
      if (!line.startsWith("-----")) {
        base64.append(line.trim());
      }
    }
    return Base64.getDecoder().decode(base64.toString());
  }

  int port() {
    return listener.getLocalPort();
  }

  /** What was counted since the last reset. */
  record Counts(int connections, int flights, List<String> commands) {}

  Counts reset() {
    synchronized (lock) {
      Counts counts = new Counts(connections, flights, List.copyOf(commands));
      connections = 0;
      flights = 0;
      commands.clear();
      return counts;
    }
  }

  private void accept() {
    while (!closed) {
      try {
        SSLSocket client = (SSLSocket) listener.accept();
        client.setTcpNoDelay(true);
        Thread thread = new Thread(() -> relay(client), "counting-relay-connection");
        thread.setDaemon(true);
        thread.start();
      } catch (IOException e) {
        if (!closed) {
          System.err.println("counting relay: " + e.getMessage());
        }
      }
    }
  }

  private void relay(SSLSocket client) {
    try {
      client.startHandshake();
      Socket plain = new Socket();
      plain.setTcpNoDelay(true);
      plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 10_000);
      SSLSocket server = (SSLSocket) upstream.getSocketFactory()
          .createSocket(plain, "localhost", target, true);
      SSLParameters parameters = server.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      server.setSSLParameters(parameters);
      server.startHandshake();
      synchronized (lock) {
        connections++;
      }
      boolean[] clientLast = {false};
      Thread down = new Thread(() -> pump(server, client, false, clientLast),
          "counting-relay-down");
      down.setDaemon(true);
      down.start();
      pump(client, server, true, clientLast);
    } catch (IOException e) {
      closeQuietly(client);
    }
  }

  private void pump(Socket from, Socket to, boolean fromClient, boolean[] clientLast) {
    byte[] buffer = new byte[1 << 16];
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    long literal = 0;
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) > 0) {
        synchronized (lock) {
          if (fromClient && !clientLast[0]) {
            flights++;
          }
          clientLast[0] = fromClient;
        }
        if (fromClient) {
          for (int i = 0; i < n; i++) {
            if (literal > 0) {
              long skip = Math.min(literal, n - i);
              literal -= skip;
              i += (int) skip - 1;
              continue;
            }
            byte b = buffer[i];
            if (b != '\n') {
              if (line.size() < 200) {
                line.write(b);
              }
              continue;
            }
            String text = line.toString(StandardCharsets.ISO_8859_1).strip();
            line.reset();
            literal = literalAtEnd(text);
            command(text);
          }
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // one side closed
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  /** Keeps a command line's words without its tag (and without SASL data or literals). */
  private void command(String text) {
    int space = text.indexOf(' ');
    String words = space < 0 ? "(continuation)" : text.substring(space + 1);
    if (words.startsWith("AUTHENTICATE") || words.startsWith("LOGIN")) {
      words = words.split(" ")[0] + (words.startsWith("AUTHENTICATE")
          ? " " + words.split(" ")[1] + (words.split(" ").length > 2 ? " <initial response>"
          : "") : " <credentials>");
    }
    if (words.length() > 60) {
      words = words.substring(0, 57) + "...";
    }
    synchronized (lock) {
      commands.add(words);
    }
  }

  private static long literalAtEnd(String text) {
    if (!text.endsWith("}")) {
      return 0;
    }
    int open = text.lastIndexOf('{');
    if (open < 0) {
      return 0;
    }
    String digits = text.substring(open + 1, text.length() - 1).replace("+", "");
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
  }
}
