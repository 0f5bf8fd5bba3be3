package com.lumyvo.providers.mail.internal;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.MessagingException;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder;

/**
 * The one IMAP connection a {@link NioWatcher} keeps per watched account, non-blocking, driven by
 * its {@link IoLoop}: TCP, TLS (implicit, or STARTTLS which is then required) with the
 * certificate and the host name checked, LOGIN or AUTHENTICATE PLAIN, EXAMINE of the first of the
 * account's watched folders, then IDLE there, renewed every {@code idleRefresh} (or NOOP every
 * {@code pollInterval} on servers without IDLE), reporting each EXISTS that grows the folder.
 * The account's other watched folders are checked between two IDLEs with STATUS (UIDNEXT
 * UIDVALIDITY) every {@code pollInterval}; a change is reported as new mail there.
 *
 * <p>New mail is fetched over this same connection, so that a watched account costs its provider
 * one connection whatever the number of its folders: a fetch thread takes a {@linkplain #lease()
 * lease} (the connection ends IDLE and answers DONE), runs its {@linkplain #exchange commands},
 * each answer kept whole (within the fetch budget) for the fetch thread to parse, and {@linkplain
 * #release() releases} it; the connection then selects its idle folder again if the fetch
 * selected another, and idles again. Nothing of the fetch is parsed on the loop's thread.
 *
 * <p>Every wait has a deadline: the connect timeout for TCP, the read timeout for each answer,
 * and the operation deadline over the whole set-up. What the server sends is bounded as {@link
 * ImapLines} says. Plain text only to loopback addresses, as everywhere in the SDK. The password
 * or access token is sent and never kept in any message or log. All methods run on the loop's
 * thread except {@link #start}.
 *
 * <p>A token account signs in with {@code AUTHENTICATE OAUTHBEARER}, or {@code XOAUTH2} where
 * the server announces only that ({@link OAuthSasl} builds the messages, as for the Angus paths),
 * with the initial response on the command line where the server has SASL-IR; an error
 * challenge is recorded in the attempt's {@link Progress} (evidence for the diagnosis) and
 * answered once so that the server sends its final NO. The token is fetched by the caller, off
 * the loop's thread: getting one may block on the service's token endpoint.
 */
final class IdleConnection implements IoLoop.Handler {
  /** What the connection reports, on the loop's thread. */
  interface Events {
    void connected();

    void loggedIn();

    /** Idle (or polling) for the first time on this connection, in {@code folder}. */
    void listening(String folder);

    /**
     * New mail in {@code folder}: announced by EXISTS ({@code messages} it holds now), or seen
     * by STATUS ({@code messages} -1).
     */
    void newMail(String folder, long messages);

    /**
     * {@code folder}, one of the account's others, answered its first STATUS: from now on a
     * change there is reported; what it held before is for a catch-up to fetch.
     */
    void folderReady(String folder);

    /** {@code folder} could not be examined; it is watched no more on this connection. */
    void folderFailed(String folder, Throwable error);

    /** The connection failed and is closed; called at most once, never after {@link #close}. */
    void failed(Throwable error);
  }

  /** How the connection signs in: an app password, or an access token. */
  sealed interface Credential permits Password, Token {}

  /** LOGIN or AUTHENTICATE PLAIN with an app password. */
  record Password(AppPassword password) implements Credential {}

  /**
   * AUTHENTICATE OAUTHBEARER or XOAUTH2 with {@code token}; {@code progress} learns the token
   * before it is sent (the redactor's list) and the server's error challenge if it refuses it.
   */
  record Token(String token, Progress progress) implements Credential {
    @Override
    public String toString() {
      return "Token[redacted]"; // a record would print the token
    }
  }

  /**
   * The server ended a token account's session in words about its token (Microsoft's {@code *
   * BYE Session invalidated - AccessTokenExpired}): the token it signed in with is spent.
   */
  static final class TokenSessionEnded extends EOFException {
    private static final long serialVersionUID = 1L;

    TokenSessionEnded(String message) {
      super(message);
    }
  }

  /** What the connection needs to know; shared by every connection of a watcher. */
  record Settings(SSLContext tls, Executor handshakes, Duration connectTimeout,
      Duration readTimeout, Duration deadline, Duration idleRefresh, Duration pollInterval,
      long budget, long fetchBudget) {}

  /** The tagged result of one {@link #exchange} and every byte of the answer it ends. */
  record Answer(String tag, String status, String text, ImapLines.Capture bytes) {
    boolean ok() {
      return status.equals("OK");
    }
  }

  private enum Phase {
    RESOLVING, CONNECTING, TLS, GREETING, STARTTLS, CAPABILITY, AUTHENTICATE, AUTH_CONTINUE,
    CAPABILITY_AFTER_LOGIN, EXAMINE, IDLE_START, IDLING, DONE_SENT, POLL_WAIT, NOOP_SENT,
    /** Selecting the idle folder again after a fetch selected another. */
    REEXAMINE,
    STATUS_SENT,
    NOTIFY_SENT,
    /** A fetch thread holds the connection; no command is under way. */
    LEASED,
    /** A fetch thread's command is under way. */
    COMMAND,
    CLOSED
  }

