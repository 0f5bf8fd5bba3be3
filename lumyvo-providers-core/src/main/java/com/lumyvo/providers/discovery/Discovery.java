package com.lumyvo.providers.discovery;

import com.lumyvo.providers.EmailAddress;
import com.lumyvo.providers.ProviderRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
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
  // Package-private: each DiscoveryRun reads its settings from here.
  final ProviderRegistry registry;
  final KnownHosts knownHosts;
  final DnsResolver resolver;
  private final Duration deadline;
  final Duration dnsTimeout;
  final Duration httpTimeout;
  final boolean autoconfig;
  final boolean allowPrivateAddresses;
  final Function<EmailAddress, List<URI>> autoconfigUris;
  final AutoconfigFetcher fetcher;

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
    return new DiscoveryRun(this, parsed, System.nanoTime() + deadline.toNanos()).run();
  }

  /**
   * {@link #discover} on a daemon thread, for callers that must not block.
   *
   * @throws IllegalArgumentException at once, if {@code address} is not a well-formed address
   */
  public CompletableFuture<DiscoveryResult> discoverAsync(String address) {
    EmailAddress parsed = parse(address);
    long end = System.nanoTime() + deadline.toNanos();
    return CompletableFuture.supplyAsync(() -> new DiscoveryRun(this, parsed, end).run(), DiscoveryThreads.POOL);
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
