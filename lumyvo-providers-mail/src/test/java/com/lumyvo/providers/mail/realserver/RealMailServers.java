package com.lumyvo.providers.mail.realserver;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Real mail servers for tests, on 127.0.0.1 and free ports, as children of the test JVM:
 * Dovecot 2.3 (IMAP with STARTTLS, IMAPS, plus IMAPS variants that do not announce MOVE and
 * UIDPLUS) and Postfix 3.7 (submission with STARTTLS and with implicit TLS, authenticating
 * through Dovecot and delivering {@code @lumyvo.test} mail to it by LMTP). Everything (their
 * configuration, sockets, queue, Maildirs and logs) lives under {@code target/real-servers};
 * the machine's own {@code /etc/dovecot}, {@code /etc/postfix} and mail queues are never read
 * or touched.
 *
 * <p>One instance per JVM: {@link #shared()}. A shutdown hook stops the servers, and each
 * server runs under a small shell guard that stops it when the JVM's pipe to it closes, so not
 * even a killed JVM leaves servers behind. Needs the Debian packages {@code dovecot-imapd
 * dovecot-lmtpd postfix}; Postfix needs root, Dovecot runs as any user.
 *
 * <p>How it is put together:
 *
 * <ul>
 *   <li>Three Dovecot instances on the same users and Maildirs: the main one (IMAPS; plain IMAP
 *       with STARTTLS required, reached through a {@link LoopbackRelay}; LMTP and SASL sockets
 *       for Postfix), one announcing neither MOVE nor UIDPLUS and one announcing UIDPLUS but not
 *       MOVE ({@code imap_capability} set to Dovecot's list minus those). Separate instances
 *       rather than {@code local} blocks because every endpoint must be {@code localhost}.
 *   <li>Users are one passwd-file each under {@code users/} (PLAIN passwords; the login is the
 *       full address); the userdb is static, with Maildirs under {@code mail/DOMAIN/LOCAL}. As
 *       root, mail belongs to {@code nobody}.
 *   <li>Postfix listens only on the two submission ports, relays only for authenticated
 *       clients, hands {@code @lumyvo.test} mail to Dovecot's LMTP socket and bounces the rest.
 *   <li>Logs: {@code target/real-servers/logs/} (Dovecot's and Postfix's {@code maillog_file}).
 * </ul>
 */
public final class RealMailServers implements AutoCloseable {
  /** The mail domain of every test account. */
  public static final String DOMAIN = "lumyvo.test";
  private static final String HOST = "localhost";
  private static final long START_TIMEOUT_SECONDS = 60;

  private static RealMailServers shared;
  private static FileLock jvmLock;

  private final Layout layout;
  private final DovecotInstance dovecot;
  private final DovecotInstance withoutMoveAndUidplus;
  private final DovecotInstance withoutMove;
  private final PostfixInstance postfix;
  private final String postfixProblem;
  /** In front of Dovecot's plain IMAP port; see {@link LoopbackRelay} for why. */
  private final LoopbackRelay starttlsRelay;
  private final int imapStarttlsPort;
  private final int imapsPort;
  private final int noMoveNoUidplusPort;
  private final int noMovePort;
  private final int submissionPort;
  private final int submissionsPort;
  /** Dovecot's plain IMAP ports, reached straight from 127.0.0.1; see {@link #imapPlain()}. */
  private final int plainPort;
  private final int noMoveNoUidplusPlainPort;
  private final int noMovePlainPort;
  private final DovecotInstance.Listeners mainListeners;
  private final Map<String, String> passwords = new LinkedHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final AtomicInteger accountCounter = new AtomicInteger();
  private final AtomicInteger seedCounter = new AtomicInteger();
  /** The time part of Maildir file names: increasing, so Dovecot gives UIDs in write order. */
  private final AtomicLong fileClock = new AtomicLong(System.currentTimeMillis() / 1000);
  private volatile boolean closed;
  /** The OAuth 2.0 instances, started on first use: both mechanisms, then XOAUTH2 only. */
  private DovecotInstance oauthBoth;
  private DovecotInstance oauthXoauth2;
  private int oauthBothPort;
  private int oauthXoauth2Port;
  /** The HMAC-SHA256 key the OAuth instances validate the test's JWTs with. */
  private byte[] jwtKey;

  /**
   * The servers of this JVM, started on first use.
   *
   * @throws IllegalStateException if they cannot start, with the tail of their logs
   */
  public static synchronized RealMailServers shared() {
    if (shared == null) {
      shared = start();
      RealMailServers started = shared;
      Runtime.getRuntime().addShutdownHook(
          new Thread(started::close, "real-mail-servers-shutdown"));
    }
    return shared;
  }

  private static RealMailServers start() {
    for (String program : List.of(Layout.DOVECOT, Layout.DOVEADM, Layout.POSTFIX)) {
      if (!Files.isExecutable(Path.of(program))) {
        throw new IllegalStateException(program + " is missing: the real-server tests need the"
            + " Debian packages dovecot-imapd dovecot-lmtpd postfix (see .ci/run for an install"
            + " that starts no system services)");
      }
    }
    Path target = Path.of(System.getProperty("basedir", "."), "target", "real-servers")
        .toAbsolutePath().normalize();
    lockOrFail(target.resolveSibling("real-servers.lock"));
    for (String dir : List.of("a", "b", "c", "d", "e")) {
      DovecotInstance.killLeftover(target.resolve("run").resolve(dir));
    }
    PostfixInstance.killLeftover(target);
    try {
      return new RealMailServers(Layout.create(target));
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw new IllegalStateException("the real mail servers did not start: " + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the real mail servers", e);
    }
  }

  private RealMailServers(Layout layout) throws IOException,
      java.security.GeneralSecurityException, InterruptedException {
    this.layout = layout;
    layout.certificate = TestCertificate.generate(layout.root.resolve("tls"));
    List<Integer> ports = new ArrayList<>();
    while (ports.size() < 8) {
      int port = Processes.freePort();
      if (!ports.contains(port)) {
        ports.add(port);
      }
    }
    imapsPort = ports.get(0);
    noMoveNoUidplusPort = ports.get(1);
    noMovePort = ports.get(2);
    submissionPort = ports.get(3);
    submissionsPort = ports.get(4);
    int dovecotPlainPort = ports.get(5);
    plainPort = dovecotPlainPort;
    noMoveNoUidplusPlainPort = ports.get(6);
    noMovePlainPort = ports.get(7);
    starttlsRelay = new LoopbackRelay(dovecotPlainPort);
    imapStarttlsPort = starttlsRelay.port();
    DovecotInstance.Listeners main =
        new DovecotInstance.Listeners(dovecotPlainPort, imapsPort, List.of(), true);
    mainListeners = main;
    DovecotInstance.Listeners noMoveNoUidplus = new DovecotInstance.Listeners(
        noMoveNoUidplusPlainPort, noMoveNoUidplusPort, without("MOVE", "UIDPLUS"), false);
    DovecotInstance.Listeners noMove =
        new DovecotInstance.Listeners(noMovePlainPort, noMovePort, without("MOVE"), false);
    dovecot = DovecotInstance.configure(layout, "dovecot", "a", main);
    withoutMoveAndUidplus =
        DovecotInstance.configure(layout, "dovecot-no-move-no-uidplus", "b", noMoveNoUidplus);
    withoutMove = DovecotInstance.configure(layout, "dovecot-no-move", "c", noMove);
    if (layout.root()) {
      postfix = PostfixInstance.configure(layout, dovecot, submissionPort, submissionsPort);
      postfixProblem = null;
    } else {
      postfix = null;
      postfixProblem = "Postfix cannot run here: its master daemon must be started by root, and"
          + " these tests run as " + System.getProperty("user.name") + ". Run the real-server"
          + " tests as root (CI does) to get the SMTP submission endpoints; the IMAP servers"
          + " work without root.";
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
    try {
      dovecot.start();
      withoutMoveAndUidplus.start();
      withoutMove.start();
      KeyStore trust = layout.certificate.trustStore;
      dovecot.awaitReady(main, trust, deadline);
      if (postfix != null) {
        postfix.start();
      }
      withoutMoveAndUidplus.awaitReady(noMoveNoUidplus, trust, deadline);
      withoutMove.awaitReady(noMove, trust, deadline);
      Processes.awaitGreeting("IMAP STARTTLS relay", imapStarttlsPort, null, "* OK", deadline,
          null);
      if (postfix != null) {
        postfix.awaitReady(trust, deadline);
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Holds a lock on {@code target/real-servers.lock} for the life of this JVM, so that a second
   * test JVM (Surefire with forkCount above 1, or a second build) fails clearly instead of
   * wiping and killing the first one's servers.
   */
  private static void lockOrFail(Path lockFile) {
    try {
      Files.createDirectories(lockFile.getParent());
      FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        throw new IllegalStateException("another JVM is running the real mail servers of "
            + lockFile.getParent() + " (Surefire forkCount above 1, or a second build?);"
            + " they cannot share target/real-servers");
      }
      jvmLock = lock; // released when the JVM exits
    } catch (IOException e) {
      throw new IllegalStateException("cannot lock " + lockFile + ": " + e.getMessage(), e);
    }
  }

  private static List<String> without(String... left) {
    List<String> out = new ArrayList<>(DovecotInstance.FULL_CAPABILITIES);
    out.removeAll(List.of(left));
    return out;
  }

  /**
   * Stops the main Dovecot instance (IMAPS, plain IMAP behind the STARTTLS relay, LMTP), as a
   * crash or an upgrade does: every connection to it is cut and new ones are refused until
   * {@link #startDovecot}. {@link #append} still works meanwhile ({@code doveadm save} writes the
   * Maildir itself). For tests and benchmarks of clients that reconnect.
   */
  public synchronized void stopDovecot() {
    dovecot.stop();
  }

  /**
   * Starts the main Dovecot instance again after {@link #stopDovecot}, on the same ports, and
   * returns once it greets.
   *
   * @throws IllegalStateException if it does not greet within a minute
   */
  public synchronized void startDovecot() {
    try {
      dovecot.start();
      dovecot.awaitReady(mainListeners, layout.certificate.trustStore,
          System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS));
    } catch (IOException e) {
      throw new IllegalStateException("Dovecot did not come back: " + e.getMessage(), e);
    }
  }

  /**
   * IMAPS of a Dovecot whose logins also take OAuth 2.0 access tokens, announcing both
   * {@code AUTH=OAUTHBEARER} and {@code AUTH=XOAUTH2}: its {@code oauth2} passdb validates the
   * JWTs of {@link #accessToken} locally. Same users and mailboxes as the others. Started on first
   * use, so that the other tests never depend on it.
   */
  public synchronized ServerEndpoint imapsWithOAuth() {
    startOAuth();
    return ServerEndpoint.of(HOST, oauthBothPort, Security.SSL_TLS);
  }

  /** {@link #imapsWithOAuth()}, but announcing only {@code AUTH=XOAUTH2}. */
  public synchronized ServerEndpoint imapsWithXoauth2Only() {
    startOAuth();
    return ServerEndpoint.of(HOST, oauthXoauth2Port, Security.SSL_TLS);
  }

  /**
   * An access token for {@code account} that the OAuth instances accept until {@code expiresAt}
   * (a JWT, RFC 7519, signed HS256 with the harness's key); one that expired before now is
   * refused. {@code iat} is an hour before the expiry, as Dovecot wants it no later than {@code
   * exp}.
   */
  public synchronized com.lumyvo.providers.oauth.AccessToken accessToken(MailAccount account,
      java.time.Instant expiresAt) {
    startOAuth();
    return Jwt.hs256(jwtKey, DovecotInstance.OAUTH_ISSUER, account.address().toString(),
        expiresAt);
  }

  private void startOAuth() {
    if (oauthBoth != null) {
      return;
    }
    try {
      jwtKey = new byte[32];
      random.nextBytes(jwtKey);
      Path keys = layout.root.resolve("oauth2-keys");
      // No azp and no kid in the tokens: Dovecot looks the key up as default/HS256/default.
      Path key = keys.resolve("default").resolve("HS256").resolve("default");
      Files.createDirectories(key.getParent());
      Files.writeString(key, java.util.Base64.getEncoder().encodeToString(jwtKey),
          StandardCharsets.US_ASCII);
      // Dovecot's auth process runs as the internal user: the keys must be readable by it.
      for (Path p : List.of(keys, keys.resolve("default"), key.getParent())) {
        p.toFile().setReadable(true, false);
        p.toFile().setExecutable(true, false);
      }
      key.toFile().setReadable(true, false);
      oauthBothPort = Processes.freePort();
      do {
        oauthXoauth2Port = Processes.freePort();
      } while (oauthXoauth2Port == oauthBothPort);
      DovecotInstance.Listeners bothListeners =
          new DovecotInstance.Listeners(0, oauthBothPort, List.of(), false);
      DovecotInstance.Listeners xoauth2Listeners =
          new DovecotInstance.Listeners(0, oauthXoauth2Port, List.of(), false);
      oauthBoth = DovecotInstance.configure(layout, "dovecot-oauth", "d", bothListeners,
          new DovecotInstance.OAuth("oauthbearer xoauth2", keys));
      oauthXoauth2 = DovecotInstance.configure(layout, "dovecot-xoauth2", "e", xoauth2Listeners,
          new DovecotInstance.OAuth("xoauth2", keys));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
      oauthBoth.start();
      oauthXoauth2.start();
      oauthBoth.awaitReady(bothListeners, layout.certificate.trustStore, deadline);
      oauthXoauth2.awaitReady(xoauth2Listeners, layout.certificate.trustStore, deadline);
    } catch (IOException e) {
      throw new IllegalStateException("the OAuth 2.0 Dovecot did not start: " + e.getMessage(),
          e);
    }
  }

  /** IMAP over implicit TLS (like port 993). */
  public ServerEndpoint imaps() {
    return ServerEndpoint.of(HOST, imapsPort, Security.SSL_TLS);
  }

  /**
   * IMAP where STARTTLS is required before login (like port 143): Dovecot's plain port behind a
   * {@link LoopbackRelay}, so that Dovecot does not treat the client as local and secure.
   */
  public ServerEndpoint imapStarttls() {
    return ServerEndpoint.of(HOST, imapStarttlsPort, Security.STARTTLS);
  }

  /**
   * Plain-text IMAP (no TLS at all) of the main Dovecot, for tests that must see or cut the
   * client's commands on the wire (a {@link CuttingRelay} in front of it). A client connecting
   * from 127.0.0.1 to 127.0.0.1 counts as secured for Dovecot, so it may log in without TLS; the
   * SDK allows {@link Security#PLAIN} only on loopback, which this is.
   */
  public ServerEndpoint imapPlain() {
    return ServerEndpoint.of(HOST, plainPort, Security.PLAIN);
  }

  /** {@link #imapPlain()} of the Dovecot that announces neither MOVE nor UIDPLUS. */
  public ServerEndpoint imapPlainWithoutMoveAndUidplus() {
    return ServerEndpoint.of(HOST, noMoveNoUidplusPlainPort, Security.PLAIN);
  }

  /** {@link #imapPlain()} of the Dovecot that announces UIDPLUS but not MOVE. */
  public ServerEndpoint imapPlainWithoutMove() {
    return ServerEndpoint.of(HOST, noMovePlainPort, Security.PLAIN);
  }

  /** IMAPS of a Dovecot that announces neither MOVE nor UIDPLUS; same users and mailboxes. */
  public ServerEndpoint imapsWithoutMoveAndUidplus() {
    return ServerEndpoint.of(HOST, noMoveNoUidplusPort, Security.SSL_TLS);
  }

  /** IMAPS of a Dovecot that announces UIDPLUS but not MOVE; same users and mailboxes. */
  public ServerEndpoint imapsWithoutMove() {
    return ServerEndpoint.of(HOST, noMovePort, Security.SSL_TLS);
  }

  /**
   * SMTP submission over implicit TLS (like port 465).
   *
   * @throws IllegalStateException if Postfix could not run (not root)
   */
  public ServerEndpoint submissions() {
    requirePostfix();
    return ServerEndpoint.of(HOST, submissionsPort, Security.SSL_TLS);
  }

  /**
   * SMTP submission with STARTTLS required before AUTH (like port 587).
   *
   * @throws IllegalStateException if Postfix could not run (not root)
   */
  public ServerEndpoint submission() {
    requirePostfix();
    return ServerEndpoint.of(HOST, submissionPort, Security.STARTTLS);
  }

  /**
   * Fails with the reason if Postfix is not running here.
   *
   * @throws IllegalStateException if Postfix could not run (not root)
   */
  public void requirePostfix() {
    if (postfixProblem != null) {
      throw new IllegalStateException(postfixProblem);
    }
  }

  /** Trusts the servers' self-signed certificate for {@code localhost}. */
  public KeyStore trustStore() {
    return layout.certificate.trustStore;
  }

  /** A connector builder that trusts the servers. */
  public MailConnector.Builder connectorBuilder() {
    return MailConnector.builder().trustStore(trustStore()).probePrivateAddresses(true);
  }

  /**
   * The account {@code localPart@lumyvo.test}, created with a fresh 16-letter password and an
   * empty INBOX on first use, on IMAPS and both submission endpoints (465 style first).
   */
  public synchronized MailAccount account(String localPart) {
    Objects.requireNonNull(localPart, "localPart");
    String address = localPart.toLowerCase(Locale.ROOT) + "@" + DOMAIN;
    if (!passwords.containsKey(address)) {
      if (!localPart.matches("[A-Za-z0-9._+-]+")) {
        throw new IllegalArgumentException("unusual local part: " + localPart);
      }
      StringBuilder password = new StringBuilder(16);
      for (int i = 0; i < 16; i++) {
        password.append((char) ('a' + random.nextInt(26)));
      }
      passwords.put(address, password.toString());
      try {
        writeUser(address, password.toString());
        // Makes the Maildir, owned by the mail user, as Dovecot would on first login.
        dovecot.doveadm("mailbox", "status", "-u", address, "messages", "INBOX");
      } catch (IOException e) {
        passwords.remove(address);
        throw new IllegalStateException("cannot create " + address + ": " + e.getMessage(), e);
      }
    }
    return build(address, imaps());
  }

  /** A new account with a unique local part. */
  public MailAccount newAccount() {
    return account("user" + accountCounter.incrementAndGet() + "-"
        + Long.toString(System.nanoTime() % 1_000_000_000L, 36));
  }

  /** The same account, reading from another of the harness's IMAP endpoints. */
  public synchronized MailAccount on(ServerEndpoint imap, MailAccount account) {
    return build(account.address().toString(), imap);
  }

  /** The account's password, for raw protocol checks. */
  public synchronized String password(MailAccount account) {
    String password = passwords.get(account.address().toString());
    if (password == null) {
      throw new IllegalArgumentException("not a harness account: " + account);
    }
    return password;
  }

  private MailAccount build(String address, ServerEndpoint imap) {
    return MailAccount.builder(address, AppPassword.of(passwords.get(address))).imap(imap)
        .smtp(ServerEndpoint.of(HOST, submissionsPort, Security.SSL_TLS),
            ServerEndpoint.of(HOST, submissionPort, Security.STARTTLS))
        .build();
  }

  private void writeUser(String address, String password) throws IOException {
    Path temp = layout.users.resolve(".new-" + address);
    Files.writeString(temp, address + ":{PLAIN}" + password + "::::::\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
    Files.move(temp, layout.users.resolve(address), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** Creates and subscribes a folder. */
  public void createFolder(MailAccount account, String name) {
    try {
      dovecot.doveadm("mailbox", "create", "-s", "-u", login(account), name);
    } catch (IOException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * Puts {@code count} distinct messages ({@link SeedMessages}) into the folder, creating it if
   * needed, by writing Maildir files directly and then letting Dovecot index them ({@code
   * doveadm force-resync}): 10,000 take a second or two. Clients with the folder selected see
   * them on their next command. The messages have Date and internal date a minute apart.
   *
   * @return the seed batch id used in their Message-IDs ({@code <seed-BATCH-N@lumyvo.test>})
   */
  public String seed(MailAccount account, String folder, int count) {
    String batch = Integer.toString(seedCounter.incrementAndGet());
    try {
      Path dir = maildir(account, folder);
      String to = account.address().toString();
      for (int n = 1; n <= count; n++) {
        deliverFile(dir, SeedMessages.render(batch, n, to), FileTime.from(SeedMessages.date(n)));
      }
      // A selected client's next FETCH only syncs Dovecot's index ("fast" sync), not the
      // Maildir directories: index the new files now.
      dovecot.doveadm("force-resync", "-u", login(account), folder);
      return batch;
    } catch (IOException e) {
      throw new IllegalStateException("seeding " + folder + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Delivers one message through Dovecot ({@code doveadm save}), as an MDA would; a client that
   * has the folder selected sees it on its next command. Creates the folder if needed.
   */
  public void append(MailAccount account, String folder, byte[] rfc822) {
    try {
      maildir(account, folder);
      dovecot.doveadmWithInput(rfc822, "save", "-u", login(account), "-m", folder);
    } catch (IOException e) {
      throw new IllegalStateException("appending to " + folder + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Gives the folder a new UIDVALIDITY (old + 1) through {@code doveadm mailbox update}. Do it
   * while no client has the folder selected.
   *
   * @return the new UIDVALIDITY
   */
  public long changeUidValidity(MailAccount account, String folder) {
    try {
      long now = uidValidity(account, folder);
      long next = now + 1;
      dovecot.doveadm("mailbox", "update", "-u", login(account), "--uid-validity",
          Long.toString(next), folder);
      long after = uidValidity(account, folder);
      if (after != next) {
        throw new IllegalStateException("UIDVALIDITY of " + folder + " is " + after
            + " after setting " + next);
      }
      return next;
    } catch (IOException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * What Dovecot itself has in the folder, read with {@code doveadm fetch} (which marks nothing
   * seen), independent of the SDK and Jakarta Mail: one map per message, oldest UID first, keyed
   * by doveadm's field names ({@code uid}, {@code flags}, {@code hdr.message-id}, {@code
   * hdr.subject}, {@code size.physical} …). Messages flagged {@code \Deleted} are included.
   */
  public List<Map<String, String>> fetch(MailAccount account, String folder, String... fields) {
    try {
      String out = dovecot.doveadm("-f", "tab", "fetch", "-u", login(account),
          String.join(" ", fields), "mailbox", folder);
      List<Map<String, String>> rows = new ArrayList<>();
      String[] lines = out.split("\n");
      if (lines.length == 0 || lines[0].isBlank()) {
        return rows;
      }
      String[] names = lines[0].split("\t", -1);
      for (int i = 1; i < lines.length; i++) {
        if (lines[i].isEmpty()) {
          continue;
        }
        String[] values = lines[i].split("\t", -1);
        Map<String, String> row = new LinkedHashMap<>();
        for (int k = 0; k < names.length; k++) {
          row.put(names[k], k < values.length ? values[k] : "");
        }
        rows.add(row);
      }
      return rows;
    } catch (IOException e) {
      throw new IllegalStateException("doveadm fetch in " + folder + " failed: "
          + e.getMessage(), e);
    }
  }

  /**
   * Runs a doveadm mail command for the account ({@code doveadm <command...> -u <login> <rest>}),
   * such as {@code expunge}, {@code flags add}, {@code move}: for changing a mailbox behind the
   * client's back. {@code command} are the words before {@code -u}, {@code rest} those after.
   */
  public String doveadm(MailAccount account, List<String> command, String... rest) {
    List<String> args = new ArrayList<>(command);
    args.add("-u");
    args.add(login(account));
    args.addAll(List.of(rest));
    try {
      return dovecot.doveadm(args.toArray(String[]::new));
    } catch (IOException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * How many IMAP connections of the account Dovecot counts now, by its own book ({@code
   * doveadm who -1}, one line per connection, from the anvil process that enforces {@code
   * mail_max_userip_connections}).
   */
  public int imapConnections(MailAccount account) {
    try {
      String out = dovecot.doveadm("who", "-1", login(account));
      int n = 0;
      for (String line : out.split("\n")) {
        String[] words = line.trim().split("\\s+");
        if (words.length >= 2 && words[0].equals(login(account)) && words[1].equals("imap")) {
          n++;
        }
      }
      return n;
    } catch (IOException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** The main Dovecot's log file (logins, failures), to count what the server saw. */
  public Path dovecotLog() {
    return dovecot.log;
  }

  /** The folder's UIDVALIDITY, as Dovecot has it. */
  public long uidValidity(MailAccount account, String folder) {
    try {
      String out = dovecot.doveadm("-f", "flow", "mailbox", "status", "-u", login(account),
          "uidvalidity", folder).trim();
      return Long.parseLong(out.substring(out.indexOf('=') + 1).trim());
    } catch (IOException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static String login(MailAccount account) {
    return account.address().toString();
  }

  private Path maildir(MailAccount account, String folder) throws IOException {
    Path dir = Path.of(dovecot.doveadm("mailbox", "path", "-u", login(account), folder).trim());
    if (!Files.isDirectory(dir.resolve("cur"))) {
      createFolder(account, folder);
    }
    if (!Files.isDirectory(dir.resolve("cur"))) {
      throw new IOException("no Maildir at " + dir + " for " + folder);
    }
    return dir;
  }

  /**
   * Writes one message straight into the INBOX Maildir's {@code new/}, as an MDA that writes
   * Maildir does, without asking Dovecot: works while Dovecot is stopped ({@link #stopDovecot}),
   * when {@link #append} cannot look the user up. Dovecot finds it on its next look at the folder.
   */
  public void deliverToInbox(MailAccount account, byte[] rfc822) {
    String address = account.address().toString();
    Path maildir = layout.mail.resolve(account.address().domain().toString())
        .resolve(address.substring(0, address.indexOf('@'))).resolve("Maildir");
    try {
      long clock = fileClock.incrementAndGet();
      String name = clock + ".M" + clock % 1_000_000 + "P" + ProcessHandle.current().pid()
          + ".lumyvo-harness-new";
      Path temp = maildir.resolve("tmp").resolve(name);
      Files.write(temp, rfc822);
      layout.ownMail(temp);
      Files.move(temp, maildir.resolve("new").resolve(name), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write into " + maildir + ": " + e.getMessage(), e);
    }
  }

  private void deliverFile(Path maildir, byte[] content, FileTime time) throws IOException {
    long clock = fileClock.incrementAndGet();
    String name = clock + ".M" + clock % 1_000_000 + "P" + ProcessHandle.current().pid()
        + ".lumyvo-harness";
    Path temp = maildir.resolve("tmp").resolve(name);
    Files.write(temp, content);
    Files.setLastModifiedTime(temp, time);
    layout.ownMail(temp);
    Files.move(temp, maildir.resolve("cur").resolve(name + ":2,"),
        StandardCopyOption.ATOMIC_MOVE);
  }

  /** Where the servers' logs are. */
  public Path logDirectory() {
    return layout.logs;
  }

  /** The tail of every server log, for failure messages. */
  public String logs() {
    return dovecot.logs() + withoutMoveAndUidplus.logs() + withoutMove.logs()
        + (postfix != null ? postfix.logs() : "");
  }

  /** Stops every server; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    // In parallel: a Dovecot master takes a couple of seconds to wind down after SIGTERM.
    List<Thread> stopping = new ArrayList<>();
    if (postfix != null) {
      stopping.add(new Thread(postfix::stop, "stop-postfix"));
    }
    List<DovecotInstance> instances = new ArrayList<>(
        List.of(withoutMove, withoutMoveAndUidplus, dovecot));
    if (oauthBoth != null) {
      instances.add(oauthBoth);
      instances.add(oauthXoauth2);
    }
    for (DovecotInstance instance : instances) {
      stopping.add(new Thread(instance::stop, "stop-" + instance.name));
    }
    starttlsRelay.close();
    stopping.forEach(Thread::start);
    for (Thread thread : stopping) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
