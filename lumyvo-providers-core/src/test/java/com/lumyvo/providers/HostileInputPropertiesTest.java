package com.lumyvo.providers;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever people type, parsing answers with a result or an IllegalArgumentException. */
class HostileInputPropertiesTest {
  private final ProviderRegistry registry = ProviderRegistry.defaults();

  @Property(tries = 2000)
  void lookupAnswersOrRejectsButNeverFailsOtherwise(@ForAll("addressLike") String input) {
    try {
      registry.lookup(input);
    } catch (IllegalArgumentException expected) {
      assertThat(expected.getMessage()).isNotBlank().hasSizeLessThan(300);
    }
  }

  @Property(tries = 2000)
  void parseAgreesWithLookupOnWhatIsValid(@ForAll("addressLike") String input) {
    boolean parsed;
    try {
      EmailAddress address = EmailAddress.parse(input);
      parsed = true;
      // A parsed address always finds the same provider as the raw input.
      assertThat(registry.lookup(address.toString())).isEqualTo(registry.lookup(input));
    } catch (IllegalArgumentException e) {
      parsed = false;
    }
    if (parsed) {
      assertThat(input).contains("@");
    }
  }

  /**
   * lookup answers most inputs by a fast path and the rest by checking everything; both must give
   * the same answer, or the same error, for anything, above all near-misses of known domains.
   */
  @Property(tries = 5000)
  void fastPathAgreesWithFullCheck(@ForAll("nearKnownAddresses") String input) {
    assertThat(outcome(() -> registry.lookup(input)))
        .isEqualTo(outcome(() -> registry.checkedLookup(input)));
  }

  @Property(tries = 2000)
  void fastPathAgreesWithFullCheckOnAnything(@ForAll("addressLike") String input) {
    assertThat(outcome(() -> registry.lookup(input)))
        .isEqualTo(outcome(() -> registry.checkedLookup(input)));
  }

  private static String outcome(java.util.function.Supplier<java.util.Optional<ProviderDescriptor>> lookup) {
    try {
      return lookup.get().map(p -> p.id() + " " + p.imap()).orElse("empty");
    } catch (IllegalArgumentException e) {
      return "rejected: " + e.getMessage();
    }
  }

  /**
   * A local part made of address pieces, then a known domain with letters in random case and
   * sometimes one character flipped in its 0x20 bit (so that '-' becomes a carriage return, 'e'
   * becomes 'E', '.' becomes U+000E), and sometimes a trailing dot or pasted space.
   */
  @Provide
  Arbitrary<String> nearKnownAddresses() {
    java.util.List<String> domains = registry.all().stream()
        .flatMap(p -> p.domains().stream()).toList();
    Arbitrary<String> local = Arbitraries.oneOf(
            Arbitraries.of("a", "Alice.Smith+news", ".a", "a.", "a..b", "\"a\"", "ü", "a b", "x@y",
                "", "a".repeat(64), "a".repeat(65), " a", "bob_1-2"),
            Arbitraries.strings().ascii().ofMaxLength(6));
    Arbitrary<String> domain = Arbitraries.of(domains).flatMap(d -> Arbitraries.integers()
        .between(-1, d.length() - 1).flatMap(flip -> Arbitraries.longs().map(caseBits -> {
          char[] chars = d.toCharArray();
          for (int i = 0; i < chars.length; i++) {
            if ((caseBits >>> (i % 64) & 1) == 1) {
              chars[i] = Character.toUpperCase(chars[i]);
            }
          }
          if (flip >= 0) {
            chars[flip] ^= 0x20;
          }
          return new String(chars);
        })));
    Arbitrary<String> suffix = Arbitraries.of("", "", "", ".", "..", " ", "​", "x");
    return net.jqwik.api.Combinators.combine(local, Arbitraries.of("@", "@", "@", "", "@@"),
        domain, suffix).as((l, at, d, end) -> l + at + d + end);
  }

  @Property(tries = 500)
  void appPasswordNeverPrintsWhatWasPasted(@ForAll String pasted) {
    try {
      AppPassword password = AppPassword.of(pasted);
      assertThat(password.toString()).isEqualTo("AppPassword[redacted]");
    } catch (IllegalArgumentException e) {
      // Refused only when nothing visible is left or half a character makes it unsendable.
      assertThat(pasted.codePoints().allMatch(PastedText::isInvisible)
          || pasted.codePoints().anyMatch(c -> Character.getType(c) == Character.SURROGATE))
          .as(e.getMessage()).isTrue();
    }
  }

  /** Strings built from the characters that matter to addresses, plus anything at all. */
  @Provide
  Arbitrary<String> addressLike() {
    Arbitrary<String> pieces = Arbitraries.oneOf(
        Arbitraries.of("@", ".", "-", "..", "gmx", "de", "ME", "com", "xn--", "ü", "\u00A0",
            " ", "\u200B", "[", "]", "\"", "+", "_", "\u3002", "1", "icloud", "\uD800"),
        Arbitraries.strings().ofMaxLength(4));
    return pieces.list().ofMaxSize(30).map(list -> String.join("", list));
  }
}
