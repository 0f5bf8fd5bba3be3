package com.lumyvo.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.discovery.Discovery;
import com.lumyvo.providers.discovery.DnsResolver;
import com.lumyvo.providers.discovery.StaticDnsResolver;
import com.lumyvo.providers.mail.testing.FakeProvider;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code verify} against a fake provider, with the overrides a self-hosted server needs. */
class VerifyCommandTest {
  private static final String APP_PASSWORD = "the-app-password";
  private static final String STORE_PASSWORD = "store-secret-42";

  private static FakeProvider fake;
  @TempDir static Path dir;
  private static Path trust;

  /** Every environment variable a run asked for, so a test can tell what it read. */
  private final Set<String> read = Collections.synchronizedSet(new java.util.HashSet<>());

  @BeforeAll
  static void start() throws Exception {
    fake = FakeProvider.start();
    fake.addAccount("anna@fake.example", AppPassword.of(APP_PASSWORD));
    trust = dir.resolve("trust.p12");
    try (OutputStream file = Files.newOutputStream(trust)) {
      fake.trustStore().store(file, STORE_PASSWORD.toCharArray());
    }
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  /** The fake's servers named on the command line, as for a self-hosted server. */
  private static List<String> servers() {
    return List.of("--imap-host", "localhost",
        "--imap-port", Integer.toString(fake.descriptor().imap().port()),
        "--smtp-host", "localhost",
        "--smtp-port", Integer.toString(fake.descriptor().smtp().get(0).port()),
        "--trust-store", trust.toString(), "--timeout", "5");
  }

  private static String[] args(List<String> first, String... rest) {
    List<String> all = new ArrayList<>(List.of("verify"));
    all.addAll(first);
    all.addAll(List.of(rest));
    return all.toArray(String[]::new);
  }

  /** A context whose environment holds {@code variables}, recording each one read. */
  private UnaryOperator<Context> environment(Map<String, String> variables) {
    return context -> context.withEnvironment(name -> {
      read.add(name);
      return variables.get(name);
    }).withDiscovery(() -> {
      throw new AssertionError("discovery must not run");
    });
  }

  private UnaryOperator<Context> passwords() {
    return environment(Map.of(VerifyCommand.PASSWORD_VARIABLE, APP_PASSWORD,
        TrustStores.PASSWORD_VARIABLE, STORE_PASSWORD));
  }

  @Test
  void aGoodAccountVerifiesAndPrintsJson() {
    Cli.Run run = Cli.run(passwords(), args(servers(), "--json", "anna@fake.example"));

    assertThat(run.out().trim()).isEqualTo(
        "{\"imap\":{\"ok\":true,\"kind\":null,\"step\":null},"
            + "\"smtp\":{\"ok\":true,\"kind\":null,\"step\":null},\"first\":null}");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void aWrongPasswordNamesTheOneDiagnosisToShowFirst() {
    UnaryOperator<Context> wrong = environment(Map.of(VerifyCommand.PASSWORD_VARIABLE,
        "wrong-password-1", TrustStores.PASSWORD_VARIABLE, STORE_PASSWORD));

    Cli.Run json = Cli.run(wrong, args(servers(), "--json", "anna@fake.example"));
    Cli.Run text = Cli.run(wrong, args(servers(), "anna@fake.example"));

    assertThat(json.exitCode()).isEqualTo(1);
    // Both protocols refuse the same password: the rule shows IMAP's diagnosis first.
    assertThat(json.json().get("first").asText()).isEqualTo("IMAP");
    assertThat(json.json().get("imap").get("kind").asText()).isEqualTo("INVALID_CREDENTIALS");
    assertThat(text.out().lines().skip(1).findFirst().orElseThrow())
        .startsWith("First: ").endsWith(" (IMAP)");
  }

  @Test
  void anAccessTokenFromTheNamedVariableSignsInWithoutAPassword() throws Exception {
    fake.addTokenAccount("tess@fake.example");
    String token = fake.tokenSource("tess@fake.example").token().value();

    Cli.Run run = Cli.run(environment(Map.of("TESS_TOKEN", token,
        TrustStores.PASSWORD_VARIABLE, STORE_PASSWORD)),
        args(servers(), "--token-env", "TESS_TOKEN", "tess@fake.example"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("IMAP ok").contains("SMTP ok")
        .doesNotContain(token);
    assertThat(read).contains("TESS_TOKEN").doesNotContain(VerifyCommand.PASSWORD_VARIABLE);
  }

  @Test
  void aMissingOrMalformedTokenVariableIsAUsageErrorThatNeverShowsTheValue() {
    Cli.Run missing = Cli.run(environment(Map.of(TrustStores.PASSWORD_VARIABLE,
        STORE_PASSWORD)), args(servers(), "--token-env", "NO_SUCH_TOKEN", "tess@fake.example"));
    Cli.Run malformed = Cli.run(environment(Map.of("BAD_TOKEN", "secret\"quoted",
        TrustStores.PASSWORD_VARIABLE, STORE_PASSWORD)),
        args(servers(), "--token-env", "BAD_TOKEN", "tess@fake.example"));

    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("NO_SUCH_TOKEN named by --token-env is not set");
    assertThat(malformed.exitCode()).isEqualTo(2);
    assertThat(malformed.err()).contains("BAD_TOKEN: access token has a character")
        .doesNotContain("secret").doesNotContain("quoted");
  }

  @Test
  void theTrustStorePasswordCanBeTypedAtThePrompt() {
    List<String> questions = new ArrayList<>();
    Cli.Run run = Cli.run(context -> environment(Map.of(VerifyCommand.PASSWORD_VARIABLE,
        APP_PASSWORD)).apply(context).withPrompt(question -> {
          questions.add(question);
          return Optional.of(STORE_PASSWORD.toCharArray());
        }), args(servers(), "anna@fake.example"));

    assertThat(run.exitCode()).isZero();
    assertThat(questions).containsExactly("Password of trust store " + trust
        + " (Enter if none): ");
    assertThat(run.out()).contains("IMAP ok").contains("SMTP ok");
  }

  @Test
  void aMistypedOptionIsRefusedBeforeAnythingIsReadOrSent() {
    // Before picocli, "--imap-hots" was dropped and the password went to discovered servers.
    Cli.Run run = Cli.run(passwords(), "verify", "--imap-hots", "localhost",
        "--imap-port", Integer.toString(fake.descriptor().imap().port()), "anna@gmx.de");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("error: unknown option --imap-hots\n")
        .contains("did you mean --imap-host");
    assertThat(run.out()).isEmpty();
    assertThat(read).as("no password was read").isEmpty();
  }

  @Test
  void aMistypedOptionWithJsonIsOneErrorObjectNamingTheClosestOption() {
    Cli.Run run = Cli.run(passwords(), "verify", "--json", "--imap-hots", "localhost",
        "anna@gmx.de");

    assertThat(run.exitCode()).isEqualTo(2);
    JsonNode json = run.json();
    assertThat(json.get("error").asText()).isEqualTo("unknown option --imap-hots");
    assertThat(json.get("exitCode").asInt()).isEqualTo(2);
    assertThat(json.get("suggestions").get(0).asText()).isEqualTo("--imap-host");
    assertThat(read).isEmpty();
  }

  @ParameterizedTest(name = "verify {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "--imap-host                        | Missing required parameter for option '--imap-host'",
      "--imap-host --imap-port 993 a@b.de | Expected parameter for option '--imap-host' but found '--imap-port'",
      "--timeout                          | Missing required parameter for option '--timeout'",
      "--json                             | Missing required parameter: '<address>'",
      "a@b.de c@d.de                      | unexpected argument 'c@d.de'",
  })
  void aMissingValueOrExtraArgumentIsAUsageError(String arguments, String message) {
    Cli.Run run = Cli.run(passwords(), args(List.of(arguments.split(" "))));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("error: " + message)
        .contains("Usage: java -jar lumyvo-examples.jar verify");
    assertThat(read).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "--imap-port     | abc   | '--imap-port': 'abc' is not a port; give a number from 1 to 65535",
      "--imap-port     | 0     | '--imap-port': 0 is out of range; give a number from 1 to 65535",
      "--smtp-port     | 70000 | '--smtp-port': 70000 is out of range; give a number from 1 to 65535",
      "--smtp-port     | 99999999999999 | '--smtp-port': '99999999999999' is not a port",
      "--imap-security | TLS   | '--imap-security': 'TLS' is not a security mode; use ssl_tls (TLS from the first byte, ports 993 and 465), starttls (ports 143 and 587) or plain",
      "--smtp-security | ssl3  | '--smtp-security': 'ssl3' is not a security mode; use ssl_tls",
      "--timeout       | abc   | '--timeout': 'abc' is not a timeout; give seconds (10) or a number with a unit: 500ms, 10s, 2m, 1h",
      "--timeout       | 0     | '--timeout': '0' is out of range; a timeout is more than 0 and at most an hour",
      "--timeout       | 2h    | '--timeout': '2h' is out of range",
      "--timeout       | -5    | '--timeout': '-5' is not a timeout",
  })
  void aBadValueIsRefusedInPlainWords(String option, String value, String message) {
    Cli.Run run = Cli.run(passwords(), "verify", "--imap-host", "localhost", "--smtp-host",
        "localhost", option, value, "anna@fake.example");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("error: Invalid value for option " + message)
        .doesNotContain("For input string").doesNotContain("No enum constant")
        .doesNotContain("Exception");
    assertThat(read).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "--imap-port 993      | --imap-port needs --imap-host: name the server it applies to",
      "--smtp-security plain | --smtp-security needs --smtp-host: name the server it applies to",
  })
  void aServerOptionWithoutItsHostIsRefusedRatherThanIgnored(String option, String message) {
    Cli.Run run = Cli.run(passwords(), args(List.of(option.split(" ")), "anna@gmx.de"));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("error: " + message + "\n");
    assertThat(read).isEmpty();
  }

  @Test
  void theTrustStorePasswordIsNoLongerAnOptionAndItsValueIsNotRepeated() {
    Cli.Run run = Cli.run(passwords(), "verify", "--imap-host", "localhost",
        "--trust-store", trust.toString(), "--trust-store-password", STORE_PASSWORD,
        "anna@fake.example");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("error: unknown option --trust-store-password\n"
        + "       the trust store's password comes from LUMYVO_TRUST_STORE_PASSWORD or a"
        + " prompt, never from an argument\n")
        .doesNotContain(STORE_PASSWORD);
    assertThat(read).isEmpty();
  }

  @Test
  void theTrustStorePasswordGivenWithEqualsIsRefusedWithoutRepeatingIt() {
    Cli.Run run = Cli.run(passwords(), "verify", "--json",
        "--trust-store-password=" + STORE_PASSWORD, "anna@fake.example");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.json().get("error").asText())
        .isEqualTo("unknown option --trust-store-password");
    assertThat(run.out() + run.err()).doesNotContain(STORE_PASSWORD);
  }

