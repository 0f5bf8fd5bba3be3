package com.lumyvo.providers;

import com.lumyvo.providers.internal.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a provider demands of passwords used by third-party apps: whether an app password is
 * required, whether it needs two-factor authentication first, and what generated app passwords
 * look like.
 *
 * <p>Immutable and thread-safe; build with {@link #builder()}.
 *
 * <pre>{@code
 * AppPasswordPolicy policy = AppPasswordPolicy.builder()
 *     .required(true).requiresTwoFactor(true)
 *     .format(new AppPasswordFormat(16, Alphabet.LOWERCASE_LETTERS, 4, '-'))
 *     .build();
 * }</pre>
 */
public final class AppPasswordPolicy {
  private final boolean required;
  private final boolean requiresTwoFactor;
  private final boolean shownOnce;
  private final boolean oauthOnly;
  private final AppPasswordFormat format;

  private AppPasswordPolicy(Builder builder) {
    this.required = builder.required;
    this.requiresTwoFactor = builder.requiresTwoFactor;
    this.shownOnce = builder.shownOnce;
    this.oauthOnly = builder.oauthOnly;
    this.format = builder.format;
  }

  /** A builder with every flag off and no known format. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this policy's values. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.required = required;
    builder.requiresTwoFactor = requiresTwoFactor;
    builder.shownOnce = shownOnce;
    builder.oauthOnly = oauthOnly;
    builder.format = format;
    return builder;
  }

  /**
   * Whether third-party apps must use an app password; when false the regular password also
   * works (IONOS without two-factor authentication).
   */
  public boolean required() {
    return required;
  }

  /** Whether app passwords can only be generated once two-factor authentication is on. */
  public boolean requiresTwoFactor() {
    return requiresTwoFactor;
  }

  /** Whether the provider shows a generated password only once, so a lost one must be replaced. */
  public boolean shownOnce() {
    return shownOnce;
  }

  /**
   * Whether the provider refuses every password over IMAP and SMTP, app passwords included, and
   * accepts only OAuth 2.0 sign-in (Outlook.com since September 2024). Such accounts connect
   * with an OAuth 2.0 token only; no password, app password or not, can connect them.
   */
  public boolean oauthOnly() {
    return oauthOnly;
  }

  /** The documented format of generated app passwords, if the provider documents one. */
  public Optional<AppPasswordFormat> format() {
    return Optional.ofNullable(format);
  }

  /**
   * Checks a password against this policy without contacting anyone, so that a service can say
   * "this looks like your regular password" instead of spending a login attempt; some providers
   * lock accounts after repeated failures.
   *
   * @param password the normalized password
   * @param providerName the provider's name, used in the warnings
   */
  public AppPasswordCheck check(AppPassword password, String providerName) {
    return check(password, providerName, Locale.ENGLISH);
  }

  /**
   * {@link #check(AppPassword, String)} with the warnings in the language of {@code locale}:
   * English, German, French, Spanish or Italian by the locale's language ({@code de-CH} gets
   * German), English for any other. The verdict is the same in every language.
   */
  public AppPasswordCheck check(AppPassword password, String providerName, Locale locale) {
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(providerName, "providerName");
    Texts t = Texts.of("providers", locale);
    String value = password.reveal();
    List<String> warnings = new ArrayList<>();
    if (oauthOnly) {
      warnings.add(t.get("check.oauthOnly", providerName));
      return new AppPasswordCheck(AppPasswordCheck.Verdict.DOES_NOT_LOOK_LIKE_APP_PASSWORD,
          warnings);
    }
    // AppPassword has removed white space, invisible and control characters already.
    if (value.chars().anyMatch(c -> c < 0x21 || c > 0x7E)) {
      warnings.add(t.get("check.nonAscii", providerName));
    }
    if (format == null) {
      return new AppPasswordCheck(warnings.isEmpty()
          ? AppPasswordCheck.Verdict.FORMAT_UNKNOWN
          : AppPasswordCheck.Verdict.DOES_NOT_LOOK_LIKE_APP_PASSWORD, warnings);
    }
    if (format.matches(password)) {
      return new AppPasswordCheck(AppPasswordCheck.Verdict.LOOKS_LIKE_APP_PASSWORD, List.of());
    }
    long counted = value.chars()
        .filter(c -> format.groupSize() == 0 || c != format.groupSeparator())
        .count();
    String expected = t.get("check.expected", providerName, format.describe(locale));
    if (counted < format.length()) {
      warnings.add(t.get("check.shorter", expected));
    } else if (counted > format.length()) {
      warnings.add(t.get("check.longer", expected));
    }
    boolean foreign = value.chars().anyMatch(c -> !format.alphabet().contains((char) c)
        && !(format.groupSize() > 0 && c == format.groupSeparator()));
    if (foreign) {
      warnings.add(t.get("check.foreign", format.alphabet().description(locale), expected));
    }
    if (warnings.isEmpty()) {
      warnings.add(t.get("check.notFormat", expected));
    }
    return new AppPasswordCheck(AppPasswordCheck.Verdict.DOES_NOT_LOOK_LIKE_APP_PASSWORD, warnings);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AppPasswordPolicy other
        && required == other.required
        && requiresTwoFactor == other.requiresTwoFactor
        && shownOnce == other.shownOnce
        && oauthOnly == other.oauthOnly
        && Objects.equals(format, other.format);
  }

  @Override
  public int hashCode() {
    return Objects.hash(required, requiresTwoFactor, shownOnce, oauthOnly, format);
  }

  @Override
  public String toString() {
    return "AppPasswordPolicy{required=" + required + ", requiresTwoFactor=" + requiresTwoFactor
        + ", shownOnce=" + shownOnce + (oauthOnly ? ", oauthOnly=true" : "") + ", format=" + (format == null ? "unknown" : format.describe())
        + '}';
  }

  /** Builds an {@link AppPasswordPolicy}; not thread-safe. */
  public static final class Builder {
    private boolean required;
    private boolean requiresTwoFactor;
    private boolean shownOnce;
    private boolean oauthOnly;
    private AppPasswordFormat format;

    private Builder() {}

    /** Whether third-party apps must use an app password. Default false. */
    public Builder required(boolean required) {
      this.required = required;
      return this;
    }

    /** Whether generating one needs two-factor authentication. Default false. */
    public Builder requiresTwoFactor(boolean requiresTwoFactor) {
      this.requiresTwoFactor = requiresTwoFactor;
      return this;
    }

    /** Whether the provider shows a generated password only once. Default false. */
    public Builder shownOnce(boolean shownOnce) {
      this.shownOnce = shownOnce;
      return this;
    }

    /** Whether the provider accepts only OAuth 2.0, no passwords at all. Default false. */
    public Builder oauthOnly(boolean oauthOnly) {
      this.oauthOnly = oauthOnly;
      return this;
    }

    /** The documented format of generated passwords. Default: unknown. */
    public Builder format(AppPasswordFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /** An immutable policy with the values set so far. */
    public AppPasswordPolicy build() {
      return new AppPasswordPolicy(this);
    }
  }
}
