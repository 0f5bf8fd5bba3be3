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
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
 * dependency of this module).
 */
public final class FakeProvider implements AutoCloseable {
  private final GreenMail greenMail;
  private final ProviderDescriptor descriptor;
  private final ReplyTexts replies;
  private final FrontEnd imap;
  private final FrontEnd smtps;
  private final FrontEnd submission;
  private final KeyStore trustStore;
  private final Map<String, String> imapLogins = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile long slowReplyMillis = 1_000;
  private volatile long dropAfterBytes = 100;

  private FakeProvider(ProviderDescriptor mimicked) throws IOException {
    trustStore = Certificate.fakesTrustStore();
    greenMail = new GreenMail(new ServerSetup[] {
        new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort(),
        new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort()});
    greenMail.start();
    replies = mimicked == null ? ReplyTexts.FAKE : ReplyTexts.of(mimicked.id());
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
    if (!imapLogin.equals(smtpLogin)) {
      imapLogins.put(imapLogin, smtpLogin);
    }
    return MailAccount.builder(parsed.toString(), appPassword).provider(descriptor).build();
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

  /** Every message the fake's SMTP has accepted so far. */
  public List<MimeMessage> received() {
    return List.of(greenMail.getReceivedMessages());
  }

  /** Waits up to {@code timeout} until SMTP has accepted {@code count} messages in all. */
  public boolean awaitReceived(int count, Duration timeout) {
    return greenMail.waitForIncomingEmail(timeout.toMillis(), count);
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
   * How many connections clients have opened to this fake's servers, IMAP and SMTP together: for
   * tests that check that nothing connects (or logs in) behind their back.
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
    greenMail.stop();
    if (!failures.isEmpty()) {
      throw new UncheckedIOException(failures.get(0));
    }
  }
}
