package com.lumyvo.providers.diagnosis;

import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.SignInMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns any failure into a {@link Diagnosis}: an exception from the network or TLS stack or a
 * mail library, or a server's IMAP or SMTP reply.
 *
 * <pre>{@code
 * Diagnosis d = ErrorClassifier.defaults()
 *     .classifyResponse(Protocol.SMTP, "535 5.7.8 Authentication credentials invalid", gmx);
 * d.kind();          // INVALID_CREDENTIALS
 * d.alternatives();  // [APP_PASSWORD_REQUIRED, ACCESS_DISABLED]
 * }</pre>
 *
 * <p>The evidence is read in this order, first answer wins: the service's own {@link
 * ClassificationRule}s; the JDK's network and TLS exception types in the cause chain; a SASL
 * token error challenge (base64 JSON after {@code +} or {@code 334}, RFC 7628); wording that
 * names its cause outright; IMAP response codes (the IANA registry); SMTP enhanced status codes
 * (RFC 3463 and the IANA registry) by their detail; other wording; IMAP codes that only point
 * somewhere ({@code [CONTACTADMIN]}); the enhanced code's subject, which also stands for the
 * generic details X.3.2, X.5.1, X.5.2, X.5.4 and X.7.1; SMTP basic reply codes; the exception's
 * type; the IMAP status. Wording that says "unavailable" does not make a permanent {@code 5yz}
 * reply passing. A code that only says what is
 * possible ({@code [NOPERM]}) adds its possibilities and lets a later layer decide. Text is read
 * up to 16,384 characters. When {@link Evidence#signInMethod()} says the attempt used an OAuth
 * token, a credential rejection is a token failure ({@link FailureKind#TOKEN_EXPIRED} first),
 * never a wrong or missing password.
 *
 * <p>Classification never throws and never blocks, whatever it is given: null, binary, a megabyte
 * of text, cyclic or endless cause chains, rules or exceptions that throw. Immutable and
 * thread-safe.
 */
public final class ErrorClassifier {
  private static final ErrorClassifier DEFAULTS = new ErrorClassifier(List.of());
  private static final int MAX_SHOWN_REPLY = 1_000;
  private static final Pattern RETRY_IN = Pattern.compile(
      "(?:try again|retry)(?: later)? (?:in|after) ([0-9]{1,5}) ?"
          + "(seconds?|secs?|s|minutes?|mins?|m|hours?|h)\\b");

  private final List<ClassificationRule> rules;

  private ErrorClassifier(List<ClassificationRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The built-in rules only. */
  public static ErrorClassifier defaults() {
    return DEFAULTS;
  }

  /** A builder for a classifier that consults its own rules before the built-in ones. */
  public static Builder builder() {
    return new Builder();
  }

  /** Classifies an error and its causes. */
  public Diagnosis classify(Throwable error) {
    return classify(error == null ? Evidence.builder().build() : Evidence.builder().error(error).build());
  }

  /** Classifies an error and its causes, with hints for the account's provider. */
  public Diagnosis classify(Throwable error, ProviderDescriptor provider) {
    Evidence.Builder evidence = Evidence.builder();
    if (error != null) {
      evidence.error(error);
    }
    if (provider != null) {
      evidence.provider(provider);
    }
    return classify(evidence.build());
  }

  /** Classifies a server's reply: one line or several, with or without tag and code. */
  public Diagnosis classifyResponse(Protocol protocol, String serverReply) {
    return classifyResponse(protocol, serverReply, null);
  }

  /** Classifies a server's reply, with hints for the account's provider. */
  public Diagnosis classifyResponse(
      Protocol protocol, String serverReply, ProviderDescriptor provider) {
    Evidence.Builder evidence = Evidence.builder();
    if (protocol != null) {
      evidence.protocol(protocol);
    }
    if (serverReply != null) {
      evidence.serverReply(serverReply);
    }
    if (provider != null) {
      evidence.provider(provider);
    }
    return classify(evidence.build());
  }

  /** Classifies everything known about one failure. */
  public Diagnosis classify(Evidence evidence) {
    if (evidence == null) {
      evidence = Evidence.builder().build();
    }
    Finding finding = find(evidence);
    if (evidence.signInMethod().orElse(null) == SignInMethod.OAUTH2) {
      finding = TokenFailures.forToken(finding);
    }
    FailureKind kind = finding.kind();
    List<FailureKind> alternatives = alternatives(finding, evidence);
    ProviderDescriptor provider = evidence.provider().orElse(null);
    Protocol protocol = evidence.protocol().orElse(null);
    return new Diagnosis(kind, retryAfter(finding, evidence.text()), alternatives, protocol,
        provider, Locale.ENGLISH, shownReply(evidence),
        CauseChain.typeName(evidence.error().orElse(null)));
  }

  private Finding find(Evidence evidence) {
    for (ClassificationRule rule : rules) {
      try {
        Optional<FailureKind> kind = rule.classify(evidence);
        if (kind != null && kind.isPresent()) {
          return Finding.of(kind.get());
        }
      } catch (RuntimeException e) {
        // A broken rule must not break classification; the next one decides.
      }
    }
    List<Throwable> chain = CauseChain.of(evidence.error().orElse(null));
    Finding parting = TextRules.first(TextRules.PARTING, evidence.text().toLowerCase(Locale.ROOT));
    if (parting != null) {
      return parting; // why the server closed, before the closed connection itself
    }
    Finding network = ExceptionTypes.network(chain);
    if (network != null) {
      return network;
    }
    Finding tokenSource = ExceptionTypes.tokenUnavailable(chain);
    if (tokenSource != null) {
      return tokenSource; // what the token source said beats what the server said before it
    }
    String text = evidence.text().toLowerCase(Locale.ROOT);
    String raw = evidence.text();
    Protocol protocol = evidence.protocol().orElse(null);
    int basic = protocol == Protocol.IMAP ? 0 : Codes.smtpBasic(raw);
    // Words of policy are read for an SMTP refusal (421, 45x, 55x) or a reply without code, never
    // for a 50x, which says the command was not understood, whatever its words.
    boolean policyReply = protocol == Protocol.SMTP
        && (basic == 0 || basic == 421 || basic / 10 == 45 || (basic >= 550 && basic <= 554));
    Finding general = TextRules.first(protocol == Protocol.IMAP ? TextRules.GENERAL_IMAP
        : policyReply ? TextRules.GENERAL_SMTP : TextRules.GENERAL, withoutStockText(text));
    if (general != null && general.kind() == FailureKind.MAILBOX_NOT_FOUND && basic / 100 == 4) {
      // "450 mailbox unavailable" is a busy or locked mailbox, not a missing one (RFC 5321).
      general = Finding.of(FailureKind.SERVER_UNAVAILABLE, FailureKind.MAILBOX_NOT_FOUND);
    }
    if (general != null && general.kind() == FailureKind.SERVER_UNAVAILABLE
        && basic / 100 == 5) {
      // A permanent reply (5yz: do not repeat, RFC 5321) that says "service unavailable" is
      // not passing trouble: the codes decide, and the wording stays a possibility.
      general = new Finding(FailureKind.UNKNOWN, general.kindAndAlternatives(), null);
    }
    if (general != null && isNetworkKind(general.kind()) && protocol != null
        && (basic >= 400 || (protocol == Protocol.IMAP && Codes.hasImapStatus(raw)))) {
      // The server answered, so it was found and reached: "could not connect", "host not
      // found" in its answer are about a host behind it (a proxy's backend, the client's HELO
      // name), which is the server's trouble.
      List<FailureKind> behind = new ArrayList<>(general.kindAndAlternatives());
      general = new Finding(FailureKind.SERVER_UNAVAILABLE, behind, general.retryAfter());
    }
    List<Finding> layers = new ArrayList<>();
    layers.add(TokenFailures.challenge(raw));
    layers.add(TextRules.first(TextRules.DECISIVE, text));
    layers.add(protocol == Protocol.SMTP ? null : Codes.imap(raw));
    layers.add(protocol == Protocol.IMAP ? null : Codes.smtpEnhanced(raw, basic));
    layers.add(general);
    layers.add(protocol == Protocol.SMTP ? null : Codes.imapPointer(raw));
    layers.add(protocol == Protocol.IMAP ? null : Codes.smtpSubject(raw, basic));
    layers.add(basic == 0 ? null : Codes.smtpBasic(basic));
    // A failure at a continuation (SMTP 334) is the server's fault, whatever exception type
    // the library chose for it: no credential kinds from the type.
    layers.add(basic / 100 == 3 ? ExceptionTypes.broken(chain) : ExceptionTypes.byName(chain));
    layers.add(protocol == Protocol.SMTP ? null : Codes.imapStatus(raw));
    Finding first = null;
    List<FailureKind> alternatives = new ArrayList<>();
    for (Finding layer : layers) {
      if (layer == null) {
        continue;
      }
      if (first == null && layer.kind() == FailureKind.UNKNOWN) {
        // A code that says only what is possible ([NOPERM], [LIMIT], an unassigned 5yz):
        // its possibilities are kept, and a later layer may still decide.
        for (FailureKind kind : layer.alternatives()) {
          if (!alternatives.contains(kind)) {
            alternatives.add(kind);
          }
        }
        continue;
      }
      if (first == null) {
        first = layer;
        alternatives.addAll(layer.alternatives());
      } else {
        // Where the code and the wording disagree, the one not followed is still possible.
        for (FailureKind kind : layer.kindAndAlternatives()) {
          if (kind != FailureKind.UNKNOWN && !alternatives.contains(kind)) {
            alternatives.add(kind);
          }
        }
      }
    }
    return first == null ? new Finding(FailureKind.UNKNOWN, alternatives, null)
        : new Finding(first.kind(), alternatives, first.retryAfter());
  }

  private static boolean isNetworkKind(FailureKind kind) {
    return kind == FailureKind.CONNECTION_REFUSED || kind == FailureKind.SERVER_NOT_FOUND
        || kind == FailureKind.NETWORK_UNREACHABLE;
  }

  /**
   * RFC 5321's stock text for 550, "Requested action not taken: mailbox unavailable", says
   * nothing when the server's own words come with it ("550-Requested action not taken: mailbox
   * unavailable\n550 invalid DNS MX"): those words decide, or the code does.
   * Alone, the stock text still reads as a missing mailbox.
   */
  private static String withoutStockText(String lowerCaseText) {
    int at = lowerCaseText.indexOf(STOCK_550);
    if (at < 0) {
      return lowerCaseText;
    }
    String rest = lowerCaseText.substring(0, at) + " "
        + lowerCaseText.substring(at + STOCK_550.length());
    // Codes and addresses are not words: "550 <bob@example.org>: Requested action not taken:
    // mailbox unavailable" keeps its stock text.
    long letters = STOCK_REST_NOISE.matcher(rest).replaceAll(" ").chars()
        .filter(Character::isLetter).count();
    return letters >= 3 ? rest : lowerCaseText;
  }

  private static final Pattern STOCK_REST_NOISE = Pattern.compile(
      "<[^>]{0,320}>|\\b[245][0-9]{2}[ -]|\\b[245]\\.[0-9]{1,3}\\.[0-9]{1,3}\\b");

  private static final String STOCK_550 = "requested action not taken: mailbox unavailable";

  /**
   * The finding's alternatives, adjusted to the provider: a credential failure at a provider that
   * needs a paid plan may be the plan; at one whose app passwords are optional, not a missing app
   * password.
   */
  private static List<FailureKind> alternatives(Finding finding, Evidence evidence) {
    List<FailureKind> alternatives = new ArrayList<>(finding.alternatives());
    alternatives.remove(finding.kind());
    ProviderDescriptor provider = evidence.provider().orElse(null);
    if (provider == null && finding.kind() == FailureKind.INVALID_CREDENTIALS
        && !alternatives.contains(FailureKind.AUTH_MECHANISM_UNSUPPORTED)) {
      // Providers that turned password logins off (Microsoft 365) often say only "failed".
      alternatives.add(FailureKind.AUTH_MECHANISM_UNSUPPORTED);
    }
    Protocol protocol = evidence.protocol().orElse(null);
    if (provider != null && protocol != null && finding.kind() == FailureKind.INVALID_CREDENTIALS
        && evidence.signInMethod().isEmpty()
        && !provider.accepts(protocol, SignInMethod.PASSWORD)
        && !alternatives.contains(FailureKind.TOKEN_EXPIRED)) {
      // A provider that takes only tokens: the rejected credential was most likely one, or a
      // password sent where only a token works.
      alternatives.add(0, FailureKind.TOKEN_EXPIRED);
      if (!alternatives.contains(FailureKind.AUTH_MECHANISM_UNSUPPORTED)) {
        alternatives.add(1, FailureKind.AUTH_MECHANISM_UNSUPPORTED);
      }
    }
    if (provider != null && finding.kind() == FailureKind.INVALID_CREDENTIALS) {
      if (!provider.appPasswordPolicy().required()) {
        alternatives.remove(FailureKind.APP_PASSWORD_REQUIRED);
      }
      if (provider.requires(com.lumyvo.providers.Prerequisite.Kind.PAID_PLAN)
          && !alternatives.contains(FailureKind.PLAN_NOT_SUPPORTED)) {
        alternatives.add(FailureKind.PLAN_NOT_SUPPORTED);
      }
    }
    return alternatives;
  }

  private static Duration retryAfter(Finding finding, String text) {
    if (!finding.kind().isRetryable()) {
      return null;
    }
    Matcher m = RETRY_IN.matcher(text.toLowerCase(Locale.ROOT));
    if (m.find()) {
      long amount = Long.parseLong(m.group(1));
      switch (m.group(2).charAt(0)) {
        case 'h':
          return Duration.ofHours(amount);
        case 'm':
          return Duration.ofMinutes(amount);
        default:
          return Duration.ofSeconds(amount);
      }
    }
    return finding.retryAfter() != null
        ? finding.retryAfter() : Advice.defaultRetryAfter(finding.kind());
  }

  /**
   * The reply, or the error's messages when there is no reply, without Java class names:
   * redacted, printable, cut short. Redaction reads more than is shown, so that a secret cut in
   * half by the limit is still found.
   */
  private static String shownReply(Evidence evidence) {
    String text = CauseChain.shownText(evidence.serverReply().orElse(null),
        evidence.error().orElse(null), Evidence.MAX_TEXT);
    if (text.isEmpty()) {
      return null;
    }
    String redacted = Redaction.redact(text, evidence.secrets());
    StringBuilder shown = new StringBuilder(Math.min(redacted.length(), MAX_SHOWN_REPLY));
    for (int i = 0; i < redacted.length() && shown.length() < MAX_SHOWN_REPLY; i++) {
      char c = redacted.charAt(i);
      shown.append(c == '\n' || c == '\t' || (!Character.isISOControl(c)
          && !Character.isSurrogate(c) && c != '\uFFFE' && c != '\uFFFF') ? c : '\uFFFD');
    }
    return shown.toString();
  }

  /** Builds an {@link ErrorClassifier}. */
  public static final class Builder {
    private final List<ClassificationRule> rules = new ArrayList<>();

    private Builder() {}

    /** Adds a rule, consulted after the rules added before it and before the built-in ones. */
    public Builder rule(ClassificationRule rule) {
      rules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** A classifier with the rules added so far in front of the built-in ones. */
    public ErrorClassifier build() {
      return new ErrorClassifier(rules);
    }
  }
}
