package com.lumyvo.providers.mail.realserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay from 127.0.0.1:{@link #port()} to 127.0.0.1:target that connects from 127.0.0.2.
 *
 * <p>Dovecot 2.3 counts a connection whose remote address equals its local address as secured
 * and then allows logins without TLS whatever {@code ssl = required} and {@code
 * disable_plaintext_auth} say. Through the relay the remote address is 127.0.0.2, so the plain
 * IMAP port really requires STARTTLS before login, as it would for a client on the network.
 */
final class LoopbackRelay implements AutoCloseable {

  private final ServerSocket server;
  private final int target;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  LoopbackRelay(int target) throws IOException {
    this.target = target;
    server = new ServerSocket();
    server.bind(new InetSocketAddress("127.0.0.1", 0), 50);
    Relays.daemon(this::acceptLoop, "relay-accept");
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      Socket upstream = new Socket();
      try {
        upstream.bind(new InetSocketAddress("127.0.0.2", 0));
        upstream.connect(new InetSocketAddress("127.0.0.1", target), 10_000);
      } catch (IOException e) {
        Relays.closeQuietly(client);
        Relays.closeQuietly(upstream);
        continue;
      }
      open.add(client);
      open.add(upstream);
      AtomicInteger directions = new AtomicInteger(2);
      Runnable done = () -> {
        if (directions.decrementAndGet() == 0) {
          Relays.closeQuietly(client);
          Relays.closeQuietly(upstream);
          open.remove(client);
          open.remove(upstream);
        }
      };
      Relays.daemon(() -> pump(client, upstream, done), "relay-up");
      Relays.daemon(() -> pump(upstream, client, done), "relay-down");
    }
  }

  private static void pump(Socket from, Socket to, Runnable done) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      Relays.closeQuietly(from);
      Relays.closeQuietly(to);
    } finally {
      done.run();
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // nothing to do
    }
    open.forEach(Relays::closeQuietly);
  }
}
