package com.lumyvo.providers;

import java.util.Objects;
import java.util.Optional;

/**
 * A mail-exchanger host name suffix that shows a domain's mail is hosted by a provider, and the
 * region whose servers such a domain uses: MX {@code mx00.ionos.co.uk} means IONOS UK. Discovery
 * uses these to find the provider of a customer's own domain; a match only ever selects a known
 * descriptor, it never invents servers.
 *
 * @param hostSuffix the MX host itself or a parent domain of it, normalized like a domain; it
 *     matches whole labels only, so {@code zoho.com} matches {@code mx.zoho.com} but not {@code
 *     mx.zoho.com.au} or {@code notzoho.com}
 * @param regionId the {@link RegionalVariant} id such domains use, or empty for the provider's
 *     default servers
 */
public record MxPattern(String hostSuffix, Optional<String> regionId) {

  /**
   * Validates and normalizes.
   *
   * @throws IllegalArgumentException if the suffix is not a domain name or the region id is not
   *     a slug
   */
  public MxPattern {
    Objects.requireNonNull(hostSuffix, "hostSuffix");
    Objects.requireNonNull(regionId, "regionId");
    hostSuffix = Identifiers.normalizeDomain(hostSuffix);
    regionId.ifPresent(id -> Identifiers.requireSlug(id, "regionId"));
  }

  /** A pattern for domains served by the provider's default servers. */
  public static MxPattern of(String hostSuffix) {
    return new MxPattern(hostSuffix, Optional.empty());
  }

  /** A pattern for domains served by the servers of the region with id {@code regionId}. */
  public static MxPattern of(String hostSuffix, String regionId) {
    return new MxPattern(hostSuffix, Optional.of(regionId));
  }

  /**
   * Whether {@code mxHost}, a normalized host name without trailing dot, is this suffix or ends
   * with a dot followed by it.
   */
  public boolean matches(String mxHost) {
    Objects.requireNonNull(mxHost, "mxHost");
    int extra = mxHost.length() - hostSuffix.length();
    return mxHost.endsWith(hostSuffix) && (extra == 0 || extra > 0 && mxHost.charAt(extra - 1) == '.');
  }
}
