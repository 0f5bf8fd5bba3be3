package com.lumyvo.providers.mail;

import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.diagnosis.ErrorClassifier;
import com.lumyvo.providers.diagnosis.Evidence;
import com.lumyvo.providers.discovery.DiscoveryResult;
import com.lumyvo.providers.mail.internal.Bridges;
import com.lumyvo.providers.mail.internal.EndpointProbe;
import com.lumyvo.providers.mail.internal.ImapSession;
import com.lumyvo.providers.mail.internal.Logins;
import com.lumyvo.providers.mail.internal.NioWatcher;
import com.lumyvo.providers.mail.internal.Progress;
import com.lumyvo.providers.mail.internal.Secrets;
import com.lumyvo.providers.mail.internal.TraceSink;
import com.lumyvo.providers.mail.internal.WatchLoop;
import com.lumyvo.providers.mail.mailbox.MailboxSession;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.verify.Attempt;
import com.lumyvo.providers.mail.verify.ProbeResult;
import com.lumyvo.providers.mail.verify.ProtocolCheck;
import com.lumyvo.providers.mail.verify.VerificationResult;
import com.lumyvo.providers.mail.watch.FolderWatch;
import com.lumyvo.providers.mail.watch.MailboxWatcher;
import com.lumyvo.providers.mail.watch.WatcherOptions;
import com.lumyvo.providers.mail.watch.WatchListener;
import com.lumyvo.providers.mail.watch.WatchOptions;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Service;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies mail accounts and sends mail, on Jakarta Mail, with settings a service can trust:
 * finite timeouts on every network step and one deadline over each whole operation (DNS
 * included); TLS that always checks the certificate and the host name; STARTTLS that is required,
 * never skipped; passwords that never reach logs, exceptions or diagnoses.
 *
 * <pre>{@code
 * MailConnector connector = MailConnector.builder().build();   // once per service
 * VerificationResult result = connector.verify(account);
 * result.smtp().diagnosis().ifPresent(d -> show(d.summary(), d.solutions()));
 * }</pre>
 *
 * <p>Build one per service and share it between threads. Callers never see Jakarta Mail
 * properties. Plain-text endpoints ({@link Security#PLAIN}) are used only on this machine's
 * loopback addresses, where fake providers run; anywhere else they fail at the TLS step.
 */
public final class MailConnector {
  private static final Logger log = LoggerFactory.getLogger(MailConnector.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final Timeouts timeouts;
  private final Duration deadline;
  private final SSLSocketFactory tls;
  private final SSLContext tlsContext;
  private final Executor executor;
  private final ErrorClassifier classifier;
  private final boolean probePrivateAddresses;
  private final ScheduledThreadPoolExecutor writeTimeouts;
  private final long responseBudget;
  private final Logins logins;

  private MailConnector(Builder builder) {
    timeouts = builder.timeouts;
    deadline = builder.deadline;
    tls = builder.tls;
    tlsContext = builder.tlsContext;
    executor = builder.executor != null ? builder.executor : SharedThreads.POOL;
    classifier = builder.classifier;
    probePrivateAddresses = builder.probePrivateAddresses;
    writeTimeouts = SharedThreads.TIMER;
    responseBudget = builder.maxResponseBytes;
    logins = new Logins(timeouts, tls, writeTimeouts);
  }

  /** A builder with finite default timeouts and the system's trusted certificates. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Logs in to the account's IMAP server and, concurrently, to its SMTP server, without sending
   * anything. SMTP tries the provider's alternative endpoints in order when a connection fails,
   * never after a failed login, which would spend login attempts and can lock the account.
   *
   * <p>Never throws for account or network problems: they are in the result.
   */
  public VerificationResult verify(MailAccount account) {
    Objects.requireNonNull(account, "account");
    long end = System.nanoTime() + deadline.toNanos();
    // The IMAP attempt runs while this thread goes through the SMTP endpoints.
    Pending imap = start(Protocol.IMAP, account, account.imap(), null);
    ProtocolCheck smtp = smtp(account, null);
    ProtocolCheck imapCheck = new ProtocolCheck(Protocol.IMAP, List.of(finish(imap, end)));
    log.debug("verified {}: {}; {}", account.address(), imapCheck, smtp);
    return new VerificationResult(imapCheck, smtp);
  }

  /**
   * Checks discovered servers before any password goes to them: every candidate of each protocol
   * is tried at once (TCP, TLS with the certificate checked against the host name, STARTTLS where
   * that is the endpoint's security, and the server's greeting), and the first in the discovery's
   * order that answers like a mail server wins. Nobody logs in. Meant for {@link
   * DiscoveryResult#needsProbe() guesses}; for other results it confirms the servers are reachable.
   *
   * <p>Never throws for network problems: they are in the result's checks. Bounded by the
   * connector's deadline. Hosts that resolve to private or local addresses are refused unless
   * {@link Builder#probePrivateAddresses} allows them.
   */
  public ProbeResult probe(DiscoveryResult discovered) {
    Objects.requireNonNull(discovered, "discovered");
    long end = System.nanoTime() + deadline.toNanos();
    List<Pending> imap = discovered.candidates(Protocol.IMAP).stream()
        .map(endpoint -> startProbe(Protocol.IMAP, endpoint)).toList();
    List<Pending> smtp = discovered.candidates(Protocol.SMTP).stream()
        .map(endpoint -> startProbe(Protocol.SMTP, endpoint)).toList();
    ProtocolCheck imapCheck = firstAnswering(Protocol.IMAP, imap, end);
    ProtocolCheck smtpCheck = firstAnswering(Protocol.SMTP, smtp, end);
    ProviderDescriptor provider = null;
    if (imapCheck.ok() && smtpCheck.ok()) {
      ProviderDescriptor found = discovered.provider();
      // Keep the descriptor (and its region) when the servers that answered are its own: its
      // SMTP alternatives are tried in order at login anyway.
      boolean same = found.imap().equals(imapCheck.endpoint())
          && found.smtp().contains(smtpCheck.endpoint());
      provider = same ? found
          : found.toBuilder().imap(imapCheck.endpoint()).smtp(smtpCheck.endpoint()).build();
      provider = found.isCustomDomain() ? provider.forCustomDomain() : provider;
    }
    log.debug("probed {}: {}; {}", discovered.address().domain(), imapCheck, smtpCheck);
    return new ProbeResult(imapCheck, smtpCheck, Optional.ofNullable(provider));
  }

  private Pending startProbe(Protocol protocol, ServerEndpoint endpoint) {
    Progress progress = new Progress();
    CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
      try {
        EndpointProbe.probe(protocol, endpoint, tls, timeouts, progress, probePrivateAddresses);
      } catch (IOException | RuntimeException e) {
        throw new Wrapped(e instanceof IOException io ? io : new IOException(e));
      }
    }, executor);
    // No account: a probe logs in to nobody, so there is no password to hide either.
    return new Pending(protocol, null, endpoint, progress, done, System.nanoTime(),
        new AtomicReference<>());
  }

  /** Attempts in candidate order up to the first that answered; the rest are cut off. */
  private ProtocolCheck firstAnswering(Protocol protocol, List<Pending> pending, long end) {
    List<Attempt> attempts = new ArrayList<>();
    for (Pending candidate : pending) {
      Attempt attempt = finish(candidate, end);
      attempts.add(attempt);
      if (attempt.ok()) {
        pending.forEach(other -> other.progress().abort());
        break;
      }
    }
    return new ProtocolCheck(protocol, attempts);
  }

  /**
   * Sends {@code message} through the account's SMTP servers, trying alternatives as {@link
   * #verify} does. A message is never handed over twice: once a server has started to accept
   * it, a failure ends the operation. The sender is set to the account's address when the message
   * has none.
   *
   * @return the attempts made, the last of which delivered the message
   * @throws MailOperationException carrying the {@link Diagnosis} and the original exception
   * @throws IllegalArgumentException if the message has no recipients
   */
  public ProtocolCheck send(MailAccount account, MimeMessage message) {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(message, "message");
    Address[] recipients;
    try {
      recipients = message.getAllRecipients();
      if (message.getFrom() == null) {
        message.setFrom(new InternetAddress(account.address().toString()));
      }
      message.saveChanges();
    } catch (MessagingException e) {
      throw new IllegalArgumentException("the message cannot be read: " + e.getMessage(), e);
    }
    if (recipients == null || recipients.length == 0) {
      throw new IllegalArgumentException("the message has no recipients");
    }
    AtomicReference<Pending> last = new AtomicReference<>();
    ProtocolCheck check = smtp(account,
        transport -> ((Transport) transport).sendMessage(message, recipients), last);
    if (!check.ok()) {
      throw new MailOperationException(check.diagnosis().orElseThrow(),
          check.failedStep().orElseThrow(), last.get().failure().get(),
          Secrets.redactor(account, last.get().progress()));
    }
    return check;
  }

  /**
   * A reply to {@code original} from the account: {@code Re:} subject, sent to the original's
   * reply-to or sender, with {@code In-Reply-To} and {@code References} so that mail clients
   * thread it, and {@code text} as its plain-text body.
   */
  public MimeMessage reply(MailAccount account, MimeMessage original, String text) {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(text, "text");
    try {
      MimeMessage reply = (MimeMessage) original.reply(false);
      reply.setFrom(new InternetAddress(account.address().toString()));
      reply.setText(text, StandardCharsets.UTF_8.name());
      return reply;
    } catch (MessagingException e) {
      throw new IllegalArgumentException("cannot reply to this message: " + e.getMessage(), e);
    }
  }

  /** Something to do once logged in, before logging out. */
  @FunctionalInterface
  interface WhileConnected {
    void run(Service service) throws MessagingException;
  }

  private ProtocolCheck smtp(MailAccount account, WhileConnected action) {
    return smtp(account, action, new AtomicReference<>());
  }

  /** Tries the SMTP endpoints in order; {@code last} receives the last attempt. */
  private ProtocolCheck smtp(MailAccount account, WhileConnected action,
      AtomicReference<Pending> last) {
    long end = System.nanoTime() + deadline.toNanos();
    List<Attempt> attempts = new ArrayList<>();
    for (ServerEndpoint endpoint : account.smtp()) {
      Pending pending = start(Protocol.SMTP, account, endpoint, action);
      Attempt attempt = finish(pending, end);
      last.set(pending);
      attempts.add(attempt);
      ConnectionStep step = attempt.failedStep().orElse(null);
      if (attempt.ok() || step == ConnectionStep.AUTHENTICATION || step == ConnectionStep.SEND
          || System.nanoTime() >= end) {
        break;
      }
      log.debug("SMTP {} failed at {}; trying the next endpoint", endpoint, step);
    }
    return new ProtocolCheck(Protocol.SMTP, attempts);
  }

  /** An attempt under way on the executor. */
  private record Pending(Protocol protocol, MailAccount account, ServerEndpoint endpoint,
      Progress progress, CompletableFuture<Void> done, long start,
      AtomicReference<Throwable> failure) {}

  private Pending start(Protocol protocol, MailAccount account, ServerEndpoint endpoint,
      WhileConnected action) {
    Progress progress = new Progress(protocol, responseBudget);
    CompletableFuture<Void> done = CompletableFuture.runAsync(
        () -> connect(protocol, account, endpoint, action, progress), executor);
    return new Pending(protocol, account, endpoint, progress, done, System.nanoTime(),
        new AtomicReference<>());
  }

  /** Waits for the attempt until {@code end} (a {@link System#nanoTime()} value). */
  private Attempt finish(Pending pending, long end) {
    Throwable failure = await(pending.done(), end, pending.progress());
    if (failure == null) {
      return Attempt.succeeded(pending.endpoint(), since(pending.start()));
    }
    failure = pending.progress().failure(failure);
    pending.failure().set(failure);
    ServerEndpoint endpoint = pending.endpoint();
    ConnectionStep step =
        pending.progress().step(endpoint.security() == Security.SSL_TLS, failure);
    Diagnosis diagnosis =
        diagnose(pending.protocol(), pending.account(), pending.progress(), failure);
    log.debug("{} {} failed at {}: {}", pending.protocol(), endpoint, step, diagnosis.kind());
    return Attempt.failed(endpoint, diagnosis, step, since(pending.start()));
  }

  /**
   * Waits for {@code work} until {@code end}; returns why it failed, or null if it succeeded. A
   * missed deadline closes the attempt's socket, so its thread does not linger.
   */
  private Throwable await(CompletableFuture<?> work, long end, Progress progress) {
    try {
      work.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      return null;
    } catch (TimeoutException e) {
      progress.abort();
      return new SocketTimeoutException("no answer within the operation deadline of "
          + deadline.toMillis() + " ms");
    } catch (ExecutionException e) {
      return e.getCause() instanceof Wrapped w ? w.getCause() : e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      progress.abort();
      return e;
    }
  }

  /** The diagnosis of an attempt; {@code account} is null for a probe, which logs in nobody. */
  private Diagnosis diagnose(Protocol protocol, MailAccount account, Progress progress,
      Throwable failure) {
    Evidence.Builder evidence = Evidence.builder().protocol(protocol).error(failure);
    if (account != null) {
      Secrets.addTo(evidence.provider(account.provider()), account, progress);
    }
    return classifier.classify(evidence.build());
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** Carries a checked exception out of the attempt's thread. */
  private static final class Wrapped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Wrapped(Exception cause) {
      super(cause);
    }
  }

  private void connect(Protocol protocol, MailAccount account, ServerEndpoint endpoint,
      WhileConnected action, Progress progress) {
    Service service = null;
    try {
      service = logins.login(protocol, account, endpoint, progress);
      if (action != null) {
        action.run(service);
      }
    } catch (Exception e) {
      throw new Wrapped(e);
    } finally {
      if (service != null) {
        try {
          service.close();
        } catch (MessagingException | RuntimeException e) {
          // The exception may quote the server, which may quote the password: type only.
          log.debug("closing {} {} failed: {}", protocol, endpoint, e.getClass().getName());
        }
      }
    }
  }

  /**
   * Opens an IMAP session to the account's mailbox: one connection, reused across calls, for
   * syncing, streaming, moving and flagging. Close it when done.
   *
   * @throws MailOperationException if the connection or login fails, with the diagnosis
   */
  public MailboxSession open(MailAccount account) {
    Objects.requireNonNull(account, "account");
    ServerEndpoint endpoint = account.imap();
    long start = System.nanoTime();
    Progress progress = new Progress(Protocol.IMAP, responseBudget);
    CompletableFuture<Service> login = CompletableFuture.supplyAsync(() -> {
      try {
        return logins.login(Protocol.IMAP, account, endpoint, progress);
      } catch (Exception e) {
        throw new Wrapped(e);
      }
    }, executor);
    Throwable failure = await(login, start + deadline.toNanos(), progress);
    if (failure == null) {
      return Bridges.mailbox().wrap(new ImapSession(
          (org.eclipse.angus.mail.imap.IMAPStore) login.join(), account, classifier, progress,
          deadline, writeTimeouts));
    }
    login.thenAccept(Logins::closeQuietly); // if it logs in after all, log out again
    failure = progress.failure(failure);
    ConnectionStep step = progress.step(endpoint.security() == Security.SSL_TLS, failure);
    Diagnosis diagnosis = diagnose(Protocol.IMAP, account, progress, failure);
    log.debug("opening IMAP {} failed at {} after {} ms: {}", endpoint, step,
        since(start).toMillis(), diagnosis.kind());
    throw new MailOperationException(diagnosis, step, failure,
        Secrets.redactor(account, progress));
  }

  /**
   * Watches {@code folder} for new mail from {@code cursor} on, delivering batches to {@code
   * listener} on the connector's executor until the watch is closed. Uses IDLE where the server
   * has it and polls otherwise; wakes itself every {@link WatchOptions#idleRefresh()} so that a
   * dead connection is noticed; reconnects with jittered backoff after a failure and catches up
   * from the last batch the listener handled.
   */
  public FolderWatch watch(MailAccount account, String folder, SyncCursor cursor,
      WatchListener listener, WatchOptions options) {
    WatchLoop loop = new WatchLoop(this, classifier, account, folder, cursor, listener, options,
        writeTimeouts, timeouts.read());
    executor.execute(loop::run);
    return Bridges.watch().wrap(loop);
  }

  /**
   * A watcher for many mailboxes at once, with a fixed, small number of threads whatever their
   * number, on this connector's timeouts, deadline, trusted certificates and classifier; see
   * {@link MailboxWatcher}. Close it when done. It takes app-password and token accounts alike;
   * a token account's tokens are fetched on the watcher's handshake threads.
   */
  public MailboxWatcher watcher(WatcherOptions options) {
    Objects.requireNonNull(options, "options");
    return new NioWatcher(this, classifier, tlsContext, timeouts, deadline, responseBudget,
        options);
  }

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + THREADS.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * Threads shared by every connector: attempts of connectors built without an executor (idle
   * ones go after a minute), and one timer for write timeouts and watch wake-ups instead of a
   * thread per connection (Angus Mail's default) or per connector.
   */
  private static final class SharedThreads {
    static final ExecutorService POOL = Executors.newCachedThreadPool(daemon("lumyvo-mail"));
    static final ScheduledThreadPoolExecutor TIMER = timer();

    private static ScheduledThreadPoolExecutor timer() {
      ScheduledThreadPoolExecutor timer =
          new ScheduledThreadPoolExecutor(1, daemon("lumyvo-mail-timer"));
      timer.setRemoveOnCancelPolicy(true);
      return timer;
    }
  }

  /** Builds a {@link MailConnector}. */
  public static final class Builder {
    private Timeouts timeouts = Timeouts.defaults();
    private Duration deadline = Duration.ofSeconds(60);
    private SSLSocketFactory tls;
    private SSLContext tlsContext;
    private Executor executor;
    private ErrorClassifier classifier = ErrorClassifier.defaults();
    private boolean probePrivateAddresses;
    private long maxResponseBytes = Progress.DEFAULT_BUDGET;

    private Builder() {}

    /**
     * The most a server may send in answer to one IMAP command before the connection is cut
     * as a PROTOCOL_ERROR: 8 MiB by default. It bounds what a connection holds in memory (the
     * client keeps a whole answer until it ends) against servers that send endless lines,
     * endless responses or announce huge literals. Whole messages streamed with {@link
     * MailboxSession#writeMessage} come in 1 MiB pieces and are not limited by it. SMTP replies
     * are held to at most 1 MiB.
     *
     * @throws IllegalArgumentException if below 64 KiB
     */
    public Builder maxResponseBytes(long maxResponseBytes) {
      if (maxResponseBytes < 64 * 1024) {
        throw new IllegalArgumentException("maxResponseBytes must be at least 65536, was "
            + maxResponseBytes);
      }
      this.maxResponseBytes = maxResponseBytes;
      return this;
    }

    /**
     * Whether {@link MailConnector#probe} may connect to private and local addresses (loopback,
     * RFC 1918, link-local, unique-local). Default false: a stranger's domain must not make a
     * service scan its own network by naming hosts that resolve there. Fake providers' connector
     * builders turn it on; so may services with intranet mail servers.
     */
    public Builder probePrivateAddresses(boolean probePrivateAddresses) {
      this.probePrivateAddresses = probePrivateAddresses;
      return this;
    }

    /** Connect, read and write timeouts for each network step; 10 s / 30 s / 30 s by default. */
    public Builder timeouts(Timeouts timeouts) {
      this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
      return this;
    }

    /**
     * The longest one operation may take as a whole, DNS and every endpoint tried included; 60
     * seconds by default.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder deadline(Duration deadline) {
      Objects.requireNonNull(deadline, "deadline");
      if (deadline.isNegative() || deadline.isZero()) {
        throw new IllegalArgumentException("deadline must be positive, was " + deadline);
      }
      this.deadline = deadline;
      return this;
    }

    /**
     * Trust these certificates instead of the system's: for private CAs and for tests. The
     * host name is still checked.
     *
     * @throws IllegalArgumentException if the key store cannot be used
     */
    public Builder trustStore(KeyStore trustStore) {
      Objects.requireNonNull(trustStore, "trustStore");
      try {
        TrustManagerFactory factory =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        this.tls = context.getSocketFactory();
        this.tlsContext = context;
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException("the trust store cannot be used: " + e.getMessage(), e);
      }
      return this;
    }

    /**
     * Where attempts run; a shared pool of daemon threads by default. Each attempt holds a
     * thread while it blocks on the network (a verify runs two at once, so give it at least two
     * threads); virtual threads suit this well on Java 21+.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** The classifier for failures; {@link ErrorClassifier#defaults()} by default. */
    public Builder classifier(ErrorClassifier classifier) {
      this.classifier = Objects.requireNonNull(classifier, "classifier");
      return this;
    }

    /** The connector. */
    public MailConnector build() {
      if (tls == null) {
        tls = (SSLSocketFactory) SSLSocketFactory.getDefault();
      }
      if (tlsContext == null) {
        try {
          tlsContext = SSLContext.getDefault(); // what SSLSocketFactory.getDefault() uses
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("the JDK has no default TLS context", e);
        }
      }
      return new MailConnector(this);
    }
  }
}
