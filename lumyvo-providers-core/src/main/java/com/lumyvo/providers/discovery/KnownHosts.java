package com.lumyvo.providers.discovery;

import com.lumyvo.providers.MxPattern;
import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.ProviderRegistry;
import com.lumyvo.providers.RegionalVariant;
import com.lumyvo.providers.ServerEndpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry's servers by IMAP host name, so that settings a domain publishes (SRV,
 * autoconfig) that point at a known provider yield that provider's full descriptor, with its
 * login rules, app-password policy and setup guide, instead of bare servers.
 *
 * <p>Some IMAP hosts serve several variants (Outlook.com and Microsoft 365 share
 * {@code outlook.office365.com}; Zoho's personal and organization accounts share {@code
 * imap.zoho.eu}). The SMTP host tells them apart; failing that, a variant some MX pattern points
 * at wins, since published settings belong to a custom domain; failing that, none does.
 */
final class KnownHosts {
  private final Map<String, List<ProviderDescriptor>> byImapHost = new HashMap<>();
  private final Set<String> hostingVariants = new HashSet<>();

  KnownHosts(ProviderRegistry registry) {
    for (ProviderDescriptor provider : registry.all()) {
      ProviderDescriptor custom = provider.forCustomDomain();
      add(custom);
      for (RegionalVariant region : provider.regions()) {
        custom.inRegion(region.id()).ifPresent(this::add);
      }
      for (MxPattern pattern : provider.mxPatterns()) {
        hostingVariants.add(provider.id() + "/" + pattern.regionId().orElse(""));
      }
    }
  }

  private void add(ProviderDescriptor variant) {
    byImapHost.computeIfAbsent(variant.imap().host(), h -> new ArrayList<>()).add(variant);
  }

  /** The known provider, resolved for a custom domain, with these servers; or empty. */
  Optional<ProviderDescriptor> find(ServerEndpoint imap, List<ServerEndpoint> smtp) {
    List<ProviderDescriptor> candidates = byImapHost.getOrDefault(imap.host(), List.of());
    if (candidates.size() > 1 && !smtp.isEmpty()) {
      String smtpHost = smtp.get(0).host();
      List<ProviderDescriptor> sameSmtp = candidates.stream()
          .filter(c -> c.smtp().stream().anyMatch(e -> e.host().equals(smtpHost))).toList();
      candidates = sameSmtp.isEmpty() ? candidates : sameSmtp;
    }
    if (candidates.size() > 1) {
      List<ProviderDescriptor> hosting = candidates.stream().filter(c -> hostingVariants.contains(
          c.id() + "/" + c.region().map(RegionalVariant::id).orElse(""))).toList();
      candidates = hosting.isEmpty() ? candidates : hosting;
    }
    // Still two providers (Outlook.com and Microsoft 365 with an unknown SMTP host): guessing
    // would give one of them the wrong facts; the published servers stand on their own instead.
    return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
  }
}
