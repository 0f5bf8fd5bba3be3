package com.lumyvo.providers.mail.internal;

import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import com.lumyvo.providers.diagnosis.CredentialRedactor;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
import com.lumyvo.providers.mail.Timeouts;
import jakarta.mail.MessagingException;
import jakarta.mail.Service;
import jakarta.mail.Session;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
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

  /** Resolves, connects and logs in; the caller closes the service. */
  public Service login(Protocol protocol, MailAccount account, ServerEndpoint endpoint,
      Progress progress) throws Exception {
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
    Session session = Session.getInstance(properties(protocol, endpoint, progress));
    if (log.isTraceEnabled()) {
      CredentialRedactor redactor = CredentialRedactor.of(Bridges.accounts().password(account));
      session.setDebugOut(new PrintStream(new TraceSink(line ->
          log.trace("{} {}: {}", protocol, endpoint, redactor.redact(line))), true,
          StandardCharsets.UTF_8));
      session.setDebug(true);
    }
    String name = protocolName(protocol, endpoint);
    Service service = protocol == Protocol.IMAP ? session.getStore(name) : session.getTransport(name);
    try {
      abandoned(progress);
      service.connect(endpoint.host(), endpoint.port(), account.login(protocol),
          Bridges.accounts().password(account).reveal());
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

  private Properties properties(Protocol protocol, ServerEndpoint endpoint, Progress progress) {
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
      props.put(p + "auth", "true");
      // Waiting for the reply to QUIT only produces spurious errors after a message went out.
      props.put(p + "quitwait", "false");
    } else {
      props.put(p + "peek", "true"); // reading never marks messages as seen
      // AUTHENTICATE PLAIN through SASL, which sends the credentials with the command where the
      // server offers SASL-IR (RFC 4959): one round trip instead of two. Angus falls back to
      // its own mechanisms and LOGIN where the server has no AUTH=PLAIN.
      props.put(p + "sasl.enable", "true");
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
