package com.lumyvo.providers.mail.internal;

import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import com.lumyvo.providers.diagnosis.CredentialRedactor;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
import com.lumyvo.providers.mail.Timeouts;
import com.lumyvo.providers.oauth.AccessToken;
import com.lumyvo.providers.oauth.TokenSource;
import com.lumyvo.providers.oauth.TokenUnavailableException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Service;
import jakarta.mail.Session;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logging in with Jakarta Mail on the SDK's terms: finite timeouts, one shared timer for write
 * timeouts, the {@link Progress} socket factories (guards, abort, steps), TLS that checks host
 * names, STARTTLS required, plain text only on loopback, SASL-IR, and the protocol trace redacted
 * into SLF4J.
 */
public final class Logins {
  private static final Logger log = LoggerFactory.getLogger(MailConnector.class);

  private final Timeouts timeouts;
  private final SSLSocketFactory tls;
  private final ScheduledExecutorService writeTimeouts;

  public Logins(Timeouts timeouts, SSLSocketFactory tls, ScheduledExecutorService writeTimeouts) {
    this.timeouts = timeouts;
    this.tls = tls;
    this.writeTimeouts = writeTimeouts;
  }

  /**
   * Resolves, connects and logs in; the caller closes the service. A token account that the
   * server rejects gets one fresh token from its source ({@link TokenSource#refresh}) and one
   * more login on a new connection, never more; a password account is never retried.
   */
  public Service login(Protocol protocol, MailAccount account, ServerEndpoint endpoint,
      Progress progress) throws Exception {
    Optional<TokenSource> tokens = Bridges.accounts().tokens(account);
    if (tokens.isEmpty()) {
      return connect(protocol, account, endpoint, progress, null);
    }
    TokenSource source = tokens.get();
    abandoned(progress);
    AccessToken token = source.token();
    try {
      return connect(protocol, account, endpoint, progress, token.value());
    } catch (AuthenticationFailedException rejected) {
      abandoned(progress);
      log.debug("{} {} rejected the access token of {}; asking its source for a fresh one",
          protocol, endpoint, account.address());
      AccessToken fresh;
      try {
        fresh = source.refresh(token);
      } catch (TokenUnavailableException | RuntimeException unavailable) {
        unavailable.addSuppressed(rejected); // what the server said stays with it
        throw unavailable;
      }
      if (fresh.equals(token)) {
        throw rejected; // the same token again: a second login could only fail the same way
      }
      progress.tokenChallenge(null);
      return connect(protocol, account, endpoint, progress, fresh.value());
    }
  }

