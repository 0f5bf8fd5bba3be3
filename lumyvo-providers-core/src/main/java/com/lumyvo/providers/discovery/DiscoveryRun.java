package com.lumyvo.providers.discovery;

import com.lumyvo.providers.AppPasswordPolicy;
import com.lumyvo.providers.EmailAddress;
import com.lumyvo.providers.LoginName;
import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import com.lumyvo.providers.discovery.DiscoveryStep.Outcome;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One discovery of one address: its deadline, the steps taken so far, and the cautions to pass
 * on. Each step runs only if the ones before found nothing; MX and SRV queries start together,
 * since both are cheap. Not thread-safe; {@link Discovery} makes one per call.
 */
final class DiscoveryRun {
  private static final List<String> IMAP_SERVICES = List.of("_imaps._tcp.", "_imap._tcp.");
  private static final List<String> SMTP_SERVICES =
      List.of("_submissions._tcp.", "_submission._tcp.");

  /** The settings, registry, resolver and fetcher this run uses, shared by every run. */
  private final Discovery settings;
  private final EmailAddress address;
  private final String domain;
  private final long end;
  private final List<DiscoveryStep> steps = new ArrayList<>();
  private final List<Caution> cautions = new ArrayList<>();

  DiscoveryRun(Discovery discovery, EmailAddress address, long end) {
    this.settings = discovery;
    this.address = address;
    this.domain = address.domain();
    this.end = end;
  }

  DiscoveryResult run() {
    long started = System.nanoTime();
    Optional<ProviderDescriptor> known = settings.registry.lookup(domain);
    if (known.isPresent()) {
      step(DiscoveryMethod.DOMAIN, Outcome.FOUND, domain + " → " + describe(known.get()),
          started);
      return result(DiscoveryMethod.DOMAIN, known.get(), true);
    }
    step(DiscoveryMethod.DOMAIN, Outcome.NOT_FOUND, "no registered provider serves " + domain,
        started);
    // MX and SRV are cheap and independent: ask DNS for all of them at once.
    long dnsStarted = System.nanoTime();
    Future<List<MxRecord>> mx = query(() -> settings.resolver.mx(domain));
    List<Future<List<SrvRecord>>> imapSrv = new ArrayList<>();
    List<Future<List<SrvRecord>>> smtpSrv = new ArrayList<>();
    IMAP_SERVICES.forEach(s -> imapSrv.add(query(() -> settings.resolver.srv(s + domain))));
    SMTP_SERVICES.forEach(s -> smtpSrv.add(query(() -> settings.resolver.srv(s + domain))));
    try {
      Optional<DiscoveryResult> found =
          guarded(DiscoveryMethod.MX, dnsStarted, () -> byMx(mx, dnsStarted));
      if (found.isEmpty()) {
        found = guarded(DiscoveryMethod.SRV, dnsStarted,
            () -> bySrv(imapSrv, smtpSrv, dnsStarted));
      }
      if (found.isEmpty()) {
        found = guarded(DiscoveryMethod.AUTOCONFIG, System.nanoTime(), this::byAutoconfig);
      }
      return found.orElseGet(this::byGuess);
    } finally {
      mx.cancel(true);
      imapSrv.forEach(f -> f.cancel(true));
      smtpSrv.forEach(f -> f.cancel(true));
    }
  }

  /**
   * Runs a step so that nothing it meets, however malformed (a resolver's own bug included),
   * escapes {@link Discovery#discover}: an unexpected exception is that step's failure.
   */
  private Optional<DiscoveryResult> guarded(DiscoveryMethod method, long started,
      Supplier<Optional<DiscoveryResult>> step) {
    try {
      return step.get();
    } catch (RuntimeException e) {
      step(method, Outcome.FAILED, "unexpected " + e.getClass().getSimpleName() + ": "
          + DnsNames.quote(String.valueOf(e.getMessage())), started);
      return Optional.empty();
    }
  }

