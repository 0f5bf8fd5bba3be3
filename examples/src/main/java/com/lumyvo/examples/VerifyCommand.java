package com.lumyvo.examples;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.EmailAddress;
import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.ProviderRegistry;
import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.discovery.DiscoveryResult;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
import com.lumyvo.providers.mail.Timeouts;
import com.lumyvo.providers.mail.verify.ProbeResult;
import com.lumyvo.providers.mail.verify.ProtocolCheck;
import com.lumyvo.providers.mail.verify.VerificationResult;
import com.lumyvo.providers.oauth.AccessToken;
import com.lumyvo.providers.oauth.TokenSource;
import java.io.PrintStream;
import java.nio.CharBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code verify <address>}: logs in to the real provider's IMAP and SMTP and prints each result.
 * The app password comes from {@code LUMYVO_APP_PASSWORD} or a prompt without echo, never from
 * an argument, where it would land in shell history and process lists; so does the trust store's
 * ({@link TrustStores}). An OAuth 2.0 access token, for Outlook.com, Microsoft 365 and the other
 * providers that take one, comes from the environment variable {@code --token-env} names: the
 * option carries the variable's name, never the token.
 *
 * <p>Every value is checked before anything is sent, and a server option without its host is
 * refused: a port or security that silently did not apply would send the password to servers the
 * person did not choose.
 */