  /** One connection and login, with the account's password or with {@code token}. */
  private Service connect(Protocol protocol, MailAccount account, ServerEndpoint endpoint,
      Progress progress, String token) throws Exception {
    abandoned(progress);
    if (endpoint.security() == Security.PLAIN && !isLoopback(endpoint.host())) {
      progress.resolved = true;
      progress.connected = true;
      throw new SSLException("refusing to log in without TLS to " + endpoint.host()
          + ": plain-text endpoints are only for this machine");
    }
    InetAddress.getAllByName(endpoint.host()); // DNS inside the deadline, as its own step
    progress.resolved = true;
    abandoned(progress);
    if (token != null) {
      progress.sendingToken(token); // before any trace line can hold it
    }
    Session session = Session.getInstance(properties(protocol, endpoint, progress, token != null));
    if (log.isTraceEnabled()) {
      CredentialRedactor redactor = Secrets.redactor(account, progress);
      session.setDebugOut(new PrintStream(new TraceSink(line ->
          log.trace("{} {}: {}", protocol, endpoint, redactor.redact(line))), true,
          StandardCharsets.UTF_8));
      session.setDebug(true);
    }
    String name = protocolName(protocol, endpoint);
    boolean tls = endpoint.security() == Security.SSL_TLS;
    Service service;
    if (token == null) {
      service = protocol == Protocol.IMAP ? session.getStore(name) : session.getTransport(name);
    } else if (protocol == Protocol.IMAP) {
      TokenImapStore store = new TokenImapStore(session, name, tls, progress);
      store.token(account.login(protocol), token);
      service = store;
    } else {
      service = session.getTransport(name);
    }
    try {
      abandoned(progress);
      if (token == null) {
        service.connect(endpoint.host(), endpoint.port(), account.login(protocol),
            Bridges.accounts().password(account).reveal());
      } else if (protocol == Protocol.IMAP) {
        // Angus wants some password to connect at all; the store's own exchange never sends it.
        service.connect(endpoint.host(), endpoint.port(), account.login(protocol), "unused");
      } else {
        service.connect(endpoint.host(), endpoint.port(), null, null); // no AUTH by Angus
        TokenSmtpAuth.authenticate((SMTPTransport) service, account.login(protocol),
            endpoint, token, progress);
      }
      abandoned(progress);
    } catch (Exception e) {
      try {
        service.close();
      } catch (MessagingException | RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    progress.authenticated = true;
    return service;
  }

  /**
   * Ends an attempt whose caller has given up (the deadline passed, or another candidate won):
   * it must not connect or log in after its caller returned.
   */
  private static void abandoned(Progress progress) throws java.net.SocketException {
    if (progress.aborted()) {
      throw new java.net.SocketException("the operation was abandoned by its caller");
    }
  }

  private static boolean isLoopback(String host) {
    try {
      for (InetAddress address : InetAddress.getAllByName(host)) {
        if (!address.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static String protocolName(Protocol protocol, ServerEndpoint endpoint) {
    boolean implicitTls = endpoint.security() == Security.SSL_TLS;
    if (protocol == Protocol.IMAP) {
      return implicitTls ? "imaps" : "imap";
    }
    return implicitTls ? "smtps" : "smtp";
  }

  private Properties properties(Protocol protocol, ServerEndpoint endpoint, Progress progress,
      boolean withToken) {
    String name = protocolName(protocol, endpoint);
    String p = "mail." + name + ".";
    Properties props = new Properties();
    props.put("mail.debug.auth", "false");
    props.put(p + "connectiontimeout", Long.toString(timeouts.connect().toMillis()));
    props.put(p + "timeout", Long.toString(timeouts.read().toMillis()));
    props.put(p + "writetimeout", Long.toString(timeouts.write().toMillis()));
    props.put(p + "executor.writetimeout", writeTimeouts);
    props.put(p + "socketFactory", progress.plainSockets());
    props.put(p + "socketFactory.fallback", "false");
    if (endpoint.security() != Security.PLAIN) {
      props.put(p + "ssl.socketFactory", progress.tlsSockets(tls));
      props.put(p + "ssl.checkserveridentity", "true");
    }
    if (endpoint.security() == Security.SSL_TLS) {
      props.put(p + "ssl.enable", "true");
    } else if (endpoint.security() == Security.STARTTLS) {
      props.put(p + "starttls.enable", "true");
      props.put(p + "starttls.required", "true");
    }
    if (protocol == Protocol.SMTP) {
      // A token account's AUTH is the SDK's own (TokenSmtpAuth), after Angus has connected.
      props.put(p + "auth", Boolean.toString(!withToken));
      // Waiting for the reply to QUIT only produces spurious errors after a message went out.
      props.put(p + "quitwait", "false");
    } else {
      props.put(p + "peek", "true"); // reading never marks messages as seen
      // AUTHENTICATE PLAIN through SASL, which sends the credentials with the command where the
      // server offers SASL-IR (RFC 4959): one round trip instead of two. Angus falls back to
      // its own mechanisms and LOGIN where the server has no AUTH=PLAIN.
      props.put(p + "sasl.enable", Boolean.toString(!withToken));
      props.put(p + "sasl.mechanisms", "PLAIN");
      // Whole messages come in 1 MB pieces instead of 16 kB: a 20 MB attachment takes 20 round
      // trips, not 1,300, and is never held whole in memory.
      props.put(p + "fetchsize", Integer.toString(1 << 20));
    }
    return props;
  }

  /** Logs out of a service that logged in after its caller gave up. */
  public static void closeQuietly(Service service) {
    try {
      service.close();
    } catch (MessagingException | RuntimeException e) {
      log.debug("closing a late login failed: {}", e.getClass().getName());
    }
  }

}
