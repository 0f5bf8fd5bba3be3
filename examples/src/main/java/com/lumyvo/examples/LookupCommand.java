package com.lumyvo.examples;

import com.lumyvo.providers.EmailAddress;
import com.lumyvo.providers.LoginName;
import com.lumyvo.providers.Prerequisite;
import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.ProviderRegistry;
import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.ServerEndpoint;
import com.lumyvo.providers.SetupGuide;
import com.lumyvo.providers.discovery.DiscoveryMethod;
import com.lumyvo.providers.discovery.DiscoveryResult;
import com.lumyvo.providers.discovery.DiscoveryStep;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lookup [--offline] [--json] <address>...}: everything a person needs to connect each
 * address. Addresses on domains the registry does not know go through discovery (MX, SRV,
 * autoconfig, guesses) unless {@code --offline} asks for the registry alone.
 *
 * <p>Each address is answered on its own: one that cannot be looked up gets its error (with
 * {@code --json}, an error object with its {@code "address"} on its line) and the others are
 * still answered; the exit code is the worst of them.
 */
@Command(name = "lookup", sortOptions = false,
    description = {"Provider, servers, login names, prerequisites and setup guide of each"
        + " address.",
        "%nAddresses on domains the registry does not know are discovered through MX, SRV,"
            + " autoconfig and guesses, unless --offline."},
    footer = {"%nExample:%n  java -jar lumyvo-examples.jar lookup --offline anna@gmx.de%n"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {Main.EXIT_OK, "1:the run failed unforeseen", Main.EXIT_USAGE})
final class LookupCommand implements Callable<Integer> {
  private final Context context;
  private final ProviderRegistry registry = ProviderRegistry.defaults();

  @Mixin HelpOption help;

  @Mixin LangOption lang;

  @Option(names = "--offline", description = "Use the built-in registry only; no network.")
  boolean offline;

  @Option(names = "--json", description = "One JSON object per address, one per line.")
  boolean json;

  @Parameters(paramLabel = "<address>", arity = "1..*", description = "Email addresses.")
  List<String> addresses;

  LookupCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    int worst = Main.OK;
    for (int i = 0; i < addresses.size(); i++) {
      if (i > 0 && !json) {
        context.out().println();
      }
      String address = addresses.get(i);
      try {
        lookup(address);
      } catch (Failure failure) {
        worst = Math.max(worst, failure.exitCode());
        context.err().println("error: " + failure.getMessage());
        if (json) {
          String error = Reporting.errorJson(failure.getMessage(), failure.exitCode(),
              failure.details(), List.of());
          context.out().println("{\"address\":" + Json.string(address) + "," + error.substring(1));
        }
      }
    }
    return worst;
  }

  private void lookup(String input) {
    EmailAddress address;
    try {
      address = EmailAddress.parse(input);
    } catch (IllegalArgumentException e) {
      throw Failure.usage("not a valid email address: " + e.getMessage());
    }
    if (offline) {
      Optional<ProviderDescriptor> found = registry.lookup(address.domain());
      if (found.isEmpty()) {
        throw Failure.usage("no built-in provider serves " + address.domain()
            + "; known providers: " + registry.all().stream().map(ProviderDescriptor::id)
            .toList() + "; without --offline, lookup asks DNS and the domain's web server");
      }
      if (json) {
        context.out().println(json(found.get()));
      } else {
        print(address, found.get(), null);
      }
      return;
    }
    DiscoveryResult result;
    try {
      result = context.discovery().get().discover(address.toString());
    } catch (IllegalArgumentException e) {
      throw Failure.usage("cannot discover " + address.domain() + ": " + e.getMessage());
    }
    if (json) {
      context.out().println(json(result));
    } else {
      print(address, result.provider(), result);
    }
  }

  private void print(EmailAddress address, ProviderDescriptor provider, DiscoveryResult found) {
    PrintStream out = context.out();
    out.println(address + " → " + provider.displayName()
        + provider.region().map(r -> " (" + r.displayName() + ")").orElse("")
        + (provider.isCustomDomain() ? ", your own domain" : ""));
    if (found != null) {
      out.println();
      out.println("Found by " + describe(found.method()) + ":");
      for (DiscoveryStep step : found.steps()) {
        out.printf("  %-10s %-9s %s%n", step.method(), step.outcome(), step.detail());
      }
      found.caution(lang.locale).ifPresent(caution -> {
        out.println();
        out.println("Caution: " + caution);
      });
    }
    out.println();
    if (found != null && found.needsProbe()) {
      out.println("Nothing is published for " + address.domain() + "; these guesses must be"
          + " probed (verify does) before a password is sent:");
      found.candidates(Protocol.IMAP).forEach(e -> row("IMAP guess", e.toString()));
      found.candidates(Protocol.SMTP).forEach(e -> row("SMTP guess", e.toString()));
    } else {
      List<ServerEndpoint> imap = found != null ? found.candidates(Protocol.IMAP)
          : List.of(provider.imap());
      row("IMAP server", imap.get(0).toString());
      for (ServerEndpoint alternative : imap.subList(1, imap.size())) {
        row("  alternative", alternative.toString());
      }
      List<ServerEndpoint> smtp = provider.smtp();
      row("SMTP server", smtp.get(0).toString());
      for (ServerEndpoint alternative : smtp.subList(1, smtp.size())) {
        row("  alternative", alternative.toString());
      }
    }
    row("IMAP login", login(provider, Protocol.IMAP, address));
    row("SMTP login", login(provider, Protocol.SMTP, address));
    if (provider.appPasswordPolicy().oauthOnly()) {
      row("Sign-in", "OAuth 2.0 only: " + provider.displayName() + " refuses passwords from mail"
          + " apps, app passwords included; connect it with an access token");
    } else if (found == null || found.isKnownProvider()) {
      row("App password", provider.appPasswordPolicy().required()
          ? "required" + provider.appPasswordPolicy().format()
              .map(f -> " (" + f.describe(lang.locale) + ")").orElse("")
          : "recommended (the regular password also works)");
    } else {
      row("Password", "not a provider we know: use the password or app password your mail"
          + " host gave you");
    }
    provider.oauth().ifPresent(oauth -> {
      row("OAuth token", oauth.tokenEndpoint().toString());
      row("OAuth scopes", String.join(" ", oauth.scopes()));
    });
    if (found != null && !found.isKnownProvider()) {
      return;
    }

    List<Prerequisite> prerequisites = provider.prerequisites(lang.locale);
    if (!prerequisites.isEmpty()) {
      out.println();
      out.println("Before you start:");
      numbered(prerequisites.stream().map(Prerequisite::description).toList());
    }

    SetupGuide guide = provider.setupGuide(lang.locale);
    if (!guide.enableAccessSteps().isEmpty()) {
      out.println();
      out.println("Switch on IMAP access:");
      numbered(guide.enableAccessSteps());
    }
    // A guide explains the paths the provider offers: the app password, OAuth 2.0 or both; a
    // heading without steps under it would send a person looking for a password that no step
    // creates (Outlook.com, Microsoft 365).
    boolean appPassword = !guide.appPasswordSteps().isEmpty();
    if (appPassword) {
      out.println();
      out.println("Create an app password"
          + guide.startPage().map(page -> " (" + page + ")").orElse("") + ":");
      numbered(guide.appPasswordSteps());
    }
    guide.revocation().ifPresent(path -> {
      out.println();
      out.println("To revoke it later: " + path);
    });
    if (!guide.oauthSteps().isEmpty()) {
      out.println();
      out.println(appPassword ? "Or connect with OAuth 2.0, without a password:"
          : "Connect with OAuth 2.0:");
      numbered(guide.oauthSteps());
      out.println("  What must be in place first:");
      guide.oauthRequirements().forEach(requirement -> out.println("  - " + requirement));
      guide.oauthRevocation().ifPresent(path -> {
        out.println();
        out.println("To withdraw that access later: " + path);
      });
    }
    if (!guide.notes().isEmpty()) {
      out.println();
      out.println("Good to know:");
      guide.notes().forEach(note -> out.println("  - " + note));
    }
  }

  private static String login(ProviderDescriptor provider, Protocol protocol,
      EmailAddress address) {
    LoginName name = provider.loginName(protocol);
    return name.isDerivedFromAddress() ? name.of(address)
        : "the address of your own " + provider.displayName() + " account (not " + address
            + "); only you know it";
  }

  private static String describe(DiscoveryMethod method) {
    return switch (method) {
      case DOMAIN -> "the address's domain";
      case MX -> "the domain's mail exchangers (MX)";
      case SRV -> "the domain's SRV records (RFC 6186)";
      case AUTOCONFIG -> "the domain's autoconfig file";
      case GUESS -> "guessing";
    };
  }

  /** The documented shape: {"id", "imap": {"host","port","security"}, "smtp": [...]}. */
  static String json(ProviderDescriptor provider) {
    return "{\"id\":" + Json.string(provider.id()) + ",\"imap\":" + json(provider.imap())
        + ",\"smtp\":[" + String.join(",", provider.smtp().stream().map(LookupCommand::json)
            .toList()) + "]}";
  }

  /**
   * The offline shape plus how it was found: {"id", "imap", "smtp", "method", "knownProvider",
   * "customDomain", "region", "needsProbe", "imapCandidates", "steps": [{"method", "outcome",
   * "detail", "millis"}]}.
   */
  static String json(DiscoveryResult result) {
    ProviderDescriptor provider = result.provider();
    String base = json(provider);
    return base.substring(0, base.length() - 1)
        + ",\"method\":" + Json.string(result.method().name())
        + ",\"knownProvider\":" + result.isKnownProvider()
        + ",\"customDomain\":" + provider.isCustomDomain()
        + ",\"region\":" + provider.region().map(r -> Json.string(r.id())).orElse("null")
        + ",\"needsProbe\":" + result.needsProbe()
        + ",\"imapCandidates\":[" + String.join(",", result.candidates(Protocol.IMAP).stream()
            .map(LookupCommand::json).toList()) + "]"
        + ",\"steps\":[" + String.join(",", result.steps().stream().map(step ->
            "{\"method\":" + Json.string(step.method().name())
                + ",\"outcome\":" + Json.string(step.outcome().name())
                + ",\"detail\":" + Json.string(step.detail())
                + ",\"millis\":" + step.took().toMillis() + "}").toList()) + "]}";
  }

  private static String json(ServerEndpoint endpoint) {
    return "{\"host\":" + Json.string(endpoint.host()) + ",\"port\":" + endpoint.port()
        + ",\"security\":" + Json.string(endpoint.security().name()) + "}";
  }

  private void row(String label, String value) {
    context.out().printf("  %-14s %s%n", label, value);
  }

  private void numbered(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      context.out().printf("  %d. %s%n", i + 1, lines.get(i));
    }
  }
}
