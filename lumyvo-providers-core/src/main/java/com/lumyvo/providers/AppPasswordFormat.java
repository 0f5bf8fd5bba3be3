package com.lumyvo.providers;

import com.lumyvo.providers.internal.Texts;
import java.util.Locale;
import java.util.Objects;

/**
 * What a provider's generated app passwords look like, so that a password can be checked before
 * any login attempt: {@code 16 lower-case letters, shown in groups of 4}.
 *
 * @param length how many characters the password has, not counting group separators
 * @param alphabet which characters it is made of
 * @param groupSize how many characters the provider shows together ({@code abcd-efgh-...}), or 0
 *     if it shows one block
 * @param groupSeparator the character the provider shows between groups and that belongs to the
 *     password when typed as shown ({@code '-'} for Apple), or {@code ' '} if separators are
 *     spaces that normalization removes; ignored when {@code groupSize} is 0
 */
public record AppPasswordFormat(int length, Alphabet alphabet, int groupSize, char groupSeparator) {

  /** The characters an app password is made of. */
  public enum Alphabet {
    /** {@code a} to {@code z}. */
    LOWERCASE_LETTERS,
    /** {@code a} to {@code z} and {@code 0} to {@code 9}. */
    LOWERCASE_LETTERS_AND_DIGITS,
    /** ASCII letters of either case and digits. */
    LETTERS_AND_DIGITS;

    /** Whether {@code c} belongs to this alphabet. */
    public boolean contains(char c) {
      boolean lower = c >= 'a' && c <= 'z';
      boolean digit = c >= '0' && c <= '9';
      return switch (this) {
        case LOWERCASE_LETTERS -> lower;
        case LOWERCASE_LETTERS_AND_DIGITS -> lower || digit;
        case LETTERS_AND_DIGITS -> lower || digit || (c >= 'A' && c <= 'Z');
      };
    }

    /** A phrase for messages: {@code lower-case letters}. */
    public String description() {
      return description(Locale.ENGLISH);
    }

    /** {@link #description()} in the language of {@code locale} (English when we lack it). */
    public String description(Locale locale) {
      return Texts.of("providers", locale).get("alphabet." + name());
    }
  }

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if {@code length} is not positive, or {@code groupSize} is
   *     negative or does not divide {@code length}
   */
  public AppPasswordFormat {
    Objects.requireNonNull(alphabet, "alphabet");
    if (length < 1) {
      throw new IllegalArgumentException("length must be positive, was " + length);
    }
    if (groupSize < 0 || (groupSize > 0 && length % groupSize != 0)) {
      throw new IllegalArgumentException(
          "groupSize must be 0 or divide length " + length + ", was " + groupSize);
    }
  }

  /**
   * Whether {@code password} has this format: {@code length} characters of the alphabet, either in
   * one block or, when the separator is not a space, in groups joined by the separator exactly as
   * the provider shows them.
   */
  public boolean matches(AppPassword password) {
    String value = Objects.requireNonNull(password, "password").reveal();
    return matchesBlock(value) || matchesGroups(value);
  }

  /** A sentence for people: {@code 16 lower-case letters, shown in 4 groups of 4}. */
  public String describe() {
    return describe(Locale.ENGLISH);
  }

  /** {@link #describe()} in the language of {@code locale} (English when we lack it). */
  public String describe(Locale locale) {
    Texts t = Texts.of("providers", locale);
    String alphabetText = alphabet.description(locale);
    if (groupSize == 0) {
      return t.get("format.block", length, alphabetText);
    }
    return groupSeparator == ' '
        ? t.get("format.groups", length, alphabetText, length / groupSize, groupSize)
        : t.get("format.groupsJoined", length, alphabetText, length / groupSize, groupSize,
            groupSeparator);
  }

  private boolean matchesBlock(String value) {
    if (value.length() != length) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      if (!alphabet.contains(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private boolean matchesGroups(String value) {
    if (groupSize == 0 || groupSeparator == ' ') {
      return false;
    }
    int groups = length / groupSize;
    if (value.length() != length + groups - 1) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean separatorPlace = (i + 1) % (groupSize + 1) == 0;
      if (separatorPlace ? c != groupSeparator : !alphabet.contains(c)) {
        return false;
      }
    }
    return true;
  }
}
