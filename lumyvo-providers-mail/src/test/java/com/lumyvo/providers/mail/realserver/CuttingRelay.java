package com.lumyvo.providers.mail.realserver;

import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A relay in front of one of Dovecot's plain-text IMAP ports that sees the client's commands:
 * it records every line the client sends, counts connections, and can cut a connection (close
 * both sides) at a chosen command, either before the server gets it or after the server has
 * carried it out but before the client hears the answer. Connects from 127.0.0.1 to 127.0.0.1,
 * which Dovecot counts as secured, so plain-text login works through it.
 *
 * <p>The client's lines are forwarded whole (the SDK's commands, SASL responses and IDLE's DONE
 * all end in CRLF); the server's bytes as they come, except that while a cut after the answer is
 * armed, a line that could be the tagged answer is held until it is complete.
 */
final class CuttingRelay implements AutoCloseable {

  /** One line the client sent, on connection {@code connection} (1 for the first). */
  record Line(int connection, String text) {
    /** The command without its tag, upper case: {@code UID FETCH 1:5 (UID)}. */
    String command() {
      int space = text.indexOf(' ');
      return space < 0 ? text.toUpperCase(Locale.ROOT)
          : text.substring(space + 1).toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
      return "c" + connection + " " + text;
    }
  }

  private enum When { BEFORE, AFTER_REPLY }

  private record Rule(String prefix, When when) {}

  private final ServerSocket server;
  private final int target;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final List<Line> lines = new ArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger cuts = new AtomicInteger();
  private volatile Rule rule;
  private volatile boolean refusing;

  CuttingRelay(ServerEndpoint plainImap) throws IOException {
    if (plainImap.security() != Security.PLAIN) {
      throw new IllegalArgumentException("a relay that reads commands needs a plain endpoint");
    }
    this.target = plainImap.port();
    server = new ServerSocket();
    server.bind(new InetSocketAddress("127.0.0.1", 0), 50);
    Relays.daemon(this::acceptLoop, "cutting-relay-accept");
  }

  /** The relay as a plain-text endpoint on {@code localhost}. */
  ServerEndpoint endpoint() {
    return ServerEndpoint.of("localhost", server.getLocalPort(), Security.PLAIN);
  }

  /** Connections accepted so far. */
  int connections() {
    return connections.get();
  }

  /** Connections cut by a rule or {@link #cutAll()} so far. */
  int cuts() {
    return cuts.get();
  }

  /** Every line clients sent so far, in order. */
  synchronized List<Line> lines() {
    return List.copyOf(lines);
  }

  /** Forgets the lines recorded so far. */
  synchronized void clearLines() {
    lines.clear();
  }

  /**
   * Cuts the connection that next sends a command starting with {@code command} (after the tag,
   * case-insensitive, such as {@code "UID EXPUNGE"}), before the server gets it. Once.
   */
  void cutBefore(String command) {
    rule = new Rule(command.toUpperCase(Locale.ROOT), When.BEFORE);
  }

  /**
   * Lets the next command starting with {@code command} through, and cuts the connection when
   * the server's tagged answer to it arrives, instead of passing the answer on: the server did
   * it, the client never learns. Once.
   */
  void cutAfterReply(String command) {
    rule = new Rule(command.toUpperCase(Locale.ROOT), When.AFTER_REPLY);
  }

  /** Closes every connection open now; new ones are still accepted. */
  void cutAll() {
    for (Socket socket : open) {
      Relays.closeQuietly(socket);
    }
    cuts.incrementAndGet();
  }

