package com.lumyvo.providers.diagnosis;

import static com.lumyvo.providers.diagnosis.FailureKind.CONNECTION_REFUSED;
import static com.lumyvo.providers.diagnosis.FailureKind.INVALID_CREDENTIALS;
import static com.lumyvo.providers.diagnosis.FailureKind.MAILBOX_NOT_FOUND;
import static com.lumyvo.providers.diagnosis.FailureKind.NETWORK_UNREACHABLE;
import static com.lumyvo.providers.diagnosis.FailureKind.RATE_LIMITED;
import static com.lumyvo.providers.diagnosis.FailureKind.SERVER_NOT_FOUND;
import static com.lumyvo.providers.diagnosis.FailureKind.SERVER_UNAVAILABLE;
import static com.lumyvo.providers.diagnosis.FailureKind.TIMEOUT;
import static com.lumyvo.providers.diagnosis.FailureKind.TLS_FAILURE;

import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import com.lumyvo.providers.oauth.TokenUnavailableException;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * What the types in a cause chain say. The JDK's network and TLS exceptions are precise and
 * beat any wording; a few Jakarta Mail exceptions are known by their class names, so that core
 * needs no mail dependency.
 */
final class ExceptionTypes {
  /** When several links decide, the earlier kind here is the more precise account. */
  private static final List<FailureKind> PRECEDENCE = List.of(
      SERVER_NOT_FOUND, NETWORK_UNREACHABLE, CONNECTION_REFUSED, TLS_FAILURE, TIMEOUT,
      SERVER_UNAVAILABLE, FailureKind.PROTOCOL_ERROR);

  private ExceptionTypes() {}

  /** The most precise network-level finding in the chain, or null if there is none. */
  static Finding network(List<Throwable> chain) {
    boolean tls = chain.stream().anyMatch(ExceptionTypes::isTls);
    Finding best = null;
    for (Throwable t : chain) {
      Finding finding = network(t, tls);
      if (finding != null && (best == null
          || PRECEDENCE.indexOf(finding.kind()) < PRECEDENCE.indexOf(best.kind()))) {
        best = finding;
      }
    }
    return best;
  }

  private static boolean isTls(Throwable t) {
    return t instanceof SSLHandshakeException || t instanceof CertificateException
        || t instanceof CertPathValidatorException || t instanceof CertPathBuilderException
        || (t instanceof SSLException && !isBrokenConnection(CauseChain.message(t)));
  }

  private static Finding network(Throwable t, boolean duringTls) {
    String message = CauseChain.message(t).toLowerCase(Locale.ROOT);
    if (t instanceof UnknownHostException) {
      return Finding.of(SERVER_NOT_FOUND, NETWORK_UNREACHABLE);
    }
    if (t instanceof NoRouteToHostException) {
      return Finding.of(NETWORK_UNREACHABLE);
    }
    if (t instanceof PortUnreachableException) {
      return Finding.of(CONNECTION_REFUSED);
    }
    if (t instanceof ConnectException) {
      if (message.contains("timed out")) {
        return Finding.of(TIMEOUT, NETWORK_UNREACHABLE);
      }
      if (message.contains("unreachable")) {
        return Finding.of(NETWORK_UNREACHABLE);
      }
      return Finding.of(CONNECTION_REFUSED, NETWORK_UNREACHABLE);
    }
    if (isTls(t)) {
      return Finding.of(TLS_FAILURE);
    }
    if (t instanceof SocketTimeoutException
        || (t instanceof InterruptedIOException && message.contains("timed out"))) {
      // A read that times out while a TLS handshake waits is mostly TLS sent to a plain port.
      return duringTls ? Finding.of(TLS_FAILURE, TIMEOUT) : Finding.of(TIMEOUT, TLS_FAILURE);
    }
    if (t instanceof EOFException) {
      return duringTls ? Finding.of(TLS_FAILURE) : Finding.of(SERVER_UNAVAILABLE, RATE_LIMITED);
    }
    if (t instanceof SocketException || t instanceof SSLException) {
      if (message.contains("unreachable")) {
        return Finding.of(NETWORK_UNREACHABLE);
      }
      if (isBrokenConnection(message)) {
        return duringTls
            ? Finding.of(TLS_FAILURE, SERVER_UNAVAILABLE)
            : Finding.of(SERVER_UNAVAILABLE, TLS_FAILURE, RATE_LIMITED);
      }
    }
    if (t instanceof GeneralSecurityException && message.contains("certificate")) {
      return Finding.of(TLS_FAILURE);
    }
    if (t instanceof java.net.ProtocolException) {
      // The JDK's "error in the underlying protocol": a server that does not speak the
      // protocol at all (a web server on a guessed mail port, say).
      return Finding.of(FailureKind.PROTOCOL_ERROR, SERVER_UNAVAILABLE);
    }
    return null;
  }

  /**
   * A client that could not make sense of what the server sent: running out of memory on an
   * answer, an index past the end of a line, Angus's IMAP parser giving up. The server broke
   * the protocol (or the client has a bug); either way it is no network, credential or
   * unknown failure. Null if nothing in the chain says so.
   */
  static Finding broken(List<Throwable> chain) {
    for (Throwable t : chain) {
      if (t instanceof OutOfMemoryError || t instanceof IndexOutOfBoundsException
          || t instanceof NegativeArraySizeException) {
        return Finding.of(FailureKind.PROTOCOL_ERROR);
      }
      String name = t.getClass().getSimpleName();
      if (name.equals("ParsingException") || name.equals("BadCommandException")) {
        return Finding.of(FailureKind.PROTOCOL_ERROR);
      }
    }
    return null;
  }

  private static boolean isBrokenConnection(String message) {
    String m = message.toLowerCase(Locale.ROOT);
    return m.contains("connection reset") || m.contains("broken pipe")
        || m.contains("connection closed") || m.contains("socket closed");
  }

  /**
   * What a Jakarta Mail exception says by its type when its text decides nothing: an
   * authentication failure is about credentials whatever the server wrote, a missing folder is
   * a missing mailbox, a closed store is a dropped connection.
   */
  /**
   * A token source that could not give a token, by who must act ({@link
   * TokenUnavailableException#reason()}): the person consents again (revoked), nobody (the token
   * endpoint is down: retry later); for a misconfigured client registration, null, since no kind
   * names the developer's mistake and the rest of the evidence may.
   */
  static Finding tokenUnavailable(List<Throwable> chain) {
    for (Throwable t : chain) {
      if (t instanceof TokenUnavailableException unavailable) {
        switch (unavailable.reason()) {
          case REVOKED:
            return Finding.of(FailureKind.TOKEN_REVOKED);
          case TEMPORARY:
            return Finding.of(SERVER_UNAVAILABLE, FailureKind.NETWORK_UNREACHABLE, TIMEOUT);
          default:
            return null;
        }
      }
    }
    return null;
  }

  static Finding byName(List<Throwable> chain) {
    Finding broken = broken(chain);
    if (broken != null) {
      return broken;
    }
    for (Throwable t : chain) {
      String name = t.getClass().getSimpleName();
      switch (name) {
        case "AuthenticationFailedException":
          return Finding.of(INVALID_CREDENTIALS, FailureKind.APP_PASSWORD_REQUIRED,
              FailureKind.ACCESS_DISABLED);
        case "FolderNotFoundException":
          return Finding.of(MAILBOX_NOT_FOUND);
        case "StoreClosedException":
        case "FolderClosedException":
        case "ConnectionException":
          return Finding.of(SERVER_UNAVAILABLE, TIMEOUT);
        default:
          break;
      }
    }
    return null;
  }
}
