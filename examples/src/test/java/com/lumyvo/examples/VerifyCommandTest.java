package com.lumyvo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.discovery.Discovery;
import com.lumyvo.providers.discovery.DnsResolver;
import com.lumyvo.providers.discovery.StaticDnsResolver;
import com.lumyvo.providers.mail.testing.FakeProvider;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify} against a fake provider, with the overrides a self-hosted server needs. */
class VerifyCommandTest {
  private static FakeProvider fake;
  @TempDir static Path dir;
  private static Path trust;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void start() throws Exception {
    fake = FakeProvider.start();
    fake.addAccount("anna@fake.example", AppPassword.of("the-app-password"));
    trust = dir.resolve("trust.p12");
    try (OutputStream file = Files.newOutputStream(trust)) {
      fake.trustStore().store(file, "pw".toCharArray());
    }
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  private int verify(Map<String, String> environment, String... extra) throws Exception {
    String[] base = {"verify", "--imap-host", "localhost",
        "--imap-port", Integer.toString(fake.descriptor().imap().port()),
        "--smtp-host", "localhost",
        "--smtp-port", Integer.toString(fake.descriptor().smtp().get(0).port()),
        "--trust-store", trust.toString(), "--trust-store-password", "pw", "--timeout", "5"};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), InputStream.nullInputStream(),
        environment::get);
  }

  @Test
  void aGoodAccountVerifiesAndPrintsJson() throws Exception {
    int code = verify(Map.of("LUMYVO_APP_PASSWORD", "the-app-password"), "--json",
        "anna@fake.example");
    assertThat(out.toString(StandardCharsets.UTF_8).trim()).isEqualTo(
        "{\"imap\":{\"ok\":true,\"kind\":null,\"step\":null},"
            + "\"smtp\":{\"ok\":true,\"kind\":null,\"step\":null}}");
    assertThat(code).isZero();
  }

  @Test
  void serversThatOnlyDnsMovedOutsideTheDomainAreNotUsedWithoutSayingSo() {
    int imapPort = fake.descriptor().imap().port();
    int smtpPort = fake.descriptor().smtp().get(0).port();
    DnsResolver dns = StaticDnsResolver.builder()
        .srv("_imaps._tcp.bakery.test", 0, imapPort, "localhost")
        .srv("_submissions._tcp.bakery.test", 0, smtpPort, "localhost").build();
    VerifyCommand command = new VerifyCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of("LUMYVO_APP_PASSWORD", "the-app-password")::get, null,
        () -> Discovery.builder().resolver(dns).autoconfig(false).allowPrivateAddresses(true)
            .build());

    int code = command.run(new String[] {"--timeout", "5", "anna@bakery.test"});

    assertThat(code).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("discovered bakery.test by SRV: IMAP localhost:" + imapPort + " (SSL/TLS)");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("bakery.test names mail servers outside its own domain (localhost)")
        .contains("name them with --imap-host and --smtp-host");
  }

  @Test
  void publishedServersThatDoNotAnswerGetNoPassword() {
    DnsResolver dns = StaticDnsResolver.builder()
        .srv("_imaps._tcp.bakery.test", 0, 993, "mail.bakery.test")
        .srv("_submissions._tcp.bakery.test", 0, 465, "mail.bakery.test").build();
    VerifyCommand command = new VerifyCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of("LUMYVO_APP_PASSWORD", "the-app-password")::get, null,
        () -> Discovery.builder().resolver(dns).autoconfig(false).build());

    int code = command.run(new String[] {"--timeout", "2", "anna@bakery.test"});

    assertThat(code).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("discovered bakery.test by SRV: IMAP mail.bakery.test:993 (SSL/TLS)")
        .doesNotContain("IMAP FAIL").doesNotContain("IMAP ok");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("no discovered IMAP and SMTP server both answered")
        .contains("IMAP mail.bakery.test:993 (SSL/TLS): SERVER_NOT_FOUND");
  }

  @Test
  void aWrongPasswordExitsWithOneAndSaysWhy() throws Exception {
    int code = verify(Map.of("LUMYVO_APP_PASSWORD", "not-the-password"), "anna@fake.example");
    assertThat(code).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("IMAP FAIL  INVALID_CREDENTIALS at AUTHENTICATION")
        .contains("SMTP FAIL  INVALID_CREDENTIALS at AUTHENTICATION")
        .doesNotContain("not-the-password");
  }

  @Test
  void withoutAPasswordSourceItRefusesRatherThanTakingOneFromArguments() throws Exception {
    assertThat(verify(Map.of(), "anna@fake.example")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("LUMYVO_APP_PASSWORD");
  }

  @Test
  void aMalformedOrUnknownAddressIsAUsageError() throws Exception {
    int code = Main.run(new String[] {"verify", "anna@@example.org"},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), InputStream.nullInputStream(),
        Map.of("LUMYVO_APP_PASSWORD", "x-y-z-w")::get);
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("more than one '@'");
    err.reset();
    code = Main.run(new String[] {"verify", "--offline", "anna@unknown-host.example"},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), InputStream.nullInputStream(),
        Map.of("LUMYVO_APP_PASSWORD", "x-y-z-w")::get);
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("no provider is known for unknown-host.example");
  }
}
