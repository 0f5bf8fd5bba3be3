package com.lumyvo.examples;

import com.lumyvo.providers.mail.verify.VerificationResult;
import com.lumyvo.providers.mail.verify.ProtocolCheck;
import com.lumyvo.providers.mail.verify.ProbeResult;
import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.EmailAddress;
import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.ProviderRegistry;
import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.discovery.Discovery;
import com.lumyvo.providers.discovery.DiscoveryResult;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
import com.lumyvo.providers.mail.Timeouts;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code verify <address>}: logs in to the real provider's IMAP and SMTP and prints each result.
 * The app password comes from {@code LUMYVO_APP_PASSWORD} or a prompt without echo, never from
 * an argument, where it would land in shell history and process lists.
 */
final class VerifyCommand {
  static final String PASSWORD_VARIABLE = "LUMYVO_APP_PASSWORD";
  private static final String USAGE = "usage: verify [--json] [--offline] [--imap-host H --imap-port P"
      + " --imap-security ssl_tls|starttls|plain] [--smtp-host H --smtp-port P --smtp-security S]"
      + " [--login L] [--trust-store FILE --trust-store-password PW] [--timeout SECONDS] <address>";

  private final PrintStream out;
  private final PrintStream err;
  private final Function<String, String> environment;
  private final Console console;
  private final Supplier<Discovery> discovery;

  VerifyCommand(PrintStream out, PrintStream err, Function<String, String> environment,
      Console console, Supplier<Discovery> discovery) {
    this.out = out;
    this.err = err;
    this.environment = environment;
    this.console = console;
    this.discovery = discovery;
  }

