package com.lumyvo.providers.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLServerSocket;

/**
 * A tiny HTTPS server on loopback whose replies a test scripts byte by byte, including the
 * broken and hostile ones no real server library would send.
 */
final class LocalHttpsServer implements AutoCloseable {
  /** Writes the whole reply to one request; {@code target} is the request's path and query. */
  @FunctionalInterface
  interface Responder {
    void respond(String target, OutputStream out) throws Exception;
  }

  private final SSLServerSocket server;
  private final Responder responder;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> heads = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final List<Thread> handlers = new CopyOnWriteArrayList<>();

  LocalHttpsServer(KeyStore keys, Responder responder) throws IOException {
    this.server = (SSLServerSocket) TestTls.server(keys).getServerSocketFactory()
        .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.responder = responder;
    Thread acceptor = new Thread(this::accept, "local-https");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A server that answers every request with status 200 and {@code body}. */
  static LocalHttpsServer serving(String body) throws IOException {
    return new LocalHttpsServer(TestTls.LOCALHOST, (target, out) -> ok(out, body));
  }

  static void ok(OutputStream out, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: " + bytes.length
        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.flush();
  }

  static void redirect(OutputStream out, String location) throws IOException {
    out.write(("HTTP/1.1 302 Found\r\nLocation: " + location
        + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  URI uri(String path) {
    return URI.create("https://localhost:" + server.getLocalPort() + path);
  }

  /** The request lines and headers received so far, in no particular order. */
  List<String> heads() {
    return List.copyOf(heads);
  }

  /** The request targets received so far. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        open.add(socket);
        Thread handler = new Thread(() -> handle(socket), "local-https-conn");
        handler.setDaemon(true);
        handlers.add(handler);
        handler.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void handle(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      StringBuilder head = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0) {
        head.append((char) c);
        if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
          break;
        }
      }
      String[] requestLine = head.toString().split("\r\n", 2)[0].split(" ");
      String target = requestLine.length > 1 ? requestLine[1] : "";
      requests.add(target);
      heads.add(head.toString());
      responder.respond(target, socket.getOutputStream());
    } catch (Exception ignored) {
      // The client hung up or the TLS handshake failed; both are what some tests want.
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : open) {
      socket.close();
    }
    // Ends responders still sleeping to play a slow server, so none outlives its test.
    handlers.forEach(Thread::interrupt);
  }
}
