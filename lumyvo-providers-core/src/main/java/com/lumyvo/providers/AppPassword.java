package com.lumyvo.providers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An app-specific password as the person pasted it, with the white space and the invisible
 * characters that copying adds taken out.
 *
 * <h2>Normalization</h2>
 * {@link #of(CharSequence)} removes, wherever they are:
 * <ul>
 *   <li>white space: ASCII spaces, tabs and line breaks, every Unicode space separator including
 *       the no-break spaces U+00A0, U+2007 and U+202F, the line and paragraph separators, U+0085,
 *       the zero-width characters U+200B, U+200C, U+200D, U+2060 and U+180E, and the byte order
 *       mark U+FEFF. Providers show app passwords in groups ({@code abcd efgh ijkl mnop}).
 *   <li>every format character, Unicode general category Cf: the soft hyphen U+00AD, the
 *       direction marks U+200E and U+200F, the bidi embeddings and overrides U+202A to U+202E,
 *       the isolates U+2066 to U+2069, the tag characters U+E0000 to U+E007F and the rest of the
 *       category. Web pages, chat apps and right-to-left text carry them along with what is
 *       copied.
 *   <li>every control character, category Cc: NUL, escape, delete and the C1 controls U+0080 to
 *       U+009F, which terminals, password managers and broken encodings leave behind.
 * </ul>
 * Everything else is kept, in order: hyphens, case, punctuation, letters of any script, emoji.
 *
 * <p>Why removal and never refusal: the app passwords of every provider the SDK knows are ASCII
 * letters and digits, so a pasted invisible character is always an accident. A regular password
 * (a provider without app passwords, a custom domain) could in principle hold any character, but
 * no keyboard types format or control characters on purpose, so a password that holds one was
 * not typed as the provider knows it. {@link #removedCharacters()} says what went, for the person
 * or the support team, without showing the password.
 *
 * <p>A string that is not well-formed UTF-16 (a lone surrogate, half of a character) is refused:
 * it cannot be encoded for the server, which would receive a {@code ?} in its place.
 *
 * <h2>Secrecy</h2>
 * The value never prints itself: {@link #toString()} shows neither the password nor its length,
 * so it can sit in a record, a log line or an exception message safely. The one way to read it is
 * {@link #reveal()}, which makes every use easy to find. Equality is identity: secrets are not
 * values to compare or hash. Exception messages and {@link #removedCharacters()} name removed or
 * refused characters by code point and Unicode name, never a character of the password.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * // pasted: "abcd efgh ijkl mnop", a soft hyphen after "ijkl", a line break at the end
 * AppPassword password = AppPassword.of(pasted);
 * password.reveal();              // "abcdefghijklmnop"
 * password.removedCharacters();   // Optional["U+00AD SOFT HYPHEN"]
 * }</pre>
 */
public final class AppPassword {
  /** Longer than any provider's password; refusing more keeps garbage pastes out of logins. */
  static final int MAX_LENGTH = 1024;
  /** Enough to name what a paste brought along; a longer list would bury the message. */
  private static final int MAX_NAMED = 8;

  private final String value;
  private final String removed;

  private AppPassword(String value, String removed) {
    this.value = value;
    this.removed = removed;
  }

  /**
   * Normalizes a pasted password by removing white space, format characters (Unicode category
   * Cf) and control characters (Cc), as the class documentation lists them, and keeping every
   * other character in order.
   *
   * @throws IllegalArgumentException if {@code pasted} is null; holds nothing once those
   *     characters are removed; is longer than 1024 UTF-16 characters once they are removed; or
   *     holds a lone surrogate, which the message names with its position (counted in characters
   *     from 1). The message never contains a character of the password.
   */
  public static AppPassword of(CharSequence pasted) {
    if (pasted == null) {
      throw new IllegalArgumentException("app password is null");
    }
    StringBuilder kept = new StringBuilder(Math.min(pasted.length(), MAX_LENGTH + 1));
    // Code point to how often it was removed, in order of first appearance.
    Map<Integer, Integer> removed = new LinkedHashMap<>();
    int position = 0;
    for (int i = 0; i < pasted.length(); ) {
      int c = Character.codePointAt(pasted, i);
      int width = Character.charCount(c);
      i += width;
      position++;
      if (PastedText.isInvisible(c)) {
        if (c > Character.MAX_VALUE || !PastedText.isInvisibleSpace((char) c)) {
          removed.merge(c, 1, Integer::sum);
        }
        continue;
      }
      if (Character.getType(c) == Character.SURROGATE) {
        throw new IllegalArgumentException("app password has half a character ("
            + PastedText.describe(c) + ") at character " + position
            + ": it cannot be sent to a server; copy the password again");
      }
      if (kept.length() + width > MAX_LENGTH) {
        throw new IllegalArgumentException(
            "app password is longer than " + MAX_LENGTH + " characters: this is not a password");
      }
      kept.appendCodePoint(c);
    }
    if (kept.length() == 0) {
      throw new IllegalArgumentException(pasted.length() == 0
          ? "app password is empty"
          : "app password is empty once spaces, line breaks and invisible characters are removed");
    }
    return new AppPassword(kept.toString(), removed.isEmpty() ? null : describe(removed));
  }

  /** {@code U+00AD SOFT HYPHEN (2 times), U+200E LEFT-TO-RIGHT MARK}, at most 8 named. */
  private static String describe(Map<Integer, Integer> removed) {
    StringBuilder text = new StringBuilder();
    int named = 0;
    for (Map.Entry<Integer, Integer> entry : removed.entrySet()) {
      if (named == MAX_NAMED) {
        text.append(", and ").append(removed.size() - MAX_NAMED).append(" more");
        break;
      }
      if (named++ > 0) {
        text.append(", ");
      }
      text.append(PastedText.describe(entry.getKey()));
      if (entry.getValue() > 1) {
        text.append(" (").append(entry.getValue()).append(" times)");
      }
    }
    return text.toString();
  }

  /** The password itself, for the one place that must send it to a server. */
  public String reveal() {
    return value;
  }

  /**
   * The invisible characters normalization removed apart from white space, for telling the
   * person or a log why the password is not what the clipboard held: each format or control
   * character once, by code point and Unicode name in order of first appearance, with how often
   * it occurred ({@code U+00AD SOFT HYPHEN (2 times), U+200E LEFT-TO-RIGHT MARK}), at most 8 of
   * them named. Empty when the paste had none. Names no character of the password and no
   * position, so it tells nothing about the password's length.
   */
  public Optional<String> removedCharacters() {
    return Optional.ofNullable(removed);
  }

  /** A fixed text that gives nothing away: {@code AppPassword[redacted]}. */
  @Override
  public String toString() {
    return "AppPassword[redacted]";
  }
}