  /**
   * While refusing, connections are accepted and closed at once (counted, nothing recorded):
   * keeps a reconnecting client away from the server for a while.
   */
  void refuse(boolean refuse) {
    refusing = refuse;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      if (refusing) {
        connections.incrementAndGet();
        Relays.closeQuietly(client);
        continue;
      }
      Socket upstream = new Socket();
      try {
        upstream.connect(new InetSocketAddress("127.0.0.1", target), 10_000);
      } catch (IOException e) {
        Relays.closeQuietly(client);
        Relays.closeQuietly(upstream);
        continue;
      }
      Connection c = new Connection(connections.incrementAndGet(), client, upstream);
      open.add(client);
      open.add(upstream);
      Relays.daemon(c::clientToServer, "cutting-relay-up");
      Relays.daemon(c::serverToClient, "cutting-relay-down");
    }
  }

  private final class Connection {
    final int id;
    final Socket client;
    final Socket upstream;
    /** The tag whose answer ends the connection, once armed. */
    volatile String cutTag;

    Connection(int id, Socket client, Socket upstream) {
      this.id = id;
      this.client = client;
      this.upstream = upstream;
    }

    void cut() {
      cuts.incrementAndGet();
      Relays.closeQuietly(client);
      Relays.closeQuietly(upstream);
    }

    void clientToServer() {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      byte[] buffer = new byte[16 * 1024];
      try {
        InputStream in = client.getInputStream();
        OutputStream out = upstream.getOutputStream();
        int n;
        while ((n = in.read(buffer)) >= 0) {
          for (int i = 0; i < n; i++) {
            line.write(buffer[i]);
            if (buffer[i] == '\n' || line.size() > 64 * 1024) {
              byte[] bytes = line.toByteArray();
              line.reset();
              if (!pass(bytes, out)) {
                return;
              }
            }
          }
        }
        upstream.shutdownOutput();
      } catch (IOException e) {
        // cut or closed
      } finally {
        closeBoth();
      }
    }

    /** Records and forwards one client line; false if the rule cut the connection. */
    private boolean pass(byte[] bytes, OutputStream out) throws IOException {
      String text = new String(bytes, StandardCharsets.UTF_8).replaceAll("\\r?\\n$", "");
      Line recorded = new Line(id, text);
      synchronized (CuttingRelay.this) {
        lines.add(recorded);
      }
      Rule r = rule;
      if (r != null && (recorded.command().equals(r.prefix())
          || recorded.command().startsWith(r.prefix() + " "))) {
        rule = null;
        if (r.when() == When.BEFORE) {
          cut();
          return false;
        }
        cutTag = text.substring(0, text.indexOf(' '));
      }
      out.write(bytes);
      out.flush();
      return true;
    }

    void serverToClient() {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      byte[] buffer = new byte[64 * 1024];
      try {
        InputStream in = upstream.getInputStream();
        OutputStream out = client.getOutputStream();
        int n;
        while ((n = in.read(buffer)) >= 0) {
          if (cutTag == null && line.size() == 0) {
            out.write(buffer, 0, n);
            out.flush();
            lineOpen = buffer[n - 1] != '\n';
            continue;
          }
          for (int i = 0; i < n; i++) {
            line.write(buffer[i]);
            if (buffer[i] == '\n') {
              byte[] bytes = line.toByteArray();
              line.reset();
              boolean atStart = !lineOpen;
              lineOpen = false;
              String tag = cutTag;
              if (atStart && tag != null && startsWith(bytes, tag + " ")) {
                cut();
                return;
              }
              out.write(bytes);
            }
          }
          if (line.size() > 0) {
            // A partial line: hold it only if it could still turn out to be the tagged answer.
            String tag = cutTag;
            byte[] partial = line.toByteArray();
            if (lineOpen || tag == null || !couldStart(partial, tag + " ")) {
              out.write(partial);
              line.reset();
              lineOpen = true;
            }
          }
          out.flush();
        }
        client.shutdownOutput();
      } catch (IOException e) {
        // cut or closed
      } finally {
        closeBoth();
      }
    }

    /** Whether the server's last forwarded bytes ended inside a line. */
    private boolean lineOpen;

    private void closeBoth() {
      Relays.closeQuietly(client);
      Relays.closeQuietly(upstream);
      open.remove(client);
      open.remove(upstream);
    }
  }

  private static boolean startsWith(byte[] bytes, String prefix) {
    byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
    if (bytes.length < p.length) {
      return false;
    }
    for (int i = 0; i < p.length; i++) {
      if (bytes[i] != p[i]) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code partial} is a prefix of {@code prefix} or starts with it. */
  private static boolean couldStart(byte[] partial, String prefix) {
    byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < Math.min(partial.length, p.length); i++) {
      if (partial[i] != p[i]) {
        return false;
      }
    }
    return true;
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
