package com.lumyvo.providers.mail.testing;

import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One endpoint of a {@link FakeProvider}: a loopback port that speaks TLS (implicit, or SMTP
 * STARTTLS) to the client and relays to GreenMail's plain port behind it, playing the faults
 * switched on. GreenMail offers neither STARTTLS nor faults; this front puts both in front of it.
 * Every line passes through here in clear, so a {@link ClientConnection} per connection follows
 * them for the journal, the received mail and the idle state.
 */
final class FrontEnd implements Closeable {
  enum Mode { IMAP_TLS, SMTP_TLS, SMTP_STARTTLS }

  private static final Pattern IMAP_LOGIN_ARGUMENTS =
      Pattern.compile("^(\\S+ LOGIN )(\"[^\"]*\"|\\S+)( .*)$",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern IMAP_LOGIN =
      Pattern.compile("^(\\S+) (?:LOGIN|AUTHENTICATE)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern IMAP_OAUTH = Pattern.compile(
      "^(\\S+) AUTHENTICATE (XOAUTH2|OAUTHBEARER)(?: (\\S+))?\\s*$", Pattern.CASE_INSENSITIVE);
  private static final Pattern SMTP_OAUTH = Pattern.compile(
      "^AUTH (XOAUTH2|OAUTHBEARER)(?: (\\S+))?\\s*$", Pattern.CASE_INSENSITIVE);
  private static final int MAX_LINE = 1 << 20;
  private static final Pattern MOVE_COMMAND =
      Pattern.compile("^(\\S+) (?:UID )?MOVE ", Pattern.CASE_INSENSITIVE);
  private static final Pattern UID_EXPUNGE_COMMAND =
      Pattern.compile("^(\\S+) UID EXPUNGE", Pattern.CASE_INSENSITIVE);
  private static final Pattern COMMAND_WORD =
      Pattern.compile("^\\S+ (?:UID )?(\\S+)", Pattern.CASE_INSENSITIVE);

  private final Mode mode;
  private final Protocol protocol;
  private final int backendPort;
  private final FakeProvider owner;
  private final Set<Fault> faults = EnumSet.noneOf(Fault.class);
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile String cutOn;
  /** Per open connection: set when it is frozen, silently dropping both directions. */
  private final Set<AtomicBoolean> silenced = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket server;
  private volatile Thread acceptor;
  private volatile int port;

  FrontEnd(Mode mode, int backendPort, FakeProvider owner) throws IOException {
    this.mode = mode;
    this.protocol = mode == Mode.IMAP_TLS ? Protocol.IMAP : Protocol.SMTP;
    this.backendPort = backendPort;
    this.owner = owner;
    listen(0);
  }

  private final java.util.concurrent.atomic.AtomicInteger accepted =
      new java.util.concurrent.atomic.AtomicInteger();

  int accepted() {
    return accepted.get();
  }

  int port() {
    return port;
  }

  /** This endpoint as the fake's descriptor shows it. */
  ServerEndpoint endpoint() {
    return ServerEndpoint.of("localhost", port,
        mode == Mode.SMTP_STARTTLS ? Security.STARTTLS : Security.SSL_TLS);
  }

  /**
   * Back to the state of a new front end on the same port: no faults, listening, no connection
   * open and none counted.
   */
  synchronized void reset() throws IOException {
    for (Fault fault : Fault.values()) {
      heal(fault);
    }
    cutOn = null;
    dropConnections();
    for (AtomicBoolean muted : silenced) {
      muted.set(true); // what is still in flight on the dropped connections goes nowhere
    }
    silenced.clear();
    accepted.set(0);
  }

  synchronized void inject(Fault fault) throws IOException {
    faults.add(fault);
    if (fault == Fault.CONNECTION_REFUSED) {
      stopListening();
    }
  }

  /**
   * Closes the listening socket and returns only once the port refuses connections. Closing a
   * ServerSocket while a thread is blocked in accept() only pre-closes it: the kernel keeps
   * listening, and completes handshakes, until the signalled acceptor thread leaves accept().
   * Returning before that let a client that connected right after {@link #inject} reach the
   * server (and the acceptor could even hand that connection over).
   */
  private void stopListening() throws IOException {
    server.close();
    Thread thread = acceptor;
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while the port closed");
    }
    if (thread.isAlive()) {
      throw new IOException("the listener on port " + port + " did not stop within 30 s");
    }
  }

