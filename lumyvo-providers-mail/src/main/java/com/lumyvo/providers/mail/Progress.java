package com.lumyvo.providers.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * How far one attempt got, recorded by the socket factories Jakarta Mail is given, so that a
 * failure can name its {@link ConnectionStep} and a missed deadline can close the socket that
 * blocks.
 */
final class Progress {
  volatile boolean resolved;
  volatile boolean connected;
  volatile boolean tlsEstablished;
  volatile boolean authenticated;
  private volatile Socket socket;

  /** Closes the attempt's socket so that a thread blocked on it returns at once. */
  void abort() {
    Socket s = socket;
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // Closing is all we wanted; the attempt reports its own failure.
      }
    }
  }

  /** The step a failure stopped at, from how far the attempt got. */
  ConnectionStep step(boolean implicitTls, Throwable error) {
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
    return ConnectionStep.GREETING;
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

  /** A plain socket factory whose sockets report the TCP connection. */
  SocketFactory plainSockets() {
    return new SocketFactory() {
      @Override
      public Socket createSocket() {
        Socket s = new Socket() {
          @Override
          public void connect(java.net.SocketAddress endpoint, int timeout) throws IOException {
            socket = this;
            // Commands are small and each waits for its answer: Nagle's algorithm would hold
            // them back for the peer's delayed ACK, 40 ms a round trip.
            setTcpNoDelay(true);
            super.connect(endpoint, timeout);
            connected = true;
          }
        };
        return s;
      }

      @Override
      public Socket createSocket(String host, int port) throws IOException {
        return track(new Socket(host, port));
      }

      @Override
      public Socket createSocket(String host, int port, InetAddress local, int localPort)
          throws IOException {
        return track(new Socket(host, port, local, localPort));
      }

      @Override
      public Socket createSocket(InetAddress host, int port) throws IOException {
        return track(new Socket(host, port));
      }

      @Override
      public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
          throws IOException {
        return track(new Socket(host, port, local, localPort));
      }
    };
  }

  /**
   * A TLS socket factory over {@code tls} whose sockets report the TCP connection (Jakarta Mail
   * layers TLS over a socket it has connected) and the completed handshake.
   */
  SSLSocketFactory tlsSockets(SSLSocketFactory tls) {
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
        return trackTls(tls.createSocket(s, host, port, autoClose));
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
    connected = true;
    return s;
  }

  private Socket trackTls(Socket s) throws IOException {
    track(s);
    if (s instanceof SSLSocket ssl) {
      ssl.addHandshakeCompletedListener(event -> tlsEstablished = true);
    }
    return s;
  }
}