  private Optional<DiscoveryResult> byMx(Future<List<MxRecord>> pending, long started) {
    Answer<MxRecord> answer = await(pending, started);
    if (answer.records == null) {
      step(DiscoveryMethod.MX, answer.outcome, answer.detail, started);
      return Optional.empty();
    }
    List<MxRecord> records = answer.records.stream()
        .filter(r -> !r.host().isEmpty())
        .sorted(Comparator.comparingInt(MxRecord::preference))
        .toList();
    if (records.isEmpty() && !answer.records.isEmpty()) {
      // RFC 7505: a lone "." exchanger says the domain accepts no mail at all.
      cautions.add(new Caution("caution.nullMx", List.of(domain)));
      step(DiscoveryMethod.MX, Outcome.NOT_FOUND, domain + " accepts no mail (null MX)",
          started);
      return Optional.empty();
    }
    List<String> ignored = new ArrayList<>();
    for (MxRecord record : records) {
      Optional<ProviderDescriptor> provider;
      try {
        provider = settings.registry.lookupMx(record.host());
      } catch (IllegalArgumentException notAHostName) {
        ignored.add(record.host());
        continue;
      }
      if (provider.isPresent()) {
        step(DiscoveryMethod.MX, Outcome.FOUND, "MX " + record.host() + " → "
            + describe(provider.get()), started);
        return Optional.of(result(DiscoveryMethod.MX, provider.get(), true));
      }
    }
    step(DiscoveryMethod.MX, Outcome.NOT_FOUND, records.isEmpty()
        ? domain + " has no MX records"
        : "no known provider has MX " + records.stream().limit(3).map(MxRecord::host).toList()
            + (ignored.isEmpty() ? "" : "; ignored malformed " + some(ignored)), started);
    return Optional.empty();
  }

  private Optional<DiscoveryResult> bySrv(List<Future<List<SrvRecord>>> imapPending,
      List<Future<List<SrvRecord>>> smtpPending, long started) {
    List<Answer<SrvRecord>> trouble = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    List<ServerEndpoint> imap = endpoints(imapPending, started, trouble, ignored);
    List<ServerEndpoint> smtp = endpoints(smtpPending, started, trouble, ignored);
    String skipped = ignored.isEmpty() ? "" : "; ignored " + some(ignored);
    if (imap.isEmpty() || smtp.isEmpty()) {
      Outcome outcome = trouble.isEmpty() ? Outcome.NOT_FOUND
          : trouble.stream().allMatch(t -> t.outcome == Outcome.TIMED_OUT) ? Outcome.TIMED_OUT
          : Outcome.FAILED;
      String detail = imap.isEmpty() && smtp.isEmpty()
          ? "no SRV records for IMAP or submission"
          : "SRV records for " + (imap.isEmpty() ? "submission" : "IMAP") + " only";
      step(DiscoveryMethod.SRV, outcome, (trouble.isEmpty() ? detail
          : detail + "; " + trouble.stream().map(t -> t.detail).distinct().toList()) + skipped,
          started);
      return Optional.empty();
    }
    Optional<ProviderDescriptor> known = settings.knownHosts.find(imap.get(0), smtp);
    if (known.isPresent()) {
      step(DiscoveryMethod.SRV, Outcome.FOUND, "SRV " + imap.get(0) + " → "
          + describe(known.get()) + skipped, started);
      return Optional.of(result(DiscoveryMethod.SRV, known.get(), true));
    }
    List<String> outside = new ArrayList<>();
    for (ServerEndpoint endpoint : concat(imap, smtp)) {
      if (!endpoint.host().equals(domain) && !endpoint.host().endsWith("." + domain)
          && !outside.contains(endpoint.host())) {
        outside.add(endpoint.host());
      }
    }
    if (!outside.isEmpty()) {
      // RFC 6186 §6: DNS answers are not authenticated, so a redirect to another domain is
      // confirmed by the person before a password goes there.
      cautions.add(new Caution("caution.outsideDomain",
          List.of(domain, String.join(", ", outside))));
    }
    ProviderDescriptor provider = unknownProvider(domain, imap, smtp,
        LoginName.EMAIL_ADDRESS, LoginName.EMAIL_ADDRESS, false);
    step(DiscoveryMethod.SRV, Outcome.FOUND, "SRV " + imap.get(0) + ", " + smtp.get(0)
        + skipped, started);
    return Optional.of(new DiscoveryResult(address, DiscoveryMethod.SRV, provider, false, imap,
        smtp, caution(), steps));
  }

