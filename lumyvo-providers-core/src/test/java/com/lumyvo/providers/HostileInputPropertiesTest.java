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

  @Property(tries = 500)
  void appPasswordNeverPrintsWhatWasPasted(@ForAll String pasted) {
    try {
      AppPassword password = AppPassword.of(pasted);
      assertThat(password.toString()).isEqualTo("AppPassword[redacted]");
    } catch (IllegalArgumentException e) {
      assertThat(pasted.chars().allMatch(c -> PastedText.isInvisibleSpace((char) c))).isTrue();
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