  private static final Pattern EXISTS = Pattern.compile("^\\* (\\d+) EXISTS\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern EXPUNGE = Pattern.compile("^\\* (\\d+) EXPUNGE\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern UIDNEXT = Pattern.compile("\\bUIDNEXT (\\d+)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern UIDVALIDITY = Pattern.compile("\\bUIDVALIDITY (\\d+)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern CAPABILITY_CODE = Pattern.compile("\\[CAPABILITY ([^\\]]*)\\]",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern MISSING_FOLDER = Pattern.compile(
      "\\[NONEXISTENT\\]|no such|not exist|nonexist|unknown mailbox|not found|doesn't exist",
      Pattern.CASE_INSENSITIVE);
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  private final IoLoop loop;
  private final Settings settings;
  private final ServerEndpoint endpoint;
  private final String login;
  private final Credential credential;
  /** The SASL exchange of a token login under way: its mechanism, and how far it got. */
  private OAuthSasl mechanism;
  private boolean initialSent;
  private boolean challenged;
  /** The watched folders; the first is the one the connection idles in. */
  private final List<String> folders;
  private final Events events;
  private final ImapLines lines;

  private Phase phase = Phase.RESOLVING;
  private SocketChannel channel;
  private SelectionKey key;
  private SSLEngine engine;
  private boolean handshaking;
  private boolean tasksRunning;
  private boolean startTlsAnswered;
  private boolean afterStartTls;
  /** Ciphertext (or plain text) read but not yet used: the rest of a TLS record. */
  private ByteBuffer pendingNet;
  /** What is to be written and the socket has not taken yet. */
  private ByteBuffer pendingOut;
  private Set<String> capabilities = new HashSet<>();
  private boolean capabilitiesAfterLogin;
  private boolean idleSupported;
  private int tags;
  private String expectedTag;
  /** The folder selected now, or null when none is (or a SELECT is under way). */
  private String selected;
  /** The folder an EXAMINE under way selects, with what its answer said of it. */
  private String selecting;
  private long selectingExists = -1;
  private long selectingUidNext = -1;
  /** The messages of the selected folder. */
  private long messages = -1;
  /** What the idle folder held when it was last selected: to tell mail that came meanwhile. */
  private long idleMessages = -1;
  private long idleUidNext = -1;
  /** The other folders: (UIDVALIDITY, UIDNEXT) as STATUS last said, and those to check now. */
  private final java.util.Map<String, long[]> statusSeen = new java.util.HashMap<>();
  private final java.util.ArrayDeque<String> statusQueue = new java.util.ArrayDeque<>();
  private String statusFolder;
  private long[] statusAnswer;
  private IoLoop.Timer statusTimer;
  /** NOTIFY (RFC 5465): offered by the server, in force, and to be set again (folders changed). */
  private boolean notifySupported;
  private boolean notifyActive;
  private boolean notifyWanted = true;
  private java.util.concurrent.CompletableFuture<Void> leaseWanted;
  private java.util.concurrent.CompletableFuture<Answer> answer;
  private ImapLines.Capture captured;
  private Throwable failure;
  /** The folders reported ready on this connection. */
  private final Set<String> announced = new HashSet<>();
  private long commandEnd;
  private String answerTag;
  private long setupEnd;
  private IoLoop.Timer timer;
  private boolean listening;

  IdleConnection(IoLoop loop, Settings settings, ServerEndpoint endpoint, String login,
      Credential credential, List<String> folders, Events events) {
    this.loop = loop;
    this.settings = settings;
    this.endpoint = endpoint;
    this.login = login;
    this.credential = credential;
    this.folders = new ArrayList<>(folders);
    this.events = events;
    this.lines = new ImapLines(settings.budget());
  }

  /** Resolves the host on a handshake thread, then connects on the loop. Any thread. */
  void start() {
    loop.execute(() -> {
      if (phase == Phase.CLOSED) {
        return;
      }
      setupEnd = System.nanoTime() + settings.deadline().toNanos();
      arm(settings.connectTimeout(), "resolving " + endpoint.host());
    });
    settings.handshakes().execute(() -> {
      try {
        InetAddress address = InetAddress.getByName(endpoint.host());
        if (endpoint.security() == Security.PLAIN && !address.isLoopbackAddress()) {
          throw new SSLException("refusing to log in without TLS to " + endpoint.host()
              + ": plain-text endpoints are only for this machine");
        }
        loop.execute(() -> guarded(() -> connect(address)));
      } catch (IOException | RuntimeException e) {
        loop.execute(() -> fail(e));
      }
    });
  }

  private interface Step {
    void run() throws Exception;
  }

  private void guarded(Step step) {
    if (phase == Phase.CLOSED) {
      return;
    }
    try {
      step.run();
    } catch (Exception | Error e) { // an Error fails this connection, never the loop
      fail(e);
    }
  }

  private void connect(InetAddress address) throws Exception {
    phase = Phase.CONNECTING;
    channel = SocketChannel.open();
    channel.configureBlocking(false);
    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
    key = channel.register(loop.selector, SelectionKey.OP_CONNECT, this);
    arm(settings.connectTimeout(), "connecting to " + endpoint);
    if (channel.connect(new InetSocketAddress(address, endpoint.port()))) {
      connected();
    }
  }

  private void connected() throws Exception {
    events.connected();
    key.interestOps(SelectionKey.OP_READ);
    if (endpoint.security() == Security.SSL_TLS) {
      beginTls(false);
    } else {
      phase = Phase.GREETING;
      awaitAnswer("waiting for the greeting");
    }
  }

  private void beginTls(boolean startTls) throws Exception {
    SSLEngine e = settings.tls().createSSLEngine(endpoint.host(), endpoint.port());
    e.setUseClientMode(true);
    SSLParameters parameters = e.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the host name is checked
    e.setSSLParameters(parameters);
    loop.ensureBuffers(e.getSession().getPacketBufferSize(),
        e.getSession().getApplicationBufferSize());
    engine = e;
    handshaking = true;
    afterStartTls = startTls;
    phase = Phase.TLS;
    awaitAnswer("TLS handshake");
    e.beginHandshake();
    drive(EMPTY);
  }

  @Override
  public void ready(SelectionKey selected) {
    guarded(() -> {
      if (selected.isConnectable()) {
        if (channel.finishConnect()) {
          connected();
        }
        return;
      }
      if (selected.isWritable()) {
        flush();
        if (handshaking && !tasksRunning) {
          drive(EMPTY);
        }
      }
      if (phase != Phase.CLOSED && selected.isValid() && selected.isReadable()) {
        readable();
      }
    });
  }

  private void readable() throws Exception {
    loop.ensureBuffers(engine == null ? 16 * 1024 : engine.getSession().getPacketBufferSize(),
        engine == null ? 16 * 1024 : engine.getSession().getApplicationBufferSize());
    ByteBuffer net = loop.netIn;
    net.clear();
    if (pendingNet != null) {
      net.put(pendingNet);
      pendingNet = null;
    }
    int n = channel.read(net);
    net.flip();
    if (n > 0 && phase == Phase.COMMAND) {
      // A fetch's answer may be long: each read has the read timeout, the whole the deadline.
      long left = commandEnd - System.nanoTime();
      arm(Math.max(0, Math.min(settings.readTimeout().toNanos(), left)),
          () -> fail(new SocketTimeoutException(left <= 0
              ? "the answer to a fetch took longer than the deadline"
              : "no answer within " + settings.readTimeout().toMillis()
                  + " ms while fetching")));
    }
    try {
      drive(net);
    } finally {
      if (phase != Phase.CLOSED && net.hasRemaining()) {
        pendingNet = ByteBuffer.allocate(net.remaining()).put(net).flip();
      }
    }
    if (n < 0 && phase != Phase.CLOSED) {
      throw new EOFException("the server closed the connection");
    }
  }

  /** Moves the TLS handshake on and hands decrypted bytes to the line reader. */
  private void drive(ByteBuffer net) throws Exception {
    while (phase != Phase.CLOSED) {
      if (engine != null && handshaking) {
        HandshakeStatus status = engine.getHandshakeStatus();
        if (status == HandshakeStatus.NEED_TASK) {
          runTasks();
          return;
        }
        if (status == HandshakeStatus.NEED_WRAP) {
          wrap(EMPTY);
          continue;
        }
        if (status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED) {
          handshaking = false;
          tlsDone();
          continue;
        }
      }
      if (engine == null) {
        if (net.hasRemaining()) {
          lines.feed(net, this::line);
        }
        if (startTlsAnswered && phase != Phase.CLOSED) {
          startTlsAnswered = false;
          if (net.hasRemaining()) {
            // Bytes after the answer to STARTTLS would be read as if they came over TLS.
            throw new ProtocolException("the server sent data right after agreeing to STARTTLS");
          }
          beginTls(true);
        }
        return;
      }
      if (!net.hasRemaining()) {
        return;
      }
      ByteBuffer app = loop.appIn;
      app.clear();
      SSLEngineResult result = engine.unwrap(net, app);
      app.flip();
      if (app.hasRemaining()) {
        lines.feed(app, this::line);
        if (app.hasRemaining() && phase != Phase.CLOSED) {
          throw new ProtocolException("the server sent data the client did not wait for");
        }
      }
      switch (result.getStatus()) {
        case BUFFER_UNDERFLOW:
          return;
        case CLOSED:
          throw new EOFException("the server closed the TLS session");
        case BUFFER_OVERFLOW:
          throw new SSLException("a TLS record larger than the session allows");
        default:
          break;
      }
      if (!handshaking) {
        HandshakeStatus after = engine.getHandshakeStatus();
        if (after == HandshakeStatus.NEED_TASK) {
          Runnable task;
          while ((task = engine.getDelegatedTask()) != null) {
            task.run(); // rare after the handshake: a session ticket, a key update
          }
        } else if (after == HandshakeStatus.NEED_WRAP) {
          wrap(EMPTY);
        }
      }
    }
  }

  /** The handshake's CPU work goes to the handshake threads; the loop goes on meanwhile. */
  private void runTasks() {
    List<Runnable> work = new ArrayList<>();
    Runnable task;
    while ((task = engine.getDelegatedTask()) != null) {
      work.add(task);
    }
    tasksRunning = true;
    settings.handshakes().execute(() -> {
      Throwable failure = null;
      try {
        work.forEach(Runnable::run);
      } catch (RuntimeException | Error e) {
        failure = e;
      }
      Throwable failed = failure;
      loop.execute(() -> {
        tasksRunning = false;
        if (failed != null) {
          fail(failed);
        } else {
          guarded(() -> readAfterTasks());
        }
      });
    });
  }

  private void readAfterTasks() throws Exception {
    ByteBuffer net = loop.netIn;
    net.clear();
    if (pendingNet != null) {
      net.put(pendingNet);
      pendingNet = null;
    }
    net.flip();
    try {
      drive(net);
    } finally {
      if (phase != Phase.CLOSED && net.hasRemaining()) {
        pendingNet = ByteBuffer.allocate(net.remaining()).put(net).flip();
      }
    }
  }

  private void tlsDone() {
    if (!afterStartTls) {
      phase = Phase.GREETING;
      awaitAnswer("waiting for the greeting");
    } else { // after STARTTLS: what the server said before TLS counts no more
      capabilities.clear();
      send(Phase.CAPABILITY, "CAPABILITY");
    }
  }

  private void wrap(ByteBuffer plain) throws IOException {
    do {
      ByteBuffer out = loop.netOut;
      out.clear();
      SSLEngineResult result = engine.wrap(plain, out);
      if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
        throw new EOFException("the TLS session is closed");
      }
      out.flip();
      queue(out);
    } while (plain.hasRemaining());
    flush();
  }

  private void queue(ByteBuffer bytes) {
    if (!bytes.hasRemaining()) {
      return;
    }
    if (pendingOut == null) {
      pendingOut = ByteBuffer.allocate(bytes.remaining()).put(bytes).flip();
    } else {
      ByteBuffer joined = ByteBuffer.allocate(pendingOut.remaining() + bytes.remaining());
      pendingOut = joined.put(pendingOut).put(bytes).flip();
    }
  }

  private void flush() throws IOException {
    if (pendingOut != null) {
      channel.write(pendingOut);
      if (!pendingOut.hasRemaining()) {
        pendingOut = null;
      }
    }
    if (key.isValid()) {
      key.interestOps(pendingOut == null ? SelectionKey.OP_READ
          : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
    }
  }

  /** Writes one command line (CRLF added) or continuation. */
  private void write(String text) {
    guarded(() -> {
      lines.clientWrote();
      ByteBuffer bytes = ByteBuffer.wrap((text + "\r\n").getBytes(StandardCharsets.UTF_8));
      if (engine == null) {
        queue(bytes);
        flush();
      } else {
        wrap(bytes);
      }
    });
  }

  private void send(Phase next, String command) {
    expectedTag = "W" + (++tags);
    phase = next;
    awaitAnswer(command.split(" ", 2)[0]);
    write(expectedTag + " " + command);
  }

  /** Arms the read timeout, within the set-up deadline until the connection is listening. */
  private void awaitAnswer(String what) {
    arm(settings.readTimeout(), what);
  }

  private void arm(Duration timeout, String what) {
    long nanos = !listening && setupEnd != 0
        ? Math.min(timeout.toNanos(), setupEnd - System.nanoTime()) : timeout.toNanos();
    arm(nanos, () -> fail(new SocketTimeoutException("no answer within "
        + Math.max(0, nanos / 1_000_000) + " ms while " + what)));
  }

  private void arm(long nanos, Runnable action) {
    if (timer != null) {
      timer.cancel();
    }
    timer = loop.schedule(nanos, action);
  }

  private void line(String line) throws Exception {
    if (phase == Phase.GREETING) {
      greeting(line, line.toUpperCase(Locale.ROOT));
    } else if (line.startsWith("*")) {
      untagged(line);
    } else if (line.startsWith("+")) {
      continuation(line);
    } else {
      int space = line.indexOf(' ');
      String tag = space < 0 ? line : line.substring(0, space);
      if (!tag.equals(expectedTag)) {
        throw new ProtocolException("the server answered a command the client did not send");
      }
      expectedTag = null;
      String rest = space < 0 ? "" : line.substring(space + 1);
      int second = rest.indexOf(' ');
      String status = (second < 0 ? rest : rest.substring(0, second)).toUpperCase(Locale.ROOT);
      String text = second < 0 ? "" : rest.substring(second + 1);
      tagged(status, text);
    }
  }

  private void untagged(String line) throws Exception {
    String upper = line.toUpperCase(Locale.ROOT);
    Matcher exists = EXISTS.matcher(line);
    if (exists.find()) {
      long n = Long.parseLong(exists.group(1));
      if (selecting != null) { // part of the answer to EXAMINE: the folder's size
        selectingExists = n;
        return;
      }
      boolean grew = messages >= 0 && n > messages;
      messages = n;
      if (selected != null && selected.equals(idleFolder())) {
        idleMessages = n;
      }
      if (grew && listening && selected != null) {
        events.newMail(selected, n);
      }
      return;
    }
    Matcher expunge = EXPUNGE.matcher(line);
    if (expunge.find()) {
      messages = Math.max(0, messages - 1);
      if (selected != null && selected.equals(idleFolder())) {
        idleMessages = messages;
      }
      return;
    }
    if (selecting != null && upper.startsWith("* OK [UIDNEXT ")) {
      Matcher next = UIDNEXT.matcher(line);
      if (next.find()) {
        selectingUidNext = Long.parseLong(next.group(1));
      }
      return;
    }
    if (notifyActive && upper.startsWith("* STATUS ") && phase != Phase.STATUS_SENT) {
      pushedStatus(line);
      return;
    }
    if (phase == Phase.STATUS_SENT && upper.startsWith("* STATUS ") && notifyActive
        && !sameFolder(statusFolder, statusName(line))) {
      pushedStatus(line); // pushed for another folder while this one was asked
      return;
    }
    if (phase == Phase.STATUS_SENT && upper.startsWith("* STATUS ")) {
      // One STATUS at a time: the answer is the folder asked, however its name is written.
      Matcher next = UIDNEXT.matcher(line);
      Matcher validity = UIDVALIDITY.matcher(line);
      statusAnswer = new long[] {validity.find() ? Long.parseLong(validity.group(1)) : -1,
          next.find() ? Long.parseLong(next.group(1)) : -1};
      return;
    }
    if (upper.startsWith("* CAPABILITY ")) {
      capabilities(line.substring("* CAPABILITY ".length()));
      return;
    }
    if (upper.startsWith("* BYE")) {
      if (credential instanceof Token && upper.contains("TOKEN")) {
        // A session ended because its token expired or was revoked (Microsoft's "Session
        // invalidated - AccessTokenExpired"): the words are the evidence, and the reconnect
        // signs in with a fresh token. They echo nothing of ours but a token, which is redacted.
        throw new TokenSessionEnded("the server ended the connection: " + line);
      }
      throw new EOFException("the server ended the connection (BYE)"); // its text may echo input
    }
  }

  private void greeting(String line, String upper) throws Exception {
    if (upper.startsWith("* OK")) {
      capabilityCode(line);
      if (endpoint.security() == Security.STARTTLS && engine == null) {
        send(Phase.STARTTLS, "STARTTLS");
      } else if (capabilities.isEmpty()) {
        send(Phase.CAPABILITY, "CAPABILITY");
      } else {
        authenticate();
      }
    } else if (upper.startsWith("* PREAUTH")) {
      loggedIn(line);
    } else if (upper.startsWith("* BYE")) {
      throw new EOFException("the server refused the connection at once (BYE)");
    } else {
      throw new ProtocolException("the server's first line is not an IMAP greeting");
    }
  }

  private void continuation(String line) throws Exception {
    if ((phase == Phase.AUTHENTICATE || phase == Phase.AUTH_CONTINUE)
        && credential instanceof Token token) {
      tokenContinuation(token, line);
    } else if (phase == Phase.AUTH_CONTINUE) {
      write(plainResponse());
      awaitAnswer("AUTHENTICATE");
    } else if (phase == Phase.IDLE_START) {
      phase = Phase.IDLING;
      arm(settings.idleRefresh().toNanos(), this::renewIdle);
      if (!listening) {
        listening = true;
        capabilities = null; // not needed any more: keep the idle connection small
        armStatus();
        announced.add(idleFolder());
        events.listening(idleFolder());
      }
      if (phase == Phase.IDLING && (leaseWanted != null || !statusQueue.isEmpty()
          || !idleFolder().equals(selected))) {
        renewIdle(); // asked for while IDLE was being set up
      }
    }
  }

  /**
   * A STATUS the server pushed (NOTIFY) for a folder not selected: new mail there if its UIDNEXT
   * moved. Folders not yet checked once are left to their first STATUS.
   */
  private void pushedStatus(String line) {
    String decoded = statusName(line);
    for (String folder : folders) {
      if (sameFolder(folder, decoded)) {
        long[] seen = statusSeen.get(folder);
        Matcher next = UIDNEXT.matcher(line);
        if (seen != null && announced.contains(folder) && next.find()) {
          long uidNext = Long.parseLong(next.group(1));
          if (uidNext != seen[1]) {
            statusSeen.put(folder, new long[] {seen[0], uidNext});
            events.newMail(folder, -1);
          }
        }
        return;
      }
    }
  }

  private static boolean sameFolder(String folder, String name) {
    return folder.equals(name) || (folder.equalsIgnoreCase("INBOX")
        && name.equalsIgnoreCase("INBOX"));
  }

  /** The folder a STATUS response names, decoded from modified UTF-7. */
  private static String statusName(String line) {
    String rest = line.substring("* STATUS ".length());
    String name;
    if (rest.startsWith("\"")) {
      StringBuilder b = new StringBuilder();
      int i = 1;
      for (; i < rest.length() && rest.charAt(i) != '"'; i++) {
        char c = rest.charAt(i);
        if (c == '\\' && i + 1 < rest.length()) {
          c = rest.charAt(++i);
        }
        b.append(c);
      }
      name = b.toString();
    } else {
      int space = rest.indexOf(' ');
      name = space < 0 ? rest : rest.substring(0, space);
    }
    return org.eclipse.angus.mail.imap.protocol.BASE64MailboxDecoder.decode(name);
  }

  /** Checks the other folders every poll interval, between two IDLEs. */
  private void armStatus() {
    if (statusTimer != null) {
      statusTimer.cancel();
    }
    statusTimer = loop.schedule(settings.pollInterval().toNanos(), () -> {
      statusTimer = null;
      if (phase == Phase.CLOSED) {
        return;
      }
      if (folders.size() > 1 && !notifyActive) {
        queueStatus();
        interrupt();
      }
      armStatus();
    });
  }

  private void queueStatus() {
    for (String other : folders.subList(1, folders.size())) {
      if (!statusQueue.contains(other)) {
        statusQueue.add(other);
      }
    }
  }

  /** Ends IDLE (or the wait between two polls) so that {@link #next} runs soon. */
  private void interrupt() {
    if (phase == Phase.IDLING) {
      renewIdle();
    } else if (phase == Phase.POLL_WAIT) {
      next();
    } // else busy: next() runs when the answer under way is in
  }

  /**
   * At rest (logged in, nothing under way): hands the connection to a fetch thread that asked,
   * else selects the idle folder again if need be, checks the folders queued for STATUS, and
   * idles (or waits to poll).
   */
  private void next() {
    if (phase == Phase.CLOSED) {
      return;
    }
    if (leaseWanted != null) {
      phase = Phase.LEASED;
      cancelTimer();
      java.util.concurrent.CompletableFuture<Void> granted = leaseWanted;
      leaseWanted = null;
      granted.complete(null);
      return;
    }
    if (folders.isEmpty()) { // nothing left to watch: the watcher closes the connection
      phase = Phase.LEASED;
      cancelTimer();
      return;
    }
    String idle = idleFolder();
    if (!idle.equals(selected)) {
      examine(Phase.REEXAMINE, idle);
      return;
    }
    if (notifySupported && notifyWanted) {
      // Before the first STATUS of a folder, so that a change after it is pushed.
      notifyWanted = false;
      StringBuilder list = new StringBuilder();
      for (String f : folders) {
        list.append(list.length() == 0 ? "" : " ").append(quoted(BASE64MailboxEncoder.encode(f)));
      }
      send(Phase.NOTIFY_SENT, "NOTIFY SET (SELECTED (MessageNew MessageExpunge)) (MAILBOXES ("
          + list + ") (MessageNew MessageExpunge))");
      return;
    }
    String other;
    while ((other = statusQueue.poll()) != null) {
      if (folders.indexOf(other) > 0) {
        statusFolder = other;
        statusAnswer = null;
        send(Phase.STATUS_SENT, "STATUS " + quoted(BASE64MailboxEncoder.encode(other))
            + " (UIDNEXT UIDVALIDITY)");
        return;
      }
    }
    if (idleSupported) {
      send(Phase.IDLE_START, "IDLE");
    } else {
      phase = Phase.POLL_WAIT;
      arm(settings.pollInterval().toNanos(), this::poll);
      if (!listening) {
        listening = true;
        capabilities = null;
        announced.add(idleFolder());
        events.listening(idleFolder());
      }
    }
  }

  private String idleFolder() {
    return folders.isEmpty() ? "" : folders.get(0);
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }

  // ---- what other threads ask; each runs on the loop

  /**
   * Asks for the connection, for a fetch: completes once IDLE has ended (DONE answered), or
   * fails with the connection. Then {@link #exchange} and, always, {@link #release}.
   */
  java.util.concurrent.CompletableFuture<Void> lease() {
    java.util.concurrent.CompletableFuture<Void> lease =
        new java.util.concurrent.CompletableFuture<>();
    loop.execute(() -> {
      if (phase == Phase.CLOSED) {
        lease.completeExceptionally(closedCause());
      } else if (leaseWanted != null || phase == Phase.LEASED || phase == Phase.COMMAND) {
        lease.completeExceptionally(new IllegalStateException("the connection is leased"));
      } else {
        leaseWanted = lease;
        interrupt();
      }
    });
    return lease;
  }

  /**
   * Sends {@code command} on the leased connection; completes with its tagged result and the
   * whole answer, which may take the fetch budget. {@code selects}: the folder an EXAMINE or
   * SELECT selects, else null.
   */
  java.util.concurrent.CompletableFuture<Answer> exchange(String command, String selects) {
    java.util.concurrent.CompletableFuture<Answer> result =
        new java.util.concurrent.CompletableFuture<>();
    loop.execute(() -> {
      if (phase == Phase.CLOSED) {
        result.completeExceptionally(closedCause());
        return;
      }
      if (phase != Phase.LEASED) {
        result.completeExceptionally(new IllegalStateException("the connection is not leased"));
        return;
      }
      answer = result;
      captured = new ImapLines.Capture();
      if (selects != null) {
        beginSelect(selects);
      }
      lines.capture(captured);
      lines.budget(settings.fetchBudget());
      commandEnd = System.nanoTime() + settings.deadline().toNanos();
      send(Phase.COMMAND, command);
      answerTag = expectedTag;
    });
    return result;
  }

  /** Gives the connection back: it selects its idle folder again if need be, and idles. */
  void release() {
    loop.execute(() -> {
      if (phase == Phase.LEASED) {
        next();
      }
    });
  }

  /** Watches {@code folder} too: checked by STATUS from now on, first at once. */
  void addFolder(String folder) {
    loop.execute(() -> {
      if (phase == Phase.CLOSED || folders.contains(folder)) {
        return;
      }
      folders.add(folder);
      if (folders.size() == 1) { // it becomes the idle folder
        idleMessages = -1;
        idleUidNext = -1;
        if (phase == Phase.LEASED && leaseWanted == null && answer == null) {
          next();
        } else if (listening) {
          interrupt();
        }
        return;
      }
      statusQueue.add(folder);
      notifyWanted = true;
      if (listening) {
        interrupt();
      }
    });
  }

  /** Watches {@code folder} no more; if it was the idle folder, the next one takes its place. */
  void removeFolder(String folder) {
    loop.execute(() -> {
      int at = folders.indexOf(folder);
      if (at < 0) {
        return;
      }
      folders.remove(at);
      statusSeen.remove(folder);
      statusQueue.remove(folder);
      announced.remove(folder);
      notifyWanted = true;
      if (at == 0) {
        // What STATUS last saw of the new idle folder tells the mail that comes meanwhile.
        long[] seen = folders.isEmpty() ? null : statusSeen.get(folders.get(0));
        idleMessages = -1;
        idleUidNext = seen == null ? -1 : seen[1];
        if (listening) {
          interrupt(); // to idle in the new first folder
        }
      }
    });
  }

  /** Fails the connection from another thread: a fetch gave up waiting for it. */
  void abort(Throwable error) {
    loop.execute(() -> fail(error));
  }

  /** The folders watched, on the loop's thread; for tests and diagnosis. */
  List<String> folders() {
    return List.copyOf(folders);
  }

  private Throwable closedCause() {
    return failure != null ? failure : new EOFException("the watcher closed the connection");
  }

  private void renewIdle() {
    if (phase != Phase.IDLING) {
      return;
    }
    cancelTimer();
    phase = Phase.DONE_SENT;
    awaitAnswer("ending IDLE");
    write("DONE");
  }

  private void poll() {
    if (phase == Phase.POLL_WAIT) {
      if (!notifyActive) {
        queueStatus();
      }
      send(Phase.NOOP_SENT, "NOOP");
    }
  }

  private void tagged(String status, String text) throws Exception {
    boolean ok = status.equals("OK");
    switch (phase) {
      case STARTTLS:
        if (!ok) {
          throw new SSLException("the server refused STARTTLS, which is required");
        }
        startTlsAnswered = true;
        lines.pause();
        return;
      case CAPABILITY:
        if (!ok) {
          throw new MessagingException("the server refused CAPABILITY: " + text);
        }
        authenticate();
        return;
      case AUTHENTICATE:
      case AUTH_CONTINUE:
        if (!ok) {
          throw new AuthenticationFailedException(text);
        }
        loggedIn(text);
        return;
      case CAPABILITY_AFTER_LOGIN:
        if (!ok) {
          throw new MessagingException("the server refused CAPABILITY: " + text);
        }
        examine();
        return;
      case EXAMINE:
      case REEXAMINE: {
        String folder = selecting;
        boolean selectedNow = endSelect(ok);
        if (!selectedNow) {
          Exception error = examineFailure(folder, status, text);
          if (phase == Phase.EXAMINE && folders.size() <= 1) {
            throw error; // the connection has nothing to watch: it fails, and says why
          }
          folders.remove(folder);
          announced.remove(folder);
          events.folderFailed(folder, error);
          if (phase == Phase.CLOSED) {
            return;
          }
        }
        if (phase == Phase.EXAMINE) {
          queueStatus();
        }
        next();
        return;
      }
      case STATUS_SENT: {
        String folder = statusFolder;
        statusFolder = null;
        if (!ok || statusAnswer == null) {
          folders.remove(folder);
          statusSeen.remove(folder);
          announced.remove(folder);
          events.folderFailed(folder, examineFailure(folder, status, text));
        } else {
          long[] was = statusSeen.put(folder, statusAnswer);
          if (announced.add(folder)) {
            events.folderReady(folder);
          } else if (was == null) {
            events.newMail(folder, -1); // no baseline: it may have changed
          } else if (was[0] != statusAnswer[0] || was[1] != statusAnswer[1]) {
            events.newMail(folder, -1);
          }
        }
        next();
        return;
      }
      case NOTIFY_SENT:
        // Refused: the other folders are checked with STATUS every poll interval instead.
        notifyActive = ok;
        notifySupported = ok;
        next();
        return;
      case COMMAND: {
        if (selecting != null) {
          endSelect(ok);
        }
        lines.capture(null);
        lines.budget(settings.budget());
        phase = Phase.LEASED;
        cancelTimer();
        java.util.concurrent.CompletableFuture<Answer> done = answer;
        Answer result = new Answer(answerTag, status, text, captured);
        answer = null;
        captured = null;
        done.complete(result);
        return;
      }
      case IDLE_START:
      case DONE_SENT:
        if (!ok) {
          throw new MessagingException("the server refused IDLE: " + text);
        }
        next();
        return;
      case NOOP_SENT:
        if (!ok) {
          throw new MessagingException("the server refused NOOP: " + text);
        }
        next();
        return;
      default:
        throw new ProtocolException("an answer the client did not wait for");
    }
  }

  private void loggedIn(String text) {
    events.loggedIn();
    Matcher code = CAPABILITY_CODE.matcher(text);
    if (code.find()) {
      capabilities.clear();
      capabilities(code.group(1));
      capabilitiesAfterLogin = true;
    }
    if (capabilitiesAfterLogin) {
      examine();
    } else {
      capabilities.clear();
      capabilitiesAfterLogin = true;
      send(Phase.CAPABILITY_AFTER_LOGIN, "CAPABILITY");
    }
  }

  private void examine() {
    idleSupported = capabilities.contains("IDLE");
    notifySupported = capabilities.contains("NOTIFY");
    examine(Phase.EXAMINE, idleFolder());
  }

  private void examine(Phase next, String folder) {
    beginSelect(folder);
    send(next, "EXAMINE " + quoted(BASE64MailboxEncoder.encode(folder)));
  }

  private void beginSelect(String folder) {
    selected = null; // a failed SELECT leaves none selected (RFC 3501 6.3.1)
    selecting = folder;
    selectingExists = -1;
    selectingUidNext = -1;
  }

  /**
   * The answer to a SELECT or EXAMINE is in; if it selected the idle folder and that holds more
   * (or other) mail than when it was last selected, that is new mail. Whether it was selected.
   */
  private boolean endSelect(boolean ok) {
    String folder = selecting;
    selecting = null;
    if (!ok) {
      return false;
    }
    selected = folder;
    messages = selectingExists;
    if (folder.equals(idleFolder())) {
      boolean changed = (idleMessages >= 0 && selectingExists > idleMessages)
          || (idleUidNext >= 0 && selectingUidNext >= 0 && selectingUidNext != idleUidNext);
      idleMessages = selectingExists;
      idleUidNext = selectingUidNext;
      if (listening && announced.add(folder)) {
        events.folderReady(folder); // it became the idle folder, never checked before
      } else if (changed && listening) {
        events.newMail(folder, messages);
      }
    }
    return true;
  }

  private static Exception examineFailure(String folder, String status, String text) {
    if (status.equals("NO") && MISSING_FOLDER.matcher(text).find()) {
      return new FolderNotFoundException(null, "no folder " + folder + ": " + text);
    }
    return new MessagingException("the server refused to open " + folder + ": " + text);
  }

  private void authenticate() throws Exception {
    if (credential instanceof Token token) {
      authenticate(token);
      return;
    }
    AppPassword password = ((Password) credential).password();
    if (capabilities.contains("AUTH=PLAIN")) {
      if (capabilities.contains("SASL-IR")) {
        sendSecret(Phase.AUTHENTICATE, "AUTHENTICATE PLAIN " + plainResponse());
      } else {
        send(Phase.AUTH_CONTINUE, "AUTHENTICATE PLAIN");
      }
    } else if (capabilities.contains("LOGINDISABLED")) {
      // Worded as the classifier's mechanism family reads it: a watch stops on this, as it
      // would on a rejected login, rather than trying again for ever.
      throw new MessagingException("no supported authentication mechanism: the server offers"
          + " neither AUTH=PLAIN nor LOGIN");
    } else if (quotable(login) && quotable(password.reveal())) {
      sendSecret(Phase.AUTHENTICATE,
          "LOGIN " + quoted(login) + " " + quoted(password.reveal()));
    } else {
      throw new MessagingException("no supported authentication mechanism: the server offers"
          + " no AUTH=PLAIN for a login or password that LOGIN cannot carry");
    }
  }

  /**
   * OAUTHBEARER where announced, else XOAUTH2; never the token as a password. Without either
   * the login fails in the words the classifier reads as an unsupported mechanism, which stops
   * the watch rather than retrying.
   */
  private void authenticate(Token token) throws Exception {
    mechanism = OAuthSasl.choose(m -> capabilities.contains("AUTH=" + m)).orElseThrow(() ->
        new MessagingException("no supported authentication mechanism: the server announces"
            + " neither AUTH=OAUTHBEARER nor AUTH=XOAUTH2, so it cannot take an OAuth 2.0"
            + " access token"));
    token.progress().sendingToken(token.token()); // redacted from here on, wherever shown
    challenged = false;
    initialSent = capabilities.contains("SASL-IR");
    if (initialSent) {
      sendSecret(Phase.AUTHENTICATE, "AUTHENTICATE " + mechanism.name() + " "
          + initialResponse(token));
    } else {
      send(Phase.AUTH_CONTINUE, "AUTHENTICATE " + mechanism.name());
    }
  }

  /**
   * A continuation during a token login: the initial response if it was not sent with the
   * command; then the error challenge of a refused token, recorded as evidence and answered
   * once (RFC 7628 §3.2.3, Google's XOAUTH2 page) so the server sends its final NO; a second
   * challenge is cancelled (RFC 3501 §6.2.2) rather than answered for ever.
   */
  private void tokenContinuation(Token token, String line) {
    String answer;
    if (!initialSent) {
      initialSent = true;
      answer = initialResponse(token);
    } else if (!challenged) {
      challenged = true;
      token.progress().tokenChallenge("+ " + line.substring(1).trim());
      answer = mechanism.errorAcknowledgement();
    } else {
      answer = "*";
    }
    write(answer);
    awaitAnswer("AUTHENTICATE");
  }

  private String initialResponse(Token token) {
    return mechanism.initialResponse(login, endpoint.host(), endpoint.port(), token.token());
  }

  /** Like {@link #send}, with nothing of the command in any message. */
  private void sendSecret(Phase next, String command) {
    expectedTag = "W" + (++tags);
    phase = next;
    awaitAnswer("logging in");
    write(expectedTag + " " + command);
  }

  private String plainResponse() {
    String password = ((Password) credential).password().reveal();
    byte[] response = ("\0" + login + "\0" + password).getBytes(StandardCharsets.UTF_8);
    return Base64.getEncoder().encodeToString(response);
  }

  private void capabilityCode(String line) {
    Matcher code = CAPABILITY_CODE.matcher(line);
    if (code.find()) {
      capabilities(code.group(1));
    }
  }

  private void capabilities(String list) {
    for (String c : list.trim().split("\\s+")) {
      capabilities.add(c.toUpperCase(Locale.ROOT));
    }
  }

  private static boolean quotable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  private static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** Fails the connection: closes it and reports {@code error}, once. */
  void fail(Throwable error) {
    if (phase == Phase.CLOSED) {
      return;
    }
    failure = error;
    closeChannel(false);
    events.failed(error);
  }

  /** Closes the connection without a report; politely if it is idle. On the loop's thread. */
  void close() {
    if (phase != Phase.CLOSED) {
      closeChannel(true);
    }
  }

  private void closeChannel(boolean polite) {
    boolean idling = phase == Phase.IDLING;
    boolean idle = idling || phase == Phase.POLL_WAIT || phase == Phase.LEASED;
    phase = Phase.CLOSED;
    if (statusTimer != null) {
      statusTimer.cancel();
      statusTimer = null;
    }
    Throwable cause = closedCause();
    if (leaseWanted != null) {
      leaseWanted.completeExceptionally(cause);
      leaseWanted = null;
    }
    if (answer != null) {
      answer.completeExceptionally(cause);
      answer = null;
    }
    captured = null;
    lines.pause();
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
    if (channel == null) {
      return;
    }
    try {
      if (polite && idle && pendingOut == null) {
        String bye = (idling ? "DONE\r\n" : "") + "W" + (++tags) + " LOGOUT\r\n";
        ByteBuffer bytes = ByteBuffer.wrap(bye.getBytes(StandardCharsets.US_ASCII));
        if (engine != null && !handshaking) {
          ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize() * 2);
          engine.wrap(bytes, out);
          engine.closeOutbound();
          engine.wrap(EMPTY, out); // close_notify
          out.flip();
          channel.write(out);
        } else if (engine == null) {
          channel.write(bytes);
        }
      }
    } catch (IOException | RuntimeException e) {
      // the connection goes anyway
    } finally {
      if (key != null) {
        key.cancel();
      }
      try {
        channel.close();
      } catch (IOException e) {
        // closing is all that was wanted
      }
      pendingNet = null;
      pendingOut = null;
    }
  }

  @Override
  public String toString() {
    return "IdleConnection[" + endpoint + " " + folders + " " + phase + "]";
  }
}
