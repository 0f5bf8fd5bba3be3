package com.lumyvo.providers.discovery;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed certificates made with the JDK's keytool when the tests run, so that the local
 * HTTPS server is checked like a real one: certificate chain and host name.
 */
final class TestTls {
  private static final char[] PASSWORD = "lumyvo-test".toCharArray();

  /** A certificate for localhost, trusted by {@link #clientTrustingLocalhost()}. */
  static final KeyStore LOCALHOST = generate("localhost", "dns:localhost,ip:127.0.0.1");
  /** A certificate trusted by the client that names another host. */
  static final KeyStore WRONG_HOST = generate("wrong-host", "dns:mail.wrong-host.test");
  /** A certificate for localhost that the client does not trust. */
  static final KeyStore UNTRUSTED = generate("untrusted", "dns:localhost,ip:127.0.0.1");

  private TestTls() {}

  static SSLContext server(KeyStore keys) {
    try {
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(keys, PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(factory.getKeyManagers(), null, null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A client context trusting the localhost and wrong-host certificates, nothing else. */
  static SSLContext clientTrustingLocalhost() {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("localhost", certificate(LOCALHOST));
      trust.setCertificateEntry("wrong-host", certificate(WRONG_HOST));
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Certificate certificate(KeyStore keys) throws Exception {
    return keys.getCertificate(keys.aliases().nextElement());
  }

  private static KeyStore generate(String alias, String subjectAltNames) {
    try {
      Path dir = Files.createDirectories(Path.of("target", "test-tls"));
      Path file = dir.resolve(alias + ".p12");
      Files.deleteIfExists(file);
      String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
      Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", alias,
          "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + alias,
          "-ext", "SAN=" + subjectAltNames, "-validity", "30",
          "-storetype", "PKCS12", "-keystore", file.toString(),
          "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
          .redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("keytool failed: " + output);
      }
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(file)) {
        keys.load(in, PASSWORD);
      }
      return keys;
    } catch (Exception e) {
      throw new IllegalStateException("cannot make a test certificate for " + alias, e);
    }
  }
}
