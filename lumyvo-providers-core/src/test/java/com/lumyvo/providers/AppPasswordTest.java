package com.lumyvo.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
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
  /** Every white-space character {@link AppPassword#of} documents as removed. */
  static final String PASTED_SPACES = " \t\n\r\u000B\f\u00A0\u2007\u202F\u2028\u2029\u0085"
      + "\u200B\u200C\u200D\u2060\u180E\uFEFF\u3000\u2003\u1680";

  /**
   * Format (Cf) and control (Cc) characters that pastes bring along, each named in the class
   * documentation, plus a few from the far ends of both categories.
   */
  static final List<Integer> PASTED_INVISIBLES = List.of(
      0x00AD, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068,
      0x2069, 0xE0001, 0xE0020, 0xE0067, 0xE007F, 0x0000, 0x0007, 0x001B, 0x007F, 0x0080, 0x009F,
      0x061C, 0xFFF9, 0x1D173);

  /** The test's own statement of the rule: what a pasted password loses. */
  static boolean removed(int codePoint) {
    int type = Character.getType(codePoint);
    return type == Character.FORMAT || type == Character.CONTROL
        || Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
  }

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
        arguments("a\u00ADb", "ab"),
        arguments("\u200Eabcd efgh\u200F ijkl mnop\u200E", "abcdefghijklmnop"),
        arguments("\u2066abcd-efgh-ijkl-mnop\u2069", "abcd-efgh-ijkl-mnop"),
        arguments("\u202Babcdefghijklmnop\u202C", "abcdefghijklmnop"),
        arguments("abcdefghijklmnop\u0000", "abcdefghijklmnop"),
        arguments("\u001B[0mabcdefghijklmnop\u007F", "[0mabcdefghijklmnop"),
        arguments("abcd\uDB40\uDC67\uDB40\uDC62\uDB40\uDC7Fefgh", "abcdefgh"),
        arguments("p\uD83D\uDE42ss\uE000", "p\uD83D\uDE42ss\uE000"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("pastedPasswords")
  void removesWhitespaceFormatAndControlCharactersAndKeepsEverythingElse(
      String pasted, String expected) {
    assertThat(AppPassword.of(pasted).reveal()).isEqualTo(expected);
  }

  @Test
  void everyDocumentedSpaceIsRemovedWithoutMention() {
    for (char c : PASTED_SPACES.toCharArray()) {
      AppPassword password = AppPassword.of("a" + c + "b");
      assertThat(password.reveal()).as("U+%04X", (int) c).isEqualTo("ab");
      assertThat(password.removedCharacters()).as("U+%04X", (int) c).isEmpty();
    }
  }

  @Test
  void everyInvisibleCharacterIsRemovedAndNamedByCodePointAndName() {
    for (int c : PASTED_INVISIBLES) {
      AppPassword password = AppPassword.of("a" + Character.toString(c) + "b");
      assertThat(password.reveal()).as("U+%04X", c).isEqualTo("ab");
      assertThat(password.removedCharacters()).as("U+%04X", c)
          .contains(String.format("U+%04X %s", c, Character.getName(c)));
    }
  }

  @Test
  void removedCharactersAreNamedOnceInOrderWithTheirCount() {
    AppPassword password = AppPassword.of("\u200Eab\u00ADcd\u00AD ef\u0000");
    assertThat(password.reveal()).isEqualTo("abcdef");
    assertThat(password.removedCharacters()).contains("U+200E LEFT-TO-RIGHT MARK, "
        + "U+00AD SOFT HYPHEN (2 times), U+0000 NULL");
  }

  @Test
  void aPasteFullOfInvisiblesNamesEightAndCountsTheRest() {
    StringBuilder pasted = new StringBuilder("abc");
    PASTED_INVISIBLES.stream().limit(11).forEach(pasted::appendCodePoint);
    assertThat(AppPassword.of(pasted).removedCharacters().orElseThrow())
        .startsWith("U+00AD SOFT HYPHEN, U+200E LEFT-TO-RIGHT MARK, ")
        .endsWith(", and 3 more");
  }

  @Test
  void anOrdinaryPasteRemovesNothingWorthMentioning() {
    assertThat(AppPassword.of(" abcd efgh ijkl mnop\r\n").removedCharacters()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t\n", "\u00A0\u200B\uFEFF", "\u00AD\u200E\u0000",
      "\uDB40\uDC01\u2066\u2069"})
  void nothingButWhitespaceAndInvisiblesIsAnError(String pasted) {
    assertThatThrownBy(() -> AppPassword.of(pasted))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("app password is empty");
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("loneSurrogates")
  void halfACharacterIsRefusedWithItsCodePointAndPosition(String pasted, String message) {
    assertThatThrownBy(() -> AppPassword.of(pasted))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
  }

  static Stream<Arguments> loneSurrogates() {
    String cannot = ": it cannot be sent to a server; copy the password again";
    return Stream.of(
        arguments("\uD800secret", "app password has half a character (U+D800 HIGH SURROGATES"
            + " D800) at character 1" + cannot),
        // Positions count characters, so the emoji before it counts once.
        arguments("se\uD83D\uDE42cr\uDC00et", "app password has half a character (U+DC00 LOW"
            + " SURROGATES DC00) at character 6" + cannot),
        arguments("secr\u00ADet\uDBFF", "app password has half a character (U+DBFF HIGH PRIVATE"
            + " USE SURROGATES DBFF) at character 8" + cannot));
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
    assertThat(AppPassword.of("x".repeat(1024) + " \u00AD").reveal()).hasSize(1024);
    // The limit counts UTF-16 characters: an emoji that would end at 1025 does not fit.
    assertThatThrownBy(() -> AppPassword.of("x".repeat(1023) + "\uD83D\uDE42"))
        .hasMessageContaining("longer than 1024");
  }

  @Test
  void toStringShowsNeitherThePasswordNorItsLength() {
    AppPassword shortOne = AppPassword.of("abcd");
    AppPassword longOne = AppPassword.of("abcdefghijklmnopqrstuvwxyz\u00AD");
    assertThat(shortOne.toString()).isEqualTo("AppPassword[redacted]")
        .isEqualTo(longOne.toString());
  }

  // Properties over the whole Unicode range: any code point, with the invisible ones and
  // white space made frequent enough to meet each other.

  @Property(tries = 2000)
  void normalizationIsIdempotent(@ForAll("anyPaste") String pasted) {
    AppPassword once = outcome(pasted);
    if (once != null) {
      AppPassword twice = AppPassword.of(once.reveal());
      assertThat(twice.reveal()).isEqualTo(once.reveal());
      assertThat(twice.removedCharacters()).isEmpty();
    }
  }

  @Property(tries = 2000)
  void theResultHasNoFormatControlOrWhitespaceCharacter(@ForAll("anyPaste") String pasted) {
    AppPassword password = outcome(pasted);
    if (password != null) {
      assertThat(password.reveal().codePoints().filter(AppPasswordTest::removed))
          .as("removed characters left in the result").isEmpty();
      assertThat(password.reveal().codePoints()
          .filter(c -> Character.getType(c) == Character.SURROGATE)).isEmpty();
    }
  }

  @Property(tries = 2000)
  void visibleCharactersKeepTheirOrderAndNothingElseChanges(@ForAll("anyPaste") String pasted) {
    AppPassword password = outcome(pasted);
    if (password != null) {
      StringBuilder visible = new StringBuilder();
      pasted.codePoints().filter(c -> !removed(c)).forEach(visible::appendCodePoint);
      assertThat(password.reveal()).isEqualTo(visible.toString());
    }
  }

  @Property(tries = 1000)
  void theRemovedCharactersAreNamedExactly(@ForAll("anyPaste") String pasted) {
    AppPassword password = outcome(pasted);
    if (password != null) {
      List<String> expected = pasted.codePoints()
          .filter(c -> removed(c) && !PASTED_SPACES.contains(Character.toString(c))
              && !Character.isWhitespace(c) && !Character.isSpaceChar(c))
          .distinct().limit(8)
          .mapToObj(c -> String.format("U+%04X %s", c, Character.getName(c))).toList();
      String named = password.removedCharacters().orElse("");
      for (String name : expected) {
        assertThat(named).contains(name);
      }
      assertThat(named.split("U\\+", -1)).hasSize(expected.size() + 1);
      assertThat(password.removedCharacters().isPresent()).isEqualTo(!expected.isEmpty());
    }
  }

  /**
   * Whatever is pasted, every message (a refusal or the list of removed characters) is made of
   * printable ASCII, so none of these secrets' characters, all outside ASCII, can be in it.
   */
  @Property(tries = 2000)
  void messagesNeverContainACharacterOfANonAsciiSecret(@ForAll("nonAsciiSecretPastes") String pasted) {
    assertThat(message(pasted)).matches("[\\x20-\\x7E]*");
  }

  /** The same for secrets like real app passwords: letters and digits, never in a message. */
  @Property(tries = 1000)
  void messagesNeverContainAnAsciiSecret(@ForAll("asciiSecrets") String secret,
      @ForAll("invisibleRuns") List<String> runs) {
    String pasted = sprinkle(secret, runs);
    assertThat(message(pasted)).doesNotContain(secret);
    String withHalf = pasted + "\uDC00";
    assertThat(message(withHalf)).startsWith("app password has half a character")
        .doesNotContain(secret);
    assertThat(message(secret.repeat(1 + 1024 / secret.length()))).doesNotContain(secret);
  }

  /** The normalized password, or null if refused (the refusal is checked to be one we document). */
  private static AppPassword outcome(String pasted) {
    try {
      return AppPassword.of(pasted);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).matches("app password (is empty.*|has half a character .*"
          + "|is longer than 1024 characters.*)");
      boolean half = pasted.codePoints().anyMatch(c -> Character.getType(c) == Character.SURROGATE);
      long visible = pasted.codePoints().filter(c -> !removed(c)).count();
      assertThat(half || visible == 0 || pasted.length() > 1024).as(e.getMessage()).isTrue();
      return null;
    }
  }

  /** The refusal's message, or the removed characters' description, or "" when there is none. */
  private static String message(String pasted) {
    try {
      return AppPassword.of(pasted).removedCharacters().orElse("");
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static String sprinkle(String password, List<String> runs) {
    StringBuilder pasted = new StringBuilder(runs.get(0));
    int[] codePoints = password.codePoints().toArray();
    for (int i = 0; i < codePoints.length; i++) {
      pasted.appendCodePoint(codePoints[i]).append(runs.get((i + 1) % runs.size()));
    }
    return pasted.toString();
  }

  /** Any code point at all, invisible ones and white space often, lone surrogates now and then. */
  @Provide
  Arbitrary<String> anyPaste() {
    Arbitrary<Integer> anyCodePoint = Arbitraries.integers().between(0, Character.MAX_CODE_POINT);
    Arbitrary<Integer> invisible = Arbitraries.of(PASTED_INVISIBLES);
    Arbitrary<Integer> space = Arbitraries.of(PASTED_SPACES.chars().boxed().toList());
    Arbitrary<Integer> ascii = Arbitraries.integers().between(0x21, 0x7E);
    Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, anyCodePoint.filter(c -> !isSurrogate(c))),
        net.jqwik.api.Tuple.of(3, ascii),
        net.jqwik.api.Tuple.of(3, invisible),
        net.jqwik.api.Tuple.of(2, space),
        net.jqwik.api.Tuple.of(1, anyCodePoint));
    return codePoint.list().ofMaxSize(40).map(AppPasswordTest::text);
  }

  /** A secret of visible characters outside ASCII, sprinkled with invisible characters. */
  @Provide
  Arbitrary<String> nonAsciiSecretPastes() {
    Arbitrary<String> secret = Arbitraries.integers().between(0xA1, Character.MAX_CODE_POINT)
        .filter(c -> !removed(c) && !isSurrogate(c)).list().ofMinSize(1).ofMaxSize(30)
        .map(AppPasswordTest::text);
    Arbitrary<String> withHalf = Combinators.combine(secret, Arbitraries.of("\uD800", "\uDFFF", ""))
        .as((s, half) -> s + half);
    return Combinators.combine(withHalf, invisibleRuns()).as(AppPasswordTest::sprinkle);
  }

  @Provide
  Arbitrary<String> asciiSecrets() {
    return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
        .withCharRange('0', '9').ofMinLength(8).ofMaxLength(32);
  }

  /** Runs of invisible characters and white space to put between a secret's characters. */
  @Provide
  Arbitrary<List<String>> invisibleRuns() {
    Arbitrary<Integer> one = Arbitraries.oneOf(Arbitraries.of(PASTED_INVISIBLES),
        Arbitraries.of(PASTED_SPACES.chars().boxed().toList()));
    return one.list().ofMaxSize(3).map(AppPasswordTest::text).list().ofMinSize(1).ofMaxSize(8);
  }

  private static boolean isSurrogate(int c) {
    return c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE;
  }

  private static String text(List<Integer> codePoints) {
    StringBuilder text = new StringBuilder();
    codePoints.forEach(text::appendCodePoint);
    return text.toString();
  }
}