  private Cli.Run verifyWithTrustStore(Path store, Map<String, String> variables) {
    return Cli.run(environment(variables), args(List.of("--imap-host", "localhost",
        "--smtp-host", "localhost", "--trust-store", store.toString()), "anna@fake.example"));
  }

  private Cli.Run verifyWithTrustStore(Path store) {
    return verifyWithTrustStore(store, Map.of(VerifyCommand.PASSWORD_VARIABLE, APP_PASSWORD,
        TrustStores.PASSWORD_VARIABLE, STORE_PASSWORD));
  }

  @Test
  void aMissingTrustStoreIsAUsageErrorBeforeThePasswordIsRead() {
    Path missing = dir.resolve("missing.p12");
    Cli.Run run = verifyWithTrustStore(missing);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("error: trust store " + missing + " does not exist\n");
    assertThat(read).doesNotContain(VerifyCommand.PASSWORD_VARIABLE);
  }

  @Test
  void aDirectoryIsNotATrustStore() {
    Cli.Run run = verifyWithTrustStore(dir);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("error: trust store " + dir
        + " is a directory, not a key store file\n");
  }

  @Test
  void anUnreadableTrustStoreSaysSo() {
    // Root reads every file whatever its mode (CI runs as root), so the check is handed a
    // file system that refuses; the command's mapping of this message to exit 2 is the same
    // as for the missing store above.
    assertThatThrownBy(() -> TrustStores.load(trust, Context.of(System.out, System.err),
        file -> false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("trust store " + trust + " cannot be read: permission denied");
  }

  @Test
  void aWrongTrustStorePasswordSaysWhereThePasswordComesFrom() {
    Cli.Run run = verifyWithTrustStore(trust, Map.of(VerifyCommand.PASSWORD_VARIABLE,
        APP_PASSWORD, TrustStores.PASSWORD_VARIABLE, "not-the-store-password"));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("error: wrong password for trust store " + trust
        + " (give it in LUMYVO_TRUST_STORE_PASSWORD, or run in a terminal to be asked for it)\n");
  }

  @Test
  void aFileThatIsNotAKeyStoreSaysSoInsteadOfJavasWords() throws Exception {
    // "r" is tag type 114: the file behind "toDerInputStream rejects tag type 114".
    Path text = dir.resolve("readme.txt");
    Files.writeString(text, "rubbish, not a key store\n", StandardCharsets.UTF_8);

    Cli.Run run = verifyWithTrustStore(text);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("error: trust store " + text + " is not a key store"
        + " (PKCS12 or JKS); make one with keytool -importcert\n");
  }

  @Test
  void aTrustStoreWithoutCertificatesWouldTrustNoServer() throws Exception {
    Path empty = dir.resolve("empty.p12");
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    try (OutputStream file = Files.newOutputStream(empty)) {
      store.store(file, STORE_PASSWORD.toCharArray());
    }

    Cli.Run run = verifyWithTrustStore(empty);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("error: trust store " + empty
        + " holds no certificates, so it would trust no server\n");
  }

  @Test
  void aTrustStoreProblemWithJsonIsOneErrorObject() {
    Path missing = dir.resolve("missing.p12");
    Cli.Run run = Cli.run(passwords(), args(List.of("--json", "--imap-host", "localhost",
        "--smtp-host", "localhost", "--trust-store", missing.toString()), "anna@fake.example"));

    assertThat(run.exitCode()).isEqualTo(2);
    JsonNode json = run.json();
    assertThat(json.get("error").asText()).isEqualTo("trust store " + missing + " does not exist");
    assertThat(json.get("exitCode").asInt()).isEqualTo(2);
  }

  @Test
  void serversThatOnlyDnsMovedOutsideTheDomainAreNotUsedWithoutSayingSo() {
    Cli.Run run = Cli.run(context -> context.withEnvironment(appPasswordOnly())
        .withDiscovery(srvToTheFake()), "verify", "--timeout", "5", "anna@bakery.test");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains("discovered bakery.test by SRV: IMAP localhost:"
            + fake.descriptor().imap().port() + " (SSL/TLS)");
    assertThat(run.err())
        .contains("bakery.test names mail servers outside its own domain (localhost)")
        .contains("name them with --imap-host and --smtp-host");
  }

  @Test
  void withLangTheDiagnosesAndTheCautionAreInThatLanguage() {
    UnaryOperator<Context> wrong = environment(Map.of(VerifyCommand.PASSWORD_VARIABLE,
        "wrong-password-1", TrustStores.PASSWORD_VARIABLE, STORE_PASSWORD));
    Cli.Run text = Cli.run(wrong, args(servers(), "--lang", "de", "anna@fake.example"));
    assertThat(text.exitCode()).isEqualTo(1);
    assertThat(text.out())
        .contains("First: Der Server hat den Benutzernamen oder das Passwort nicht angenommen.")
        .doesNotContain("did not accept the login name or password");

    Cli.Run moved = Cli.run(context -> context.withEnvironment(appPasswordOnly())
        .withDiscovery(srvToTheFake()), "verify", "--lang", "it", "--timeout", "5",
        "anna@bakery.test");
    assertThat(moved.err())
        .contains("bakery.test indica server di posta al di fuori del proprio dominio (localhost)");
  }

  @Test
  void aDiscoveryRefusalWithJsonIsOneErrorObjectAndTheStoryGoesToStandardError() {
    Cli.Run run = Cli.run(context -> context.withEnvironment(appPasswordOnly())
        .withDiscovery(srvToTheFake()), "verify", "--json", "--timeout", "5",
        "anna@bakery.test");

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode json = run.json();
    assertThat(json.get("error").asText())
        .contains("bakery.test names mail servers outside its own domain (localhost)");
    assertThat(json.get("exitCode").asInt()).isEqualTo(1);
    assertThat(json.get("details")).extracting(JsonNode::asText)
        .containsExactly("if you trust them, name them with --imap-host and --smtp-host");
    assertThat(run.err()).contains("discovered bakery.test by SRV");
  }

  @Test
  void publishedServersThatDoNotAnswerGetNoPassword() {
    Cli.Run run = Cli.run(context -> context.withEnvironment(appPasswordOnly())
        .withDiscovery(srvTo("mail.bakery.test")), "verify", "--timeout", "2",
        "anna@bakery.test");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains("discovered bakery.test by SRV: IMAP mail.bakery.test:993 (SSL/TLS)")
        .doesNotContain("IMAP FAIL").doesNotContain("IMAP ok");
    assertThat(run.err())
        .contains("no discovered IMAP and SMTP server both answered")
        .contains("IMAP mail.bakery.test:993 (SSL/TLS): SERVER_NOT_FOUND");
  }

  @Test
  void whenNoDiscoveredServerAnswersJsonStillPrintsOneObjectWithEachAttempt() {
    // Before: nothing at all on standard output.
    Cli.Run run = Cli.run(context -> context.withEnvironment(appPasswordOnly())
        .withDiscovery(srvTo("mail.bakery.test")), "verify", "--json", "--timeout", "2",
        "anna@bakery.test");

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode json = run.json();
    assertThat(json.get("error").asText())
        .startsWith("no discovered IMAP and SMTP server both answered");
    assertThat(json.get("exitCode").asInt()).isEqualTo(1);
    assertThat(json.get("details")).extracting(JsonNode::asText)
        .anySatisfy(line -> assertThat(line)
            .startsWith("IMAP mail.bakery.test:993 (SSL/TLS): SERVER_NOT_FOUND"));
  }

  @Test
  void aWrongPasswordExitsWithOneAndSaysWhy() {
    Cli.Run run = Cli.run(environment(Map.of(VerifyCommand.PASSWORD_VARIABLE,
        "not-the-password", TrustStores.PASSWORD_VARIABLE, STORE_PASSWORD)),
        args(servers(), "anna@fake.example"));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains("IMAP FAIL  INVALID_CREDENTIALS at AUTHENTICATION")
        .contains("SMTP FAIL  INVALID_CREDENTIALS at AUTHENTICATION")
        .doesNotContain("not-the-password");
  }

  @Test
  void withoutAPasswordSourceItRefusesRatherThanTakingOneFromArguments() {
    Cli.Run run = Cli.run(environment(Map.of(TrustStores.PASSWORD_VARIABLE, STORE_PASSWORD)),
        args(servers(), "anna@fake.example"));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("error: no app password: set LUMYVO_APP_PASSWORD or run"
        + " in a terminal to be asked for it\n");
  }

  @Test
  void aMalformedOrUnknownAddressIsAUsageErrorBeforeThePasswordIsRead() {
    Cli.Run malformed = Cli.run(passwords(), "verify", "anna@@example.org");
    assertThat(malformed.exitCode()).isEqualTo(2);
    assertThat(malformed.err()).startsWith("error: not a valid email address:")
        .contains("more than one '@'");

    Cli.Run unknown = Cli.run(passwords(), "verify", "--offline", "anna@unknown-host.example");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err())
        .startsWith("error: no provider is known for unknown-host.example; name its servers"
            + " with --imap-host and --smtp-host, or leave out --offline");
    assertThat(read).isEmpty();
  }

  private static java.util.function.Function<String, String> appPasswordOnly() {
    Map<String, String> variables = new HashMap<>();
    variables.put(VerifyCommand.PASSWORD_VARIABLE, APP_PASSWORD);
    return variables::get;
  }

  /** SRV records that point bakery.test at the fake on localhost, outside the domain. */
  private static java.util.function.Supplier<Discovery> srvToTheFake() {
    int imapPort = fake.descriptor().imap().port();
    int smtpPort = fake.descriptor().smtp().get(0).port();
    DnsResolver dns = StaticDnsResolver.builder()
        .srv("_imaps._tcp.bakery.test", 0, imapPort, "localhost")
        .srv("_submissions._tcp.bakery.test", 0, smtpPort, "localhost").build();
    return () -> Discovery.builder().resolver(dns).autoconfig(false).allowPrivateAddresses(true)
        .build();
  }

  /** SRV records that name {@code host}, inside bakery.test, which does not resolve. */
  private static java.util.function.Supplier<Discovery> srvTo(String host) {
    DnsResolver dns = StaticDnsResolver.builder()
        .srv("_imaps._tcp.bakery.test", 0, 993, host)
        .srv("_submissions._tcp.bakery.test", 0, 465, host).build();
    return () -> Discovery.builder().resolver(dns).autoconfig(false).build();
  }
}
