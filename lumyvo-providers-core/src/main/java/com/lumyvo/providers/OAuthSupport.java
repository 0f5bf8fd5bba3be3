package com.lumyvo.providers;

import com.lumyvo.providers.oauth.SaslMechanism;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a service needs to know about a provider's OAuth 2.0 before it registers a client and
 * asks a person for consent: the authorization and token endpoints, the device-authorization
 * endpoint where the provider offers one for mail, the scopes that IMAP and SMTP need, and the
 * SASL mechanisms the servers announce.
 *
 * <p>The SDK registers no client and holds no client id: the service registers its own with the
 * provider, which for the mail scopes usually means a review (Google's restricted scopes,
 * Yahoo's and AOL's mail scopes).
 *
 * <p>Endpoints are absolute {@code https} addresses; scopes are RFC 6749 scope tokens (printable
 * ASCII without spaces, quotes or backslashes). Immutable and thread-safe.
 *
 * <pre>{@code
 * OAuthSupport oauth = registry.byId("outlook").orElseThrow().oauth().orElseThrow();
 * oauth.tokenEndpoint();        // https://login.microsoftonline.com/consumers/oauth2/v2.0/token
 * oauth.scopes();               // [https://outlook.office.com/IMAP.AccessAsUser.All, …]
 * }</pre>
 */
public final class OAuthSupport {
  private final URI authorizationEndpoint;
  private final URI tokenEndpoint;
  private final URI deviceAuthorizationEndpoint;
  private final Map<Protocol, List<String>> scopes;
  private final Map<Protocol, Set<SaslMechanism>> mechanisms;

  private OAuthSupport(Builder builder) {
    this.authorizationEndpoint = builder.authorizationEndpoint;
    this.tokenEndpoint = builder.tokenEndpoint;
    this.deviceAuthorizationEndpoint = builder.deviceAuthorizationEndpoint;
    Map<Protocol, List<String>> scopes = new EnumMap<>(Protocol.class);
    builder.scopes.forEach((protocol, list) -> scopes.put(protocol, List.copyOf(list)));
    this.scopes = Collections.unmodifiableMap(scopes);
    Map<Protocol, Set<SaslMechanism>> mechanisms = new EnumMap<>(Protocol.class);
    builder.mechanisms.forEach((protocol, set) ->
        mechanisms.put(protocol, Collections.unmodifiableSet(EnumSet.copyOf(set))));
    this.mechanisms = Collections.unmodifiableMap(mechanisms);
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these facts. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.authorizationEndpoint = authorizationEndpoint;
    builder.tokenEndpoint = tokenEndpoint;
    builder.deviceAuthorizationEndpoint = deviceAuthorizationEndpoint;
    scopes.forEach((protocol, list) -> builder.scopes.put(protocol, new ArrayList<>(list)));
    mechanisms.forEach((protocol, set) -> builder.mechanisms.put(protocol, EnumSet.copyOf(set)));
    return builder;
  }

  /** Where a person is sent to consent (the authorization-code grant, RFC 6749 section 4.1). */
  public URI authorizationEndpoint() {
    return authorizationEndpoint;
  }

  /** Where codes and refresh tokens are exchanged for access tokens. */
  public URI tokenEndpoint() {
    return tokenEndpoint;
  }

  /**
   * Where the device-code grant (RFC 8628) starts, for services without a browser of their own;
   * empty when the provider has none or does not grant the mail scopes through it.
   */
  public Optional<URI> deviceAuthorizationEndpoint() {
    return Optional.ofNullable(deviceAuthorizationEndpoint);
  }

  /** The protocols a token can be used for. */
  public Set<Protocol> protocols() {
    return scopes.keySet();
  }

  /**
   * The scopes to ask for to use {@code protocol}, including the one that yields a refresh token
   * where the provider needs a scope for that ({@code offline_access} at Microsoft); empty if a
   * token cannot be used for {@code protocol}.
   */
  public List<String> scopes(Protocol protocol) {
    Objects.requireNonNull(protocol, "protocol");
    return scopes.getOrDefault(protocol, List.of());
  }

  /**
   * The scopes of every protocol without repeats, in order: what to ask for once so that one
   * grant serves reading and sending.
   */
  public List<String> scopes() {
    Set<String> all = new LinkedHashSet<>();
    scopes.values().forEach(all::addAll);
    return List.copyOf(all);
  }

  /** The SASL mechanisms the {@code protocol} server announces for tokens; empty if none. */
  public Set<SaslMechanism> mechanisms(Protocol protocol) {
    Objects.requireNonNull(protocol, "protocol");
    return mechanisms.getOrDefault(protocol, Set.of());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OAuthSupport other
        && authorizationEndpoint.equals(other.authorizationEndpoint)
        && tokenEndpoint.equals(other.tokenEndpoint)
        && Objects.equals(deviceAuthorizationEndpoint, other.deviceAuthorizationEndpoint)
        && scopes.equals(other.scopes)
        && mechanisms.equals(other.mechanisms);
  }

