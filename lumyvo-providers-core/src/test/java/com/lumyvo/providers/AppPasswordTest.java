package com.lumyvo.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AppPasswordTest {
  /** Every character {@link AppPassword#of} documents as removed. */
  static final String PASTED_SPACES = " \t\n\r\u000B\f\u00A0\u2007\u202F\u2028\u2029\u0085"
      + "\u200B\u200C\u200D\u2060\u180E\uFEFF\u3000\u2003\u1680";

  static Stream<Arguments> pastedPasswords() {
    return Stream.of(
        arguments("abcd efgh ijkl mnop", "abcdefghijklmnop"),
        arguments(" abcdefghijklmnop\n", "abcdefghijklmnop"),
        arguments("abcd\tefgh\r\nijkl mnop", "abcdefghijklmnop"),
        arguments("abcd\u00A0efgh\u2007ijkl\u202Fmnop", "abcdefghijklmnop"),
        arguments("\uFEFFabcd\u200Befgh\u200Cijkl\u200Dmnop\u2060", "abcdefghijklmnop"),
        arguments("abcd-efgh-ijkl-mnop", "abcd-efgh-ijkl-mnop"),
        arguments("Tr0ub4dor&3!_x", "Tr0ub4dor&3!_x"),
        arguments("pässwört€", "pässwört€"),
        arguments("a\u00ADb", "a\u00ADb"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("pastedPasswords")
  void removesPastedWhitespaceAndKeepsEverythingElse(String pasted, String expected) {
    assertThat(AppPassword.of(pasted).reveal()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t\n", "\u00A0\u200B\uFEFF"})
  void nothingButWhitespaceIsAnError(String pasted) {
    assertThatThrownBy(() -> AppPassword.of(pasted))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("app password is empty");
  }

  @Test
  void nullIsAnErrorNotANullPointer() {
    assertThatThrownBy(() -> AppPassword.of(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("app password is null");
  }

  @Test
  void aPasteLongerThanAnyPasswordIsRefusedWithoutEchoingIt() {
    String huge = "secret".repeat(200_000);
    assertThatThrownBy(() -> AppPassword.of(huge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("longer than 1024")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
    assertThat(AppPassword.of("x".repeat(1024) + " ").reveal()).hasSize(1024);
  }

  @Test
  void toStringShowsNeitherThePasswordNorItsLength() {
    AppPassword shortOne = AppPassword.of("abcd");
    AppPassword longOne = AppPassword.of("abcdefghijklmnopqrstuvwxyz");
    assertThat(shortOne.toString()).isEqualTo("AppPassword[redacted]")
        .isEqualTo(longOne.toString());
  }

  @Property
  void normalizationRemovesExactlyTheWhitespace(@ForAll("sprinkledPasswords") String[] pair) {
    String pasted = pair[0];
    String expected = pair[1];
    AppPassword password = AppPassword.of(pasted);
    assertThat(password.reveal()).isEqualTo(expected);
    assertThat(AppPassword.of(password.reveal()).reveal()).isEqualTo(expected);
    assertThat(password.toString()).doesNotContain(expected);
  }

  /** A password of non-space characters, and the same with pasted spaces sprinkled in. */
  @Provide
  Arbitrary<String[]> sprinkledPasswords() {
    Arbitrary<String> password = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40)
        .filter(s -> s.chars().noneMatch(c -> PastedText.isInvisibleSpace((char) c)));
    Arbitrary<String> spaces = Arbitraries.strings().withChars(PASTED_SPACES.toCharArray())
        .ofMaxLength(3);
    return Combinators.combine(password, spaces.list().ofSize(41)).as((p, gaps) -> {
      StringBuilder pasted = new StringBuilder(gaps.get(0));
      for (int i = 0; i < p.length(); i++) {
        pasted.append(p.charAt(i)).append(gaps.get(i + 1));
      }
      return new String[] {pasted.toString(), p};
    });
  }

  @Test
  void everyDocumentedSpaceIsRemoved() {
    for (char c : PASTED_SPACES.toCharArray()) {
      assertThat(AppPassword.of("a" + c + "b").reveal())
          .as("U+%04X", (int) c).isEqualTo("ab");
    }
  }
}
