package com.lumyvo.providers.mail.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The server certificates of the fake servers, in PKCS #12 files next to this class: one for
 * {@code localhost}, one for another host name, one that nobody trusts. Shared by {@link
 * FakeProvider} and {@link HostileServer} so that one trust store reaches both.
 */
enum Certificate {
  LOCALHOST("localhost.p12"), WRONG_HOST("wrong-host.p12"), UNTRUSTED("untrusted.p12");

  private static final char[] KEY_PASSWORD = "lumyvo-fake".toCharArray();

  private final String file;
  private volatile SSLSocketFactory serverTls;

  Certificate(String file) {
    this.file = file;
  }

  /**
   * The trust store of every fake server: the certificates for {@code localhost} and for the
   * wrong host (a host-name check, not a trust failure, must catch the latter). A new store per
   * call, so callers may not disturb each other.
   */
  static KeyStore fakesTrustStore() {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      for (Certificate certificate : new Certificate[] {LOCALHOST, WRONG_HOST}) {
        KeyStore keys = certificate.load();
        String alias = keys.aliases().nextElement();
        trust.setCertificateEntry(certificate.name(), keys.getCertificate(alias));
      }
      return trust;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the trust store", e);
    }
  }

  /**
   * Speaks TLS as the server over {@code plain}, presenting this certificate, and completes the
   * handshake. Closing the returned socket closes {@code plain}.
   */
  SSLSocket acceptTls(Socket plain) throws IOException {
    SSLSocket tls = (SSLSocket) serverTls()
        .createSocket(plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
    tls.setUseClientMode(false);
    tls.startHandshake();
    return tls;
  }

  private SSLSocketFactory serverTls() {
    SSLSocketFactory factory = serverTls;
    if (factory == null) {
      try {
        KeyManagerFactory keys =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(), KEY_PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        factory = context.getSocketFactory();
        serverTls = factory; // a race only builds an equal factory twice
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot set up TLS with " + file, e);
      }
    }
    return factory;
  }

  private KeyStore load() {
    try (InputStream in = Certificate.class.getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException("missing " + file);
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, KEY_PASSWORD);
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot load " + file, e);
    }
  }
}