  private List<ServerEndpoint> endpoints(List<Future<List<SrvRecord>>> pending, long started,
      List<Answer<SrvRecord>> trouble, List<String> ignored) {
    record Ranked(SrvRecord record, int service) {}
    List<Ranked> ranked = new ArrayList<>();
    for (int service = 0; service < pending.size(); service++) {
      Answer<SrvRecord> answer = await(pending.get(service), started);
      if (answer.records == null) {
        trouble.add(answer);
        continue;
      }
      for (SrvRecord record : answer.records) {
        if (!record.isServiceAbsent() && record.port() > 0) {
          ranked.add(new Ranked(record, service));
        }
      }
    }
    // Priority first (RFC 2782); at equal priority implicit TLS before STARTTLS (RFC 8314
    // §5.1), then heavier weight first, so the order is stable rather than random.
    ranked.sort(Comparator.<Ranked>comparingInt(r -> r.record.priority())
        .thenComparingInt(r -> r.service)
        .thenComparing(r -> -r.record.weight()));
    List<ServerEndpoint> endpoints = new ArrayList<>();
    for (Ranked r : ranked) {
      Security security = r.service == 0 ? Security.SSL_TLS : Security.STARTTLS;
      Optional<ServerEndpoint> endpoint =
          usable(r.record.target(), r.record.port(), security, ignored);
      if (endpoint.isPresent() && !endpoints.contains(endpoint.get())
          && endpoints.size() < AutoconfigParser.MAX_SERVERS) {
        endpoints.add(endpoint.get());
      }
    }
    return endpoints;
  }

  /**
   * An endpoint for a server a domain published, unless its name is no host name or it is a
   * private address; what is left out is noted in {@code ignored}.
   */
  private Optional<ServerEndpoint> usable(String host, int port, Security security,
      List<String> ignored) {
    if (refusedAsPrivate(host, ignored)) {
      return Optional.empty();
    }
    try {
      return Optional.of(ServerEndpoint.of(host, port, security));
    } catch (IllegalArgumentException notAHost) {
      ignored.add(DnsNames.quote(host) + " (not a host name)");
      return Optional.empty();
    }
  }

