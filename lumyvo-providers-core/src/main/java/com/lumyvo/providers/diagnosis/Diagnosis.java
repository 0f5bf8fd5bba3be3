package com.lumyvo.providers.diagnosis;

import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.internal.Texts;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A failure explained: its {@link FailureKind}, whether and when to retry, what probably caused
 * it, what to do about it in order, hints for the account's provider, the other kinds the same
 * evidence can mean, the server's reply with every credential removed, and for logs the type of
 * the exception it was made from.
 *
 * <p>Immutable. Made by {@link ErrorClassifier}; no field ever holds a password, a token or an
 * {@code AUTH} line, not even {@link #toString()}.
 */
public final class Diagnosis {
  private final FailureKind kind;
  private final Duration retryAfter;
  private final Locale locale;
  private final String summary;
  private final List<String> causes;
  private final List<String> solutions;
  private final List<String> providerHints;
  private final List<FailureKind> alternatives;
  private final String serverReply;
  private final String exceptionType;
  // What the texts are worded for, kept so that in(Locale) can word them again; never shown.
  private final Protocol protocol;
  private final ProviderDescriptor provider;

  /** {@code protocol} and {@code provider} may be null (unknown). */
  Diagnosis(FailureKind kind, Duration retryAfter, List<FailureKind> alternatives,
      Protocol protocol, ProviderDescriptor provider, Locale locale, String serverReply,
      String exceptionType) {
    this.kind = Objects.requireNonNull(kind);
    this.retryAfter = kind.isRetryable() ? retryAfter : null;
    this.alternatives = List.copyOf(alternatives);
    this.protocol = protocol;
    this.provider = provider;
    this.locale = Texts.language(locale);
    Advice.Text advice = Advice.of(kind, protocol, provider, this.locale);
    this.summary = advice.summary();
    this.causes = List.copyOf(advice.causes());
    this.solutions = List.copyOf(advice.solutions());
    this.providerHints = List.copyOf(
        Advice.hints(kind, this.alternatives, provider, protocol, this.locale));
    this.serverReply = serverReply;
    this.exceptionType = exceptionType;
  }

  /**
   * This diagnosis with its texts for people ({@link #summary()}, {@link #causes()}, {@link
   * #solutions()}, {@link #providerHints()}) in the language of {@code locale}; everything else
   * is the same. The SDK speaks English (the default: every diagnosis the SDK makes is in
   * English until this is called), German, French, Spanish and Italian. The language alone
   * counts, so {@code de-AT} and {@code de-CH} get German; a language the SDK does not speak gets
   * English, whatever the JVM's default locale is. The server's reply stays in its own words.
   *
   * <pre>{@code
   * Diagnosis german = diagnosis.in(Locale.GERMAN);
   * german.summary();  // "Der Server hat den Benutzernamen oder das Passwort nicht angenommen."
   * }</pre>
   *
   * @return this diagnosis when it is in that language already
   */
  public Diagnosis in(Locale locale) {
    Objects.requireNonNull(locale, "locale");
    if (Texts.language(locale).equals(this.locale)) {
      return this;
    }
    return new Diagnosis(kind, retryAfter, alternatives, protocol, provider, locale, serverReply,
        exceptionType);
  }

  /**
   * The language of the texts for people: {@link Locale#ENGLISH}, {@link Locale#GERMAN}, {@link
   * Locale#FRENCH}, {@code es} or {@link Locale#ITALIAN}, never a country variant.
   */
  public Locale locale() {
    return locale;
  }

  /** What went wrong. */
  public FailureKind kind() {
    return kind;
  }

  /** Whether retrying later, unchanged, can succeed: {@link FailureKind#isRetryable()}. */
  public boolean isRetryable() {
    return kind.isRetryable();
  }

  /** How long to wait before retrying, when the kind or the server suggests a time. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** One line for people: what happened. */
  public String summary() {
    return summary;
  }

  /** The probable causes, most likely first. */
  public List<String> causes() {
    return causes;
  }

  /** What to do, in the order to try it. */
  public List<String> solutions() {
    return solutions;
  }

  /** Advice for the account's provider: its settings, guide, prerequisites, how to revoke. */
  public List<String> providerHints() {
    return providerHints;
  }

  /**
   * The other kinds the same evidence can mean, most likely first: empty when the evidence is
   * clear. Many servers answer a regular password used instead of an app password, or a
   * switched-off IMAP setting, exactly like a wrong password.
   */
  public List<FailureKind> alternatives() {
    return alternatives;
  }

  /**
   * What the server said, in its own words, for showing to a person: the reply given to the
   * classifier or, when there was none, the messages of the error and its causes, each once and
   * one per line (mail libraries put the server's reply there: Jakarta Mail's {@code
   * AuthenticationFailedException} carries {@code 535 5.7.8 Authentication failed}). When no
   * server answered, that message is the network's account, such as {@code Connection refused}.
   *
   * <p>Never holds a Java class name (those are in {@link #exceptionType()}), a credential, or a
   * control character other than line breaks and tabs; at most 1,000 characters. Empty when there
   * is no text at all.
   */
  public Optional<String> serverReply() {
    return Optional.ofNullable(serverReply);
  }

  /**
   * For logs and bug reports, never for people: the fully qualified class name of the exception
   * the diagnosis was made from ({@code jakarta.mail.AuthenticationFailedException}), the
   * outermost one where there is a chain. Empty when it was made from a reply alone.
   */
  public Optional<String> exceptionType() {
    return Optional.ofNullable(exceptionType);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Diagnosis d && kind == d.kind && Objects.equals(retryAfter, d.retryAfter)
        && locale.equals(d.locale) && summary.equals(d.summary) && causes.equals(d.causes) && solutions.equals(d.solutions)
        && providerHints.equals(d.providerHints) && alternatives.equals(d.alternatives)
        && Objects.equals(serverReply, d.serverReply)
        && Objects.equals(exceptionType, d.exceptionType);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, summary, alternatives, serverReply);
  }

  @Override
  public String toString() {
    return "Diagnosis[" + kind + (alternatives.isEmpty() ? "" : " or " + alternatives)
        + ": " + summary + (serverReply == null ? "" : " Server said: " + serverReply) + "]";
  }
}
