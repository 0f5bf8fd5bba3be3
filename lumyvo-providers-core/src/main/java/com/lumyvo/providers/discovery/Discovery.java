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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
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
        DiscoveryThreads.POOL);
  }

  /** A builder with the built-in registry, the system's DNS and the defaults below. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The servers for {@code address}. Blocks for at most the deadline (plus a few milliseconds);
   * never throws for network trouble, which shows in the steps instead.
   *
   * @throws IllegalArgumentException if {@code address} is not a well-formed address
   */
  public DiscoveryResult discover(String address) {
    EmailAddress parsed = EmailAddress.parse(address);
    return new Run(parsed, System.nanoTime() + deadline.toNanos()).run();
  }

  /** {@link #discover} on a daemon thread, for callers that must not block. */
  public CompletableFuture<DiscoveryResult> discoverAsync(String address) {
    EmailAddress parsed = EmailAddress.parse(address);
    long end = System.nanoTime() + deadline.toNanos();
    return CompletableFuture.supplyAsync(() -> new Run(parsed, end).run(), DiscoveryThreads.POOL);
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
        return result(DiscoveryMethod.DOMAIN, known.get(), true, null);
      }
      step(DiscoveryMethod.DOMAIN, Outcome.NOT_FOUND, "no registered provider serves " + domain,
          started);
      // MX and SRV are cheap and independent: ask DNS for all of them at once.
      long dnsStarted = System.nanoTime();
      CompletableFuture<List<MxRecord>> mx = query(() -> resolver.mx(domain));
      List<CompletableFuture<List<SrvRecord>>> imapSrv = new ArrayList<>();
      List<CompletableFuture<List<SrvRecord>>> smtpSrv = new ArrayList<>();
      IMAP_SERVICES.forEach(s -> imapSrv.add(query(() -> resolver.srv(s + domain))));
      SMTP_SERVICES.forEach(s -> smtpSrv.add(query(() -> resolver.srv(s + domain))));
      try {
        Optional<DiscoveryResult> found = byMx(mx, dnsStarted);
        if (found.isEmpty()) {
          found = bySrv(imapSrv, smtpSrv, dnsStarted);
        }
        if (found.isEmpty()) {
          found = byAutoconfig();
        }
        return found.orElseGet(this::byGuess);
      } finally {
        mx.cancel(true);
        imapSrv.forEach(f -> f.cancel(true));
        smtpSrv.forEach(f -> f.cancel(true));
      }
    }

    private Optional<DiscoveryResult> byMx(CompletableFuture<List<MxRecord>> pending,
        long started) {
      Answer<MxRecord> answer = await(pending, started);
      if (answer.records == null) {
        step(DiscoveryMethod.MX, answer.outcome, answer.detail, started);
        return Optional.empty();
      }
      List<MxRecord> records = answer.records.stream()
          .filter(r -> !r.host().isEmpty())
          .sorted(Comparator.comparingInt(MxRecord::preference))
          .toList();
      for (MxRecord record : records) {
        Optional<ProviderDescriptor> provider = registry.lookupMx(record.host());
        if (provider.isPresent()) {
          step(DiscoveryMethod.MX, Outcome.FOUND, "MX " + record.host() + " → "
              + describe(provider.get()), started);
          return Optional.of(result(DiscoveryMethod.MX, provider.get(), true, null));
        }
      }
      step(DiscoveryMethod.MX, Outcome.NOT_FOUND, records.isEmpty()
          ? domain + " has no MX records"
          : "no known provider has MX " + records.stream().limit(3).map(MxRecord::host).toList(),
          started);
      return Optional.empty();
    }

    private Optional<DiscoveryResult> bySrv(List<CompletableFuture<List<SrvRecord>>> imapPending,
        List<CompletableFuture<List<SrvRecord>>> smtpPending, long started) {
      List<Answer<SrvRecord>> trouble = new ArrayList<>();
      List<ServerEndpoint> imap = endpoints(imapPending, started, trouble);
      List<ServerEndpoint> smtp = endpoints(smtpPending, started, trouble);
      if (imap.isEmpty() || smtp.isEmpty()) {
        Outcome outcome = trouble.isEmpty() ? Outcome.NOT_FOUND
            : trouble.stream().allMatch(t -> t.outcome == Outcome.TIMED_OUT) ? Outcome.TIMED_OUT
            : Outcome.FAILED;
        String detail = imap.isEmpty() && smtp.isEmpty()
            ? "no SRV records for IMAP or submission"
            : "SRV records for " + (imap.isEmpty() ? "submission" : "IMAP") + " only";
        step(DiscoveryMethod.SRV, outcome, trouble.isEmpty() ? detail
            : detail + "; " + trouble.stream().map(t -> t.detail).distinct().toList(), started);
        return Optional.empty();
      }
      Optional<ProviderDescriptor> known = knownHosts.byImapHost(imap.get(0).host());
      if (known.isPresent()) {
        step(DiscoveryMethod.SRV, Outcome.FOUND, "SRV " + imap.get(0) + " → "
            + describe(known.get()), started);
        return Optional.of(result(DiscoveryMethod.SRV, known.get(), true, null));
      }
      String caution = null;
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
        caution = domain + " names mail servers outside its own domain (" + String.join(", ",
            outside) + "); confirm that your mail is really hosted there before signing in.";
      }
      ProviderDescriptor provider = unknownProvider(domain, imap, smtp,
          LoginName.EMAIL_ADDRESS, LoginName.EMAIL_ADDRESS, false);
      step(DiscoveryMethod.SRV, Outcome.FOUND, "SRV " + imap.get(0) + ", " + smtp.get(0),
          started);
      return Optional.of(new DiscoveryResult(address, DiscoveryMethod.SRV, provider, false, imap,
          smtp, caution, steps));
    }

    private List<ServerEndpoint> endpoints(List<CompletableFuture<List<SrvRecord>>> pending,
        long started, List<Answer<SrvRecord>> trouble) {
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
        ServerEndpoint endpoint = ServerEndpoint.of(r.record.target(), r.record.port(), security);
        if (!endpoints.contains(endpoint) && endpoints.size() < AutoconfigParser.MAX_SERVERS) {
          endpoints.add(endpoint);
        }
      }
      return endpoints;
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
      long stepEnd = Math.min(end, started + httpTimeout.toNanos());
      List<URI> uris = autoconfigUris.apply(address);
      List<CompletableFuture<AutoconfigFetcher.Fetched>> fetches = uris.stream()
          .map(uri -> CompletableFuture.supplyAsync(() -> fetcher.fetch(uri, stepEnd),
              DiscoveryThreads.POOL))
          .toList();
      List<String> details = new ArrayList<>();
      boolean allTimedOut = true;
      for (int i = 0; i < fetches.size(); i++) {
        AutoconfigFetcher.Fetched fetched;
        try {
          fetched = fetches.get(i).get(Math.max(0, stepEnd - System.nanoTime()) + 50_000_000L,
              TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
          fetched = new AutoconfigFetcher.Fetched(Outcome.TIMED_OUT, Optional.empty(),
              "no answer from " + uris.get(i).getHost() + " in time");
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          fetches.forEach(f -> f.cancel(true));
          step(DiscoveryMethod.AUTOCONFIG, Outcome.FAILED, "interrupted", started);
          return Optional.empty();
        }
        allTimedOut &= fetched.outcome() == Outcome.TIMED_OUT;
        if (fetched.body().isEmpty()) {
          details.add(fetched.detail());
          continue;
        }
        AutoconfigSettings settings;
        try {
          settings = AutoconfigParser.parse(fetched.body().get(), address);
        } catch (IOException e) {
          allTimedOut = false;
          details.add(uris.get(i).getHost() + ": " + e.getMessage());
          continue;
        }
        if (!settings.isUsable()) {
          allTimedOut = false;
          details.add(uris.get(i).getHost() + ": no encrypted IMAP and SMTP servers"
              + (settings.ignored().isEmpty() ? "" : " (ignored " + settings.ignored() + ")"));
          continue;
        }
        fetches.forEach(f -> f.cancel(true));
        return Optional.of(fromAutoconfig(settings, uris.get(i), started));
      }
      step(DiscoveryMethod.AUTOCONFIG, allTimedOut && !fetches.isEmpty() ? Outcome.TIMED_OUT
          : details.stream().allMatch(d -> d.startsWith("HTTP 404") || d.startsWith("HTTP 410"))
              ? Outcome.NOT_FOUND : Outcome.FAILED, String.join("; ", details), started);
      return Optional.empty();
    }

    private DiscoveryResult fromAutoconfig(AutoconfigSettings settings, URI from, long started) {
      List<ServerEndpoint> imap = settings.imap().stream()
          .map(AutoconfigSettings.Server::endpoint).toList();
      List<ServerEndpoint> smtp = settings.smtp().stream()
          .map(AutoconfigSettings.Server::endpoint).toList();
      Optional<ProviderDescriptor> known = knownHosts.byImapHost(imap.get(0).host());
      if (known.isPresent()) {
        step(DiscoveryMethod.AUTOCONFIG, Outcome.FOUND, from.getHost() + " names "
            + imap.get(0) + " → " + describe(known.get()), started);
        return result(DiscoveryMethod.AUTOCONFIG, known.get(), true, null);
      }
      boolean oauthOnly = settings.imap().stream().allMatch(AutoconfigSettings.Server::oauthOnly);
      ProviderDescriptor provider = unknownProvider(settings.displayName().orElse(domain), imap,
          smtp, settings.imap().get(0).loginName(), settings.smtp().get(0).loginName(), oauthOnly);
      step(DiscoveryMethod.AUTOCONFIG, Outcome.FOUND, from.getHost() + " names " + imap.get(0)
          + ", " + smtp.get(0) + (settings.ignored().isEmpty() ? ""
          : "; ignored " + settings.ignored()), started);
      return new DiscoveryResult(address, DiscoveryMethod.AUTOCONFIG, provider, false, imap, smtp,
          null, steps);
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
          null, steps);
    }

    private ProviderDescriptor unknownProvider(String name, List<ServerEndpoint> imap,
        List<ServerEndpoint> smtp, LoginName imapLogin, LoginName smtpLogin, boolean oauthOnly) {
      return ProviderDescriptor.builder(slug(domain))
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
        boolean known, String caution) {
      return new DiscoveryResult(address, method, provider, known,
          provider.endpoints(Protocol.IMAP), provider.endpoints(Protocol.SMTP), caution, steps);
    }

    private <T> CompletableFuture<List<T>> query(DnsQuery<T> query) {
      return CompletableFuture.supplyAsync(() -> {
        try {
          return query.run();
        } catch (DnsException e) {
          throw new java.util.concurrent.CompletionException(e);
        }
      }, DiscoveryThreads.POOL);
    }

    private <T> Answer<T> await(CompletableFuture<List<T>> pending, long started) {
      long wait = Math.min(end, started + dnsTimeout.toNanos()) - System.nanoTime();
      try {
        List<T> records = pending.get(Math.max(0, wait), TimeUnit.NANOSECONDS);
        return new Answer<>(records == null ? List.of() : records, Outcome.FOUND, "");
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

  @FunctionalInterface
  private interface DnsQuery<T> {
    List<T> run() throws DnsException;
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

  /** A provider id for a domain: {@code bakery-anna.de} becomes {@code bakery-anna-de}. */
  static String slug(String domain) {
    String slug = domain.replace('.', '-');
    if (slug.length() > 64) {
      slug = slug.substring(0, 64);
    }
    while (slug.endsWith("-")) {
      slug = slug.substring(0, slug.length() - 1);
    }
    return slug;
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

    /** The most one discovery may take, all steps together. Default 15 s. */
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
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + value);
      }
      return value;
    }
  }
}
