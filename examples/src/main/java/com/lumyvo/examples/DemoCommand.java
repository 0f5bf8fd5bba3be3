package com.lumyvo.examples;

import com.lumyvo.providers.mail.verify.VerificationResult;
import com.lumyvo.providers.mail.verify.ProtocolCheck;
import com.lumyvo.providers.mail.mailbox.MailboxSession;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.mailbox.SyncBatch;
import com.lumyvo.providers.mail.mailbox.MessageSummary;
import com.lumyvo.providers.mail.watch.FolderWatch;
import com.lumyvo.providers.mail.watch.WatchOptions;
import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.AppPasswordCheck;
import com.lumyvo.providers.LoginName;
import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.ProviderRegistry;
import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.discovery.Discovery;
import com.lumyvo.providers.discovery.DiscoveryResult;
import com.lumyvo.providers.discovery.DiscoveryStep;
import com.lumyvo.providers.discovery.DnsResolver;
import com.lumyvo.providers.discovery.StaticDnsResolver;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
import com.lumyvo.providers.mail.testing.FakeProvider;
import com.lumyvo.providers.mail.testing.Fault;
import com.lumyvo.providers.mail.MailOperationException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code demo}: what a support person sees when a customer connects a mailbox, played on a fake
 * Yahoo Mail on this machine (real TLS, real certificate checks, Yahoo's own failure replies):
 * the lookup, the pasted app password, a good account, then each failure our guide documents;
 * next to the good account, an Outlook.com account signing in with an OAuth 2.0 token ({@link
 * OAuthDemo}); then the real work: fetching new mail, sorting, replying and watching.
 *
 * <p>The story is all it prints: prose (summaries, server replies, solutions) is wrapped at
 * {@value #WIDTH} columns between words and never cut.
 */
@Command(name = "demo", sortOptions = false,
    description = {"Verify accounts on a fake Yahoo Mail on this machine (no account needed): a"
        + " good one, then each documented failure with its diagnosis; then fetching, sorting,"
        + " replying and watching; then finding the provider of addresses on people's own"
        + " domains."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {Main.EXIT_OK, Main.EXIT_PROBLEM, Main.EXIT_USAGE})
final class DemoCommand implements Callable<Integer> {
  private static final String ADDRESS = "anna@yahoo.com";
  private static final String PASTED = "abcd efgh ijkl mnop";
  /** Columns of wrapped prose: fits a terminal beside the indentation, reads as a paragraph. */
  static final int WIDTH = 100;

  private final Context context;

  @Mixin HelpOption help;

  @Mixin LangOption lang;

  @Option(names = "--json", description = "Print one JSON object instead of the story.")
  boolean json;

  /** The story's stream: standard output, or nowhere with --json. */
  private PrintStream out;
  private final List<String> jsonScenarios = new java.util.ArrayList<>();
  private final java.util.Map<String, String> jsonMailbox = new java.util.LinkedHashMap<>();
  private final List<String> jsonDiscovery = new java.util.ArrayList<>();

  DemoCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    out = json ? new PrintStream(java.io.OutputStream.nullOutputStream()) : context.out();
    ProviderDescriptor yahoo = ProviderRegistry.defaults().lookup(ADDRESS).orElseThrow();
    out.println("Lumyvo Providers SDK demo: a fake " + yahoo.displayName()
        + " on this machine (TLS with certificate and host-name checks)");
    out.println();
    out.print(Wrap.hanging("1. ", "Look up " + ADDRESS + " → " + yahoo.displayName() + ": IMAP "
        + describe(yahoo.imap()) + ", SMTP " + yahoo.smtp().stream().map(DemoCommand::describe)
        .collect(Collectors.joining(" or ")), WIDTH));
    AppPassword password = AppPassword.of(PASTED);
    AppPasswordCheck check = yahoo.checkAppPassword(password, lang.locale);
    out.print(Wrap.hanging("2. ", "App password pasted as \"" + PASTED + "\": spaces removed; "
        + (check.shouldWarn() ? String.join(" ", check.warnings())
            : "it looks like a " + yahoo.displayName() + " app password"), WIDTH));
    AppPasswordCheck cut = yahoo.checkAppPassword(AppPassword.of("abcd efgh ijkl mno"),
        lang.locale);
    out.print(Wrap.hanging("   ", "Pasted cut short (\"abcd efgh ijkl mno\"), checked before any"
        + " login: " + String.join(" ", cut.warnings()), WIDTH));
    out.println();
    try (FakeProvider fake = FakeProvider.mimicking(yahoo)) {
      MailAccount account = fake.addAccount(ADDRESS, password);
      MailConnector connector = fake.connector();
      scenario("3. A good account", () -> connector.verify(account));
      OAuthDemo oauth = new OAuthDemo();
      scenario(OAuthDemo.TITLE, oauth::verify);
      out.print(Wrap.hanging("     ", oauth.story(), WIDTH));
      out.println();
      out.println("4. The failures our troubleshooting guide documents:");

      fake.inject(Fault.APP_PASSWORD_REQUIRED);
      scenario("Regular password used instead of an app password",
          () -> connector.verify(withPassword(fake, "Summer2024!")));
      fake.heal(Fault.APP_PASSWORD_REQUIRED);

      fake.inject(Fault.IMAP_ACCESS_DISABLED);
      scenario("IMAP access switched off (Yahoo words it like a wrong password)",
          () -> connector.verify(account));
      fake.heal(Fault.IMAP_ACCESS_DISABLED);

      fake.inject(Fault.CONNECTION_REFUSED);
      scenario("Wrong port or a firewall: connection refused", () -> connector.verify(account));
      fake.heal(Fault.CONNECTION_REFUSED);

      MailAccount mistyped = MailAccount.builder(ADDRESS, password).provider(fake.descriptor())
          .imap(ServerEndpoint.of("imap.mail.yahoo.invalid", 993, Security.SSL_TLS))
          .smtp(ServerEndpoint.of("smtp.mail.yahoo.invalid", 465, Security.SSL_TLS)).build();
      scenario("Mistyped server address: server not found", () -> connector.verify(mistyped));

      fake.inject(Fault.PLAIN_TEXT_ON_TLS_PORT);
      scenario("SSL/TLS set on a port that speaks plain text", () -> connector.verify(account));
      fake.heal(Fault.PLAIN_TEXT_ON_TLS_PORT);

      fake.inject(Fault.BLACK_HOLE);
      scenario("A server that accepts and never answers", () -> connector.verify(account));
      fake.heal(Fault.BLACK_HOLE);

      out.println();
      mailbox(fake, connector, account);
    }
    out.println();
    ownDomains();
    if (json) {
      context.out().println("{\"provider\":" + LookupCommand.json(yahoo) + ",\"scenarios\":["
          + String.join(",", jsonScenarios) + "],\"mailbox\":{" + jsonMailbox.entrySet().stream()
              .map(e -> Json.string(e.getKey()) + ":" + e.getValue())
              .collect(Collectors.joining(",")) + "},\"discovery\":["
          + String.join(",", jsonDiscovery) + "]}");
    }
    return Main.OK;
  }

  /**
   * Discovery for addresses whose domain says nothing about the provider, on a DNS table written
   * here (MX records as IONOS and iCloud+ customers have them), so the demo needs no network.
   */
  private void ownDomains() {
    DnsResolver dns = StaticDnsResolver.builder()
        .mx("bakery-anna.co.uk", "mx00.ionos.co.uk", "mx01.ionos.co.uk")
        .mx("parker-family.net", "mx01.mail.icloud.com", "mx02.mail.icloud.com")
        .build();
    Discovery discovery = Discovery.builder().resolver(dns).autoconfig(false).build();
    out.println("9. Addresses on people's own domains (MX records from a table, not the network):");
    for (String address : List.of("anna@bakery-anna.co.uk", "emily@parker-family.net",
        "bob@small-shop.example")) {
      DiscoveryResult found = discovery.discover(address);
      ProviderDescriptor provider = found.provider();
      DiscoveryStep decided = found.steps().get(found.steps().size() - 1);
      out.print(Wrap.hanging("   ", "       ", address + " → " + provider.displayName()
          + provider.region().map(r -> " (" + r.displayName() + ")").orElse("")
          + " by " + found.method() + ": " + decided.detail(), WIDTH));
      if (found.needsProbe()) {
        out.print(Wrap.hanging("     ", "       ", "guesses such as "
            + describe(found.candidates(Protocol.IMAP).get(0))
            + " are probed (TLS, certificate, greeting) before any password is sent", WIDTH));
      } else {
        LoginName login = provider.loginName(Protocol.IMAP);
        out.print(Wrap.hanging("     ", "       ", "IMAP " + describe(provider.imap())
            + ", log in with " + (login.isDerivedFromAddress() ? login.of(found.address())
                : "the person's own " + provider.displayName() + " address (ask for it)"),
            WIDTH));
      }
      jsonDiscovery.add("{\"address\":" + Json.string(address) + ",\"method\":"
          + Json.string(found.method().name()) + ",\"provider\":" + Json.string(provider.id())
          + ",\"region\":" + provider.region().map(r -> Json.string(r.id())).orElse("null")
          + ",\"needsProbe\":" + found.needsProbe() + "}");
    }
  }

  /** The real work once an account is connected: read, sort, answer, watch. */
  private void mailbox(FakeProvider fake, MailConnector connector, MailAccount account) {
    fake.deliver(ADDRESS, customerMail("Carol <carol@example.org>", "Where is my order 1042?"));
    fake.deliver(ADDRESS, customerMail("Billing <billing@supplier.example>", "Invoice 2026-11"));
    fake.deliver(ADDRESS, customerMail("Dan <dan@example.net>", "Refund for order 977"));
    fake.createFolder(ADDRESS, "Invoices");
    try (MailboxSession session = connector.open(account)) {
      SyncBatch batch = session.sync("INBOX", SyncCursor.beginning());
      out.println("5. New mail in INBOX (one batched FETCH, messages stay unread):");
      for (MessageSummary m : batch.messages()) {
        out.printf("     uid %-3d %-32s %s%n", m.uid(), String.join(", ", m.from()), m.subject());
      }
      out.println("   Cursor to store: " + batch.next());
      jsonMailbox.put("fetched", Integer.toString(batch.messages().size()));
      jsonMailbox.put("cursor", Json.string(batch.next().toString()));

      List<Long> invoices = batch.messages().stream()
          .filter(m -> m.subject().startsWith("Invoice")).map(MessageSummary::uid).toList();
      session.move("INBOX", invoices, "Invoices");
      jsonMailbox.put("sorted", Integer.toString(invoices.size()));
      out.println("6. Sorted " + invoices.size() + " invoice into Invoices: INBOX now holds "
          + session.count("INBOX") + ", Invoices " + session.count("Invoices"));

      MessageSummary question = batch.messages().get(0);
      MimeMessage original = original(session, question.uid());
      MimeMessage reply = connector.reply(account, original, "Your order ships today.");
      connector.send(account, reply);
      jsonMailbox.put("replyInReplyTo", Json.string(header(reply, "In-Reply-To")));
      out.println("7. Replied to \"" + question.subject() + "\" (In-Reply-To "
          + header(reply, "In-Reply-To") + ")");

      BlockingQueue<MessageSummary> events = new LinkedBlockingQueue<>();
      try (FolderWatch watch = connector.watch(account, "INBOX", batch.next(),
          b -> events.addAll(b.messages()),
          WatchOptions.builder().idleRefresh(Duration.ofSeconds(30))
              .pollInterval(Duration.ofSeconds(2)).initialBackoff(Duration.ofSeconds(1))
              .maxBackoff(Duration.ofSeconds(10)).build())) {
        fake.deliver(ADDRESS, customerMail("Erin <erin@example.com>", "Address change"));
        MessageSummary arrived = events.poll(10, TimeUnit.SECONDS);
        jsonMailbox.put("watched", arrived == null ? "null" : Json.string(arrived.subject()));
        out.print(Wrap.hanging("8. ", arrived == null
            ? "Watching INBOX: nothing arrived within 10 s"
            : "Watching INBOX (IDLE): new mail \"" + arrived.subject() + "\" (uid "
                + arrived.uid() + ") from " + String.join(", ", arrived.from())
                + (watch.isRunning() ? "; the watch goes on until closed" : ""), WIDTH));
      }
    } catch (MailOperationException e) {
      out.println("   failed: " + e.diagnosis().in(lang.locale).summary());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static MimeMessage original(MailboxSession session, long uid) {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    session.writeMessage("INBOX", uid, raw);
    try {
      return new MimeMessage(Session.getInstance(new Properties()),
          new ByteArrayInputStream(raw.toByteArray()));
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String header(MimeMessage message, String name) {
    try {
      return message.getHeader(name, null);
    } catch (MessagingException e) {
      return "?";
    }
  }

  private static MimeMessage customerMail(String from, String subject) {
    try {
      MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
      message.setFrom(new InternetAddress(from));
      message.setRecipient(Message.RecipientType.TO, new InternetAddress(ADDRESS));
      message.setSubject(subject);
      message.setText("Hello, " + subject.toLowerCase(java.util.Locale.ROOT) + ".");
      message.saveChanges();
      return message;
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MailAccount withPassword(FakeProvider fake, String password) {
    return MailAccount.builder(ADDRESS, AppPassword.of(password)).provider(fake.descriptor()).build();
  }

  /** Prints the title first, so that a slow step shows what it is waiting for. */
  private void scenario(String title, java.util.function.Supplier<VerificationResult> verify) {
    out.println(title.startsWith("3.") ? title : "   " + title);
    if (title.contains("never answers")) {
      out.println("     (waiting for the read timeout, a few seconds …)");
    }
    VerificationResult result = verify.get();
    print(result);
    jsonScenarios.add("{\"scenario\":" + Json.string(title.replaceFirst("^3\\. ", ""))
        + ",\"imap\":" + VerifyCommand.json(result.imap()) + ",\"smtp\":"
        + VerifyCommand.json(result.smtp()) + "}");
  }

  private void print(VerificationResult result) {
    print(result.imap());
    print(result.smtp());
    // The one a service shows a person when IMAP and SMTP disagree (VerificationResult's rule).
    result.diagnosedCheck().ifPresent(check -> out.print(Wrap.hanging("     Show first: ",
        check.diagnosis().orElseThrow().kind() + " from " + check.protocol(), WIDTH)));
  }

  private void print(ProtocolCheck check) {
    String head = String.format("     %-4s %-5s", check.protocol(), check.ok() ? "ok" : "FAIL");
    if (check.ok()) {
      out.printf("%s %s, %d ms%n", head, describe(check.endpoint()), check.elapsed().toMillis());
      return;
    }
    Diagnosis d = check.diagnosis().orElseThrow().in(lang.locale);
    out.printf("%s %s at %s after %d ms (%d endpoint%s tried)%n", head, d.kind()
        + (d.alternatives().isEmpty() ? "" : " (or " + names(d.alternatives()) + ")"),
        check.failedStep().orElseThrow(), check.elapsed().toMillis(), check.attempts().size(),
        check.attempts().size() == 1 ? "" : "s");
    String indent = "             ";
    out.print(Wrap.hanging(indent, d.summary() + (d.isRetryable() ? " Retrying later can help."
        : " Retrying unchanged will not help."), WIDTH));
    // In full, each of its lines wrapped: the words a person may search for or quote.
    d.serverReply().ifPresent(reply -> {
      List<String> lines = reply.lines().filter(l -> !l.isBlank()).toList();
      for (int i = 0; i < lines.size(); i++) {
        out.print(Wrap.hanging(indent + (i == 0 ? "Server/error: " : "              "),
            lines.get(i), WIDTH));
      }
    });
    List<String> solutions = d.solutions();
    for (int i = 0; i < Math.min(2, solutions.size()); i++) {
      out.print(Wrap.hanging(indent + (i + 1) + ". ", solutions.get(i), WIDTH));
    }
    d.providerHints().stream().limit(1).forEach(h -> out.print(Wrap.hanging(indent + "Hint: ",
        h, WIDTH)));
  }

  private static String names(List<?> kinds) {
    return kinds.stream().map(Object::toString).collect(Collectors.joining(", "));
  }

  private static String describe(ServerEndpoint endpoint) {
    return endpoint.host() + ":" + endpoint.port() + " " + endpoint.security().label();
  }
}
