package com.lumyvo.providers.mail.verify;

import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link MailConnector#probe}: each protocol's candidates tried in order up to the
 * first that answered like a mail server over TLS, and the provider narrowed to those servers.
 * Immutable.
 */
public final class ProbeResult {
  private final ProtocolCheck imap;
  private final ProtocolCheck smtp;
  private final ProviderDescriptor provider;

  /**
   * The probe's checks of each protocol and, where both answered, the provider with the servers
   * that did.
   */
  public ProbeResult(ProtocolCheck imap, ProtocolCheck smtp,
      Optional<ProviderDescriptor> provider) {
    this.imap = Objects.requireNonNull(imap, "imap");
    this.smtp = Objects.requireNonNull(smtp, "smtp");
    this.provider = Objects.requireNonNull(provider, "provider").orElse(null);
  }

  /** The IMAP candidates tried; ok if one answered. */
  public ProtocolCheck imap() {
    return imap;
  }

  /** The SMTP candidates tried; ok if one answered. */
  public ProtocolCheck smtp() {
    return smtp;
  }

  /** Whether an IMAP and an SMTP server answered. */
  public boolean ok() {
    return imap.ok() && smtp.ok();
  }

  /**
   * The discovered provider with the servers that answered, ready for {@link
   * MailAccount.Builder#provider}; empty unless {@link #ok()}.
   */
  public Optional<ProviderDescriptor> provider() {
    return Optional.ofNullable(provider);
  }

  @Override
  public String toString() {
    return "ProbeResult{" + imap + "; " + smtp + '}';
  }
}