@Command(name = "verify", sortOptions = false,
    description = {"Log in to IMAP and SMTP and say what works and what to do about what does"
        + " not.",
        "%nThe app password comes from LUMYVO_APP_PASSWORD or a prompt without echo, never from"
            + " an argument. Domains the registry does not know are discovered (MX, SRV,"
            + " autoconfig, guesses) and the servers found are probed before the password goes"
            + " to them; --offline keeps to the registry."},
    footer = {"%nExample, a self-hosted server:",
        "  LUMYVO_APP_PASSWORD=... java -jar lumyvo-examples.jar verify \\",
        "    --imap-host mail.example.org --smtp-host mail.example.org anna@example.org%n"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {Main.EXIT_OK, Main.EXIT_PROBLEM, Main.EXIT_USAGE})
final class VerifyCommand implements Callable<Integer> {
  static final String PASSWORD_VARIABLE = "LUMYVO_APP_PASSWORD";

  private final Context context;

  @Mixin HelpOption help;

  @Mixin LangOption lang;

  @Option(names = "--json", description = "Print one JSON object: {\"imap\": {\"ok\", \"kind\","
      + " \"step\"}, \"smtp\": {...}}, or the error object.")
  boolean json;

  @Option(names = "--offline", description = "Use the built-in registry only; no discovery.")
  boolean offline;

  @Option(names = "--imap-host", paramLabel = "<host>",
      description = "IMAP server, instead of the provider's.")
  String imapHost;

  @Option(names = "--imap-port", paramLabel = "<port>", converter = Values.Port.class,
      description = "IMAP port, 1 to 65535 (default 993 with ssl_tls, else 143).")
  Integer imapPort;

  @Option(names = "--imap-security", paramLabel = "<security>",
      converter = Values.SecurityMode.class,
      description = "ssl_tls (default), starttls or plain.")
  Security imapSecurity;

  @Option(names = "--smtp-host", paramLabel = "<host>",
      description = "SMTP server, instead of the provider's.")
  String smtpHost;

  @Option(names = "--smtp-port", paramLabel = "<port>", converter = Values.Port.class,
      description = "SMTP port, 1 to 65535 (default 465 with ssl_tls, else 587).")
  Integer smtpPort;

  @Option(names = "--smtp-security", paramLabel = "<security>",
      converter = Values.SecurityMode.class,
      description = "ssl_tls (default), starttls or plain.")
  Security smtpSecurity;

  @Option(names = "--login", paramLabel = "<name>",
      description = "Login name for IMAP and SMTP, when it is not the one the provider derives"
          + " from the address.")
  String login;

  @Option(names = "--token-env", paramLabel = "<variable>",
      description = "Sign in with an OAuth 2.0 access token instead of an app password, read"
          + " from this environment variable (its name, never the token itself, goes here);"
          + " the token is sent over SASL OAUTHBEARER or XOAUTH2 and cannot be refreshed.")
  String tokenVariable;

  @Option(names = "--trust-store", paramLabel = "<file>",
      description = "PKCS12 or JKS file of the certificates to trust, for servers with a private"
          + " CA; its password from " + TrustStores.PASSWORD_VARIABLE + " or a prompt.")
  Path trustStore;

  @Option(names = "--timeout", paramLabel = "<duration>", converter = Values.Timeout.class,
      description = "Connect, read and write timeout: seconds (10) or 500ms, 10s, 2m; the whole"
          + " verification may take four times as long.")
  Duration timeout;

  @Parameters(paramLabel = "<address>", description = "The mailbox's email address.")
  String address;

  VerifyCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    EmailAddress parsed = parse(address);
    Optional<ServerEndpoint> imap = endpoint("imap", imapHost, imapPort, imapSecurity, 993, 143);
    Optional<ServerEndpoint> smtp = endpoint("smtp", smtpHost, smtpPort, smtpSecurity, 465, 587);
    boolean known = ProviderRegistry.defaults().lookup(parsed.domain()).isPresent();
    if (offline && !known && (imap.isEmpty() || smtp.isEmpty())) {
      throw Failure.usage("no provider is known for " + parsed.domain() + "; name its servers"
          + " with --imap-host and --smtp-host, or leave out --offline to discover them");
    }
    MailConnector.Builder connect = MailConnector.builder();
    if (timeout != null) {
      connect.timeouts(Timeouts.builder().connect(timeout).read(timeout).write(timeout).build())
          .deadline(timeout.multipliedBy(4));
    }
    if (trustStore != null) {
      try {
        connect.trustStore(TrustStores.load(trustStore, context));
      } catch (IllegalArgumentException e) {
        throw Failure.usage(e.getMessage());
      }
    }
    MailConnector connector = connect.build();
    MailAccount account;
    try {
      MailAccount.Builder builder = tokenVariable != null
          ? MailAccount.builder(parsed.toString(), TokenSource.fixed(token()))
          : MailAccount.builder(parsed.toString(), password());
      imap.ifPresent(builder::imap);
      smtp.ifPresent(builder::smtp);
      if (login != null) {
        builder.login(Protocol.IMAP, login);
        builder.login(Protocol.SMTP, login);
      }
      if (!offline && imap.isEmpty() && smtp.isEmpty() && !known) {
        builder.provider(discover(parsed, connector));
      }
      account = builder.build();
    } catch (IllegalArgumentException e) {
      throw Failure.usage(e.getMessage());
    }
    VerificationResult result = connector.verify(account);
    PrintStream out = context.out();
    if (json) {
      out.println("{\"imap\":" + json(result.imap()) + ",\"smtp\":" + json(result.smtp())
          + ",\"first\":" + result.diagnosedCheck()
              .map(check -> Json.string(check.protocol().name())).orElse("null") + "}");
    } else {
      out.println(account.address() + " at " + account.provider().displayName());
      // The one diagnosis a person should act on first, then both checks in full.
      result.diagnosedCheck().ifPresent(check -> out.println("First: "
          + check.diagnosis().orElseThrow().in(lang.locale).summary() + " ("
          + check.protocol() + ")"));
      print(result.imap());
      print(result.smtp());
    }
    return result.ok() ? Main.OK : Main.PROBLEM;
  }

  private static EmailAddress parse(String address) {
    try {
      return EmailAddress.parse(address);
    } catch (IllegalArgumentException e) {
      throw Failure.usage("not a valid email address: " + e.getMessage());
    }
  }

  /**
   * The servers of a domain the registry does not know: discovered, and unless they are a known
   * provider's, probed before the password goes to them (guesses must be; published servers are
   * checked too, which also keeps them off private addresses). Servers that DNS alone moved
   * outside the domain are not used without the person's say-so, given as explicit --imap-host
   * and --smtp-host.
   */
  private ProviderDescriptor discover(EmailAddress address, MailConnector connector) {
    DiscoveryResult found;
    try {
      found = context.discovery().get().discover(address.toString());
    } catch (IllegalArgumentException e) {
      throw Failure.usage("cannot discover " + address.domain() + ": " + e.getMessage());
    }
    // With --json, standard output holds the one JSON object; the story goes to standard error.
    PrintStream notes = json ? context.err() : context.out();
    notes.println("discovered " + found.provider().displayName() + " by " + found.method()
        + ": IMAP " + found.candidates(Protocol.IMAP).get(0)
        + ", SMTP " + found.candidates(Protocol.SMTP).get(0));
    if (found.caution().isPresent()) {
      throw new Failure(Main.PROBLEM, found.caution(lang.locale).orElseThrow(),
          List.of("if you trust them, name them with --imap-host and --smtp-host"));
    }
    if (found.isKnownProvider()) {
      return found.provider();
    }
    ProbeResult probe = connector.probe(found);
    if (probe.provider().isEmpty()) {
      List<String> attempts = new ArrayList<>();
      for (ProtocolCheck check : List.of(probe.imap(), probe.smtp())) {
        check.attempts().forEach(attempt -> attempts.add(check.protocol() + " "
            + attempt.endpoint() + ": " + attempt.failure().map(d -> d.kind() + ", "
                + d.serverReply().orElse(d.in(lang.locale).summary())).orElse("answered")));
      }
      throw new Failure(Main.PROBLEM, "no discovered IMAP and SMTP server both answered like"
          + " mail servers over TLS, so the password was not sent", attempts);
    }
    notes.println("probed: IMAP " + probe.imap().endpoint() + " and SMTP "
        + probe.smtp().endpoint() + " answered over TLS");
    return probe.provider().get();
  }

  /** The access token from the variable {@code --token-env} names; never echoed. */
  private AccessToken token() {
    String value = context.environment().apply(tokenVariable);
    if (value == null || value.isBlank()) {
      throw Failure.usage("no access token: the environment variable " + tokenVariable
          + " named by --token-env is not set");
    }
    try {
      return AccessToken.of(value.strip());
    } catch (IllegalArgumentException e) {
      // AccessToken's message names a position, never a character of the token.
      throw Failure.usage(tokenVariable + ": " + e.getMessage());
    }
  }

  private AppPassword password() {
    String fromEnvironment = context.environment().apply(PASSWORD_VARIABLE);
    try {
      if (fromEnvironment != null) {
        return AppPassword.of(fromEnvironment);
      }
      char[] typed = context.prompt().ask("App password: ").orElseThrow(() -> Failure.usage(
          "no app password: set " + PASSWORD_VARIABLE
              + " or run in a terminal to be asked for it"));
      try {
        return AppPassword.of(CharBuffer.wrap(typed));
      } finally {
        Arrays.fill(typed, '\0');
      }
    } catch (IllegalArgumentException e) {
      throw Failure.usage(e.getMessage());
    }
  }

  /**
   * The server named by the options, with the usual port for its security when none is given.
   * A port or security without a host is refused rather than ignored.
   */
  private static Optional<ServerEndpoint> endpoint(String protocol, String host, Integer port,
      Security security, int tlsPort, int otherPort) {
    if (host == null) {
      if (port != null || security != null) {
        throw Failure.usage("--" + protocol + (port != null ? "-port" : "-security")
            + " needs --" + protocol + "-host: name the server it applies to");
      }
      return Optional.empty();
    }
    Security mode = security == null ? Security.SSL_TLS : security;
    int number = port != null ? port : mode == Security.SSL_TLS ? tlsPort : otherPort;
    try {
      return Optional.of(ServerEndpoint.of(host, number, mode));
    } catch (IllegalArgumentException e) {
      throw Failure.usage("--" + protocol + "-host: " + e.getMessage());
    }
  }

  private void print(ProtocolCheck check) {
    PrintStream out = context.out();
    if (check.ok()) {
      out.printf("  %-4s ok    %s, %d ms%n", check.protocol(), check.endpoint(),
          check.elapsed().toMillis());
      return;
    }
    Diagnosis d = check.diagnosis().orElseThrow().in(lang.locale);
    out.printf("  %-4s FAIL  %s at %s on %s%n", check.protocol(), d.kind(),
        check.failedStep().orElseThrow(), check.endpoint());
    out.println("        " + d.summary());
    for (int i = 0; i < d.solutions().size(); i++) {
      out.println("        " + (i + 1) + ". " + d.solutions().get(i));
    }
    d.providerHints().forEach(h -> out.println("        - " + h));
  }

  /** The documented shape: {"ok", "kind", "step"}; kind and step are null when ok. */
  static String json(ProtocolCheck check) {
    return "{\"ok\":" + check.ok() + ",\"kind\":" + check.diagnosis()
        .map(d -> Json.string(d.kind().name())).orElse("null") + ",\"step\":"
        + check.failedStep().map(s -> Json.string(s.name())).orElse("null") + "}";
  }
}
