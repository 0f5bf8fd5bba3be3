package com.lumyvo.providers;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Validation shared by the descriptor types: ids, domain sets and endpoint lists. */
final class Identifiers {
  private Identifiers() {}

  /** An id such as {@code gmx} or {@code us-personal}: lower-case letters, digits, hyphens. */
  static String requireSlug(String id, String name) {
    Objects.requireNonNull(id, name);
    if (!id.matches("[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?")) {
      throw new IllegalArgumentException(name + " must be lower-case letters, digits and inner"
          + " hyphens, at most 64 characters, was " + PastedText.quote(id));
    }
    return id;
  }

  /** One domain normalized like {@link EmailAddress#domain()}: lower-case ASCII, no root dot. */
  static String normalizeDomain(String domain) {
    Objects.requireNonNull(domain, "domain");
    return AddressSyntax.toAsciiDomain(domain, 0, AddressSyntax.dropRootDot(domain, 0, domain.length()));
  }

  /** Normalized, de-duplicated domains in the order given, as an unmodifiable set. */
  static Set<String> normalizeDomains(Collection<String> domains) {
    Objects.requireNonNull(domains, "domains");
    Set<String> normalized = new LinkedHashSet<>();
    for (String domain : domains) {
      normalized.add(normalizeDomain(domain));
    }
    return Collections.unmodifiableSet(normalized);
  }

  /** A non-empty, null-free, unmodifiable copy. */
  static List<ServerEndpoint> requireEndpoints(List<ServerEndpoint> endpoints, String name) {
    Objects.requireNonNull(endpoints, name);
    List<ServerEndpoint> copy = List.copyOf(endpoints);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException(name + " needs at least one server");
    }
    return copy;
  }
}