  synchronized void heal(Fault fault) throws IOException {
    if (faults.remove(fault) && fault == Fault.CONNECTION_REFUSED) {
      listen(port);
    }
  }

  /** The next time a client sends {@code command}, forward it, then cut the connection. */
  void cutOn(String command) {
    cutOn = command.toUpperCase(Locale.ROOT);
  }

  /**
   * Makes every open connection go silent without closing it, as when a NAT forgets it: nothing
   * arrives any more in either direction. New connections still work.
   */
  void freezeConnections() {
    for (AtomicBoolean muted : silenced) {
      muted.set(true);
    }
  }

  /** Cuts every open connection, as a NAT or a restarting server does; new ones still work. */
  void dropConnections() {
    for (Socket socket : open) {
      closeQuietly(socket);
    }
    open.clear();
  }

  private synchronized boolean has(Fault fault) {
    return faults.contains(fault);
  }

  private void listen(int onPort) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
    server = socket;
    port = socket.getLocalPort();
    Thread thread = FakeThreads.daemon("fake-" + mode + "-" + port, () -> accept(socket));
    acceptor = thread;
    thread.start();
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        if (socket.isClosed()) {
          // Accepted while the listener was being closed (a fault or the end of the fake):
          // the client must not get through.
          closeQuietly(client);
          return;
        }
        accepted.incrementAndGet();
        open.add(client);
        FakeThreads.daemon("fake-" + mode + "-connection", () -> serve(client)).start();
      } catch (IOException e) {
        return; // closed: a CONNECTION_REFUSED fault or the end of the fake
      }
    }
  }

  private void serve(Socket client) {
    Socket backend = null;
    ClientConnection connection = owner.connection(protocol, endpoint());
    try {
      client.setSoTimeout(60_000);
      client.setTcpNoDelay(true); // a relay must not add Nagle's delay to every round trip
      if (has(Fault.BLACK_HOLE)) {
        client.getInputStream().transferTo(OutputStream.nullOutputStream());
        return;
      }
      Socket front = client;
      if (mode == Mode.SMTP_STARTTLS) {
        front = startTls(client, connection);
        if (front == null) {
          return;
        }
      } else if (!has(Fault.PLAIN_TEXT_ON_TLS_PORT)) {
        front = owner.wrapTls(client, certificate());
      }
      open.add(front);
      backend = new Socket(InetAddress.getLoopbackAddress(), backendPort);
      backend.setTcpNoDelay(true);
      open.add(backend);
      InputStream backendIn = new BufferedInputStream(backend.getInputStream());
      if (mode == Mode.SMTP_STARTTLS) {
        readLine(backendIn); // GreenMail's greeting; the client had ours
        backend.getOutputStream().write(
            "EHLO fake\r\n".getBytes(StandardCharsets.US_ASCII)); // the client will EHLO again
        discardEhloReply(backendIn);
      }
      Socket clientSide = front;
      Socket serverSide = backend;
      String[] loginTag = new String[1];
      AtomicBoolean muted = new AtomicBoolean();
      silenced.add(muted);
      FakeThreads.daemon("fake-" + mode + "-upstream",
          () -> clientToServer(clientSide, serverSide, loginTag, muted, connection)).start();
      serverToClient(backendIn, clientSide, loginTag, muted, connection);
    } catch (IOException e) {
      // The client went away, or a fault cut the connection: both end the session.
    } finally {
      closeQuietly(client);
      closeQuietly(backend);
      connection.close();
    }
  }

  private Certificate certificate() {
    if (has(Fault.UNTRUSTED_CERTIFICATE)) {
      return Certificate.UNTRUSTED;
    }
    return has(Fault.WRONG_HOST_CERTIFICATE)
        ? Certificate.WRONG_HOST : Certificate.LOCALHOST;
  }

  /** The plain-text part of an SMTP session up to STARTTLS; null if the client left. */
  private Socket startTls(Socket client, ClientConnection connection) throws IOException {
    InputStream in = client.getInputStream();
    OutputStream out = client.getOutputStream();
    boolean offer = !has(Fault.PLAIN_TEXT_ON_TLS_PORT);
    send(out, "220 localhost ESMTP Lumyvo fake provider\r\n");
    while (true) {
      byte[] line = readLine(in);
      if (line == null) {
        return null;
      }
      connection.fromClient(line);
      String command = new String(line, StandardCharsets.US_ASCII).trim().toUpperCase(Locale.ROOT);
      if (command.startsWith("EHLO")) {
        send(out, offer ? "250-localhost\r\n250 STARTTLS\r\n" : "250 localhost\r\n");
      } else if (command.startsWith("HELO")) {
        send(out, "250 localhost\r\n");
      } else if (command.equals("STARTTLS") && offer) {
        send(out, "220 2.0.0 Ready to start TLS\r\n");
        return owner.wrapTls(client, certificate());
      } else if (command.equals("QUIT")) {
        send(out, "221 2.0.0 Bye\r\n");
        return null;
      } else {
        send(out, "530 5.7.0 Must issue a STARTTLS command first\r\n");
      }
    }
  }

  private static void discardEhloReply(InputStream in) throws IOException {
    byte[] line;
    while ((line = readLine(in)) != null && line.length > 3 && line[3] == '-') {
      // continuation lines of the 250 reply
    }
  }

  private void clientToServer(Socket client, Socket server, String[] loginTag,
      AtomicBoolean muted, ClientConnection connection) {
    try {
      InputStream in = new BufferedInputStream(client.getInputStream());
      OutputStream toServer = server.getOutputStream();
      OutputStream toClient = client.getOutputStream();
      byte[] line;
      String[] sessionToken = new String[2]; // login, token of a session signed in with one
      while ((line = readLine(in)) != null) {
        // Journaled even when frozen: the client did send it.
        boolean command = connection.fromClient(line);
        if (muted.get()) {
          continue; // frozen: what the client sends goes nowhere
        }
        if (!command) {
          // Literal or message data: forwarded as it is, never taken for a command.
          toServer.write(line);
          toServer.flush();
          continue;
        }
        String text = new String(line, StandardCharsets.ISO_8859_1);
        if (mode == Mode.IMAP_TLS && sessionToken[1] != null && expiredSession(sessionToken)) {
          synchronized (toClient) {
            send(toClient, owner.tokenReplies().imapExpiredBye().orElseThrow() + "\r\n");
          }
          return; // the server ends the session; finally closes both sides
        }
        byte[] translated = mode == Mode.IMAP_TLS
            ? imapTokenLogin(text, in, toClient, connection, sessionToken)
            : smtpTokenLogin(text, in, toClient, connection);
        if (translated != null) {
          if (translated.length > 0) {
            toServer.write(translated);
            toServer.flush();
          }
          continue;
        }
        if (mode == Mode.IMAP_TLS) {
          Matcher login = IMAP_LOGIN.matcher(text);
          if (login.find()) {
            loginTag[0] = login.group(1);
            if (has(Fault.IMAP_ACCESS_DISABLED)) {
              synchronized (toClient) {
                send(toClient, login.group(1) + " " + owner.replies().imapAccessDisabled() + "\r\n");
              }
              continue;
            }
          }
        }
        if (mode == Mode.IMAP_TLS) {
          line = translateLogin(line);
          String refusal = refusal(text);
          if (refusal != null) {
            synchronized (toClient) {
              send(toClient, refusal);
            }
            continue;
          }
        }
        boolean cut = isCutPoint(text);
        if (cut) {
          muted.set(true); // the server's answer must not reach the client
        }
        toServer.write(line);
        toServer.flush();
        if (cut) {
          pause(300); // let the server carry the command out; the client never hears of it
          closeQuietly(client);
          closeQuietly(server);
          return;
        }
      }
    } catch (IOException e) {
      // Either side closed; the other direction ends too.
    } finally {
      closeQuietly(client);
      closeQuietly(server);
    }
  }

  /** Whether the token this session signed in with has expired or been revoked since. */
  private boolean expiredSession(String[] sessionToken) {
    if (owner.tokenReplies().imapExpiredBye().isEmpty()) {
      return false; // this provider keeps such sessions; only the next login fails
    }
    FakeTokens.Verdict verdict = owner.tokens().check(sessionToken[0], sessionToken[1]);
    return verdict == FakeTokens.Verdict.EXPIRED || verdict == FakeTokens.Verdict.REVOKED;
  }

  /**
   * An IMAP {@code AUTHENTICATE XOAUTH2/OAUTHBEARER}: played here, GreenMail knows no tokens.
   * A token this fake issued and still honours becomes a LOGIN to GreenMail with the mailbox's
   * internal password; any other gets the provider's reply.
   *
   * @return the line for GreenMail, empty if the fake answered itself, null if not such a command
   */
  private byte[] imapTokenLogin(String text, InputStream in, OutputStream toClient,
      ClientConnection connection, String[] sessionToken) throws IOException {
    Matcher m = IMAP_OAUTH.matcher(text);
    if (!m.matches()) {
      return null;
    }
    String tag = m.group(1);
    String mechanism = m.group(2);
    TokenReplies replies = owner.tokenReplies();
    String response = m.group(3);
    if (response != null && !isTokenMailbox(OAuthLogin.parse(mechanism, response))) {
      return null; // a password mailbox: GreenMail's own XOAUTH2 takes the password, as before
    }
    if (response == null) {
      reply(toClient, connection, "+ \r\n");
      byte[] next = readLine(in);
      if (next == null) {
        throw new java.io.EOFException("the client left during AUTHENTICATE");
      }
      connection.fromClient(next);
      response = new String(next, StandardCharsets.ISO_8859_1).trim();
      if (!isTokenMailbox(OAuthLogin.parse(mechanism, response))) {
        return (tag + " AUTHENTICATE " + mechanism + " " + response + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
      }
    }
    if (has(Fault.IMAP_ACCESS_DISABLED)) {
      reply(toClient, connection, tag + " " + replies.imapDisabled() + "\r\n");
      return new byte[0];
    }
    java.util.Optional<OAuthLogin> login = OAuthLogin.parse(mechanism, response);
    FakeTokens.Verdict verdict = login.map(l -> owner.tokens().check(l.user(), l.token()))
        .orElse(FakeTokens.Verdict.UNKNOWN);
    if (verdict == FakeTokens.Verdict.VALID) {
      String user = login.get().user();
      sessionToken[0] = user;
      sessionToken[1] = login.get().token();
      String backend = owner.backendLogin(user);
      return (tag + " LOGIN \"" + backend + "\" \"" + owner.tokenAccountPassword(backend)
          + "\"\r\n").getBytes(StandardCharsets.UTF_8);
    }
    java.util.Optional<String> challenge = replies.encodedChallenge(verdict);
    if (challenge.isPresent()) {
      reply(toClient, connection, "+ " + challenge.get() + "\r\n");
      byte[] answer = readLine(in); // ^A or empty: the client lets the server finish
      if (answer == null) {
        throw new java.io.EOFException("the client left during AUTHENTICATE");
      }
      connection.fromClient(answer);
    }
    reply(toClient, connection, tag + " " + replies.imapRejected() + "\r\n");
    return new byte[0];
  }

  /** Whether {@code login} names a mailbox added with {@link FakeProvider#addTokenAccount}. */
  private boolean isTokenMailbox(java.util.Optional<OAuthLogin> login) {
    return login.isEmpty() // unreadable: refused like a token the fake never issued
        || !owner.tokenAccountPassword(owner.backendLogin(login.get().user())).isEmpty();
  }

  /** SMTP {@code AUTH XOAUTH2/OAUTHBEARER}, as {@link #imapTokenLogin} does for IMAP. */
  private byte[] smtpTokenLogin(String text, InputStream in, OutputStream toClient,
      ClientConnection connection) throws IOException {
    Matcher m = SMTP_OAUTH.matcher(text);
    if (!m.matches()) {
      return null;
    }
    String mechanism = m.group(1);
    TokenReplies replies = owner.tokenReplies();
    String response = m.group(2);
    if (response == null) {
      reply(toClient, connection, "334 \r\n");
      byte[] next = readLine(in);
      if (next == null) {
        throw new java.io.EOFException("the client left during AUTH");
      }
      connection.fromClient(next);
      response = new String(next, StandardCharsets.ISO_8859_1).trim();
    }
    java.util.Optional<OAuthLogin> login = OAuthLogin.parse(mechanism, response);
    if (!isTokenMailbox(login)) {
      return ("AUTH " + mechanism + " " + response + "\r\n")
          .getBytes(StandardCharsets.US_ASCII); // a password mailbox: GreenMail's XOAUTH2
    }
    FakeTokens.Verdict verdict = login.map(l -> owner.tokens().check(l.user(), l.token()))
        .orElse(FakeTokens.Verdict.UNKNOWN);
    if (verdict == FakeTokens.Verdict.VALID) {
      String user = login.get().user();
      String plain = "\0" + user + "\0" + owner.tokenAccountPassword(user);
      return ("AUTH PLAIN " + java.util.Base64.getEncoder().encodeToString(
          plain.getBytes(StandardCharsets.UTF_8)) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }
    java.util.Optional<String> challenge = replies.encodedChallenge(verdict);
    if (challenge.isPresent()) {
      reply(toClient, connection, "334 " + challenge.get() + "\r\n");
      byte[] answer = readLine(in);
      if (answer == null) {
        throw new java.io.EOFException("the client left during AUTH");
      }
      connection.fromClient(answer);
    }
    reply(toClient, connection, replies.smtpRejected() + "\r\n");
    return new byte[0];
  }

  /** A line the fake answers itself, followed like GreenMail's lines are. */
  private static void reply(OutputStream toClient, ClientConnection connection, String line)
      throws IOException {
    byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
    connection.fromServer(bytes);
    synchronized (toClient) {
      toClient.write(bytes);
      toClient.flush();
    }
    if (bytes.length > 0 && bytes[0] == '+') {
      connection.sentToClient(bytes);
    }
  }

  /** The reply for a command this server pretends not to have, or null. */
  private String refusal(String command) {
    Matcher move = MOVE_COMMAND.matcher(command);
    if (has(Fault.WITHOUT_MOVE) && move.find()) {
      return move.group(1) + " BAD Unknown command\r\n";
    }
    Matcher expunge = UID_EXPUNGE_COMMAND.matcher(command);
    if (has(Fault.WITHOUT_UIDPLUS) && expunge.find()) {
      return expunge.group(1) + " BAD Unknown command\r\n";
    }
    return null;
  }

  private boolean isCutPoint(String command) {
    String word = cutOn;
    if (word == null) {
      return false;
    }
    Matcher m = COMMAND_WORD.matcher(command);
    if (m.find() && m.group(1).toUpperCase(Locale.ROOT).equals(word)) {
      cutOn = null;
      return true;
    }
    return false;
  }

  private byte[] translateLogin(byte[] line) {
    String text = new String(line, StandardCharsets.ISO_8859_1);
    Matcher login = IMAP_LOGIN_ARGUMENTS.matcher(text);
    if (!login.matches()) {
      return line;
    }
    String user = login.group(2);
    String bare = user.startsWith("\"") ? user.substring(1, user.length() - 1) : user;
    String backend = owner.backendLogin(bare);
    if (backend.equals(bare)) {
      return line;
    }
    return (login.group(1) + "\"" + backend + "\"" + login.group(3))
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  private void serverToClient(InputStream in, Socket client, String[] loginTag,
      AtomicBoolean muted, ClientConnection connection) throws IOException {
    OutputStream out = new java.io.BufferedOutputStream(client.getOutputStream(), 1 << 16);
    long sent = 0;
    byte[] line;
    while ((line = readLine(in)) != null) {
      if (muted.get()) {
        continue;
      }
      connection.fromServer(line);
      byte[] reply = rewrite(line, loginTag);
      if (has(Fault.SLOW_REPLIES)) {
        pause(owner.slowReplyDelayMillis());
      }
      if (has(Fault.DROPPED_CONNECTION) && sent + reply.length > owner.dropAfterBytes()) {
        int part = (int) Math.max(0, owner.dropAfterBytes() - sent);
        synchronized (out) {
          out.write(reply, 0, part);
          out.flush();
        }
        client.setSoLinger(true, 0); // a reset, as when a NAT or the server drops the session
        return;
      }
      boolean continuation = reply.length > 0 && reply[0] == '+';
      synchronized (out) {
        out.write(reply);
        if (continuation || in.available() == 0) {
          out.flush(); // one TLS record per burst, not per line; a continuation at once
        }
      }
      if (continuation) {
        connection.sentToClient(reply);
      }
      sent += reply.length;
    }
  }

  /** The provider's own wording for a failed login, where GreenMail has its own. */
  private byte[] rewrite(byte[] line, String[] loginTag) {
    String text = new String(line, StandardCharsets.ISO_8859_1);
    boolean bearer = owner.tokenReplies().oauthBearer() && !has(Fault.WITHOUT_OAUTHBEARER);
    if (bearer && mode == Mode.IMAP_TLS && text.contains("AUTH=XOAUTH2")
        && !text.contains("AUTH=OAUTHBEARER")) {
      text = text.replace("AUTH=XOAUTH2", "AUTH=XOAUTH2 AUTH=OAUTHBEARER");
      line = text.getBytes(StandardCharsets.ISO_8859_1);
    } else if (bearer && mode != Mode.IMAP_TLS && text.matches("(?s)^250[- ]AUTH .*XOAUTH2.*")
        && !text.contains("OAUTHBEARER")) {
      text = text.replace("XOAUTH2", "XOAUTH2 OAUTHBEARER");
      line = text.getBytes(StandardCharsets.ISO_8859_1);
    }
    ReplyTexts replies = owner.replies();
    boolean appPassword = has(Fault.APP_PASSWORD_REQUIRED);
    if (mode == Mode.IMAP_TLS && text.contains("CAPABILITY") && (has(Fault.WITHOUT_MOVE)
        || has(Fault.WITHOUT_UIDPLUS) || has(Fault.WITHOUT_IDLE))) {
      if (has(Fault.WITHOUT_IDLE)) {
        text = text.replace(" IDLE", "");
      }
      if (has(Fault.WITHOUT_MOVE)) {
        text = text.replace(" MOVE", "");
      }
      if (has(Fault.WITHOUT_UIDPLUS)) {
        text = text.replace(" UIDPLUS", "");
      }
      return text.getBytes(StandardCharsets.ISO_8859_1);
    }
    if (mode == Mode.IMAP_TLS) {
      String tag = loginTag[0];
      if (tag != null && text.startsWith(tag + " NO")) {
        loginTag[0] = null;
        return (tag + " " + (appPassword ? replies.imapAppPasswordRequired()
            : replies.imapInvalidCredentials()) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
      }
    } else if (text.startsWith("535")) {
      return ((appPassword ? replies.smtpAppPasswordRequired() : replies.smtpInvalidCredentials())
          + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }
    return line;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** One line with its line ending, or null at the end of the stream. */
  private static byte[] readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    int b;
    while ((b = in.read()) >= 0) {
      line.write(b);
      if (b == '\n' || line.size() >= MAX_LINE) {
        return line.toByteArray();
      }
    }
    return line.size() == 0 ? null : line.toByteArray();
  }

  private static void closeQuietly(Socket socket) {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // already gone
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : open) {
      closeQuietly(socket);
    }
  }


}
