package com.lumyvo.providers.mail.testing;

import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A mail server on this machine that misbehaves the way real servers and networks do, so that
 * tests can prove a client ends every operation within its deadline with a precise diagnosis,
 * never a hang or an {@link OutOfMemoryError}.
 *
 * <pre>{@code
 * try (HostileServer server = HostileServer.imap(Hostility.ENDLESS_FETCH).onCommand("FETCH")
 *     .start()) {
 *   ServerEndpoint endpoint = server.endpoint();   // localhost, SSL/TLS
 *   // connect trusting server.trustStore(): greeting, login, SELECT INBOX work; FETCH never ends
 * }
 * }</pre>
 *
 * <p>The server listens on 127.0.0.1 on a port of its own and speaks just enough IMAP4rev1 or
 * ESMTP to pass for a normal server until its trigger: the greeting (the default) or the first
 * command of a connection whose verb is one of {@link Builder#onCommand}'s. From there, that
 * connection behaves as {@link Hostility} says. Before the trigger the IMAP server offers
 * {@code INBOX} with three short text messages (UIDs 1 to 3), a few folders with special-use
 * attributes, and accepts any login unless {@link Builder#credentials} are set; the SMTP server
 * accepts any message. Each connection has its own mailbox state, so connections do not disturb
 * each other.
 *
 * <p>TLS, implicit or after STARTTLS, uses the same certificate for {@code localhost} as {@link
 * FakeProvider}; {@link #trustStore()} holds the same certificates as {@link
 * FakeProvider#trustStore()}. Needs no GreenMail.
 */
public final class HostileServer implements AutoCloseable {
  /** The IMAP capabilities announced unless {@link Builder#capabilities} says otherwise. */
  public static final List<String> DEFAULT_IMAP_CAPABILITIES =
      List.of("IMAP4rev1", "SASL-IR", "AUTH=PLAIN", "IDLE", "UIDPLUS", "MOVE", "UNSELECT",
          "SPECIAL-USE");

  private static final int MAX_RECORDED_COMMANDS = 10_000;
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(1);

  private final Protocol protocol;
  private final Hostility hostility;
  private final Set<String> triggers;
  private final Security security;
  private final List<String> capabilities;
  private final List<String> folders;
  private final String user;
  private final String password;
  private final boolean echoLoginFails;
  private final Duration dripInterval;
  private final long literalSize;
  private final ServerSocket listener;
  private final Thread acceptor;
  private final ServerEndpoint endpoint;
  private final AtomicInteger accepted = new AtomicInteger();
  private final List<String> commands = new ArrayList<>();
  private final Map<Socket, Thread> connections = new ConcurrentHashMap<>();
  private boolean closed;

  private HostileServer(Builder builder) throws IOException {
    protocol = builder.protocol;
    hostility = builder.hostility;
    triggers = hostility == Hostility.STARTTLS_THEN_SILENCE
        ? Set.of("STARTTLS") : Set.copyOf(builder.triggers);
    security = builder.security != null ? builder.security
        : hostility == Hostility.STARTTLS_THEN_SILENCE ? Security.STARTTLS : Security.SSL_TLS;
    if (hostility == Hostility.STARTTLS_THEN_SILENCE && security != Security.STARTTLS) {
      throw new IllegalStateException("STARTTLS_THEN_SILENCE needs a STARTTLS endpoint");
    }
    capabilities = List.copyOf(builder.capabilities);
    folders = List.copyOf(builder.folders);
    user = builder.user;
    password = builder.password;
    echoLoginFails = builder.echoLoginFails;
    dripInterval = builder.dripInterval;
    literalSize = builder.literalSize;
    listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
    endpoint = ServerEndpoint.of("localhost", listener.getLocalPort(), security);
    // In the fakes' thread group: a failure of a connection's thread is logged, never printed.
    acceptor = FakeThreads.daemon(
        "hostile-" + protocol.name().toLowerCase(Locale.ROOT) + "-" + endpoint.port(),
        this::accept);
    acceptor.start();
  }

  /**
   * A hostile IMAP server to configure and {@link Builder#start() start}.
   *
   * @param hostility how it misbehaves once the trigger comes
   * @return a builder with the greeting as trigger and implicit TLS
   */
  public static Builder imap(Hostility hostility) {
    return new Builder(Protocol.IMAP, hostility);
  }

  /**
   * A hostile SMTP server to configure and {@link Builder#start() start}.
   *
   * @param hostility how it misbehaves once the trigger comes
   * @return a builder with the greeting as trigger and implicit TLS
   */
  public static Builder smtp(Hostility hostility) {
    return new Builder(Protocol.SMTP, hostility);
  }

  /**
   * Where the server listens: host {@code localhost} (127.0.0.1), its port, and its security.
   *
   * @return the endpoint to connect to
   */
  public ServerEndpoint endpoint() {
    return endpoint;
  }

  /**
   * The certificates to trust to reach this server, the same as {@link
   * FakeProvider#trustStore()}'s. A new store per call.
   *
   * @return a trust store with the fakes' certificates
   */
  public KeyStore trustStore() {
    return Certificate.fakesTrustStore();
  }

  /**
   * The protocol the server speaks.
   *
   * @return IMAP or SMTP
   */
  public Protocol protocol() {
    return protocol;
  }

  /**
   * How the server misbehaves.
   *
   * @return the hostility it was built with
   */
  public Hostility hostility() {
    return hostility;
  }

  /**
   * How many connections the server has accepted so far.
   *
   * @return the number of accepted connections
   */
  public int connectionsAccepted() {
    return accepted.get();
  }

  /**
   * What clients sent, one entry per command in the order received over all connections: an
   * IMAP command with its literals (each after its {@code {n}} marker and a line break), an SMTP
   * command line, and each continuation line of an authentication dialogue, without the line
   * ending. Message contents sent after DATA are left out; after 10,000 entries nothing more is
   * kept. For tests: these lines hold the passwords clients sent.
   *
   * @return a copy of the commands received so far
   */
  public List<String> commandsReceived() {
    synchronized (commands) {
      return List.copyOf(commands);
    }
  }

  /**
   * Stops listening and ends every connection and every thread of the server, waiting up to
   * about a second for them to finish. Calling it again does nothing.
   */
  @Override
  public void close() {
    List<Thread> threads = new ArrayList<>();
    synchronized (this) {
      closed = true;
    }
    closeQuietly(listener);
    for (Map.Entry<Socket, Thread> connection : connections.entrySet()) {
      closeQuietly(connection.getKey());
      connection.getValue().interrupt();
      threads.add(connection.getValue());
    }
    threads.add(acceptor);
    long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
    boolean interrupted = false;
    for (Thread thread : threads) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      } catch (InterruptedException e) {
        interrupted = true;
        break;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** How many of the server's threads still run; for the kit's own tests. */
  int liveThreads() {
    int live = acceptor.isAlive() ? 1 : 0;
    for (Thread thread : connections.values()) {
      live += thread.isAlive() ? 1 : 0;
    }
    return live;
  }

  synchronized boolean isClosed() {
    return closed;
  }

  Security security() {
    return security;
  }

  List<String> capabilities() {
    return capabilities;
  }

  List<String> folders() {
    return folders;
  }

  boolean acceptsLogin(String login, String secret) {
    return user == null || (user.equals(login) && password.equals(secret));
  }

  boolean echoLoginFails() {
    return echoLoginFails;
  }

  Duration dripInterval() {
    return dripInterval;
  }

  long literalSize() {
    return literalSize;
  }

  /**
   * Whether a command with these first two words (after the IMAP tag) is the trigger.
   *
   * @param verb the command's first word
   * @param next the word after it, or an empty string
   */
  boolean isTrigger(String verb, String next) {
    String first = verb.toUpperCase(Locale.ROOT);
    String second = next.toUpperCase(Locale.ROOT);
    return triggers.contains(first) || triggers.contains(first + " " + second)
        || (first.equals("UID") && triggers.contains(second));
  }

  boolean triggersAtGreeting() {
    return triggers.isEmpty();
  }

  void record(String command) {
    synchronized (commands) {
      if (commands.size() < MAX_RECORDED_COMMANDS) {
        commands.add(command);
      }
    }
  }

  private void accept() {
    while (true) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      accepted.incrementAndGet();
      HostileConnection connection = protocol == Protocol.IMAP
          ? new ImapSession(this, socket) : new SmtpSession(this, socket);
      Thread thread =
          FakeThreads.daemon(acceptor.getName() + "-" + accepted.get(), connection::run);
      synchronized (this) {
        if (closed) {
          closeQuietly(socket);
          return;
        }
        connections.put(socket, thread);
      }
      thread.start();
    }
  }

  void finished(Socket socket) {
    connections.remove(socket);
  }

  static void closeQuietly(java.io.Closeable closeable) {
    if (closeable != null) {
      try {
        closeable.close();
      } catch (IOException e) {
        // already gone
      }
    }
  }

  /** The configuration of a {@link HostileServer} before it starts. */
  public static final class Builder {
    private final Protocol protocol;
    private final Hostility hostility;
    private final Set<String> triggers = new LinkedHashSet<>();
    private Security security;
    private final List<String> capabilities = new ArrayList<>(DEFAULT_IMAP_CAPABILITIES);
    private final List<String> folders = new ArrayList<>();
    private String user;
    private String password;
    private boolean echoLoginFails = true;
    private Duration dripInterval = Duration.ofSeconds(1);
    private long literalSize = Integer.MAX_VALUE;

    private Builder(Protocol protocol, Hostility hostility) {
      this.protocol = protocol;
      this.hostility = Objects.requireNonNull(hostility, "hostility");
    }

    /**
     * Misbehaves from the greeting on (the default): instead of the greeting for most
     * hostilities, from the first reply on for {@link Hostility#DRIP} and {@link
     * Hostility#ECHO}.
     *
     * @return this builder
     */
    public Builder onGreeting() {
      triggers.clear();
      return this;
    }

    /**
     * Misbehaves from the first command of a connection whose verb is one of {@code verbs}
     * (case-insensitive; IMAP tags skipped). {@code "FETCH"} also matches {@code UID FETCH};
     * {@code "UID FETCH"} matches only that. Replaces earlier triggers. Ignored by {@link
     * Hostility#CLOSE_AFTER_GREETING} and {@link Hostility#STARTTLS_THEN_SILENCE}.
     *
     * @param verbs such as {@code LOGIN}, {@code AUTHENTICATE}, {@code SELECT}, {@code FETCH},
     *     {@code IDLE}, {@code EHLO}, {@code AUTH}, {@code MAIL}, {@code DATA}
     * @return this builder
     */
    public Builder onCommand(String... verbs) {
      if (verbs.length == 0) {
        throw new IllegalArgumentException("name at least one command");
      }
      triggers.clear();
      for (String verb : verbs) {
        String normal = verb.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        if (normal.isEmpty()) {
          throw new IllegalArgumentException("empty command");
        }
        triggers.add(normal);
      }
      return this;
    }

    /**
     * How connections are protected: {@link Security#SSL_TLS} (implicit TLS, the default),
     * {@link Security#STARTTLS} (plain, then upgraded by the STARTTLS command, which is offered)
     * or {@link Security#PLAIN}.
     *
     * @param security the endpoint's security
     * @return this builder
     */
    public Builder security(Security security) {
      this.security = Objects.requireNonNull(security, "security");
      return this;
    }

    /**
     * The IMAP capabilities to announce, the whole list, replacing {@link
     * #DEFAULT_IMAP_CAPABILITIES}. {@code STARTTLS} is added by the server itself where it
     * applies. IDLE, MOVE and UID EXPUNGE are refused when their
     * capability (IDLE, MOVE, UIDPLUS) is not announced.
     *
     * @param names capability names such as {@code IMAP4rev1}, {@code AUTH=PLAIN}
     * @return this builder
     */
    public Builder capabilities(String... names) {
      capabilities.clear();
      capabilities.addAll(Arrays.asList(names));
      return this;
    }

    /**
     * Drops IMAP capabilities from the announced list, such as {@code MOVE}, {@code UIDPLUS},
     * {@code IDLE}; the server then refuses the commands that need them.
     *
     * @param names capability names, case-insensitive
     * @return this builder
     */
    public Builder withoutCapabilities(String... names) {
      for (String name : names) {
        capabilities.removeIf(c -> c.equalsIgnoreCase(name));
      }
      return this;
    }

    /**
     * More IMAP folders, empty, besides {@code INBOX}, {@code Sent}, {@code Drafts}, {@code
     * Trash}, {@code Junk} and {@code Archive}.
     *
     * @param names folder names, {@code /} separating levels
     * @return this builder
     */
    public Builder folders(String... names) {
      folders.addAll(Arrays.asList(names));
      return this;
    }

    /**
     * Accepts only this login (IMAP LOGIN and AUTHENTICATE PLAIN, SMTP AUTH PLAIN and LOGIN);
     * by default any login is accepted.
     *
     * @param user the login name
     * @param password the password
     * @return this builder
     */
    public Builder credentials(String user, String password) {
      this.user = Objects.requireNonNull(user, "user");
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * Whether logins fail under {@link Hostility#ECHO} (the default), so that the echoed command
     * with its secret ends up in the client's error.
     *
     * @param fails false to let logins succeed as without ECHO
     * @return this builder
     */
    public Builder echoLoginFails(boolean fails) {
      this.echoLoginFails = fails;
      return this;
    }

    /**
     * The pause after each byte under {@link Hostility#DRIP}; 1 second by default.
     *
     * @param interval a positive duration
     * @return this builder
     */
    public Builder dripInterval(Duration interval) {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("the interval must be positive");
      }
      this.dripInterval = interval;
      return this;
    }

    /**
     * The size an IMAP {@link Hostility#HUGE_LITERAL} announces; 2147483647 by default. Sizes
     * beyond a Java array's, such as 4294967295, test a client's arithmetic too.
     *
     * @param size a size from 0 on
     * @return this builder
     */
    public Builder literalSize(long size) {
      if (size < 0) {
        throw new IllegalArgumentException("the size must not be negative");
      }
      this.literalSize = size;
      return this;
    }

    /**
     * Starts the server.
     *
     * @return the running server; close it to stop it
     * @throws IllegalStateException if {@link Hostility#STARTTLS_THEN_SILENCE} is asked of an
     *     endpoint that is not STARTTLS
     * @throws UncheckedIOException if no port can be opened
     */
    public HostileServer start() {
      try {
        return new HostileServer(this);
      } catch (IOException e) {
        throw new UncheckedIOException("the hostile server could not start", e);
      }
    }
  }
}