  private Optional<DiscoveryResult> byAutoconfig() {
    long started = System.nanoTime();
    if (!settings.autoconfig) {
      step(DiscoveryMethod.AUTOCONFIG, Outcome.SKIPPED, "autoconfig is turned off", started);
      return Optional.empty();
    }
    if (end - started <= 0) {
      step(DiscoveryMethod.AUTOCONFIG, Outcome.SKIPPED, "the deadline was spent", started);
      return Optional.empty();
    }
    long stepEnd = started + Math.min(end - started, settings.httpTimeout.toNanos());
    List<URI> uris = settings.autoconfigUris.apply(address);
    List<Future<AutoconfigFetcher.Fetched>> fetches = uris.stream()
        .map(uri -> DiscoveryThreads.POOL.submit(() -> settings.fetcher.fetch(uri, stepEnd)))
        .toList();
    List<String> details = new ArrayList<>();
    List<Outcome> outcomes = new ArrayList<>();
    try {
      for (int i = 0; i < fetches.size(); i++) {
        AutoconfigFetcher.Fetched fetched = awaitFetch(fetches.get(i), uris.get(i), stepEnd);
        if (fetched.body().isEmpty()) {
          outcomes.add(fetched.outcome());
          details.add(fetched.detail());
          continue;
        }
        AutoconfigSettings settings;
        try {
          settings = AutoconfigParser.parse(fetched.body().get(), address);
        } catch (IOException e) {
          outcomes.add(Outcome.FAILED);
          details.add(fetched.detail() + ": " + e.getMessage());
          continue;
        }
        List<String> ignored = new ArrayList<>(settings.ignored());
        List<AutoconfigSettings.Server> imap = publicOnly(settings.imap(), ignored);
        List<AutoconfigSettings.Server> smtp = publicOnly(settings.smtp(), ignored);
        if (imap.isEmpty() || smtp.isEmpty()) {
          outcomes.add(Outcome.FAILED);
          details.add(fetched.detail() + ": no encrypted IMAP and SMTP servers"
              + (ignored.isEmpty() ? "" : " (ignored " + some(ignored) + ")"));
          continue;
        }
        return Optional.of(fromAutoconfig(settings.displayName(), imap, smtp, ignored,
            fetched.detail(), started));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      step(DiscoveryMethod.AUTOCONFIG, Outcome.FAILED, "interrupted", started);
      return Optional.empty();
    } finally {
      fetches.forEach(f -> f.cancel(true));
    }
    Outcome outcome = outcomes.isEmpty() ? Outcome.NOT_FOUND
        : outcomes.stream().allMatch(o -> o == Outcome.NOT_FOUND) ? Outcome.NOT_FOUND
        : outcomes.contains(Outcome.FAILED) ? Outcome.FAILED : Outcome.TIMED_OUT;
    step(DiscoveryMethod.AUTOCONFIG, outcome, String.join("; ", details), started);
    return Optional.empty();
  }

  private AutoconfigFetcher.Fetched awaitFetch(Future<AutoconfigFetcher.Fetched> fetch,
      URI uri, long stepEnd) throws InterruptedException {
    try {
      // The fetch keeps its own deadline; the margin only covers handing the result over.
      return fetch.get(Math.max(0, stepEnd - System.nanoTime()) + 50_000_000L,
          TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return new AutoconfigFetcher.Fetched(Outcome.TIMED_OUT, Optional.empty(),
          "no answer from " + uri.getHost() + " in time");
    } catch (ExecutionException e) {
      return new AutoconfigFetcher.Fetched(Outcome.FAILED, Optional.empty(),
          uri.getHost() + ": " + e.getCause());
    }
  }

  private List<AutoconfigSettings.Server> publicOnly(List<AutoconfigSettings.Server> servers,
      List<String> ignored) {
    List<AutoconfigSettings.Server> kept = new ArrayList<>();
    for (AutoconfigSettings.Server server : servers) {
      if (!refusedAsPrivate(server.endpoint().host(), ignored)) {
        kept.add(server);
      }
    }
    return kept;
  }

  /**
   * Whether a server a domain published names this machine or a private network, which is not
   * contacted unless the discovery allows it; a refusal is noted in {@code ignored}.
   */
  private boolean refusedAsPrivate(String host, List<String> ignored) {
    if (settings.allowPrivateAddresses || !PublicAddresses.isPrivateName(host)) {
      return false;
    }
    ignored.add(host + " (private or local)");
    return true;
  }

  private DiscoveryResult fromAutoconfig(Optional<String> displayName,
      List<AutoconfigSettings.Server> imapServers, List<AutoconfigSettings.Server> smtpServers,
      List<String> ignored, String from, long started) {
    List<ServerEndpoint> imap = imapServers.stream()
        .map(AutoconfigSettings.Server::endpoint).toList();
    List<ServerEndpoint> smtp = smtpServers.stream()
        .map(AutoconfigSettings.Server::endpoint).toList();
    Optional<ProviderDescriptor> known = settings.knownHosts.find(imap.get(0), smtp);
    if (known.isPresent()) {
      step(DiscoveryMethod.AUTOCONFIG, Outcome.FOUND, from + " names " + imap.get(0) + " → "
          + describe(known.get()), started);
      return result(DiscoveryMethod.AUTOCONFIG, known.get(), true);
    }
    boolean oauthOnly = imapServers.stream().allMatch(AutoconfigSettings.Server::oauthOnly);
    ProviderDescriptor provider = unknownProvider(displayName.orElse(domain), imap, smtp,
        imapServers.get(0).loginName(), smtpServers.get(0).loginName(), oauthOnly);
    step(DiscoveryMethod.AUTOCONFIG, Outcome.FOUND, from + " names " + imap.get(0) + ", "
        + smtp.get(0) + (ignored.isEmpty() ? "" : "; ignored " + some(ignored)), started);
    return new DiscoveryResult(address, DiscoveryMethod.AUTOCONFIG, provider, false, imap, smtp,
        caution(), steps);
  }

  private DiscoveryResult byGuess() {
    long started = System.nanoTime();
    List<ServerEndpoint> imap = HostGuesses.forDomain(domain, Protocol.IMAP);
    List<ServerEndpoint> smtp = HostGuesses.forDomain(domain, Protocol.SMTP);
    ProviderDescriptor provider = unknownProvider(domain, imap, smtp, LoginName.EMAIL_ADDRESS,
        LoginName.EMAIL_ADDRESS, false);
    step(DiscoveryMethod.GUESS, Outcome.FOUND, imap.size() + " IMAP and " + smtp.size()
        + " SMTP guesses under " + domain + " to probe", started);
    return new DiscoveryResult(address, DiscoveryMethod.GUESS, provider, false, imap, smtp,
        caution(), steps);
  }

  private ProviderDescriptor unknownProvider(String name, List<ServerEndpoint> imap,
      List<ServerEndpoint> smtp, LoginName imapLogin, LoginName smtpLogin, boolean oauthOnly) {
    return ProviderDescriptor.builder(ProviderIds.forDomain(domain))
        .displayName(name)
        .domains(domain)
        .imap(imap.get(0))
        .smtp(smtp.toArray(ServerEndpoint[]::new))
        .loginName(Protocol.IMAP, imapLogin)
        .loginName(Protocol.SMTP, smtpLogin)
        .appPasswordPolicy(AppPasswordPolicy.builder().oauthOnly(oauthOnly).build())
        .build();
  }

  private DiscoveryResult result(DiscoveryMethod method, ProviderDescriptor provider,
      boolean known) {
    return new DiscoveryResult(address, method, provider, known,
        provider.endpoints(Protocol.IMAP), provider.endpoints(Protocol.SMTP), caution(), steps);
  }

  private List<Caution> caution() {
    return cautions;
  }

  private <T> Future<List<T>> query(Callable<List<T>> query) {
    // submit, not CompletableFuture: cancelling interrupts a query still running.
    return DiscoveryThreads.POOL.submit(query);
  }

  private <T> Answer<T> await(Future<List<T>> pending, long started) {
    long wait = Math.min(end, started + settings.dnsTimeout.toNanos()) - System.nanoTime();
    try {
      List<T> records = pending.get(Math.max(0, wait), TimeUnit.NANOSECONDS);
      List<T> present = records == null ? List.of()
          : records.stream().filter(Objects::nonNull).toList();
      return new Answer<>(present, Outcome.FOUND, "");
    } catch (TimeoutException e) {
      return new Answer<>(null, Outcome.TIMED_OUT,
          "DNS gave no answer in " + Duration.ofNanos(System.nanoTime() - started).toMillis()
              + " ms");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      boolean timedOut = cause instanceof DnsException dns && dns.timedOut();
      return new Answer<>(null, timedOut ? Outcome.TIMED_OUT : Outcome.FAILED,
          String.valueOf(cause instanceof DnsException ? cause.getMessage() : cause));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer<>(null, Outcome.FAILED, "interrupted");
    }
  }

  private void step(DiscoveryMethod method, Outcome outcome, String detail, long started) {
    steps.add(new DiscoveryStep(method, outcome, detail,
        Duration.ofNanos(System.nanoTime() - started)));
  }

  private record Answer<T>(List<T> records, Outcome outcome, String detail) {}

  /** The first three of a list that a hostile answer can make long, and how many more. */
  private static String some(List<String> items) {
    return items.size() <= 3 ? items.toString()
        : items.subList(0, 3) + " and " + (items.size() - 3) + " more";
  }

  private static List<ServerEndpoint> concat(List<ServerEndpoint> a, List<ServerEndpoint> b) {
    List<ServerEndpoint> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static String describe(ProviderDescriptor provider) {
    return provider.displayName() + provider.region().map(r -> " (" + r.id() + ")").orElse("")
        + (provider.isCustomDomain() ? ", custom domain" : "");
  }
}
