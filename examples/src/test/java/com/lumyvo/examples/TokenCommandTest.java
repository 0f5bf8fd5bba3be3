package com.lumyvo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.OAuthSupport;
import com.lumyvo.providers.oauth.OAuthClient;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code token}: the device-code flow against a scripted device and token endpoint on loopback,
 * which the command reaches through its client hook in place of the provider's https endpoints.
 * No run may show a token, a refresh token or the device code unless {@code --print-token} asks.
 */
class TokenCommandTest {
  private static final String ACCESS = "eyJ0eXAi.access-SECRET-4711";
  private static final String REFRESH = "M.C5_BAY.refresh*SECRET!0815";
  private static final String DEVICE_CODE = "device-code-SECRET-42";
  private static final String USER_CODE = "WDJB-MJHT";
  private static final String PAGE = "https://microsoft.com/devicelogin";
  private static final String GRANTED = "{\"token_type\":\"Bearer\",\"scope\":"
      + "\"https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/SMTP.Send\""
      + ",\"expires_in\":3599,\"access_token\":\"" + ACCESS + "\",\"refresh_token\":\""
      + REFRESH + "\"}";

  @TempDir Path dir;
  private Endpoint endpoint;
  /** The provider facts the command built its client from. */
  private final List<OAuthSupport> supports = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    endpoint = new Endpoint();
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  /** Microsoft's device answer: interval 0 so that the test does not wait between polls. */
  private void deviceAnswer() {
    endpoint.answer(200, "{\"device_code\":\"" + DEVICE_CODE + "\",\"user_code\":\"" + USER_CODE
        + "\",\"verification_uri\":\"" + PAGE + "\",\"expires_in\":900,\"interval\":0,"
        + "\"message\":\"To sign in, use a web browser\"}");
  }

  private Cli.Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Context context = Context.of(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    CommandLine line = Main.commandLine(context);
    TokenCommand token = line.getSubcommands().get("token").getCommand();
    token.clients = (support, clientId) -> {
      supports.add(support);
      return OAuthClient.builder(endpoint.uri("/token"), clientId)
          .deviceAuthorizationEndpoint(endpoint.uri("/device"));
    };
    int code = line.execute(args);
    return new Cli.Run(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  private static void assertNoSecret(Cli.Run run) {
    assertThat(run.out() + run.err()).doesNotContain(ACCESS).doesNotContain(REFRESH)
        .doesNotContain(DEVICE_CODE).doesNotContain("SECRET");
  }

  @Test
  void showsThePageAndCodeWaitsAndWritesTheTokensToAnOwnerOnlyFile() throws Exception {
    deviceAnswer();
    endpoint.answer(400, "{\"error\":\"authorization_pending\"}");
    endpoint.answer(200, GRANTED);
    Path file = dir.resolve("sam.tokens");

    Cli.Run run = run("token", "--client-id", "my-app-id", "--out", file.toString(),
        "sam@outlook.com");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("To sign in to Outlook.com, open " + PAGE + " and enter the code " + USER_CODE)
        .contains("The code is valid for 15 minutes. Waiting for you to finish signing in")
        .containsPattern("Signed in: an access token that expires at 20\\d\\d-.*, and a refresh"
            + " token; scope https://outlook.office.com/IMAP.AccessAsUser.All")
        .contains("Written to " + file + " (readable by you only)")
        .contains("verify --token-env LUMYVO_ACCESS_TOKEN");
    assertThat(run.err()).isEmpty();
    assertNoSecret(run);
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readAllLines(file))
        .contains("export LUMYVO_ACCESS_TOKEN='" + ACCESS + "'",
            "export LUMYVO_REFRESH_TOKEN='" + REFRESH + "'");
    // Outlook.com's facts: the consumers tenant, IMAP and SMTP scopes and offline_access in one
    // grant; then two polls of the token endpoint with the device code.
    assertThat(supports).singleElement().satisfies(s -> assertThat(s.tokenEndpoint())
        .hasToString("https://login.microsoftonline.com/consumers/oauth2/v2.0/token"));
    List<Map<String, String>> requests = endpoint.requests();
    assertThat(requests).hasSize(3);
    assertThat(requests.get(0)).containsEntry("path", "/device")
        .containsEntry("client_id", "my-app-id").containsEntry("scope",
            "https://outlook.office.com/IMAP.AccessAsUser.All offline_access"
                + " https://outlook.office.com/SMTP.Send");
    assertThat(requests.subList(1, 3)).allSatisfy(poll -> assertThat(poll)
        .containsEntry("path", "/token").containsEntry("device_code", DEVICE_CODE)
        .containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:device_code"));
  }

  @Test
  void theFileSourcedByAShellSetsTheVariablesVerifyReads() throws Exception {
    deviceAnswer();
    endpoint.answer(200, GRANTED);
    Path file = dir.resolve("sam.tokens");
    assertThat(run("token", "--client-id", "my-app-id", "--out", file.toString(), "outlook")
        .exitCode()).isZero();

    // The refresh token holds * and !, which a shell would expand outside single quotes.
    Process shell = new ProcessBuilder("sh", "-c", ". \"$1\" && printf '%s\\n%s\\n'"
        + " \"$LUMYVO_ACCESS_TOKEN\" \"$LUMYVO_REFRESH_TOKEN\"", "sh", file.toString())
        .redirectErrorStream(true).start();
    String printed = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(shell.waitFor()).isZero();
    assertThat(printed.lines()).containsExactly(ACCESS, REFRESH);
  }

  @Test
  void printTokenWarnsOnStandardErrorThenPrintsExportLines() {
    deviceAnswer();
    endpoint.answer(200, GRANTED);

    Cli.Run run = run("token", "--client-id", "my-app-id", "--print-token", "outlook");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).startsWith("warning: --print-token shows the tokens below on this"
        + " terminal").contains("Prefer --out <file>");
    assertThat(run.out().lines()).contains("export LUMYVO_ACCESS_TOKEN='" + ACCESS + "'",
        "export LUMYVO_REFRESH_TOKEN='" + REFRESH + "'");
    assertThat(run.out() + run.err()).doesNotContain(DEVICE_CODE);
  }

  @Test
  void outAndPrintTokenTogetherWriteTheFileAndPrintTheSameLines() throws Exception {
    deviceAnswer();
    endpoint.answer(200, GRANTED);
    Path file = dir.resolve("both.tokens");

    Cli.Run run = run("token", "--client-id", "my-app-id", "--out", file.toString(),
        "--print-token", "outlook");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).startsWith("warning: --print-token").doesNotContain("Prefer --out");
    List<String> exports = Files.readAllLines(file).stream()
        .filter(line -> line.startsWith("export ")).toList();
    assertThat(exports).hasSize(2);
    assertThat(run.out().lines()).containsSubsequence(exports);
  }

