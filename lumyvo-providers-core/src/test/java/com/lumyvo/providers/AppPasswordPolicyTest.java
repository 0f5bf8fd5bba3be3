package com.lumyvo.providers;

import static com.lumyvo.providers.AppPasswordCheck.Verdict.DOES_NOT_LOOK_LIKE_APP_PASSWORD;
import static com.lumyvo.providers.AppPasswordCheck.Verdict.FORMAT_UNKNOWN;
import static com.lumyvo.providers.AppPasswordCheck.Verdict.LOOKS_LIKE_APP_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppPasswordPolicyTest {
  private final ProviderRegistry registry = ProviderRegistry.defaults();

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @CsvSource(delimiter = '|', value = {
      // iCloud: 16 letters in four groups of four, typed with or without Apple's hyphens.
      "icloud | abcdefghijklmnop      | LOOKS_LIKE_APP_PASSWORD        | ",
      "icloud | abcd-efgh-ijkl-mnop   | LOOKS_LIKE_APP_PASSWORD        | ",
      "icloud | abcd efgh ijkl mnop   | LOOKS_LIKE_APP_PASSWORD        | ",
      "icloud | abcd-efgh-ijkl        | DOES_NOT_LOOK_LIKE_APP_PASSWORD | shorter than expected",
      "icloud | abcdefghijklmno       | DOES_NOT_LOOK_LIKE_APP_PASSWORD | cut short",
      "icloud | Summer2024!           | DOES_NOT_LOOK_LIKE_APP_PASSWORD | characters other than lower-case letters",
      "icloud | MyDogIsCalledRexMax1  | DOES_NOT_LOOK_LIKE_APP_PASSWORD | longer than expected",
      "icloud | abcd-efghi-jkl-mnop   | DOES_NOT_LOOK_LIKE_APP_PASSWORD | iCloud Mail app passwords are 16",
      // Yahoo: 16 letters shown with spaces, which normalization removes.
      "yahoo  | abcd efgh ijkl mnop   | LOOKS_LIKE_APP_PASSWORD        | ",
      "yahoo  | abcd-efgh-ijkl-mnop   | DOES_NOT_LOOK_LIKE_APP_PASSWORD | characters other than lower-case letters",
      "yahoo  | ABCDEFGHIJKLMNOP      | DOES_NOT_LOOK_LIKE_APP_PASSWORD | characters other than lower-case letters",
      // No documented format: only characters no generated password has are reported.
      "gmx    | anything-Goes_42      | FORMAT_UNKNOWN                 | ",
      "zoho   | pässwört              | DOES_NOT_LOOK_LIKE_APP_PASSWORD | non-ASCII characters",
      // Invisible and control characters are gone before the check, so nothing looks wrong.
      "ionos  | abc\u0000\u00ADdef    | FORMAT_UNKNOWN                 | ",
  })
  void checksThePasswordAgainstTheProvidersFormat(
      String id, String pasted, AppPasswordCheck.Verdict verdict, String warning) {
    ProviderDescriptor provider = registry.byId(id).orElseThrow();
    AppPassword password = AppPassword.of(pasted);
    AppPasswordCheck check = provider.checkAppPassword(password);

    assertThat(check.verdict()).isEqualTo(verdict);
    assertThat(check.shouldWarn()).isEqualTo(verdict == DOES_NOT_LOOK_LIKE_APP_PASSWORD);
    if (warning == null) {
      assertThat(check.warnings()).isEmpty();
    } else {
      assertThat(check.warnings()).anyMatch(w -> w.contains(warning));
    }
    for (String w : check.warnings()) {
      assertThat(w).doesNotContain(password.reveal())
          .doesNotContain(String.valueOf(password.reveal().length()) + " characters");
    }
  }

  @ParameterizedTest
  @CsvSource({"0, 0", "16, 5", "16, -1"})
  void formatRejectsImpossibleShapes(int length, int groupSize) {
    assertThatThrownBy(() -> new AppPasswordFormat(
        length, AppPasswordFormat.Alphabet.LOWERCASE_LETTERS, groupSize, '-'))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({"LOWERCASE_LETTERS, a1, false", "LOWERCASE_LETTERS_AND_DIGITS, a1, true",
      "LETTERS_AND_DIGITS, A1, true", "LOWERCASE_LETTERS_AND_DIGITS, A1, false"})
  void alphabetsSayWhatTheyContain(AppPasswordFormat.Alphabet alphabet, String text, boolean all) {
    assertThat(text.chars().allMatch(c -> alphabet.contains((char) c))).isEqualTo(all);
    assertThat(LOOKS_LIKE_APP_PASSWORD).isNotEqualTo(FORMAT_UNKNOWN);
  }
}
