package com.lumyvo.examples;

import com.lumyvo.providers.EmailAddress;
import com.lumyvo.providers.Prerequisite;
import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.ProviderRegistry;
import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.ServerEndpoint;
import com.lumyvo.providers.SetupGuide;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/** {@code lookup <address>...}: everything a person needs to connect each address. */
final class LookupCommand {
  private final PrintStream out;
  private final PrintStream err;
  private final ProviderRegistry registry = ProviderRegistry.defaults();
  private boolean json;

  LookupCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] args) {
    boolean json = java.util.Arrays.asList(args).contains("--json");
    String[] addresses = java.util.Arrays.stream(args).filter(a -> !a.equals("--json"))
        .toArray(String[]::new);
    this.json = json;
    if (addresses.length == 0) {
      err.println("usage: lookup [--json] <address>...   for example: lookup anna@gmx.de");
      return Main.USAGE;
    }
    int worst = Main.OK;
    for (int i = 0; i < addresses.length; i++) {
      if (i > 0 && !json) {
        out.println();
      }
      worst = Math.max(worst, lookup(addresses[i]));
    }
    return worst;
  }

  private int lookup(String input) {
    EmailAddress address;
    Optional<ProviderDescriptor> found;
    try {
      address = EmailAddress.parse(input);
      found = registry.lookup(address.domain());
    } catch (IllegalArgumentException e) {
      err.println("error: not a valid email address: " + e.getMessage());
      return Main.USAGE;
    }
    if (found.isEmpty()) {
      err.println("error: no built-in provider serves " + address.domain()
          + "; known providers: " + registry.all().stream().map(ProviderDescriptor::id).toList());
      return Main.USAGE;
    }
    if (json) {
      out.println(json(found.get()));
    } else {
      print(address, found.get());
    }
    return Main.OK;
  }

  private void print(EmailAddress address, ProviderDescriptor provider) {
    out.println(address + " → " + provider.displayName()
        + provider.region().map(r -> " (" + r.displayName() + ")").orElse(""));
    out.println();
    row("IMAP server", provider.imap().toString());
    List<ServerEndpoint> smtp = provider.smtp();
    row("SMTP server", smtp.get(0).toString());
    for (ServerEndpoint alternative : smtp.subList(1, smtp.size())) {
      row("  alternative", alternative.toString());
    }
    row("IMAP login", provider.login(Protocol.IMAP, address));
    row("SMTP login", provider.login(Protocol.SMTP, address));
    row("App password", provider.appPasswordPolicy().required()
        ? "required" + provider.appPasswordPolicy().format()
            .map(f -> " (" + f.describe() + ")").orElse("")
        : "recommended (the regular password also works)");

    out.println();
    out.println("Before you start:");
    numbered(provider.prerequisites().stream().map(Prerequisite::description).toList());

    SetupGuide guide = provider.setupGuide();
    if (!guide.enableAccessSteps().isEmpty()) {
      out.println();
      out.println("Switch on IMAP access:");
      numbered(guide.enableAccessSteps());
    }
    out.println();
    out.println("Create an app password"
        + guide.startPage().map(page -> " (" + page + ")").orElse("") + ":");
    numbered(guide.appPasswordSteps());
    guide.revocation().ifPresent(path -> {
      out.println();
      out.println("To revoke it later: " + path);
    });
    if (!guide.notes().isEmpty()) {
      out.println();
      out.println("Good to know:");
      guide.notes().forEach(note -> out.println("  - " + note));
    }
  }

  /** The documented shape: {"id", "imap": {"host","port","security"}, "smtp": [...]}. */
  static String json(ProviderDescriptor provider) {
    return "{\"id\":" + Json.string(provider.id()) + ",\"imap\":" + json(provider.imap())
        + ",\"smtp\":[" + String.join(",", provider.smtp().stream().map(LookupCommand::json)
            .toList()) + "]}";
  }

  private static String json(ServerEndpoint endpoint) {
    return "{\"host\":" + Json.string(endpoint.host()) + ",\"port\":" + endpoint.port()
        + ",\"security\":" + Json.string(endpoint.security().name()) + "}";
  }

  private void row(String label, String value) {
    out.printf("  %-14s %s%n", label, value);
  }

  private void numbered(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      out.printf("  %d. %s%n", i + 1, lines.get(i));
    }
  }
}
