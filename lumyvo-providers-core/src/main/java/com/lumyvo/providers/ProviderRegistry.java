package com.lumyvo.providers;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds a provider's descriptor from a person's address or domain, offline and instantly.
 *
 * <p>{@link #defaults()} knows GMX, Yahoo Mail, IONOS, iCloud Mail, Zoho Mail, Gmail,
 * Outlook.com, Microsoft 365, AOL Mail, Fastmail, WEB.DE and mail.com. A service that needs more,
 * or different, providers builds its own registry:
 *
 * <pre>{@code
 * ProviderRegistry registry = ProviderRegistry.defaults().toBuilder().add(acme).build();
 * registry.lookup("Alice.Smith+news@ME.com");   // Optional[iCloud Mail]
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe. {@link #lookup(String)} allocates nothing for ASCII
 * input: it is meant for hot paths.
 */
public final class ProviderRegistry {
  private static final ProviderRegistry DEFAULTS = new Builder().addAll(BuiltInProviders.all()).build();

  private final List<ProviderDescriptor> providers;
  private final Map<String, ProviderDescriptor> byId;
  /** Values are ready-made optionals so that a hit allocates nothing. */
  private final DomainTable<Optional<ProviderDescriptor>> byDomain;

  private ProviderRegistry(Collection<ProviderDescriptor> providers) {
    this.providers = List.copyOf(providers);
    Map<String, ProviderDescriptor> ids = new HashMap<>();
    // In the providers' order: where two domains want one slot, the first added keeps it, so
    // the most used providers, added first, are found with one probe.
    Map<String, Optional<ProviderDescriptor>> domains = new LinkedHashMap<>();
    for (ProviderDescriptor provider : this.providers) {
      ids.put(provider.id(), provider);
      for (String domain : provider.domains()) {
        domains.put(domain, Optional.of(provider.forDomain(domain)));
      }
    }
    this.byId = Map.copyOf(ids);
    this.byDomain = new DomainTable<>(domains);
  }

  /**
   * The built-in providers: GMX, Yahoo Mail, IONOS, iCloud Mail, Zoho Mail, Gmail, Outlook.com,
   * Microsoft 365, AOL Mail, Fastmail, WEB.DE and mail.com.
   */
  public static ProviderRegistry defaults() {
    return DEFAULTS;
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this registry's providers, to add or replace some. */
  public Builder toBuilder() {
    return new Builder().addAll(providers);
  }

  /**
   * The provider of an address ({@code Alice.Smith+tag@ME.com}) or a bare domain ({@code me.com}),
   * resolved for the domain's region.
   *
   * <p>Surrounding whitespace (including pasted no-break and zero-width spaces) and one trailing
   * dot are ignored; case does not matter; Unicode and punycode ({@code xn--}) forms of a domain
   * find the same provider. Only the exact domain matches: {@code sub.gmx.de} is not GMX.
   *
   * @return the provider, or empty if no provider here serves that domain
   * @throws IllegalArgumentException if the input is null, blank, over-long, has more than one
   *     {@code @}, an empty or ill-formed local part or domain, or characters not allowed in an
   *     address; the message says which
   */
  public Optional<ProviderDescriptor> lookup(String addressOrDomain) {
    if (addressOrDomain == null) {
      throw new IllegalArgumentException("address or domain is null");
    }
    Optional<ProviderDescriptor> known = lookupPlainKnown(addressOrDomain);
    return known != null ? known : checkedLookup(addressOrDomain);
  }

  /**
   * The fast path for the common case, a plain ASCII address of a known domain with nothing
   * around it: one pass over the local part, then a comparison of the domain with the one
   * registered domain it can be. A match proves the domain well-formed, because registered
   * domains are. Returns null, never a wrong answer, for anything else (pasted spaces and root
   * dots included), leaving it to {@link #checkedLookup}.
   */
  private Optional<ProviderDescriptor> lookupPlainKnown(String s) {
    int to = s.length();
    int domainFrom = AddressSyntax.plainDomainStart(s, 0, to);
    return domainFrom < 0 || domainFrom == to ? null : byDomain.getExact(s, domainFrom, to);
  }

  /** {@link #lookup} with every check made one by one, so that an error can say what is wrong. */
  Optional<ProviderDescriptor> checkedLookup(String s) {
    int from = AddressSyntax.skipLeadingSpace(s, 0, s.length());
    int to = AddressSyntax.skipTrailingSpace(s, from, s.length());
    if (from == to) {
      throw new IllegalArgumentException("address or domain is blank");
    }
    if (to - from > AddressSyntax.MAX_ADDRESS_LENGTH + 1) {
      throw AddressSyntax.malformed(s, "is longer than " + (AddressSyntax.MAX_ADDRESS_LENGTH + 1)
          + " characters, more than any address or domain can have");
    }
    to = AddressSyntax.dropRootDot(s, from, to);
    int domainFrom = AddressSyntax.scanAsciiDomain(s, from, to);
    if (domainFrom == AddressSyntax.NON_ASCII) {
      return lookupInternationalized(s, from, to);
    }
    if (domainFrom > from) {
      AddressSyntax.checkLocalPart(s, from, domainFrom - 1);
      if (to - from > AddressSyntax.MAX_ADDRESS_LENGTH) {
        throw AddressSyntax.malformed(
            s, "is longer than " + AddressSyntax.MAX_ADDRESS_LENGTH + " characters");
      }
    }
    return orEmpty(byDomain.get(s, domainFrom, to));
  }

  private Optional<ProviderDescriptor> lookupInternationalized(String s, int from, int to) {
    int domainFrom = AddressSyntax.domainStart(s, from, to);
    String ascii = AddressSyntax.toAsciiDomain(s, domainFrom, to);
    return orEmpty(byDomain.get(ascii));
  }

  private static Optional<ProviderDescriptor> orEmpty(Optional<ProviderDescriptor> found) {
    return found != null ? found : Optional.empty();
  }

  /**
   * The provider that hosts a custom domain whose mail exchanger is {@code mxHost}, resolved for
   * the region that MX host means and {@linkplain ProviderDescriptor#forCustomDomain() for a
   * custom domain}: {@code mx00.ionos.co.uk} gives IONOS UK. The longest matching {@link
   * MxPattern} wins. Offline; the caller does the DNS query.
   *
   * @param mxHost an MX host name, case and one trailing dot ignored
   * @return the provider, or empty if no provider here declares that MX host
   * @throws IllegalArgumentException if {@code mxHost} is not a host name
   */
  public Optional<ProviderDescriptor> lookupMx(String mxHost) {
    if (mxHost == null) {
      throw new IllegalArgumentException("MX host is null");
    }
    String host = Identifiers.normalizeDomain(mxHost.strip());
    ProviderDescriptor best = null;
    MxPattern bestPattern = null;
    for (ProviderDescriptor provider : providers) {
      for (MxPattern pattern : provider.mxPatterns()) {
        if (pattern.matches(host) && (bestPattern == null
            || pattern.hostSuffix().length() > bestPattern.hostSuffix().length())) {
          best = provider;
          bestPattern = pattern;
        }
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    ProviderDescriptor hosted = best.forCustomDomain();
    return bestPattern.regionId().flatMap(hosted::inRegion).or(() -> Optional.of(hosted));
  }

  /** The provider with this id ({@code gmx}), with its default servers, or empty. */
  public Optional<ProviderDescriptor> byId(String id) {
    Objects.requireNonNull(id, "id");
    return Optional.ofNullable(byId.get(id));
  }

  /** Every provider, in the order they were added. */
  public List<ProviderDescriptor> all() {
    return providers;
  }

  @Override
  public String toString() {
    return "ProviderRegistry" + providers.stream().map(ProviderDescriptor::id).toList();
  }

  /** Builds a {@link ProviderRegistry}. Not thread-safe; every method checks at once. */
  public static final class Builder {
    private final Map<String, ProviderDescriptor> providers = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds a provider.
     *
     * @throws IllegalArgumentException if a provider with the same id is here already, or one of
     *     its domains belongs to another provider
     */
    public Builder add(ProviderDescriptor provider) {
      Objects.requireNonNull(provider, "provider");
      if (providers.containsKey(provider.id())) {
        throw new IllegalArgumentException("a provider with id " + provider.id()
            + " is already registered; use replace to change it");
      }
      checkDomainsFree(provider);
      providers.put(provider.id(), provider);
      return this;
    }

    /** Adds every provider, as {@link #add} does. */
    public Builder addAll(Collection<ProviderDescriptor> providers) {
      providers.forEach(this::add);
      return this;
    }

    /**
     * Replaces the provider with the same id, keeping its place in {@link ProviderRegistry#all()}.
     *
     * @throws IllegalArgumentException if no provider has that id, or one of the new domains
     *     belongs to another provider
     */
    public Builder replace(ProviderDescriptor provider) {
      Objects.requireNonNull(provider, "provider");
      if (!providers.containsKey(provider.id())) {
        throw new IllegalArgumentException("no provider with id " + provider.id()
            + " to replace; use add");
      }
      checkDomainsFree(provider);
      providers.put(provider.id(), provider);
      return this;
    }

    /**
     * Removes the provider with this id.
     *
     * @throws IllegalArgumentException if there is none
     */
    public Builder remove(String id) {
      Objects.requireNonNull(id, "id");
      if (providers.remove(id) == null) {
        throw new IllegalArgumentException("no provider with id " + id + " to remove");
      }
      return this;
    }

    /** An immutable registry of the providers added so far. */
    public ProviderRegistry build() {
      return new ProviderRegistry(providers.values());
    }

    private void checkDomainsFree(ProviderDescriptor provider) {
      for (ProviderDescriptor other : providers.values()) {
        if (other.id().equals(provider.id())) {
          continue;
        }
        for (String domain : provider.domains()) {
          if (other.domains().contains(domain)) {
            throw new IllegalArgumentException("domain " + domain + " of provider "
                + provider.id() + " already belongs to provider " + other.id());
          }
        }
      }
    }
  }
}
