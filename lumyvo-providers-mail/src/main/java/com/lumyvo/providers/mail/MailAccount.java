package com.lumyvo.providers.mail;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.EmailAddress;
import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.ProviderRegistry;
import com.lumyvo.providers.ServerEndpoint;
import com.lumyvo.providers.mail.internal.Bridges;
import com.lumyvo.providers.oauth.TokenSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A person's mailbox: the address, how it signs in (an app password, or OAuth 2.0 access tokens
 * from a {@link TokenSource} the service implements), its provider, and for self-hosted servers
 * the endpoints and login names to use instead of the provider's. Immutable; {@link #toString()}
 * never shows the password nor a token.
 *
 * <pre>{@code
 * MailAccount anna = MailAccount.builder("anna@gmx.de", AppPassword.of(pasted)).build();
 * MailAccount sam = MailAccount.builder("sam@outlook.com", samsTokens).build();
 * }</pre>
 *
 * <p>A token account logs in with SASL OAUTHBEARER (RFC 7628) where the server announces it and
 * XOAUTH2 otherwise, never with the token as a password. When a server rejects a token the SDK
 * asks the source for {@link TokenSource#refresh a fresh one} once and logs in once more; a
 * password account is never retried.
 */
public final class MailAccount {
  static {
    Bridges.registerAccounts(new Bridges.Accounts() {
      @Override
      public Optional<AppPassword> appPassword(MailAccount account) {
        return Optional.ofNullable(account.password);
      }

      @Override
      public Optional<TokenSource> tokens(MailAccount account) {
        return Optional.ofNullable(account.tokens);
      }
    });
  }

  private final EmailAddress address;
  /** Exactly one of {@code password} and {@code tokens} is set. */
  private final AppPassword password;
  private final TokenSource tokens;
  private final ProviderDescriptor provider;
  private final Map<Protocol, String> logins;

  private MailAccount(Builder builder) {
    address = builder.address;
    password = builder.password;
    tokens = builder.tokens;
    ProviderDescriptor found = builder.provider;
    if (found == null) {
      found = builder.registry.lookup(address.toString()).orElse(null);
    }
    if (found == null) {
      if (builder.imap == null || builder.smtp.isEmpty()) {
        throw new IllegalArgumentException("no provider is known for " + address.domain()
            + "; give the provider, or the IMAP and SMTP endpoints of the server");
      }
      found = ProviderDescriptor.builder("self-hosted").displayName(address.domain())
          .domains(address.domain()).imap(builder.imap)
          .smtp(builder.smtp.toArray(ServerEndpoint[]::new)).build();
    } else if (builder.imap != null || !builder.smtp.isEmpty()) {
      ProviderDescriptor.Builder changed = found.toBuilder();
      if (builder.imap != null) {
        changed.imap(builder.imap);
      }
      if (!builder.smtp.isEmpty()) {
        changed.smtp(builder.smtp.toArray(ServerEndpoint[]::new));
      }
      // The custom-domain login rule belongs to the address, not to the servers replaced.
      found = found.isCustomDomain() ? changed.build().forCustomDomain() : changed.build();
    }
    if (found.appPasswordPolicy().oauthOnly() && builder.imap == null && tokens == null) {
      throw new IllegalArgumentException(found.displayName() + " accepts only OAuth 2.0 sign-in"
          + " from mail apps, no passwords; an app password cannot connect " + address.domain()
          + " addresses: build the account with a TokenSource instead");
    }
    provider = found;
    Map<Protocol, String> names = new EnumMap<>(Protocol.class);
    for (Protocol protocol : Protocol.values()) {
      String given = builder.logins.get(protocol);
      if (given == null && !found.loginName(protocol).isDerivedFromAddress()) {
        throw new IllegalArgumentException(found.displayName() + " signs " + address.domain()
            + " addresses in to " + protocol + " with the address of the person's own "
            + found.displayName() + " account, which only they know; give it with login("
            + protocol + ", ...)");
      }
      names.put(protocol, given != null ? given : found.login(protocol, address));
    }
    logins = Map.copyOf(names);
  }

  /**
   * A builder for the account at {@code address}.
   *
   * @throws IllegalArgumentException if the address is malformed
   * @throws NullPointerException if the password is null
   */
  public static Builder builder(String address, AppPassword password) {
    return new Builder(EmailAddress.parse(address), Objects.requireNonNull(password, "password"),
        null);
  }

  /**
   * A builder for the account at {@code address} that signs in with OAuth 2.0 access tokens from
   * {@code tokens}. Providers that accept only OAuth 2.0 (Outlook.com, Microsoft 365) are
   * connectable this way.
   *
   * @throws IllegalArgumentException if the address is malformed
   * @throws NullPointerException if the token source is null
   */
  public static Builder builder(String address, TokenSource tokens) {
    return new Builder(EmailAddress.parse(address), null, Objects.requireNonNull(tokens, "tokens"));
  }

  /** The mailbox address. */
  public EmailAddress address() {
    return address;
  }

  /** The provider, with any endpoint overrides applied. */
  public ProviderDescriptor provider() {
    return provider;
  }

  /** The IMAP server. */
  public ServerEndpoint imap() {
    return provider.imap();
  }

  /** The SMTP servers, preferred first. */
  public List<ServerEndpoint> smtp() {
    return provider.smtp();
  }

  /** The login name the server of {@code protocol} expects. */
  public String login(Protocol protocol) {
    return logins.get(Objects.requireNonNull(protocol, "protocol"));
  }

  /** Whether the account signs in with OAuth 2.0 access tokens rather than an app password. */
  public boolean usesTokens() {
    return tokens != null;
  }

  @Override
  public String toString() {
    return "MailAccount[" + address + " at " + provider.id()
        + (tokens != null ? ", OAuth 2.0 tokens]" : ", password redacted]");
  }

  /** Builds a {@link MailAccount}. */
  public static final class Builder {
    private final EmailAddress address;
    private final AppPassword password;
    private final TokenSource tokens;
    private ProviderDescriptor provider;
    private ProviderRegistry registry = ProviderRegistry.defaults();
    private ServerEndpoint imap;
    private final List<ServerEndpoint> smtp = new ArrayList<>();
    private final Map<Protocol, String> logins = new EnumMap<>(Protocol.class);

    private Builder(EmailAddress address, AppPassword password, TokenSource tokens) {
      this.address = address;
      this.password = password;
      this.tokens = tokens;
    }

    /** The provider, instead of looking it up by the address's domain. */
    public Builder provider(ProviderDescriptor provider) {
      this.provider = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /** The registry to look the provider up in; the built-in one by default. */
    public Builder registry(ProviderRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** An IMAP server to use instead of the provider's. */
    public Builder imap(ServerEndpoint imap) {
      this.imap = Objects.requireNonNull(imap, "imap");
      return this;
    }

    /** SMTP servers to use instead of the provider's, preferred first. */
    public Builder smtp(ServerEndpoint... smtp) {
      for (ServerEndpoint endpoint : smtp) {
        this.smtp.add(Objects.requireNonNull(endpoint, "smtp"));
      }
      return this;
    }

    /**
     * A login name for {@code protocol} instead of the provider's rule.
     *
     * @throws IllegalArgumentException if it is blank
     */
    public Builder login(Protocol protocol, String login) {
      Objects.requireNonNull(protocol, "protocol");
      Objects.requireNonNull(login, "login");
      if (login.isBlank()) {
        throw new IllegalArgumentException("login for " + protocol + " is blank");
      }
      logins.put(protocol, login);
      return this;
    }

    /**
     * The account.
     *
     * @throws IllegalArgumentException if no provider is known for the domain and the IMAP and
     *     SMTP endpoints are not both given; if the provider accepts only OAuth 2.0 and the account
     *     has an app password instead of a token source; or if its
     *     login name cannot be derived from the address (an iCloud+ custom domain) and was not
     *     given with {@link #login}
     */
    public MailAccount build() {
      return new MailAccount(this);
    }
  }
}
