package com.lumyvo.providers.mail.testing;

import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.EmailAddress;
import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
import com.lumyvo.providers.mail.Timeouts;
import com.lumyvo.providers.oauth.TokenSource;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A mail provider on this machine for tests: GreenMail behind loopback endpoints that speak TLS
 * with a real certificate for {@code localhost}, an IMAP endpoint with implicit TLS and SMTP
 * endpoints with implicit TLS and with STARTTLS, and failures to switch on at will ({@link
 * Fault}). Connectors reach it with full certificate and host-name checks, trusting {@link
 * #trustStore()}.
 *
 * <pre>{@code
 * try (FakeProvider fake = FakeProvider.mimicking(ProviderRegistry.defaults().byId("yahoo").get())) {
 *   MailAccount account = fake.addAccount("anna@yahoo.com", AppPassword.of("abcd efgh ijkl mnop"));
 *   MailConnector connector = fake.connector();
 *   fake.inject(Fault.APP_PASSWORD_REQUIRED);
 *   connector.verify(account);   // fails the way Yahoo fails
 * }
 * }</pre>
 *
 * <p>A fake that mimics a real provider keeps its id, name, prerequisites, setup guide and login
 * name rules, and answers failed logins with that provider's real replies, so that a service's
 * test takes the path it takes in production. Needs GreenMail on the class path (an optional
 * dependency of this module; {@code lumyvo-providers-mail-junit} brings it).
 *
 * <p>What a test can observe, the way MockWebServer shows what an HTTP client sent: {@link
 * #takeCommand()} hands out every line clients sent, in order, with passwords redacted; {@link
 * #received()} holds what the SMTP endpoints accepted; {@link #awaitIdle} waits until a watch
 * idles in a folder. {@link #reset()} returns the fake to its state after start, which {@code
 * FakeProviderExtension} does before each test.
 *
 * <p>Thread-safe. The fake never writes to standard output or error: its own failures, and its
 * GreenMail's, go to SLF4J (logger {@code com.lumyvo.providers.mail.testing.FakeProvider}).
 */
public final class FakeProvider implements AutoCloseable {
  private final CommandJournal journal = new CommandJournal();
  private final GreenMail greenMail;
  private final ProviderDescriptor descriptor;
  private final ReplyTexts replies;
  private final TokenReplies tokenReplies;
  private final FakeTokens tokens = new FakeTokens(journal);
  private final FakeTokenEndpoint tokenEndpoint;
  /** GreenMail's password of each mailbox that signs in with tokens, by GreenMail login. */
  private final Map<String, String> tokenPasswords = new ConcurrentHashMap<>();
  private final FrontEnd imap;
  private final FrontEnd smtps;
  private final FrontEnd submission;
  private final KeyStore trustStore;
  private final Map<String, String> imapLogins = new ConcurrentHashMap<>();
  private final AtomicInteger connectionNumbers = new AtomicInteger();
  /** What SMTP accepted, as the clients sent it; guarded by itself, notified on change. */
  private final List<byte[]> accepted = new ArrayList<>();
  /** Open IMAP connections; {@link #states} is notified when one changes. */
  private final Set<ClientConnection> imapConnections = ConcurrentHashMap.newKeySet();
  private final Object states = new Object();
  private final ClientConnection.Observer observer = new ClientConnection.Observer() {
    @Override
    public void accepted(byte[] message) {
      synchronized (accepted) {
        accepted.add(message);
        accepted.notifyAll();
      }
    }

    @Override
    public void changed(ClientConnection connection) {
      if (connection.isClosed()) {
        imapConnections.remove(connection);
      }
      synchronized (states) {
        states.notifyAll();
      }
    }
  };
  private volatile long slowReplyMillis = DEFAULT_SLOW_REPLY_MILLIS;
  private volatile long dropAfterBytes = DEFAULT_DROP_AFTER_BYTES;

  private static final long DEFAULT_SLOW_REPLY_MILLIS = 1_000;
  private static final long DEFAULT_DROP_AFTER_BYTES = 100;
  /** How long {@link #takeCommand()} waits: far more than any command of a test takes. */
  private static final Duration TAKE_TIMEOUT = Duration.ofSeconds(10);

  private FakeProvider(ProviderDescriptor mimicked) throws IOException {
    trustStore = Certificate.fakesTrustStore();
    greenMail = new GreenMail(new ServerSetup[] {
        new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort(),
        new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort()});
    // GreenMail's threads, and its connection handlers' threads, join the fakes' thread group,
    // which logs what they throw instead of printing it.
    FakeThreads.inGroup("fake-provider-start", () -> {
      greenMail.start();
      return null;
    });
    replies = mimicked == null ? ReplyTexts.FAKE : ReplyTexts.of(mimicked.id());
    tokenReplies = mimicked == null ? TokenReplies.FAKE : TokenReplies.of(mimicked.id());
    tokenEndpoint = new FakeTokenEndpoint(tokens);
    imap = new FrontEnd(FrontEnd.Mode.IMAP_TLS, greenMail.getImap().getPort(), this);
    smtps = new FrontEnd(FrontEnd.Mode.SMTP_TLS, greenMail.getSmtp().getPort(), this);
    submission = new FrontEnd(FrontEnd.Mode.SMTP_STARTTLS, greenMail.getSmtp().getPort(), this);
    ServerEndpoint imapEndpoint = ServerEndpoint.of("localhost", imap.port(), Security.SSL_TLS);
    ServerEndpoint smtpsEndpoint = ServerEndpoint.of("localhost", smtps.port(), Security.SSL_TLS);
    ServerEndpoint submissionEndpoint =
        ServerEndpoint.of("localhost", submission.port(), Security.STARTTLS);
    if (mimicked == null) {
      descriptor = ProviderDescriptor.builder("fake").displayName("Fake Mail")
          .domains("fake.example").imap(imapEndpoint).smtp(smtpsEndpoint, submissionEndpoint)
          .build();
    } else {
      // The real provider's SMTP order: STARTTLS first where it has only STARTTLS (iCloud).
      boolean startTlsFirst = mimicked.smtp().get(0).security() == Security.STARTTLS;
      descriptor = mimicked.toBuilder().imap(imapEndpoint)
          .smtp(startTlsFirst ? submissionEndpoint : smtpsEndpoint,
              startTlsFirst ? smtpsEndpoint : submissionEndpoint)
          .build();
    }
  }

  /** A fake provider of its own, {@code fake}, for addresses at {@code fake.example}. */
  public static FakeProvider start() {
    return create(null);
  }

  /** A fake that plays {@code provider}: its facts and rules, its replies, our servers. */
  public static FakeProvider mimicking(ProviderDescriptor provider) {
    return create(Objects.requireNonNull(provider, "provider"));
  }

  private static FakeProvider create(ProviderDescriptor provider) {
    try {
      return new FakeProvider(provider);
    } catch (IOException e) {
      throw new UncheckedIOException("the fake provider could not start", e);
    } catch (NoClassDefFoundError e) {
      if (String.valueOf(e.getMessage()).contains("greenmail")) {
        throw new IllegalStateException("the fake provider needs GreenMail: add the test "
            + "dependency com.lumyvo:lumyvo-providers-mail-junit (or com.icegreen:greenmail); "
            + "on the module path GreenMail must also be resolved, with --add-modules greenmail "
            + "or a requires", e);
      }
      throw e;
    }
  }

  /** This fake's descriptor: the provider's facts with this machine's endpoints. */
  public ProviderDescriptor descriptor() {
    return descriptor;
  }

  /** The certificates to trust to reach this fake: give it to {@link MailConnector.Builder#trustStore}. */
  public KeyStore trustStore() {
    return trustStore;
  }

  /**
   * A connector that trusts this fake, with timeouts short enough for tests (2 s connect, 3 s
   * read and write, 10 s per operation).
   */
  public MailConnector connector() {
    return connectorBuilder().build();
  }

  /**
   * A connector builder that trusts this fake, with the test timeouts of {@link #connector()},
   * and probes allowed on this machine, where the fake runs.
   */
  public MailConnector.Builder connectorBuilder() {
    return MailConnector.builder().trustStore(trustStore).probePrivateAddresses(true)
        .timeouts(Timeouts.builder().connect(Duration.ofSeconds(2))
            .read(Duration.ofSeconds(3)).write(Duration.ofSeconds(3)).build())
        .deadline(Duration.ofSeconds(10));
  }

  /**
   * Adds a mailbox that logs in with {@code appPassword}, under the login names the provider's
   * rules give, and returns the account to connect with.
   */
  public MailAccount addAccount(String address, AppPassword appPassword) {
    Objects.requireNonNull(appPassword, "appPassword");
    EmailAddress parsed = EmailAddress.parse(address);
    String imapLogin = descriptor.login(Protocol.IMAP, parsed);
    String smtpLogin = descriptor.login(Protocol.SMTP, parsed);
    // GreenMail knows one login per mailbox: the SMTP one. The IMAP front end translates the
    // other (iCloud's IMAP wants the local part, its SMTP the whole address).
    greenMail.setUser(parsed.toString(), smtpLogin, appPassword.reveal());
    journal.addSecret(appPassword.reveal());
    if (!imapLogin.equals(smtpLogin)) {
      imapLogins.put(imapLogin, smtpLogin);
    }
    return MailAccount.builder(parsed.toString(), appPassword).provider(descriptor).build();
  }

  /**
   * Adds a mailbox that signs in with OAuth 2.0 access tokens, and returns the account to connect
   * with: its token source holds a refresh token of this fake and gets access tokens from
   * {@link #tokenEndpoint()}, as a service's source gets them from the provider's. The IMAP and
   * SMTP servers take those tokens with {@code AUTHENTICATE}/{@code AUTH} XOAUTH2 and OAUTHBEARER
   * (not OAUTHBEARER where the provider mimicked lacks it, as Microsoft's servers do), and
   * refuse tokens they did not issue, tokens that expired or were revoked, and tokens without the
   * mail scope, in the provider's own words. Works for providers that accept only OAuth 2.0.
   */
  public MailAccount addTokenAccount(String address) {
    EmailAddress parsed = EmailAddress.parse(address);
    String imapLogin = descriptor.login(Protocol.IMAP, parsed);
    String smtpLogin = descriptor.login(Protocol.SMTP, parsed);
    // GreenMail knows no tokens: the front ends sign in to it with a password of the fake's own,
    // which never leaves this process.
    String internal = "fake-internal-" + java.util.UUID.randomUUID();
    greenMail.setUser(parsed.toString(), smtpLogin, internal);
    journal.addSecret(internal);
    tokenPasswords.put(smtpLogin.toLowerCase(java.util.Locale.ROOT), internal);
    if (!imapLogin.equals(smtpLogin)) {
      imapLogins.put(imapLogin, smtpLogin);
    }
    return MailAccount.builder(parsed.toString(), tokenSource(parsed.toString()))
        .provider(descriptor).build();
  }

  /**
   * A new token source for the mailbox at {@code address}, added with {@link #addTokenAccount}:
   * a fresh consent (refresh token) and the access tokens it gets from {@link #tokenEndpoint()}.
   * {@code token()} caches until expiry; {@code refresh(rejected)} asks the endpoint again.
   */
  public TokenSource tokenSource(String address) {
    EmailAddress parsed = EmailAddress.parse(address);
    String refreshToken = tokens.grant(parsed.toString(),
        descriptor.login(Protocol.IMAP, parsed), descriptor.login(Protocol.SMTP, parsed));
    return new FakeTokenSource(tokenEndpoint.uri(), refreshToken, parsed.toString());
  }

  /**
   * The fake's OAuth 2.0 token endpoint: {@code POST} with {@code grant_type=refresh_token}
   * (RFC 6749 §6) answers a JSON token response, or {@code 400 invalid_grant} for a revoked
   * grant. Plain HTTP on loopback.
   */
  public java.net.URI tokenEndpoint() {
    return tokenEndpoint.uri();
  }

  /** How many refresh-token requests the token endpoint has answered since start or reset. */
  public int tokenRequests() {
    return tokenEndpoint.grantsAnswered();
  }

  /**
   * Every access token issued so far for {@code address} expires now, as an hour after issue:
   * a new login with one is refused, and where the provider ends such sessions (Microsoft's
   * {@code * BYE Session invalidated - AccessTokenExpired}) the next command of a session
   * signed in with one ends it. Refreshing still gives new tokens.
   */
  public void expireTokens(String address) {
    tokens.expire(EmailAddress.parse(address).toString());
  }

  /**
   * The person withdraws consent for {@code address}: its access tokens are refused, its
   * sessions end as they do on expiry, and the token endpoint answers refreshes with {@code
   * invalid_grant}.
   */
  public void revokeTokens(String address) {
    tokens.revoke(EmailAddress.parse(address).toString());
  }

  /**
   * The client registration lacks the mail scope for {@code address}: every token, issued or
   * to come, is refused as the provider refuses a token without it.
   */
  public void withoutMailScope(String address) {
    tokens.withoutScope(EmailAddress.parse(address).toString());
  }

  /** Puts {@code message} into the INBOX of {@code address}, as if it had arrived. */
  public void deliver(String address, MimeMessage message) {
    user(address).deliver(message);
  }

  /**
   * Puts {@code message} into {@code folder} of {@code address}, creating the folder if needed.
   */
  public void deliver(String address, String folder, MimeMessage message) {
    MailFolder target = folder(user(address), folder);
    try {
      target.store(message);
    } catch (Exception e) { // GreenMail's store declares plain Exception
      throw new IllegalStateException("cannot store into " + folder + ": " + e.getMessage(), e);
    }
  }

  /** Creates an empty folder in the mailbox of {@code address}, if it does not exist yet. */
  public void createFolder(String address, String folder) {
    folder(user(address), folder);
  }

  /** The user's folder {@code name}, created if it does not exist yet. */
  private MailFolder folder(GreenMailUser user, String name) {
    try {
      var hosts = greenMail.getManagers().getImapHostManager();
      MailFolder folder = hosts.getFolder(user, name);
      return folder != null ? folder : hosts.createMailbox(user, name);
    } catch (Exception e) { // GreenMail declares its own checked exceptions
      throw new IllegalStateException("cannot create " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Every message the fake's SMTP endpoints have accepted since it started or was {@linkplain
   * #reset() reset}, oldest first: one per accepted {@code DATA}, whatever the number of
   * recipients, parsed from the bytes the client sent. Messages put in with {@link #deliver} are
   * not among them. A new list of new messages on each call.
   */
  public List<MimeMessage> received() {
    List<byte[]> messages;
    synchronized (accepted) {
      messages = List.copyOf(accepted);
    }
    Session session = Session.getInstance(new Properties());
    List<MimeMessage> parsed = new ArrayList<>(messages.size());
    for (byte[] message : messages) {
      try {
        parsed.add(new MimeMessage(session, new ByteArrayInputStream(message)));
      } catch (MessagingException e) {
        throw new IllegalStateException("cannot parse an accepted message", e);
      }
    }
    return List.copyOf(parsed);
  }

  /**
   * Waits up to {@code timeout} until the SMTP endpoints have accepted {@code count} messages
   * in all, counted as {@link #received()} counts them.
   *
   * @return whether they have
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public boolean awaitReceived(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (accepted) {
      while (accepted.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(accepted, left);
      }
      return true;
    }
  }

  /**
   * The oldest line a client sent that no one has taken yet, waiting up to 10 seconds for one:
   * MockWebServer's {@code takeRequest()} for IMAP and SMTP. Secrets are redacted (see {@link
   * RecordedCommand}).
   *
   * @throws IllegalStateException if no line comes within 10 seconds
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public RecordedCommand takeCommand() throws InterruptedException {
    return takeCommand(TAKE_TIMEOUT).orElseThrow(() -> new IllegalStateException(
        "no client sent a line within " + TAKE_TIMEOUT.toSeconds() + " s"));
  }

  /**
   * The oldest line a client sent that no one has taken yet, waiting up to {@code timeout}.
   *
   * @return the line, or empty if none came in time ({@link Duration#ZERO} does not wait)
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public Optional<RecordedCommand> takeCommand(Duration timeout) throws InterruptedException {
    return journal.take(Objects.requireNonNull(timeout, "timeout"));
  }

  /**
   * Every line clients sent that no one has taken yet, oldest first, without waiting: for a
   * test that checks a whole conversation once it is over.
   */
  public List<RecordedCommand> takeCommands() {
    return journal.takeAll();
  }

  /**
   * How many lines clients have sent since the fake started or was {@linkplain #reset() reset},
   * taken or not.
   */
  public int commandCount() {
    return journal.count();
  }

  /**
   * Waits up to {@code timeout} until an IMAP connection logged in as {@code address} idles in
   * {@code folder}: it sent IDLE there and the fake answered with the continuation, so mail that
   * arrives from now on is announced to it. True at once if one idles already. Tests that wait
   * for a watch this way never sleep. A watch that polls (the provider lacks IDLE, {@link
   * Fault#WITHOUT_IDLE}) never idles.
   *
   * @param address the account's address (the IMAP login name follows the provider's rules)
   * @param folder the folder's name as the client gives it; INBOX in any case
   * @return whether such a connection idles
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public boolean awaitIdle(String address, String folder, Duration timeout)
      throws InterruptedException {
    String login = descriptor.login(Protocol.IMAP, EmailAddress.parse(address));
    Objects.requireNonNull(folder, "folder");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long idling;
      synchronized (states) {
        while (imapConnections.stream().noneMatch(c -> c.idlesIn(login, folder))) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          TimeUnit.NANOSECONDS.timedWait(states, left);
        }
        idling = imapConnections.stream().filter(c -> c.idlesIn(login, folder)).count();
      }
      // The continuation has been sent; GreenMail registers the listener that announces new
      // mail just after it (see IdleListeners). Wait for that too, in short steps: GreenMail
      // tells no one when it has.
      if (greenMailListens(address, folder, idling)) {
        return true;
      }
      if (System.nanoTime() >= deadline) {
        return false;
      }
      Thread.sleep(2);
    }
  }

  /** Whether GreenMail serves at least {@code idling} IDLE commands in the folder. */
  private boolean greenMailListens(String address, String folder, long idling) {
    // Unknown (no such folder in GreenMail's terms, or a GreenMail whose listeners cannot be
    // read): the continuation alone decides, as before.
    return idleListeners(address, folder).map(n -> n >= idling).orElse(true);
  }

  /** The IDLE commands GreenMail serves in the folder now, if that can be known. */
  Optional<Integer> idleListeners(String address, String folder) {
    MailFolder box;
    try {
      String name = folder.equalsIgnoreCase("INBOX") ? "INBOX" : folder;
      box = greenMail.getManagers().getImapHostManager().getFolder(user(address), name);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    return box == null ? Optional.empty() : IdleListeners.count(box);
  }

  /** Switches a fault on at every endpoint. */
  public void inject(Fault fault) {
    for (FrontEnd end : ends()) {
      apply(() -> end.inject(Objects.requireNonNull(fault, "fault")));
    }
  }

  /** Switches a fault on at one endpoint of {@link #descriptor()}. */
  public void inject(Fault fault, ServerEndpoint endpoint) {
    FrontEnd end = end(endpoint);
    apply(() -> end.inject(Objects.requireNonNull(fault, "fault")));
  }

  /** Switches a fault off everywhere. */
  public void heal(Fault fault) {
    for (FrontEnd end : ends()) {
      apply(() -> end.heal(Objects.requireNonNull(fault, "fault")));
    }
  }

  /** Switches every fault off everywhere. */
  public void healAll() {
    for (Fault fault : Fault.values()) {
      heal(fault);
    }
  }

  /**
   * The next time a client sends the IMAP command {@code command} (such as {@code MOVE},
   * {@code COPY}, {@code STORE}, {@code FETCH}; UID forms included), the server carries it out
   * and the connection is cut before the client hears back: the worst moment for a client.
   */
  public void cutConnectionOn(String command) {
    imap.cutOn(Objects.requireNonNull(command, "command"));
  }

  /**
   * Makes every open connection go silent without closing it, as when a NAT forgets a long idle
   * connection: no error, no data, ever. New connections still work.
   */
  public void freezeConnections() {
    for (FrontEnd end : ends()) {
      end.freezeConnections();
    }
  }

  /**
   * How many connections clients have opened to this fake's servers, IMAP and SMTP together,
   * since it started or was {@linkplain #reset() reset}: for tests that check that nothing
   * connects (or logs in) behind their back.
   */
  public int connectionsAccepted() {
    int sum = 0;
    for (FrontEnd end : ends()) {
      sum += end.accepted();
    }
    return sum;
  }

  /** Cuts every open connection at once, as a NAT timeout or a server restart does. */
  public void dropConnections() {
    for (FrontEnd end : ends()) {
      end.dropConnections();
    }
  }

  /**
   * Gives {@code folder} of {@code address} a new UIDVALIDITY, as a server does after rebuilding
   * a mailbox: the folder is recreated with the same messages under new UIDs.
   */
  public void changeUidValidity(String address, String folder) {
    GreenMailUser user = user(address);
    try {
      var hosts = greenMail.getManagers().getImapHostManager();
      MailFolder old = hosts.getFolder(user, folder);
      if (old == null) {
        throw new IllegalArgumentException("no folder " + folder);
      }
      long before = old.getUidValidity();
      List<MimeMessage> messages = new ArrayList<>();
      for (var stored : old.getNonDeletedMessages()) {
        messages.add(stored.getMimeMessage());
      }
      hosts.deleteMailbox(user, folder);
      MailFolder fresh = hosts.createMailbox(user, folder);
      while (fresh.getUidValidity() == before) { // GreenMail derives it from the clock
        Thread.sleep(2);
        hosts.deleteMailbox(user, folder);
        fresh = hosts.createMailbox(user, folder);
      }
      for (MimeMessage message : messages) {
        fresh.store(message);
      }
    } catch (Exception e) { // GreenMail's store declares plain Exception
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      if (e instanceof IllegalArgumentException illegal) {
        throw illegal;
      }
      throw new IllegalStateException("cannot recreate " + folder + ": " + e.getMessage(), e);
    }
  }

  /**
   * Returns the fake to its state right after start, on the same endpoints with the same
   * certificates: every open connection is cut; no account, mailbox, folder or message is left;
   * no fault, cut or slow-reply and drop settings; the journal, the received mail and the
   * connection counts start over. {@code FakeProviderExtension} calls it before each test that
   * shares a fake with others.
   *
   * <p>Clients that still run (a watch a test did not close) may connect again afterwards and
   * show up in the next test's journal: close them in the test that opened them.
   */
  public void reset() {
    for (FrontEnd end : ends()) {
      apply(end::reset);
    }
    var users = greenMail.getUserManager();
    for (GreenMailUser user : List.copyOf(users.listUser())) {
      users.deleteUser(user); // with every folder of the account
    }
    imapLogins.clear();
    tokenPasswords.clear();
    tokens.clear();
    tokenEndpoint.reset();
    slowReplyMillis = DEFAULT_SLOW_REPLY_MILLIS;
    dropAfterBytes = DEFAULT_DROP_AFTER_BYTES;
    synchronized (accepted) {
      accepted.clear();
    }
    journal.clear();
    journal.forgetSecrets();
    connectionNumbers.set(0);
  }

  /** How long {@link Fault#SLOW_REPLIES} holds each reply line. */
  public void slowReplies(Duration delay) {
    slowReplyMillis = delay.toMillis();
  }

  /** How many bytes the server sends before {@link Fault#DROPPED_CONNECTION} cuts it off. */
  public void dropConnectionAfter(long bytes) {
    dropAfterBytes = bytes;
  }

  long slowReplyDelayMillis() {
    return slowReplyMillis;
  }

  long dropAfterBytes() {
    return dropAfterBytes;
  }

  /** The GreenMail login for an IMAP login name. */
  String backendLogin(String imapLogin) {
    return imapLogins.getOrDefault(imapLogin, imapLogin);
  }

  ReplyTexts replies() {
    return replies;
  }

  TokenReplies tokenReplies() {
    return tokenReplies;
  }

  FakeTokens tokens() {
    return tokens;
  }

  /** GreenMail's password of a token mailbox, by its GreenMail login; never sent to clients. */
  String tokenAccountPassword(String backendLogin) {
    return tokenPasswords.getOrDefault(backendLogin.toLowerCase(java.util.Locale.ROOT), "");
  }

  /** A new connection to follow, numbered in the order the front ends accept them. */
  ClientConnection connection(Protocol protocol, ServerEndpoint endpoint) {
    ClientConnection connection = new ClientConnection(protocol, endpoint,
        connectionNumbers.incrementAndGet(), journal, observer);
    if (protocol == Protocol.IMAP) {
      imapConnections.add(connection);
    }
    return connection;
  }

  Socket wrapTls(Socket plain, Certificate certificate) throws IOException {
    return certificate.acceptTls(plain);
  }

  private interface IoAction {
    void run() throws IOException;
  }

  private static void apply(IoAction action) {
    try {
      action.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<FrontEnd> ends() {
    return List.of(imap, smtps, submission);
  }

  private FrontEnd end(ServerEndpoint endpoint) {
    for (FrontEnd end : ends()) {
      if (end.port() == endpoint.port()) {
        return end;
      }
    }
    throw new IllegalArgumentException(endpoint + " is not an endpoint of this fake");
  }

  private GreenMailUser user(String address) {
    GreenMailUser user = greenMail.getUserManager().getUserByEmail(
        EmailAddress.parse(address).toString());
    if (user == null) {
      throw new IllegalArgumentException("no account " + address + "; add it first");
    }
    return user;
  }

  /** Stops the endpoints and GreenMail. */
  @Override
  public void close() {
    List<IOException> failures = new ArrayList<>();
    for (FrontEnd end : ends()) {
      try {
        end.close();
      } catch (IOException e) {
        failures.add(e);
      }
    }
    try {
      tokenEndpoint.close();
    } catch (IOException e) {
      failures.add(e);
    }
    greenMail.stop();
    if (!failures.isEmpty()) {
      throw new UncheckedIOException(failures.get(0));
    }
  }
}
