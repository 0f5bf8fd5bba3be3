package com.lumyvo.providers.mail.internal;

import com.lumyvo.providers.mail.ConnectionStep;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * How far one connection got, recorded by the socket factories Jakarta Mail is given, so that a
 * failure can name its {@link ConnectionStep}; and the connection's controls: a {@link
 * ResponseGuard} on what the server sends, and {@link #abort()}, which closes the socket under
 * any TLS layer so that a blocked read or write returns at once, from any thread.
 */
public final class Progress {
  /** What one answer may take by default: 8 MiB for IMAP; SMTP replies are short. */
  public static final long DEFAULT_BUDGET = 8L << 20;
  public static final long SMTP_BUDGET = 1L << 20;

  public volatile boolean resolved;
  public volatile boolean connected;
  public volatile boolean tlsEstablished;
  public volatile boolean authenticated;
  /** The access tokens this attempt sent: redacted wherever its failure is shown. */
  private final java.util.List<String> tokens = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** The error challenge of the last rejected token as the server sent it, if it sent one. */
  private volatile String tokenChallenge;
  private volatile Socket socket;
  /** The TCP socket under any TLS layer: closing it never waits for a TLS lock. */
  private volatile Socket raw;
  private volatile boolean aborted;
  private volatile boolean deadlineMissed;
  private volatile long deadlineMillis;
  private volatile IOException violation;
  private volatile boolean endOfStream;
  private volatile ResponseGuard firstGuard;
  private final ResponseGuard.Dialect dialect;
  private final long budget;

  /** For a connection that logs nobody in and bounds its own reads (a probe). */
  public Progress() {
    this(ResponseGuard.Dialect.IMAP, Long.MAX_VALUE);
  }

  public Progress(com.lumyvo.providers.Protocol protocol, long budget) {
    this(protocol == com.lumyvo.providers.Protocol.SMTP
        ? ResponseGuard.Dialect.SMTP : ResponseGuard.Dialect.IMAP,
        protocol == com.lumyvo.providers.Protocol.SMTP ? Math.min(budget, SMTP_BUDGET) : budget);
  }

  private Progress(ResponseGuard.Dialect dialect, long budget) {
    this.dialect = dialect;
    this.budget = budget;
  }

  /** Records that a token is about to be sent, so that it is redacted from what follows. */
  public void sendingToken(String token) {
    if (!tokens.contains(token)) {
      tokens.add(token);
    }
  }

  /** The access tokens sent so far, oldest first. */
  public java.util.List<String> tokens() {
    return java.util.List.copyOf(tokens);
  }

  /**
   * Records the server's error challenge to a token ({@code + eyJ...} or {@code 334 eyJ...}):
   * evidence for the diagnosis, and no secret.
   */
  public void tokenChallenge(String decoded) {
    tokenChallenge = decoded;
  }

  /** The error challenge of the last rejected token. */
  public java.util.Optional<String> tokenChallenge() {
    return java.util.Optional.ofNullable(tokenChallenge);
  }

  private ResponseGuard newGuard() {
    ResponseGuard guard =
        new ResponseGuard(dialect, budget, e -> violation = e, () -> endOfStream = true);
    if (firstGuard == null) {
      firstGuard = guard; // the one that reads the greeting
    }
    return guard;
  }

  /** Closes the attempt's socket so that a thread blocked on it returns at once. */
  public void abort() {
    aborted = true;
    closeQuietly(raw);
    closeQuietly(socket);
  }

  /** Whether {@link #abort()} was called: nothing may connect or log in any more. */
  public boolean aborted() {
    return aborted;
  }

  /**
   * Aborts the connection when {@code deadline} passes, unless the returned task is cancelled
   * first; a failure after that is reported by {@link #failure} as a timeout.
   */
  public java.util.concurrent.ScheduledFuture<?> abortAfter(java.time.Duration deadline,
      java.util.concurrent.ScheduledExecutorService timer) {
    deadlineMillis = deadline.toMillis();
    return timer.schedule(() -> {
      deadlineMissed = true;
      abort();
    }, deadline.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  /**
   * What to diagnose for {@code thrown}: the guard's refusal or a missed deadline say more than
   * the closed socket Jakarta Mail reports after either.
   */
  public Throwable failure(Throwable thrown) {
    if (violation != null) {
      return violation;
    }
    if (deadlineMissed) {
      return new java.net.SocketTimeoutException("no answer within the operation deadline of "
          + deadlineMillis + " ms");
    }
    ResponseGuard first = firstGuard;
    String greeting = first == null ? null : first.greeting().orElse(null);
    if (greeting != null && !first.greets(greeting)) {
      java.net.ProtocolException notMail = new java.net.ProtocolException(
          "the server's first line is not a " + dialect + " greeting");
      notMail.initCause(thrown);
      return notMail;
    }
    if (endOfStream && !aborted && !rejectedLogin(thrown)) {
      // Jakarta Mail words a closed connection many ways ("[EOF]", a null reply); the fact is
      // simpler: the server hung up.
      java.io.EOFException eof = new java.io.EOFException("the server closed the connection");
      eof.initCause(thrown);
      return eof;
    }
    return thrown;
  }

  /**
   * The connection's decrypted input, below Jakarta Mail's own buffers, if the SDK may read the
   * next answer itself: the guard has seen a complete tagged response last, so Jakarta Mail's
   * buffers hold nothing. Reads still pass through the guard.
   */
  public java.util.Optional<InputStream> drainedInput() {
    try {
      if (socket instanceof GuardedSslSocket ssl && ssl.guard().drained()) {
        return java.util.Optional.of(ssl.getInputStream());
      }
      if (socket instanceof GuardedPlainSocket plain && !plain.layered
          && plain.guard.drained()) {
        return java.util.Optional.of(plain.getInputStream());
      }
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.empty();
  }

  /** Whether {@code thrown} is a rejected login, which says more than the hang-up after it. */
  private static boolean rejectedLogin(Throwable thrown) {
    int depth = 0;
    for (Throwable t = thrown; t != null && depth++ < 16; t = t.getCause()) {
      if (t instanceof jakarta.mail.AuthenticationFailedException) {
        return true;
      }
    }
    return false;
  }

  /** Whether the connection is unusable: refused by the guard, past its deadline, or aborted. */
  public boolean broken() {
    return aborted || violation != null || deadlineMissed;
  }

  private static void closeQuietly(Socket s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // Closing is all we wanted; the attempt reports its own failure.
      }
    }
  }

  /** The step a failure stopped at, from how far the attempt got. */
  public ConnectionStep step(boolean implicitTls, Throwable error) {
    if (!resolved) {
      return ConnectionStep.DNS;
    }
    if (!connected) {
      return ConnectionStep.TCP;
    }
    if (authenticated) {
      return ConnectionStep.SEND;
    }
    if (isAuthenticationFailure(error)) {
      return ConnectionStep.AUTHENTICATION;
    }
    if (mentionsTls(error) || (implicitTls && !tlsEstablished)) {
      return ConnectionStep.TLS;
    }
    // What the client said last: a STARTTLS or a login that was never answered failed there,
    // not at the greeting.
    ResponseGuard.Phase phase = lastPhase();
    if (phase == ResponseGuard.Phase.LOGIN) {
      return ConnectionStep.AUTHENTICATION;
    }
    if (phase == ResponseGuard.Phase.STARTTLS && !tlsEstablished) {
      return ConnectionStep.TLS;
    }
    return ConnectionStep.GREETING;
  }

  /** The phase of the last command on the connection's current (innermost) guard. */
  private ResponseGuard.Phase lastPhase() {
    Socket s = socket;
    ResponseGuard guard = s instanceof GuardedSslSocket ssl ? ssl.guard()
        : s instanceof GuardedPlainSocket plain ? plain.guard : null;
    ResponseGuard.Phase phase = guard == null ? null : guard.phase().orElse(null);
    if (phase == null && s instanceof GuardedSslSocket && firstGuard != null && !tlsEstablished) {
      // STARTTLS was sent on the plain guard and the TLS socket never finished its handshake.
      phase = firstGuard.phase().orElse(null);
    }
    return phase;
  }

  private static boolean isAuthenticationFailure(Throwable error) {
    int depth = 0;
    for (Throwable t = error; t != null && depth++ < 16; t = t.getCause()) {
      if (t instanceof jakarta.mail.AuthenticationFailedException) {
        return true;
      }
    }
    return false;
  }

  private static boolean mentionsTls(Throwable error) {
    int depth = 0;
    for (Throwable t = error; t != null && depth++ < 16; t = t.getCause()) {
      if (t instanceof javax.net.ssl.SSLException
          || t instanceof java.security.cert.CertificateException
          || String.valueOf(t.getMessage()).contains("STARTTLS")) {
        return true;
      }
    }
    return false;
  }

  /**
   * A plain socket factory whose sockets report the TCP connection and pass what they carry
   * through a {@link ResponseGuard}, until TLS is layered on top (STARTTLS), which guards the
   * decrypted streams instead.
   */
  public SocketFactory plainSockets() {
    return new SocketFactory() {
      @Override
      public Socket createSocket() {
        return new GuardedPlainSocket();
      }

      @Override
      public Socket createSocket(String host, int port) throws IOException {
        return opened(new java.net.InetSocketAddress(host, port), null);
      }

      @Override
      public Socket createSocket(String host, int port, InetAddress local, int localPort)
          throws IOException {
        return opened(new java.net.InetSocketAddress(host, port),
            new java.net.InetSocketAddress(local, localPort));
      }

      @Override
      public Socket createSocket(InetAddress host, int port) throws IOException {
        return opened(new java.net.InetSocketAddress(host, port), null);
      }

      @Override
      public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
          throws IOException {
        return opened(new java.net.InetSocketAddress(host, port),
            new java.net.InetSocketAddress(local, localPort));
      }

      private Socket opened(java.net.SocketAddress remote, java.net.SocketAddress local)
          throws IOException {
        Socket s = new GuardedPlainSocket();
        if (local != null) {
          s.bind(local);
        }
        s.connect(remote);
        return s;
      }
    };
  }

  /** A TCP socket that reports its connection and guards its streams while they are plain. */
  private final class GuardedPlainSocket extends Socket {
    private final ResponseGuard guard = newGuard();
    private volatile boolean layered;
    private InputStream in;
    private OutputStream out;

    @Override
    public void connect(java.net.SocketAddress endpoint, int timeout) throws IOException {
      if (aborted) {
        throw new java.net.SocketException("the operation was abandoned before connecting");
      }
      socket = this;
      raw = this;
      // Commands are small and each waits for its answer: Nagle's algorithm would hold
      // them back for the peer's delayed ACK, 40 ms a round trip.
      setTcpNoDelay(true);
      super.connect(endpoint, timeout);
      connected = true;
      if (aborted) {
        close();
      }
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (layered) {
        return super.getInputStream();
      }
      if (in == null) {
        in = guard.input(super.getInputStream());
      }
      return in;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
      if (layered) {
        return super.getOutputStream();
      }
      if (out == null) {
        out = guard.output(super.getOutputStream());
      }
      return out;
    }
  }

  /**
   * A TLS socket factory over {@code tls} whose sockets report the TCP connection (Jakarta Mail
   * layers TLS over a socket it has connected) and the completed handshake.
   */
  public SSLSocketFactory tlsSockets(SSLSocketFactory tls) {
    return new SSLSocketFactory() {
      @Override
      public String[] getDefaultCipherSuites() {
        return tls.getDefaultCipherSuites();
      }

      @Override
      public String[] getSupportedCipherSuites() {
        return tls.getSupportedCipherSuites();
      }

      @Override
      public Socket createSocket(Socket s, String host, int port, boolean autoClose)
          throws IOException {
        return layer(tls, s, host, port, autoClose);
      }

      @Override
      public Socket createSocket(String host, int port) throws IOException {
        return trackTls(tls.createSocket(host, port));
      }

      @Override
      public Socket createSocket(String host, int port, InetAddress local, int localPort)
          throws IOException {
        return trackTls(tls.createSocket(host, port, local, localPort));
      }

      @Override
      public Socket createSocket(InetAddress host, int port) throws IOException {
        return trackTls(tls.createSocket(host, port));
      }

      @Override
      public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
          throws IOException {
        return trackTls(tls.createSocket(host, port, local, localPort));
      }
    };
  }

  private Socket track(Socket s) throws IOException {
    s.setTcpNoDelay(true);
    socket = s;
    if (raw == null) {
      raw = s;
    }
    connected = true;
    return s;
  }

  /**
   * Layers TLS over {@code plain}; the TLS socket's decrypted streams are guarded, the plain
   * socket's own guard stands down (it would only see ciphertext).
   */
  private Socket layer(SSLSocketFactory tls, Socket plain, String host, int port,
      boolean autoClose) throws IOException {
    Socket under = socket;
    if (under instanceof GuardedPlainSocket guarded) {
      guarded.layered = true;
    }
    if (raw == null) {
      raw = plain;
    }
    if (aborted) {
      plain.close();
      throw new java.net.SocketException("the operation was abandoned before TLS");
    }
    return trackTls(tls.createSocket(plain, host, port, autoClose));
  }

  private Socket trackTls(Socket s) throws IOException {
    track(s);
    if (s instanceof SSLSocket ssl) {
      ssl.addHandshakeCompletedListener(event -> tlsEstablished = true);
      GuardedSslSocket guarded = new GuardedSslSocket(ssl, newGuard());
      socket = guarded;
      return guarded;
    }
    return s;
  }
}
