package com.lumyvo.providers.discovery;

import com.lumyvo.providers.AppPasswordPolicy;
import com.lumyvo.providers.EmailAddress;
import com.lumyvo.providers.LoginName;
import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.ProviderRegistry;
import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import com.lumyvo.providers.discovery.DiscoveryStep.Outcome;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Finds the servers of any address, trying in order: the registry's domain table (offline); the
 * domain's MX hosts against each provider's {@link com.lumyvo.providers.MxPattern MX patterns};
 * RFC 6186 SRV records; Mozilla-style autoconfig over HTTPS ({@code autoconfig.<domain>}, then
 * the domain's {@code .well-known} path); and last, conventional host guesses on encrypted ports,
 * which must be probed.
 *
 * <pre>{@code
 * Discovery discovery = Discovery.builder().build();
 * DiscoveryResult found = discovery.discover("anna@bakery-anna.de");
 * found.method();     // MX
 * found.provider();   // IONOS, region de, custom domain
 * }</pre>
 *
 * <p>Each DNS query and each HTTPS fetch has its own timeout, and the whole has a deadline; a step
 * that fails or runs out of time is recorded in {@link DiscoveryResult#steps()} and the next step
 * runs, so discovery always returns, at worst with guesses. Thread-safe; build one and share it
 * (its DNS cache and HTTP connections are reused).
 */
public final class Discovery {
  private static final List<String> IMAP_SERVICES = List.of("_imaps._tcp.", "_imap._tcp.");
  private static final List<String> SMTP_SERVICES =
      List.of("_submissions._tcp.", "_submission._tcp.");

  private final ProviderRegistry registry;
  private final KnownHosts knownHosts;
  private final DnsResolver resolver;
  private final Duration deadline;
  private final Duration dnsTimeout;
  private final Duration httpTimeout;
  private final boolean autoconfig;
  private final boolean allowPrivateAddresses;
  private final Function<EmailAddress, List<URI>> autoconfigUris;
  private final AutoconfigFetcher fetcher;

  private Discovery(Builder builder) {
    registry = builder.registry;
    knownHosts = new KnownHosts(registry);
    resolver = builder.resolver != null ? builder.resolver : DnsResolver.system();
    deadline = builder.deadline;
    dnsTimeout = builder.dnsTimeout;
    httpTimeout = builder.httpTimeout;
    autoconfig = builder.autoconfig;
    allowPrivateAddresses = builder.allowPrivateAddresses;
    autoconfigUris = builder.autoconfigUris;
    SSLContext ssl = builder.sslContext;
    if (ssl == null) {
      try {
        ssl = SSLContext.getDefault();
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("this JVM has no default TLS context", e);
      }
    }
    fetcher = new AutoconfigFetcher(ssl, httpTimeout, builder.maxAutoconfigBytes,
        allowPrivateAddresses, DiscoveryThreads.POOL);
  }

  /** A builder with the built-in registry, the system's DNS and the defaults below. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The servers for {@code address}. Blocks for at most the deadline (plus a few milliseconds);
   * never throws for network trouble, which shows in the steps instead.
   *
   * @throws IllegalArgumentException if {@code address} is not a well-formed address, or its
   *     domain has a single label (unless private addresses are allowed)
   */
  public DiscoveryResult discover(String address) {
    EmailAddress parsed = parse(address);
    return new Run(parsed, System.nanoTime() + deadline.toNanos()).run();
  }

  /**
   * {@link #discover} on a daemon thread, for callers that must not block.
   *
   * @throws IllegalArgumentException at once, if {@code address} is not a well-formed address
   */
  public CompletableFuture<DiscoveryResult> discoverAsync(String address) {
    EmailAddress parsed = parse(address);
    long end = System.nanoTime() + deadline.toNanos();
    return CompletableFuture.supplyAsync(() -> new Run(parsed, end).run(), DiscoveryThreads.POOL);
  }

  private EmailAddress parse(String address) {
    EmailAddress parsed = EmailAddress.parse(address);
    if (!allowPrivateAddresses && parsed.domain().indexOf('.') < 0) {
      // "anna@localhost" or "anna@intranet": names only this machine or network can resolve.
      throw new IllegalArgumentException("the domain of " + parsed.domain() + " addresses has a"
          + " single label, which is not a public mail domain");
    }
    return parsed;
  }

  /** The two URLs Thunderbird's autoconfig tries first for a domain, in its order. */
  static List<URI> standardAutoconfigUris(EmailAddress address) {
    String domain = address.domain();
    String query = "?emailaddress=" + URLEncoder.encode(address.toString(), StandardCharsets.UTF_8);
    return List.of(
        URI.create("https://autoconfig." + domain + "/mail/config-v1.1.xml" + query),
        URI.create("https://" + domain + "/.well-known/autoconfig/mail/config-v1.1.xml"));
  }

  /** One discovery: its address, deadline and steps so far. */
  private final class Run {
    private final EmailAddress address;
    private final String domain;
    private final long end;
    private final List<DiscoveryStep> steps = new ArrayList<>();
    private final List<String> cautions = new ArrayList<>();

    Run(EmailAddress address, long end) {
      this.address = address;
      this.domain = address.domain();
      this.end = end;
    }

    DiscoveryResult run() {
      long started = System.nanoTime();
      Optional<ProviderDescriptor> known = registry.lookup(domain);
      if (known.isPresent()) {
        step(DiscoveryMethod.DOMAIN, Outcome.FOUND, domain + " → " + describe(known.get()),
            started);
        return result(DiscoveryMethod.DOMAIN, known.get(), true);
      }
      step(DiscoveryMethod.DOMAIN, Outcome.NOT_FOUND, "no registered provider serves " + domain,
          started);
      // MX and SRV are cheap and independent: ask DNS for all of them at once.
      long dnsStarted = System.nanoTime();
      Future<List<MxRecord>> mx = query(() -> resolver.mx(domain));
      List<Future<List<SrvRecord>>> imapSrv = new ArrayList<>();
      List<Future<List<SrvRecord>>> smtpSrv = new ArrayList<>();
      IMAP_SERVICES.forEach(s -> imapSrv.add(query(() -> resolver.srv(s + domain))));
      SMTP_SERVICES.forEach(s -> smtpSrv.add(query(() -> resolver.srv(s + domain))));
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
     * escapes {@link #discover}: an unexpected exception is that step's failure.
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
        cautions.add(domain + " publishes a null MX record (RFC 7505): it accepts no mail."
            + " Check the address for a typing error.");
        step(DiscoveryMethod.MX, Outcome.NOT_FOUND, domain + " accepts no mail (null MX)",
            started);
        return Optional.empty();
      }
      List<String> ignored = new ArrayList<>();
      for (MxRecord record : records) {
        Optional<ProviderDescriptor> provider;
        try {
          provider = registry.lookupMx(record.host());
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
      Optional<ProviderDescriptor> known = knownHosts.find(imap.get(0), smtp);
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
        cautions.add(domain + " names mail servers outside its own domain ("
            + String.join(", ", outside) + "); confirm that your mail is really hosted there"
            + " before signing in.");
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
      if (!allowPrivateAddresses && PublicAddresses.isPrivateName(host)) {
        ignored.add(host + " (private or local)");
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
      if (!autoconfig) {
        step(DiscoveryMethod.AUTOCONFIG, Outcome.SKIPPED, "autoconfig is turned off", started);
        return Optional.empty();
      }
      if (end - started <= 0) {
        step(DiscoveryMethod.AUTOCONFIG, Outcome.SKIPPED, "the deadline was spent", started);
        return Optional.empty();
      }
      long stepEnd = started + Math.min(end - started, httpTimeout.toNanos());
      List<URI> uris = autoconfigUris.apply(address);
      List<Future<AutoconfigFetcher.Fetched>> fetches = uris.stream()
          .map(uri -> DiscoveryThreads.POOL.submit(() -> fetcher.fetch(uri, stepEnd)))
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
        if (!allowPrivateAddresses && PublicAddresses.isPrivateName(server.endpoint().host())) {
          ignored.add(server.endpoint().host() + " (private or local)");
        } else {
          kept.add(server);
        }
      }
      return kept;
    }

    private DiscoveryResult fromAutoconfig(Optional<String> displayName,
        List<AutoconfigSettings.Server> imapServers, List<AutoconfigSettings.Server> smtpServers,
        List<String> ignored, String from, long started) {
      List<ServerEndpoint> imap = imapServers.stream()
          .map(AutoconfigSettings.Server::endpoint).toList();
      List<ServerEndpoint> smtp = smtpServers.stream()
          .map(AutoconfigSettings.Server::endpoint).toList();
      Optional<ProviderDescriptor> known = knownHosts.find(imap.get(0), smtp);
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

    private String caution() {
      return cautions.isEmpty() ? null : String.join(" ", cautions);
    }

    private <T> Future<List<T>> query(Callable<List<T>> query) {
      // submit, not CompletableFuture: cancelling interrupts a query still running.
      return DiscoveryThreads.POOL.submit(query);
    }

    private <T> Answer<T> await(Future<List<T>> pending, long started) {
      long wait = Math.min(end, started + dnsTimeout.toNanos()) - System.nanoTime();
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

  @Override
  public String toString() {
    return "Discovery{" + registry + ", " + resolver + ", deadline=" + deadline + '}';
  }

  /** Builds a {@link Discovery}; not thread-safe. */
  public static final class Builder {
    private ProviderRegistry registry = ProviderRegistry.defaults();
    private DnsResolver resolver;
    private Duration deadline = Duration.ofSeconds(15);
    private Duration dnsTimeout = Duration.ofSeconds(5);
    private Duration httpTimeout = Duration.ofSeconds(6);
    private int maxAutoconfigBytes = 64 * 1024;
    private boolean autoconfig = true;
    private boolean allowPrivateAddresses;
    private SSLContext sslContext;
    private Function<EmailAddress, List<URI>> autoconfigUris = Discovery::standardAutoconfigUris;

    private Builder() {}

    /** The providers to know by domain, MX and server host. Default: the built-in registry. */
    public Builder registry(ProviderRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** The DNS resolver. Default: {@link DnsResolver#system()}. */
    public Builder resolver(DnsResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /** The most one discovery may take, all steps together; at most an hour. Default 15 s. */
    public Builder deadline(Duration deadline) {
      this.deadline = requirePositive(deadline, "deadline");
      return this;
    }

    /** The most discovery waits for DNS (MX and SRV are asked at once). Default 5 s. */
    public Builder dnsTimeout(Duration dnsTimeout) {
      this.dnsTimeout = requirePositive(dnsTimeout, "dnsTimeout");
      return this;
    }

    /** The most the autoconfig step takes, redirects and body included. Default 6 s. */
    public Builder httpTimeout(Duration httpTimeout) {
      this.httpTimeout = requirePositive(httpTimeout, "httpTimeout");
      return this;
    }

    /**
     * The largest autoconfig file accepted; real ones are a few kilobytes. Default 64 KiB.
     *
     * @throws IllegalArgumentException if not between 1 KiB and 1 MiB
     */
    public Builder maxAutoconfigBytes(int maxAutoconfigBytes) {
      if (maxAutoconfigBytes < 1024 || maxAutoconfigBytes > 1024 * 1024) {
        throw new IllegalArgumentException(
            "maxAutoconfigBytes must be between 1 KiB and 1 MiB, was " + maxAutoconfigBytes);
      }
      this.maxAutoconfigBytes = maxAutoconfigBytes;
      return this;
    }

    /**
     * Whether to fetch autoconfig files from the domain's web servers. Default true; turn it off
     * where outgoing HTTPS is not allowed.
     */
    public Builder autoconfig(boolean autoconfig) {
      this.autoconfig = autoconfig;
      return this;
    }

    /**
     * Whether discovery may contact private and local addresses (loopback, RFC 1918, link-local,
     * unique-local) and accept single-label domains. Default false: a stranger's domain must not
     * make a service fetch from its own machine or network. Turn it on for intranet mail servers
     * and tests.
     */
    public Builder allowPrivateAddresses(boolean allowPrivateAddresses) {
      this.allowPrivateAddresses = allowPrivateAddresses;
      return this;
    }

    /**
     * The TLS context for autoconfig fetches, for services with their own trust store.
     * Default: the JVM's, with its certificate and host-name checks.
     */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
      return this;
    }

    /** Where to fetch autoconfig from; tests point it at a local server. */
    Builder autoconfigUris(Function<EmailAddress, List<URI>> autoconfigUris) {
      this.autoconfigUris = Objects.requireNonNull(autoconfigUris, "autoconfigUris");
      return this;
    }

    /** A discovery with these settings. */
    public Discovery build() {
      return new Discovery(this);
    }

    private static Duration requirePositive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero() || value.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException(name + " must be positive and at most an hour, was "
            + value);
      }
      return value;
    }
  }
}
