package com.lumyvo.providers;

import java.util.Objects;

/**
 * A mailbox address such as {@code alice.smith+news@gmx.de}, checked and normalized once.
 *
 * <p>Normalization: surrounding whitespace that comes with a paste (including no-break and
 * zero-width spaces) is removed; the domain is lower-cased with {@link java.util.Locale#ROOT}
 * rules, loses a trailing dot, and internationalized domains are kept in their ASCII (punycode)
 * form, so {@code anna@BÄCKEREI.de} and {@code anna@xn--bckerei-5wa.de} are equal. The local part
 * is kept exactly as given: providers decide whether it is case-sensitive, and
 * {@code +tag} sub-addressing is part of the mailbox name.
 *
 * <p>Instances are immutable and thread-safe; {@code equals} compares the normalized form.
 *
 * <pre>{@code
 * EmailAddress address = EmailAddress.parse(" Alice@GMX.de ");
 * address.domain();    // "gmx.de"
 * }</pre>
 */
public final class EmailAddress {
  private final String localPart;
  private final String domain;

  private EmailAddress(String localPart, String domain) {
    this.localPart = localPart;
    this.domain = domain;
  }

  /**
   * Parses what a person typed or pasted as their address.
   *
   * @throws IllegalArgumentException if {@code text} is null, blank, lacks an {@code @}, has more
   *     than one, or has an empty, over-long or ill-formed local part or domain; the message names
   *     the problem
   */
  public static EmailAddress parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("address is null");
    }
    int from = AddressSyntax.skipLeadingSpace(text, 0, text.length());
    int to = AddressSyntax.skipTrailingSpace(text, from, text.length());
    if (from == to) {
      throw new IllegalArgumentException("address is blank");
    }
    int domainStart = AddressSyntax.domainStart(text, from, to);
    if (domainStart == from) {
      throw AddressSyntax.malformed(text, "has no '@': expected an address like name@example.com");
    }
    String domain = AddressSyntax.toAsciiDomain(
        text, domainStart, AddressSyntax.dropRootDot(text, domainStart, to));
    String localPart = text.substring(from, domainStart - 1);
    if (localPart.length() + 1 + domain.length() > AddressSyntax.MAX_ADDRESS_LENGTH) {
      throw AddressSyntax.malformed(
          text, "is longer than " + AddressSyntax.MAX_ADDRESS_LENGTH + " characters");
    }
    return new EmailAddress(localPart, domain);
  }

  /** The part before the {@code @}, exactly as given. */
  public String localPart() {
    return localPart;
  }

  /** The domain in lower-case ASCII form, without a trailing dot. */
  public String domain() {
    return domain;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EmailAddress other
        && localPart.equals(other.localPart)
        && domain.equals(other.domain);
  }

  @Override
  public int hashCode() {
    return Objects.hash(localPart, domain);
  }

  /** The address as {@code localPart@domain}. */
  @Override
  public String toString() {
    return localPart + '@' + domain;
  }
}