  @Override
  public int hashCode() {
    return Objects.hash(authorizationEndpoint, tokenEndpoint, deviceAuthorizationEndpoint,
        scopes, mechanisms);
  }

  @Override
  public String toString() {
    return "OAuthSupport{token=" + tokenEndpoint + ", scopes=" + scopes() + '}';
  }

  /**
   * Builds {@link OAuthSupport}. Not thread-safe; every setter validates at once and {@link
   * #build()} checks completeness and copies.
   */
  public static final class Builder {
    private URI authorizationEndpoint;
    private URI tokenEndpoint;
    private URI deviceAuthorizationEndpoint;
    private final Map<Protocol, List<String>> scopes = new EnumMap<>(Protocol.class);
    private final Map<Protocol, Set<SaslMechanism>> mechanisms = new EnumMap<>(Protocol.class);

    private Builder() {}

    /**
     * The authorization endpoint. Required.
     *
     * @throws IllegalArgumentException unless an absolute {@code https} address without user
     *     info or fragment
     */
    public Builder authorizationEndpoint(String uri) {
      this.authorizationEndpoint = https(uri, "authorizationEndpoint");
      return this;
    }

    /**
     * The token endpoint. Required.
     *
     * @throws IllegalArgumentException unless an absolute {@code https} address without user
     *     info or fragment
     */
    public Builder tokenEndpoint(String uri) {
      this.tokenEndpoint = https(uri, "tokenEndpoint");
      return this;
    }

    /**
     * The device-authorization endpoint (RFC 8628). Default: none.
     *
     * @throws IllegalArgumentException unless an absolute {@code https} address without user
     *     info or fragment
     */
    public Builder deviceAuthorizationEndpoint(String uri) {
      this.deviceAuthorizationEndpoint = https(uri, "deviceAuthorizationEndpoint");
      return this;
    }

    /**
     * The scopes {@code protocol} needs, replacing earlier ones.
     *
     * @throws IllegalArgumentException if none is given or one is not an RFC 6749 scope token
     */
    public Builder scopes(Protocol protocol, String... scopes) {
      Objects.requireNonNull(protocol, "protocol");
      Objects.requireNonNull(scopes, "scopes");
      if (scopes.length == 0) {
        throw new IllegalArgumentException("scopes for " + protocol + " must not be empty");
      }
      List<String> checked = new ArrayList<>();
      for (String scope : scopes) {
        Objects.requireNonNull(scope, "scope");
        if (scope.isEmpty() || !scope.chars().allMatch(
            c -> c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E))) {
          throw new IllegalArgumentException("scope " + PastedText.quote(scope)
              + " is not an RFC 6749 scope token");
        }
        if (!checked.contains(scope)) {
          checked.add(scope);
        }
      }
      this.scopes.put(protocol, checked);
      return this;
    }

    /**
     * The SASL mechanisms the {@code protocol} server announces, replacing earlier ones.
     *
     * @throws IllegalArgumentException if none is given
     */
    public Builder mechanisms(Protocol protocol, SaslMechanism... mechanisms) {
      Objects.requireNonNull(protocol, "protocol");
      Objects.requireNonNull(mechanisms, "mechanisms");
      if (mechanisms.length == 0) {
        throw new IllegalArgumentException("mechanisms for " + protocol + " must not be empty");
      }
      Set<SaslMechanism> set = EnumSet.noneOf(SaslMechanism.class);
      for (SaslMechanism mechanism : mechanisms) {
        set.add(Objects.requireNonNull(mechanism, "mechanism"));
      }
      this.mechanisms.put(protocol, set);
      return this;
    }

    /**
     * Immutable facts.
     *
     * @throws IllegalStateException if an endpoint is missing, no protocol has scopes, or a
     *     protocol has scopes without mechanisms or mechanisms without scopes
     */
    public OAuthSupport build() {
      if (authorizationEndpoint == null) {
        throw new IllegalStateException("OAuth support has no authorizationEndpoint");
      }
      if (tokenEndpoint == null) {
        throw new IllegalStateException("OAuth support has no tokenEndpoint");
      }
      if (scopes.isEmpty()) {
        throw new IllegalStateException("OAuth support has scopes for no protocol");
      }
      if (!scopes.keySet().equals(mechanisms.keySet())) {
        throw new IllegalStateException("OAuth support must give scopes and mechanisms for the"
            + " same protocols, has scopes for " + scopes.keySet() + " and mechanisms for "
            + mechanisms.keySet());
      }
      return new OAuthSupport(this);
    }

    private static URI https(String uri, String name) {
      Objects.requireNonNull(uri, name);
      URI parsed;
      try {
        parsed = new URI(uri);
      } catch (java.net.URISyntaxException e) {
        throw new IllegalArgumentException(name + " is not an address: " + PastedText.quote(uri));
      }
      if (!"https".equalsIgnoreCase(parsed.getScheme()) || parsed.getHost() == null
          || parsed.getRawUserInfo() != null || parsed.getRawFragment() != null) {
        throw new IllegalArgumentException(name + " must be an https address without user"
            + " info or fragment, was " + PastedText.quote(uri));
      }
      return parsed;
    }
  }
}
