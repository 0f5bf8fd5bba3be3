package com.lumyvo.providers.discovery;

import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.ProviderRegistry;
import com.lumyvo.providers.RegionalVariant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The registry's IMAP servers by host name, so that settings a domain publishes (SRV,
 * autoconfig) that point at a known provider's server yield that provider's full descriptor, with
 * its login rules, app-password policy and setup guide, instead of bare servers.
 */
final class KnownHosts {
  private final Map<String, ProviderDescriptor> byImapHost = new HashMap<>();

  KnownHosts(ProviderRegistry registry) {
    for (ProviderDescriptor provider : registry.all()) {
      byImapHost.putIfAbsent(provider.imap().host(), provider.forCustomDomain());
      for (RegionalVariant region : provider.regions()) {
        provider.forCustomDomain().inRegion(region.id())
            .ifPresent(found -> byImapHost.putIfAbsent(region.imap().host(), found));
      }
    }
  }

  /** The known provider, resolved for a custom domain, whose IMAP server is {@code host}. */
  Optional<ProviderDescriptor> byImapHost(String host) {
    return Optional.ofNullable(byImapHost.get(host));
  }
}
