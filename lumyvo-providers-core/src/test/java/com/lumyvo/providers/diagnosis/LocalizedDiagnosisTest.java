package com.lumyvo.providers.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.ProviderRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every diagnosis in every language: each {@link FailureKind} for each built-in provider and no
 * provider, after IMAP, SMTP and an unknown protocol, in English, German, French, Spanish and
 * Italian. No text is missing or empty, and no translation leaves an English sentence behind.
 */
class LocalizedDiagnosisTest {
  private static final Locale SPANISH = Locale.forLanguageTag("es");
  private static final List<Locale> TRANSLATIONS = List.of(Locale.GERMAN, Locale.FRENCH, SPANISH,
      Locale.ITALIAN);

  static Stream<Arguments> everyKindProviderAndProtocol() {
    List<ProviderDescriptor> providers = new ArrayList<>(ProviderRegistry.defaults().all());
    providers.add(null);
    List<Arguments> cases = new ArrayList<>();
    for (FailureKind kind : FailureKind.values()) {
      for (ProviderDescriptor provider : providers) {
        for (Protocol protocol : Arrays.asList(Protocol.IMAP, Protocol.SMTP, null)) {
          cases.add(Arguments.of(kind, provider == null ? "no provider" : provider.id(),
              provider, protocol));
        }
      }
    }
    return cases.stream();
  }

  private static Diagnosis diagnose(FailureKind kind, ProviderDescriptor provider,
      Protocol protocol) {
    Evidence.Builder evidence = Evidence.builder().serverReply("NO [ALERT] refused");
    if (provider != null) {
      evidence.provider(provider);
    }
    if (protocol != null) {
      evidence.protocol(protocol);
    }
    return ErrorClassifier.builder().rule(e -> Optional.of(kind)).build()
        .classify(evidence.build());
  }

  private static List<String> texts(Diagnosis d) {
    List<String> all = new ArrayList<>();
    all.add(d.summary());
    all.addAll(d.causes());
    all.addAll(d.solutions());
    all.addAll(d.providerHints());
    return all;
  }

  @ParameterizedTest(name = "{0} {1} {3}")
  @MethodSource("everyKindProviderAndProtocol")
  void everyLanguageHasEveryTextAndNoTranslationLeavesEnglishBehind(FailureKind kind,
      String name, ProviderDescriptor provider, Protocol protocol) {
    Diagnosis english = diagnose(kind, provider, protocol);
    assertThat(english.locale()).isEqualTo(Locale.ENGLISH);
    assertThat(english.summary()).isNotBlank();
    assertThat(english.solutions()).isNotEmpty();
    for (Locale language : TRANSLATIONS) {
      Diagnosis translated = english.in(language);
      assertThat(translated.locale()).isEqualTo(language);
      assertThat(translated.kind()).isEqualTo(kind);
      assertThat(translated.causes()).hasSameSizeAs(english.causes());
      assertThat(translated.solutions()).hasSameSizeAs(english.solutions());
      assertThat(translated.providerHints()).hasSameSizeAs(english.providerHints());
      List<String> en = texts(english);
      List<String> other = texts(translated);
      for (int i = 0; i < en.size(); i++) {
        assertThat(other.get(i)).as("%s text %d", language, i).isNotBlank()
            .isNotEqualTo(en.get(i));
      }
      // The protocol rules of AdviceTest hold in every language.
      List<String> advice = new ArrayList<>(translated.causes());
      advice.add(translated.summary());
      advice.addAll(translated.solutions());
      if (protocol == Protocol.IMAP) {
        assertThat(advice).noneMatch(t -> t.contains("SMTP") || t.contains("465")
            || t.contains("587"));
      }
      if (protocol == Protocol.SMTP) {
        assertThat(advice).noneMatch(t -> t.contains("IMAP") || t.contains("993")
            || t.contains("143"));
      }
    }
  }

  @Test
  void aTranslationKeepsEverythingButTheWords() {
    Diagnosis english = ErrorClassifier.defaults().classify(Evidence.builder()
        .protocol(Protocol.SMTP).serverReply("421 4.7.0 Too many login attempts, try again in 5 minutes")
        .provider(ProviderRegistry.defaults().byId("gmx").orElseThrow()).build());
    Diagnosis german = english.in(Locale.GERMAN);
    assertThat(german.kind()).isEqualTo(english.kind());
    assertThat(german.retryAfter()).isEqualTo(english.retryAfter()).isPresent();
    assertThat(german.alternatives()).isEqualTo(english.alternatives());
    assertThat(german.serverReply()).isEqualTo(english.serverReply());
    assertThat(german.exceptionType()).isEqualTo(english.exceptionType());
    assertThat(german).isNotEqualTo(english);
    assertThat(german.in(Locale.ENGLISH)).isEqualTo(english);
  }

  /** The example in {@link Diagnosis#in(Locale)}'s Javadoc, and its fallback rules. */
  @Test
  void theJavadocExampleAndTheFallbackHold() {
    Diagnosis d = ErrorClassifier.defaults().classifyResponse(Protocol.IMAP,
        "a1 NO [AUTHENTICATIONFAILED] Invalid credentials");
    assertThat(d.kind()).isEqualTo(FailureKind.INVALID_CREDENTIALS);
    Diagnosis german = d.in(Locale.GERMAN);
    assertThat(german.summary())
        .isEqualTo("Der Server hat den Benutzernamen oder das Passwort nicht angenommen.");
    assertThat(d.in(Locale.forLanguageTag("de-AT"))).isEqualTo(german);
    assertThat(d.in(Locale.forLanguageTag("de-AT")).locale()).isEqualTo(Locale.GERMAN);
    assertThat(d.in(Locale.JAPANESE)).isSameAs(d);
    assertThat(d.in(Locale.forLanguageTag("en-GB"))).isSameAs(d);
    assertThat(german.in(Locale.GERMAN)).isSameAs(german);
    assertThatThrownBy(() -> d.in(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("locale");
  }

  @Test
  void theDefaultLocaleOfTheJvmDoesNotChooseTheLanguage() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMAN);
      Diagnosis d = ErrorClassifier.defaults().classifyResponse(Protocol.IMAP,
          "a1 NO [AUTHENTICATIONFAILED] Invalid credentials");
      assertThat(d.summary()).isEqualTo("The server did not accept the login name or password.");
      assertThat(d.in(Locale.forLanguageTag("pt-BR")).summary()).isEqualTo(d.summary());
    } finally {
      Locale.setDefault(before);
    }
  }
}