  @Test
  void anExistingFileIsNeverWrittenOverAndNobodyIsAskedToSignIn() throws Exception {
    Path file = Files.writeString(dir.resolve("notes.txt"), "my notes\n");

    Cli.Run run = run("token", "--client-id", "my-app-id", "--out", file.toString(), "outlook");

    assertThat(run.exitCode()).isEqualTo(Main.USAGE);
    assertThat(run.err()).contains("error: " + file + " exists; name a new file: tokens are"
        + " never written over another file");
    assertThat(run.out()).isEmpty();
    assertThat(Files.readString(file)).isEqualTo("my notes\n");
    assertThat(endpoint.requests()).isEmpty();
  }

  @Test
  void withoutOutOrPrintTokenNothingStarts() {
    Cli.Run run = run("token", "--client-id", "my-app-id", "outlook");

    assertThat(run.exitCode()).isEqualTo(Main.USAGE);
    assertThat(run.err()).contains("error: say where the tokens go: --out <file> (readable by"
        + " you only) or --print-token");
    assertThat(endpoint.requests()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "anna@gmail.com | Gmail has no device-code sign-in for mail: Google's device flow grants"
          + " only a limited set of scopes, and Gmail's mail scope https://mail.google.com/ is"
          + " not among them",
      "yahoo | Yahoo Mail has no device-code sign-in for mail: Yahoo Mail publishes no"
          + " device-authorization endpoint",
      "gmx | GMX signs in with passwords or app passwords only; it has no OAuth 2.0 for mail",
      "nobody.example | no provider is known for nobody.example"})
  void aProviderWithoutADeviceFlowIsAUsageErrorSayingWhy(String provider, String message) {
    Cli.Run run = run("token", "--client-id", "my-app-id", "--out",
        dir.resolve("t").toString(), provider);

    assertThat(run.exitCode()).isEqualTo(Main.USAGE);
    assertThat(run.err()).startsWith("error: " + message);
    assertThat(endpoint.requests()).isEmpty();
    assertThat(dir.resolve("t")).doesNotExist();
  }

