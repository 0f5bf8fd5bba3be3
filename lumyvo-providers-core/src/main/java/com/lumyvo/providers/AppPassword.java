package com.lumyvo.providers;

/**
 * An app-specific password as the person pasted it, with the whitespace that copying adds taken
 * out.
 *
 * <p>Normalization removes every character that {@link #of(CharSequence)} lists and nothing else:
 * providers show app passwords in groups ({@code abcd efgh ijkl mnop}) and web pages add no-break
 * or zero-width spaces, but hyphens, case and every other character belong to the password.
 *
 * <p>The value never prints itself: {@link #toString()} shows neither the password nor its length,
 * so it can sit in a record, a log line or an exception message safely. The one way to read it is
 * {@link #reveal()}, which makes every use easy to find. Equality is identity: secrets are not
 * values to compare or hash.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * AppPassword password = AppPassword.of("abcd efgh ijkl mnop\n");
 * password.reveal();   // "abcdefghijklmnop"
 * }</pre>
 */
public final class AppPassword {
  /** Longer than any provider's password; refusing more keeps garbage pastes out of logins. */
  static final int MAX_LENGTH = 1024;

  private final String value;

  private AppPassword(String value) {
    this.value = value;
  }

  /**
   * Normalizes a pasted app password by removing white space: ASCII spaces, tabs and line breaks,
   * every Unicode space separator including the no-break spaces U+00A0, U+2007 and U+202F, the
   * line and paragraph separators, U+0085, the zero-width characters U+200B, U+200C, U+200D,
   * U+2060 and U+180E, and the byte order mark U+FEFF.
   *
   * @throws IllegalArgumentException if {@code pasted} is null, holds nothing but white space, or
   *     is longer than 1024 characters once white space is removed; the message never contains
   *     the input
   */
  public static AppPassword of(CharSequence pasted) {
    if (pasted == null) {
      throw new IllegalArgumentException("app password is null");
    }
    StringBuilder kept = new StringBuilder(Math.min(pasted.length(), MAX_LENGTH + 1));
    for (int i = 0; i < pasted.length(); i++) {
      char c = pasted.charAt(i);
      if (!PastedText.isInvisibleSpace(c)) {
        if (kept.length() == MAX_LENGTH) {
          throw new IllegalArgumentException(
              "app password is longer than " + MAX_LENGTH + " characters: this is not a password");
        }
        kept.append(c);
      }
    }
    if (kept.length() == 0) {
      throw new IllegalArgumentException(pasted.length() == 0
          ? "app password is empty"
          : "app password is empty once spaces and line breaks are removed");
    }
    return new AppPassword(kept.toString());
  }

  /** The password itself, for the one place that must send it to a server. */
  public String reveal() {
    return value;
  }

  /** A fixed text that gives nothing away: {@code AppPassword[redacted]}. */
  @Override
  public String toString() {
    return "AppPassword[redacted]";
  }
}
