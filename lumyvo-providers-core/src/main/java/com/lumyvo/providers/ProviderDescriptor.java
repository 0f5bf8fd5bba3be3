package com.lumyvo.providers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a service needs to know about one mail provider before it connects: the domains it
 * serves, its IMAP and SMTP servers (per region where they differ), the login name each server
 * expects, how each server lets mail apps sign in (passwords, OAuth 2.0 or both) with the OAuth
 * facts a service needs, its app-password policy, what the person must do first, and the setup
 * guide.
 *
 * <p>A descriptor returned by {@link ProviderRegistry#lookup(String)} is already resolved for the
 * address's domain: {@link #imap()} and {@link #smtp()} are that region's servers and
 * {@link #region()} says which region applied. {@link #inRegion(String)} resolves it for a region
 * chosen by other means.
 *
 * <p>Immutable and thread-safe. Services define their own providers with {@link #builder(String)}:
 *
 * <pre>{@code
 * ProviderDescriptor acme = ProviderDescriptor.builder("acme")
 *     .displayName("ACME Mail").domains("acme.example")
 *     .imap(ServerEndpoint.of("imap.acme.example", 993, Security.SSL_TLS))
 *     .smtp(ServerEndpoint.of("smtp.acme.example", 465, Security.SSL_TLS))
 *     .build();
 * }</pre>
 */
public final class ProviderDescriptor {
  private final String id;
  private final String displayName;
  private final Set<String> domains;
  private final ServerEndpoint defaultImap;
  private final List<ServerEndpoint> defaultSmtp;
  private final Map<Protocol, LoginName> loginNames;
  private final AppPasswordPolicy appPasswordPolicy;
  private final List<Prerequisite> prerequisites;
  private final SetupGuide setupGuide;
  private final List<RegionalVariant> regions;
  private final List<MxPattern> mxPatterns;
  private final Map<Protocol, LoginName> customDomainLoginNames;
  private final Map<Protocol, Set<SignInMethod>> signInMethods;
  private final OAuthSupport oauth;
  private final RegionalVariant region;
  private final boolean customDomain;
  // The built-in words of the prerequisites and the guide in other languages; null where the
  // service gave its own (they are in the service's words, in whatever language it wrote them).
  private final BuiltInTexts prerequisiteTexts;
  private final BuiltInTexts guideTexts;

  private ProviderDescriptor(Builder builder, Set<String> domains) {
    this.id = builder.id;
    this.displayName = builder.displayName;
    this.domains = domains;
    this.defaultImap = builder.imap;
    this.defaultSmtp = List.copyOf(builder.smtp);
    this.loginNames = Collections.unmodifiableMap(new EnumMap<>(builder.loginNames));
    this.appPasswordPolicy = builder.appPasswordPolicy;
    this.prerequisites = List.copyOf(builder.prerequisites);
    // A built-in guide is made here, not when texts() was called, so that its OAuth part follows
    // the OAuth facts the descriptor ends up with.
    this.setupGuide = builder.guideTexts == null ? builder.setupGuide
        : builder.guideTexts.guide(Locale.ENGLISH, oauthScopes(builder.oauth));
    this.regions = List.copyOf(builder.regions);
    this.mxPatterns = List.copyOf(builder.mxPatterns);
    this.customDomainLoginNames =
        Collections.unmodifiableMap(new EnumMap<>(builder.customDomainLoginNames));
    Map<Protocol, Set<SignInMethod>> signIn = new EnumMap<>(Protocol.class);
    builder.signInMethods.forEach((protocol, methods) ->
        signIn.put(protocol, Collections.unmodifiableSet(EnumSet.copyOf(methods))));
    this.signInMethods = Collections.unmodifiableMap(signIn);
    this.oauth = builder.oauth;
    this.region = null;
    this.customDomain = false;
    this.prerequisiteTexts = builder.prerequisiteTexts;
    this.guideTexts = builder.guideTexts;
  }

  private ProviderDescriptor(ProviderDescriptor base, RegionalVariant region, boolean customDomain) {
    this.id = base.id;
    this.displayName = base.displayName;
    this.domains = base.domains;
    this.defaultImap = base.defaultImap;
    this.defaultSmtp = base.defaultSmtp;
    this.loginNames = base.loginNames;
    this.appPasswordPolicy = base.appPasswordPolicy;
    this.prerequisites = base.prerequisites;
    this.setupGuide = base.setupGuide;
    this.regions = base.regions;
    this.mxPatterns = base.mxPatterns;
    this.customDomainLoginNames = base.customDomainLoginNames;
    this.signInMethods = base.signInMethods;
    this.oauth = base.oauth;
    this.region = region;
    this.customDomain = customDomain;
    this.prerequisiteTexts = base.prerequisiteTexts;
    this.guideTexts = base.guideTexts;
  }

  /**
   * A builder for a provider with the given id.
   *
   * @param id a short stable name: lower-case letters, digits and inner hyphens ({@code gmx})
   * @throws IllegalArgumentException if {@code id} is not such a name
   */
  public static Builder builder(String id) {
    return new Builder(Identifiers.requireSlug(id, "id"));
  }

  /**
   * A builder holding this provider's facts, starting from its default servers: a region this
   * descriptor was resolved for is not carried over (its variant still is).
   */
  public Builder toBuilder() {
    Builder builder = new Builder(id);
    builder.displayName = displayName;
    builder.domains.addAll(baseDomains());
    builder.imap = defaultImap;
    builder.smtp.addAll(defaultSmtp);
    builder.loginNames.putAll(loginNames);
    builder.appPasswordPolicy = appPasswordPolicy;
    builder.prerequisites.addAll(prerequisites);
    builder.setupGuide = setupGuide;
    builder.prerequisiteTexts = prerequisiteTexts;
    builder.guideTexts = guideTexts;
    builder.regions.addAll(regions);
    builder.mxPatterns.addAll(mxPatterns);
    builder.customDomainLoginNames.putAll(customDomainLoginNames);
    signInMethods.forEach((protocol, methods) ->
        builder.signInMethods.put(protocol, EnumSet.copyOf(methods)));
    builder.oauth = oauth;
    return builder;
  }

  /** The stable id, such as {@code gmx}, {@code icloud}. */
  public String id() {
    return id;
  }

  /** The provider's name as people know it, such as {@code iCloud Mail}. */
  public String displayName() {
    return displayName;
  }

  /** Every address domain this provider serves, across its regions, normalized. */
  public Set<String> domains() {
    return domains;
  }

  /** The IMAP server: the resolved region's, or the provider's default. */
  public ServerEndpoint imap() {
    return region != null ? region.imap() : defaultImap;
  }

  /**
   * The SMTP servers, preferred first, then alternatives to try when a connection fails (465
   * implicit TLS, then 587 STARTTLS, for example).
   */
  public List<ServerEndpoint> smtp() {
    return region != null ? region.smtp() : defaultSmtp;
  }

  /** The servers for {@code protocol}, preferred first; IMAP has one. */
  public List<ServerEndpoint> endpoints(Protocol protocol) {
    Objects.requireNonNull(protocol, "protocol");
    return protocol == Protocol.IMAP ? List.of(imap()) : smtp();
  }

  /**
   * Which login name the {@code protocol} server expects: for a descriptor resolved for a custom
   * domain ({@link #isCustomDomain()}), the provider's rule for custom domains.
   */
  public LoginName loginName(Protocol protocol) {
    Objects.requireNonNull(protocol, "protocol");
    return (customDomain ? customDomainLoginNames : loginNames).get(protocol);
  }

  /**
   * The user name to log in to the {@code protocol} server with, for {@code address}.
   *
   * @throws IllegalStateException if the login name is not derived from the address ({@link
   *     LoginName#ACCOUNT_ADDRESS}); the person must give it
   */
  public String login(Protocol protocol, EmailAddress address) {
    return loginName(protocol).of(address);
  }

  /**
   * How mail apps may sign in to the {@code protocol} server. Unless the provider's facts say
   * otherwise, {@link SignInMethod#OAUTH2} alone for a provider that accepts no passwords
   * ({@link AppPasswordPolicy#oauthOnly()}) and {@link SignInMethod#PASSWORD} alone for every
   * other.
   */
  public Set<SignInMethod> signInMethods(Protocol protocol) {
    Objects.requireNonNull(protocol, "protocol");
    Set<SignInMethod> methods = signInMethods.get(protocol);
    if (methods != null) {
      return methods;
    }
    return appPasswordPolicy.oauthOnly() ? Set.of(SignInMethod.OAUTH2)
        : Set.of(SignInMethod.PASSWORD);
  }

  /** Whether mail apps may sign in to the {@code protocol} server with {@code method}. */
  public boolean accepts(Protocol protocol, SignInMethod method) {
    Objects.requireNonNull(method, "method");
    return signInMethods(protocol).contains(method);
  }

  /**
   * The provider's OAuth 2.0 endpoints, scopes and SASL mechanisms; empty when the SDK does not
   * know them (a provider without OAuth, or one found by discovery).
   */
  public Optional<OAuthSupport> oauth() {
    return Optional.ofNullable(oauth);
  }

  /** What the provider demands of app passwords. */
  public AppPasswordPolicy appPasswordPolicy() {
    return appPasswordPolicy;
  }

  /**
   * Checks a password against this provider's app-password policy before any login attempt.
   *
   * @see AppPasswordPolicy#check(AppPassword, String)
   */
  public AppPasswordCheck checkAppPassword(AppPassword password) {
    return appPasswordPolicy.check(password, displayName);
  }

  /**
   * {@link #checkAppPassword(AppPassword)} with the warnings in the language of {@code locale}.
   *
   * @see AppPasswordPolicy#check(AppPassword, String, Locale)
   */
  public AppPasswordCheck checkAppPassword(AppPassword password, Locale locale) {
    return appPasswordPolicy.check(password, displayName, locale);
  }

  /** What the person must have done before connecting, in the order to do it, in English. */
  public List<Prerequisite> prerequisites() {
    return prerequisites;
  }

  /**
   * {@link #prerequisites()} in the language of {@code locale}. A built-in provider's are in
   * English, German, French, Spanish or Italian, chosen by the locale's language alone ({@code
   * de-AT} gets German) and English for any other language. Prerequisites a service added itself
   * are its own words and come back as given, in every locale.
   */
  public List<Prerequisite> prerequisites(Locale locale) {
    Objects.requireNonNull(locale, "locale");
    return prerequisiteTexts == null ? prerequisites : prerequisiteTexts.prerequisites(locale);
  }

  /** Whether the provider has a prerequisite of this kind. */
  public boolean requires(Prerequisite.Kind kind) {
    Objects.requireNonNull(kind, "kind");
    return prerequisites.stream().anyMatch(p -> p.kind() == kind);
  }

  /**
   * How to get an app password, switch on IMAP, and revoke the password later, in English; for a
   * provider that takes OAuth 2.0 also how to connect with it and withdraw the access later
   * ({@link SetupGuide#oauthSteps()}).
   */
  public SetupGuide setupGuide() {
    return setupGuide;
  }

  /**
   * {@link #setupGuide()} in the language of {@code locale}, chosen as for {@link
   * #prerequisites(Locale)}: a built-in provider's guide in English, German, French, Spanish or
   * Italian, with the menu names the provider's site uses in that language where we know them; a
   * guide a service set itself as given. The steps, their number and the start page are the same
   * in every language.
   *
   * <pre>{@code
   * SetupGuide guide = gmx.setupGuide(Locale.forLanguageTag("de-AT"));
   * guide.appPasswordSteps().get(0);  // "Melden Sie sich im Webbrowser bei GMX an."
   * }</pre>
   */
  public SetupGuide setupGuide(Locale locale) {
    Objects.requireNonNull(locale, "locale");
    return guideTexts == null ? setupGuide : guideTexts.guide(locale, oauthScopes(oauth));
  }

  /** The scopes a built-in guide names for the OAuth path; empty (no OAuth part) without OAuth. */
  private static List<String> oauthScopes(OAuthSupport oauth) {
    return oauth == null ? List.of() : oauth.scopes();
  }

  /** The provider's regional variants; empty if it has one set of servers everywhere. */
  public List<RegionalVariant> regions() {
    return regions;
  }

  /** The regional variant this descriptor was resolved for, if any. */
  public Optional<RegionalVariant> region() {
    return Optional.ofNullable(region);
  }

  /**
   * This provider resolved for the region with the given id, or empty if it has no such region.
   */
  public Optional<ProviderDescriptor> inRegion(String regionId) {
    Objects.requireNonNull(regionId, "regionId");
    for (RegionalVariant variant : regions) {
      if (variant.id().equals(regionId)) {
        return Optional.of(new ProviderDescriptor(this, variant, customDomain));
      }
    }
    return Optional.empty();
  }

  /**
   * The MX host suffixes that show a domain is hosted here, with the region each one means;
   * empty if the provider hosts no domains but its own.
   */
  public List<MxPattern> mxPatterns() {
    return mxPatterns;
  }

  /**
   * Whether this descriptor was resolved for an address on a domain the person owns and the
   * provider hosts (found through its MX records), rather than one of {@link #domains()}. Such
   * addresses log in by {@link Builder#customDomainLoginName the provider's custom-domain rule}.
   */
  public boolean isCustomDomain() {
    return customDomain;
  }

  /**
   * This provider, in the same region, as it serves a domain the person owns: the same servers,
   * with the login names for custom domains. For services that know where a domain is hosted
   * without discovery.
   */
  public ProviderDescriptor forCustomDomain() {
    return customDomain ? this : new ProviderDescriptor(this, region, true);
  }

  /** This provider resolved for a normalized domain it serves; package-private for the registry. */
  ProviderDescriptor forDomain(String domain) {
    for (RegionalVariant variant : regions) {
      if (variant.domains().contains(domain)) {
        return new ProviderDescriptor(this, variant, false);
      }
    }
    return region == null && !customDomain ? this : new ProviderDescriptor(this, null, false);
  }

  private Set<String> baseDomains() {
    Set<String> base = new LinkedHashSet<>(domains);
    regions.forEach(variant -> base.removeAll(variant.domains()));
    return base;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProviderDescriptor other
        && id.equals(other.id)
        && displayName.equals(other.displayName)
        && domains.equals(other.domains)
        && defaultImap.equals(other.defaultImap)
        && defaultSmtp.equals(other.defaultSmtp)
        && loginNames.equals(other.loginNames)
        && appPasswordPolicy.equals(other.appPasswordPolicy)
        && prerequisites.equals(other.prerequisites)
        && setupGuide.equals(other.setupGuide)
        && regions.equals(other.regions)
        && mxPatterns.equals(other.mxPatterns)
        && customDomainLoginNames.equals(other.customDomainLoginNames)
        && signInMethods.equals(other.signInMethods)
        && Objects.equals(oauth, other.oauth)
        && Objects.equals(region, other.region)
        && customDomain == other.customDomain;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, domains, defaultImap, defaultSmtp, region, customDomain);
  }

  /**
   * The id, region, custom-domain mark and servers: {@code ProviderDescriptor{ionos, region=uk,
   * custom domain, imap=…, smtp=[…]}}.
   */
  @Override
  public String toString() {
    return "ProviderDescriptor{" + id + (region == null ? "" : ", region=" + region.id())
        + (customDomain ? ", custom domain" : "")
        + ", imap=" + imap() + ", smtp=" + smtp() + '}';
  }

  /**
   * Builds a {@link ProviderDescriptor}. Not thread-safe. Every setter validates its argument at
   * once; {@link #build()} checks that the required facts are there and copies everything.
   */
  public static final class Builder {
    private final String id;
    private String displayName;
    private final Set<String> domains = new LinkedHashSet<>();
    private ServerEndpoint imap;
    private final List<ServerEndpoint> smtp = new ArrayList<>();
    private final Map<Protocol, LoginName> loginNames = new EnumMap<>(Map.of(
        Protocol.IMAP, LoginName.EMAIL_ADDRESS, Protocol.SMTP, LoginName.EMAIL_ADDRESS));
    private AppPasswordPolicy appPasswordPolicy = AppPasswordPolicy.builder().build();
    private final List<Prerequisite> prerequisites = new ArrayList<>();
    private SetupGuide setupGuide = SetupGuide.builder().build();
    private BuiltInTexts prerequisiteTexts;
    private BuiltInTexts guideTexts;
    private final List<RegionalVariant> regions = new ArrayList<>();
    private final List<MxPattern> mxPatterns = new ArrayList<>();
    private final Map<Protocol, LoginName> customDomainLoginNames = new EnumMap<>(Map.of(
        Protocol.IMAP, LoginName.EMAIL_ADDRESS, Protocol.SMTP, LoginName.EMAIL_ADDRESS));
    private final Map<Protocol, Set<SignInMethod>> signInMethods = new EnumMap<>(Protocol.class);
    private OAuthSupport oauth;

    private Builder(String id) {
      this.id = id;
    }

    /** The name people know the provider by. Required. */
    public Builder displayName(String displayName) {
      Objects.requireNonNull(displayName, "displayName");
      if (displayName.isBlank()) {
        throw new IllegalArgumentException("displayName is blank");
      }
      this.displayName = displayName;
      return this;
    }

    /**
     * Adds address domains served by the default servers.
     *
     * @throws IllegalArgumentException if a domain is malformed
     */
    public Builder domains(String... domains) {
      this.domains.addAll(Identifiers.normalizeDomains(List.of(domains)));
      return this;
    }

    /** The default IMAP server. Required. */
    public Builder imap(ServerEndpoint imap) {
      this.imap = Objects.requireNonNull(imap, "imap");
      return this;
    }

    /**
     * The default SMTP servers, preferred first; replaces earlier ones. Required.
     *
     * @throws IllegalArgumentException if none is given
     */
    public Builder smtp(ServerEndpoint... smtp) {
      List<ServerEndpoint> endpoints = Identifiers.requireEndpoints(List.of(smtp), "smtp");
      this.smtp.clear();
      this.smtp.addAll(endpoints);
      return this;
    }

    /** Which login name the {@code protocol} server expects. Default: the whole address. */
    public Builder loginName(Protocol protocol, LoginName loginName) {
      loginNames.put(Objects.requireNonNull(protocol, "protocol"),
          Objects.requireNonNull(loginName, "loginName"));
      return this;
    }

    /**
     * Which login name the {@code protocol} server expects for addresses on a custom domain the
     * provider hosts. Default: the whole address, which is what hosted domains nearly always use.
     */
    public Builder customDomainLoginName(Protocol protocol, LoginName loginName) {
      customDomainLoginNames.put(Objects.requireNonNull(protocol, "protocol"),
          Objects.requireNonNull(loginName, "loginName"));
      return this;
    }

    /**
     * Adds MX host patterns that show a domain is hosted by this provider. Their regions must be
     * added with {@link #region} by the time {@link #build()} runs.
     */
    public Builder mx(MxPattern... patterns) {
      for (MxPattern pattern : patterns) {
        mxPatterns.add(Objects.requireNonNull(pattern, "pattern"));
      }
      return this;
    }

    /**
     * How mail apps may sign in to the {@code protocol} server, replacing earlier methods.
     * Default: see {@link ProviderDescriptor#signInMethods(Protocol)}.
     *
     * @throws IllegalArgumentException if no method is given
     */
    public Builder signInMethods(Protocol protocol, SignInMethod... methods) {
      Objects.requireNonNull(protocol, "protocol");
      Objects.requireNonNull(methods, "methods");
      if (methods.length == 0) {
        throw new IllegalArgumentException("signInMethods for " + protocol + " must not be empty");
      }
      Set<SignInMethod> set = EnumSet.noneOf(SignInMethod.class);
      for (SignInMethod method : methods) {
        set.add(Objects.requireNonNull(method, "method"));
      }
      signInMethods.put(protocol, set);
      return this;
    }

    /** The provider's OAuth 2.0 facts. Default: unknown. */
    public Builder oauth(OAuthSupport oauth) {
      this.oauth = Objects.requireNonNull(oauth, "oauth");
      return this;
    }

    /** The app-password policy. Default: not required, format unknown. */
    public Builder appPasswordPolicy(AppPasswordPolicy policy) {
      this.appPasswordPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Adds prerequisites, in the order the person should do them. */
    public Builder prerequisites(Prerequisite... prerequisites) {
      for (Prerequisite prerequisite : prerequisites) {
        this.prerequisites.add(Objects.requireNonNull(prerequisite, "prerequisite"));
        prerequisiteTexts = null;
      }
      return this;
    }

    /**
     * The words of a built-in provider, in every language we translate: sets the English
     * prerequisites and guide, and lets {@link #prerequisites(Locale)} and {@link
     * #setupGuide(Locale)} answer in other languages until a service sets its own.
     */
    Builder texts(BuiltInTexts texts) {
      this.prerequisites.clear();
      this.prerequisites.addAll(texts.prerequisites(Locale.ENGLISH));
      this.prerequisiteTexts = texts;
      this.setupGuide = texts.guide(Locale.ENGLISH, List.of());
      this.guideTexts = texts;
      return this;
    }

    /** The setup guide. Default: empty. */
    public Builder setupGuide(SetupGuide setupGuide) {
      this.setupGuide = Objects.requireNonNull(setupGuide, "setupGuide");
      guideTexts = null;
      return this;
    }

    /**
     * Adds a regional variant.
     *
     * @throws IllegalArgumentException if a variant with the same id was added already
     */
    public Builder region(RegionalVariant variant) {
      Objects.requireNonNull(variant, "variant");
      for (RegionalVariant existing : regions) {
        if (existing.id().equals(variant.id())) {
          throw new IllegalArgumentException(
              "provider " + id + " already has a region " + variant.id());
        }
      }
      regions.add(variant);
      return this;
    }

    /**
     * An immutable descriptor.
     *
     * @throws IllegalStateException if the display name, IMAP server or SMTP servers are missing,
     *     two regions claim the same domain, an MX pattern names a region not added, a protocol
     *     takes passwords although the policy says the provider accepts none, or a protocol
     *     takes OAuth 2.0 that the OAuth facts give no scopes for
     */
    public ProviderDescriptor build() {
      if (displayName == null) {
        throw new IllegalStateException("provider " + id + " has no displayName");
      }
      if (imap == null) {
        throw new IllegalStateException("provider " + id + " has no imap server");
      }
      if (smtp.isEmpty()) {
        throw new IllegalStateException("provider " + id + " has no smtp server");
      }
      Set<String> all = new LinkedHashSet<>(domains);
      Set<String> regional = new LinkedHashSet<>();
      for (RegionalVariant variant : regions) {
        for (String domain : variant.domains()) {
          if (!regional.add(domain)) {
            throw new IllegalStateException("provider " + id + " has domain " + domain
                + " in more than one region");
          }
        }
        all.addAll(variant.domains());
      }
      for (MxPattern pattern : mxPatterns) {
        pattern.regionId().filter(r -> regions.stream().noneMatch(v -> v.id().equals(r)))
            .ifPresent(r -> {
              throw new IllegalStateException("provider " + id + " has an MX pattern "
                  + pattern.hostSuffix() + " for region " + r + ", which it does not have");
            });
      }
      for (Protocol protocol : Protocol.values()) {
        Set<SignInMethod> methods = signInMethods.get(protocol);
        if (methods == null) {
          continue;
        }
        if (appPasswordPolicy.oauthOnly() && methods.contains(SignInMethod.PASSWORD)) {
          throw new IllegalStateException("provider " + id + " accepts no passwords (oauthOnly)"
              + " but lists PASSWORD for " + protocol);
        }
        if (oauth != null && methods.contains(SignInMethod.OAUTH2)
            && oauth.scopes(protocol).isEmpty()) {
          throw new IllegalStateException("provider " + id + " lists OAUTH2 for " + protocol
              + " but its OAuth support has no scopes for it");
        }
      }
      return new ProviderDescriptor(this, Collections.unmodifiableSet(all));
    }
  }
}
