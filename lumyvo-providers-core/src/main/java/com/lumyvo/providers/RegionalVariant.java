package com.lumyvo.providers;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A provider's servers for one region or data centre, and the address domains that belong to it:
 * GMX's {@code gmx.net} hosts for German-speaking domains, IONOS UK, Zoho's EU data centre.
 *
 * <p>A variant without domains is still useful: IONOS customers mostly use their own domains, so
 * a service picks the region from the customer's country with {@link
 * ProviderDescriptor#inRegion(String)}.
 *
 * @param id a short stable name, lower-case letters, digits and hyphens ({@code uk}, {@code eu})
 * @param displayName the region as people name it
 * @param domains address domains served here, normalized like {@link EmailAddress#domain()}
 * @param imap the IMAP server for this region
 * @param smtp the SMTP servers for this region, preferred first
 */
public record RegionalVariant(
    String id, String displayName, Set<String> domains, ServerEndpoint imap,
    List<ServerEndpoint> smtp) {

  /**
   * Validates, normalizes the domains and copies the collections.
   *
   * @throws IllegalArgumentException if the id is not a lower-case slug, the name is blank, a
   *     domain is malformed, or {@code smtp} is empty
   */
  public RegionalVariant {
    id = Identifiers.requireSlug(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    if (displayName.isBlank()) {
      throw new IllegalArgumentException("displayName is blank");
    }
    domains = Identifiers.normalizeDomains(domains);
    Objects.requireNonNull(imap, "imap");
    smtp = Identifiers.requireEndpoints(smtp, "smtp");
  }
}
