package com.lumyvo.providers.mail.realserver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for {@code localhost}, made with the JDK's own {@code keytool} so the
 * harness needs neither openssl nor a crypto library. The servers get it as PEM files; the tests
 * get it as a trust store.
 */
final class TestCertificate {
  private static final char[] STORE_PASSWORD = "harness".toCharArray();

  final Path certPem;
  final Path keyPem;
  final KeyStore trustStore;

  private TestCertificate(Path certPem, Path keyPem, KeyStore trustStore) {
    this.certPem = certPem;
    this.keyPem = keyPem;
    this.trustStore = trustStore;
  }

  /** Generates the key pair and certificate into {@code dir}. */
  static TestCertificate generate(Path dir) throws IOException, GeneralSecurityException,
      InterruptedException {
    Files.createDirectories(dir);
    Path store = dir.resolve("server.p12");
    Files.deleteIfExists(store);
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Path log = dir.resolve("keytool.log");
    Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair",
        "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "3650",
        "-storetype", "PKCS12", "-keystore", store.toString(),
        "-storepass", new String(STORE_PASSWORD), "-keypass", new String(STORE_PASSWORD)))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException("keytool could not make the test certificate: "
          + Files.readString(log, StandardCharsets.UTF_8));
    }
    KeyStore pkcs12 = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      pkcs12.load(in, STORE_PASSWORD);
    }
    Key key = pkcs12.getKey("server", STORE_PASSWORD);
    Certificate cert = pkcs12.getCertificate("server");
    Path certPem = dir.resolve("cert.pem");
    Path keyPem = dir.resolve("key.pem");
    Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()), StandardCharsets.US_ASCII);
    Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("lumyvo-test-localhost", cert);
    return new TestCertificate(certPem, keyPem, trust);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
