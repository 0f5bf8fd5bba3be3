package com.lumyvo.providers.discovery;

import com.lumyvo.providers.EmailAddress;
import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.ServerEndpoint;
import com.lumyvo.providers.internal.Texts;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What discovery found for one address: a descriptor ready for the mail module, how it was found,
 * and every step on the way.
 *
 * <p>{@link #provider()} is always usable: for {@link DiscoveryMethod#GUESS} it holds the first
 * guesses, and {@link #candidates(Protocol)} all of them, which the mail module probes before
 * trusting any. Immutable.
 */
public final class DiscoveryResult {
  private final EmailAddress address;
  private final DiscoveryMethod method;
  private final ProviderDescriptor provider;
  private final boolean knownProvider;
  private final List<ServerEndpoint> imapCandidates;
  private final List<ServerEndpoint> smtpCandidates;
  private final List<Caution> cautions;
  private final List<DiscoveryStep> steps;

  DiscoveryResult(EmailAddress address, DiscoveryMethod method, ProviderDescriptor provider,
      boolean knownProvider, List<ServerEndpoint> imapCandidates,
      List<ServerEndpoint> smtpCandidates, List<Caution> cautions, List<DiscoveryStep> steps) {
    this.address = Objects.requireNonNull(address, "address");
    this.method = Objects.requireNonNull(method, "method");
    this.provider = Objects.requireNonNull(provider, "provider");
    this.knownProvider = knownProvider;
    this.imapCandidates = List.copyOf(imapCandidates);
    this.smtpCandidates = List.copyOf(smtpCandidates);
    this.cautions = List.copyOf(cautions);
    this.steps = List.copyOf(steps);
  }

  /** The address discovery ran for. */
  public EmailAddress address() {
    return address;
  }

  /** The step that found the servers. */
  public DiscoveryMethod method() {
    return method;
  }

  /**
   * The provider, resolved for the address: a registry descriptor (in the region and with the
   * custom-domain login rules that apply) when {@link #isKnownProvider()}, otherwise one built
   * from what the domain published or from guesses.
   */
  public ProviderDescriptor provider() {
    return provider;
  }

  /**
   * Whether {@link #provider()} is one of the registry's providers, with its app-password policy,
   * prerequisites and setup guide; false for servers only the domain itself described.
   */
  public boolean isKnownProvider() {
    return knownProvider;
  }

  /**
   * Every server worth trying for {@code protocol}, preferred first. For found settings these are
   * the provider's endpoints; for {@link DiscoveryMethod#GUESS}, every guess.
   */
  public List<ServerEndpoint> candidates(Protocol protocol) {
    Objects.requireNonNull(protocol, "protocol");
    return protocol == Protocol.IMAP ? imapCandidates : smtpCandidates;
  }

  /** Whether the servers are guesses that must be probed before a password is sent to them. */
  public boolean needsProbe() {
    return method == DiscoveryMethod.GUESS;
  }

  /**
   * A sentence to show the person before their password goes to these servers, when the servers
   * came from unauthenticated DNS (SRV) and lie outside the address's domain: RFC 6186 §6 asks
   * clients to confirm such a redirect; or when the domain says it takes no mail at all (a null
   * MX record, RFC 7505). In English; empty when nothing needs confirming.
   */
  public Optional<String> caution() {
    return caution(Locale.ENGLISH);
  }

  /**
   * {@link #caution()} in the language of {@code locale}: English, German, French, Spanish or
   * Italian by the locale's language ({@code de-AT} is German), English for any other.
   */
  public Optional<String> caution(Locale locale) {
    if (cautions.isEmpty()) {
      Objects.requireNonNull(locale, "locale");
      return Optional.empty();
    }
    Texts texts = Texts.of("providers", locale);
    return Optional.of(cautions.stream()
        .map(c -> texts.get(c.key(), c.args().toArray()))
        .collect(Collectors.joining(" ")));
  }

  /** Every step discovery took, in order, the last one being the one that decided. */
  public List<DiscoveryStep> steps() {
    return steps;
  }

  /** Method, provider and servers; never the address's local part. */
  @Override
  public String toString() {
    return "DiscoveryResult{" + address.domain() + " by " + method + ", " + provider
        + (cautions.isEmpty() ? "" : ", needs confirmation") + '}';
  }
}