  int run(String[] args) {
    Map<String, String> options = new HashMap<>();
    String address = null;
    boolean json = false;
    boolean offline = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--json")) {
        json = true;
      } else if (args[i].equals("--offline")) {
        offline = true;
      } else if (args[i].startsWith("--")) {
        if (i + 1 == args.length) {
          return usage(args[i] + " needs a value");
        }
        options.put(args[i].substring(2), args[++i]);
      } else if (address == null) {
        address = args[i];
      } else {
        return usage("one address at a time");
      }
    }
    if (address == null) {
      return usage("no address given");
    }
    AppPassword password;
    try {
      password = password();
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return Main.USAGE;
    }
    MailAccount account;
    MailConnector connector;
    try {
      MailAccount.Builder builder = MailAccount.builder(address, password);
      Optional<ServerEndpoint> imap = endpoint(options, "imap");
      Optional<ServerEndpoint> smtp = endpoint(options, "smtp");
      imap.ifPresent(builder::imap);
      smtp.ifPresent(builder::smtp);
      if (options.containsKey("login")) {
        builder.login(Protocol.IMAP, options.get("login"));
        builder.login(Protocol.SMTP, options.get("login"));
      }
      MailConnector.Builder connect = MailConnector.builder();
      if (options.containsKey("timeout")) {
        Duration timeout = Duration.ofSeconds(Long.parseLong(options.get("timeout")));
        connect.timeouts(Timeouts.builder().connect(timeout).read(timeout).write(timeout).build()).deadline(timeout.multipliedBy(4));
      }
      if (options.containsKey("trust-store")) {
        connect.trustStore(trustStore(options.get("trust-store"),
            options.getOrDefault("trust-store-password", "")));
      }
      connector = connect.build();
      String domain = EmailAddress.parse(address).domain();
      if (!offline && imap.isEmpty() && smtp.isEmpty()
          && ProviderRegistry.defaults().lookup(domain).isEmpty()) {
        Optional<ProviderDescriptor> found = discover(address, connector, json);
        if (found.isEmpty()) {
          return Main.PROBLEM;
        }
        builder.provider(found.get());
      }
      account = builder.build();
    } catch (IllegalArgumentException | IOException | GeneralSecurityException e) {
      return usage(e.getMessage());
    }
    VerificationResult result = connector.verify(account);
    if (json) {
      out.println("{\"imap\":" + json(result.imap()) + ",\"smtp\":" + json(result.smtp()) + "}");
    } else {
      out.println(account.address() + " at " + account.provider().displayName());
      print(result.imap());
      print(result.smtp());
    }
    return result.ok() ? Main.OK : Main.PROBLEM;
  }

  /**
   * The servers of a domain the registry does not know: discovered, and unless they are a known
   * provider's, probed before the password goes to them (guesses must be; published servers are
   * checked too, which also keeps them off private addresses). Servers that DNS alone moved
   * outside the domain are not used without the person's say-so, given as explicit --imap-host
   * and --smtp-host.
   */
  private Optional<ProviderDescriptor> discover(String address, MailConnector connector,
      boolean json) {
    DiscoveryResult found = discovery.get().discover(address);
    PrintStream notes = json ? err : out;
    notes.println("discovered " + found.provider().displayName() + " by " + found.method()
        + ": IMAP " + found.candidates(Protocol.IMAP).get(0)
        + ", SMTP " + found.candidates(Protocol.SMTP).get(0));
    if (found.caution().isPresent()) {
      err.println("error: " + found.caution().get());
      err.println("       if you trust them, name them with --imap-host and --smtp-host");
      return Optional.empty();
    }
    if (found.isKnownProvider()) {
      return Optional.of(found.provider());
    }
    ProbeResult probe = connector.probe(found);
    if (probe.provider().isEmpty()) {
      err.println("error: no discovered IMAP and SMTP server both answered like mail servers"
          + " over TLS:");
      for (ProtocolCheck check : List.of(probe.imap(), probe.smtp())) {
        check.attempts().forEach(attempt -> err.println("       " + check.protocol() + " "
            + attempt.endpoint() + ": " + attempt.failure().map(d -> d.kind() + ", "
                + d.serverReply().orElse(d.summary())).orElse("answered")));
      }
      return Optional.empty();
    }
    notes.println("probed: IMAP " + probe.imap().endpoint() + " and SMTP "
        + probe.smtp().endpoint() + " answered over TLS");
    return probe.provider();
  }

  private AppPassword password() {
    String fromEnvironment = environment.apply(PASSWORD_VARIABLE);
    if (fromEnvironment != null) {
      return AppPassword.of(fromEnvironment);
    }
    if (console == null) {
      throw new IllegalArgumentException("set " + PASSWORD_VARIABLE
          + " or run in a terminal to be asked for the app password");
    }
    char[] typed = console.readPassword("App password: ");
    if (typed == null) {
      throw new IllegalArgumentException("no app password given");
    }
    try {
      return AppPassword.of(java.nio.CharBuffer.wrap(typed));
    } finally {
      java.util.Arrays.fill(typed, '\0');
    }
  }

  private static java.util.Optional<ServerEndpoint> endpoint(Map<String, String> options,
      String protocol) {
    String host = options.get(protocol + "-host");
    if (host == null) {
      return java.util.Optional.empty();
    }
    Security security = Security.valueOf(options.getOrDefault(protocol + "-security", "ssl_tls")
        .toUpperCase(Locale.ROOT));
    int port = Integer.parseInt(options.getOrDefault(protocol + "-port",
        protocol.equals("imap") ? (security == Security.SSL_TLS ? "993" : "143")
            : (security == Security.SSL_TLS ? "465" : "587")));
    return java.util.Optional.of(ServerEndpoint.of(host, port, security));
  }

  private static KeyStore trustStore(String file, String password)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      store.load(in, password.toCharArray());
    }
    return store;
  }

  private void print(ProtocolCheck check) {
    if (check.ok()) {
      out.printf("  %-4s ok    %s, %d ms%n", check.protocol(), check.endpoint(),
          check.elapsed().toMillis());
      return;
    }
    Diagnosis d = check.diagnosis().orElseThrow();
    out.printf("  %-4s FAIL  %s at %s on %s%n", check.protocol(), d.kind(),
        check.failedStep().orElseThrow(), check.endpoint());
    out.println("        " + d.summary());
    for (int i = 0; i < d.solutions().size(); i++) {
      out.println("        " + (i + 1) + ". " + d.solutions().get(i));
    }
    d.providerHints().forEach(h -> out.println("        - " + h));
  }

  /** The documented shape: {"ok", "kind"}; kind is null when ok. */
  static String json(ProtocolCheck check) {
    return "{\"ok\":" + check.ok() + ",\"kind\":" + check.diagnosis()
        .map(d -> Json.string(d.kind().name())).orElse("null") + ",\"step\":"
        + check.failedStep().map(s -> Json.string(s.name())).orElse("null") + "}";
  }

  private int usage(String problem) {
    err.println("error: " + problem);
    err.println(USAGE);
    return Main.USAGE;
  }
}