  @Test
  void aDeclinedSignInIsAProblemWithAdviceAndNoFile() {
    deviceAnswer();
    endpoint.answer(400, "{\"error\":\"authorization_pending\"}");
    endpoint.answer(400, "{\"error\":\"access_denied\",\"error_description\":\"" + DEVICE_CODE
        + "\"}");
    Path file = dir.resolve("sam.tokens");

    Cli.Run run = run("token", "--client-id", "my-app-id", "--out", file.toString(), "outlook");

    assertThat(run.exitCode()).isEqualTo(Main.PROBLEM);
    assertThat(run.err()).contains("error: no tokens: device code: the endpoint answered"
        + " access_denied (HTTP 400)").contains("the sign-in was declined");
    assertThat(run.out()).contains(USER_CODE).doesNotContain("Signed in");
    assertNoSecret(run);
    assertThat(file).doesNotExist();
  }

  @Test
  void aProviderThatFailsOnItsSideIsAProblemToRetryLater() {
    endpoint.answer(503, "{\"error\":\"temporarily_unavailable\"}");

    Cli.Run run = run("token", "--client-id", "my-app-id", "--print-token", "outlook");

    assertThat(run.exitCode()).isEqualTo(Main.PROBLEM);
    assertThat(run.err()).contains("error: no tokens: device authorization: the endpoint"
        + " answered temporarily_unavailable (HTTP 503)").contains("try again later");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aClientIdTheProviderRefusesIsAUsageErrorNamingTheScopes() {
    endpoint.answer(400, "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000218\"}");

    Cli.Run run = run("token", "--client-id", "not-registered", "--print-token", "microsoft365");

    assertThat(run.exitCode()).isEqualTo(Main.USAGE);
    assertThat(run.err()).contains("error: no tokens: device authorization: the endpoint"
        + " answered invalid_client (HTTP 400)")
        .contains("check --client-id: the app must be registered with Microsoft 365")
        .contains("https://outlook.office.com/IMAP.AccessAsUser.All");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void tenantReplacesMicrosoftsTenantInEveryEndpoint() {
    deviceAnswer();
    endpoint.answer(200, GRANTED);

    Cli.Run run = run("token", "--client-id", "my-app-id", "--tenant",
        "contoso.onmicrosoft.com", "--print-token", "microsoft365");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(supports).singleElement().satisfies(s -> {
      assertThat(s.tokenEndpoint()).hasToString(
          "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token");
      assertThat(s.deviceAuthorizationEndpoint()).hasValueSatisfying(uri -> assertThat(uri)
          .hasToString("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/"
              + "devicecode"));
      assertThat(s.authorizationEndpoint()).hasToString(
          "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize");
    });
  }

  @Test
  void aTenantThatIsNoTenantIdIsRefused() {
    Cli.Run run = run("token", "--client-id", "my-app-id", "--tenant", "../evil",
        "--print-token", "outlook");

    assertThat(run.exitCode()).isEqualTo(Main.USAGE);
    assertThat(run.err()).contains("--tenant must be a tenant id or domain");
    assertThat(endpoint.requests()).isEmpty();
  }

  @Test
  void theClientIdIsRequiredAndHelpShowsTheOptions() {
    Cli.Run missing = Cli.run("token", "--out", "x", "outlook");
    assertThat(missing.exitCode()).isEqualTo(Main.USAGE);
    assertThat(missing.err()).contains("Missing required option: '--client-id=<id>'");

    Cli.Run help = Cli.run("token", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).startsWith("Usage: java -jar lumyvo-examples.jar token")
        .contains("--client-id", "--tenant", "--out", "--print-token");
  }

  /**
   * Device and token endpoints on loopback answering from a script, one answer per request,
   * recording each request's form fields with its path under "path".
   */
  private static final class Endpoint implements AutoCloseable {
    private final HttpServer server;
    private final Deque<String[]> script = new ArrayDeque<>();
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

    Endpoint() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", this::handle);
      server.start();
    }

    URI uri(String path) {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    synchronized void answer(int status, String body) {
      script.add(new String[] {Integer.toString(status), body});
    }

    List<Map<String, String>> requests() {
      return new ArrayList<>(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> form = new LinkedHashMap<>();
      form.put("path", exchange.getRequestURI().getPath());
      for (String pair : body.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      requests.add(form);
      String[] answer;
      synchronized (this) {
        answer = script.isEmpty()
            ? new String[] {"500", "{\"error\":\"server_error\"}"} : script.poll();
      }
      byte[] bytes = answer[1].getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(Integer.parseInt(answer[0]), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
