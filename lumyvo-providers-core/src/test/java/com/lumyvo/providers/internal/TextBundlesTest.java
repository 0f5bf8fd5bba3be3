package com.lumyvo.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.AppPasswordFormat;
import com.lumyvo.providers.AppPasswordPolicy;
import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.ProviderRegistry;
import com.lumyvo.providers.SetupGuide;
import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.diagnosis.ErrorClassifier;
import com.lumyvo.providers.diagnosis.Evidence;
import com.lumyvo.providers.diagnosis.FailureKind;
import com.lumyvo.providers.discovery.Discovery;
import com.lumyvo.providers.discovery.DnsResolver;
import com.lumyvo.providers.discovery.StaticDnsResolver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The bundles themselves: every translation has exactly the English keys, none empty, with the
 * same placeholders; and every key is one the code uses.
 *
 * <p>"Used" is measured, not listed: {@link Texts#keysUsedBy(Runnable)} records every key the
 * code looks up while a walk runs through the public API over everything that produces text:
 * every {@link FailureKind} (made by a service rule, so each kind is reached) for every built-in
 * provider and no provider, for IMAP, SMTP and no protocol, in every language; every built-in
 * provider's prerequisites and setup guide, both its app-password and its OAuth 2.0 part; and the app-password check with passwords that
 * produce each warning, for every built-in policy and for formats of every alphabet and
 * separator; and discovery's cautions. A key no walk reaches is dead text; a key the code asks for that English lacks
 * fails the walk itself with a MissingResourceException.
 */
class TextBundlesTest {
  private static final List<String> BUNDLES = List.of("diagnosis", "providers");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[0-9]}");

  @ParameterizedTest
  @ValueSource(strings = {"diagnosis", "providers"})
  void everyTranslationHasExactlyTheEnglishKeysNoneEmptyWithTheSamePlaceholders(String bundle) {
    ResourceBundle english = Texts.load(bundle, Locale.ENGLISH);
    for (Locale language : Texts.LANGUAGES) {
      ResourceBundle texts = Texts.load(bundle, language);
      assertThat(new TreeSet<>(texts.keySet())).as("%s_%s keys", bundle, language)
          .isEqualTo(new TreeSet<>(english.keySet()));
      for (String key : texts.keySet()) {
        String text = texts.getString(key);
        assertThat(text).as("%s_%s %s", bundle, language, key).isNotBlank();
        assertThat(placeholders(text)).as("%s_%s %s placeholders", bundle, language, key)
            .isEqualTo(placeholders(english.getString(key)));
      }
    }
  }

  /**
   * No English left in a translation: each text differs from the English one, except those that
   * are placeholders and punctuation only ({@code {0}: {1}}), which have no words to translate.
   */
  @ParameterizedTest
  @ValueSource(strings = {"diagnosis", "providers"})
  void everyTranslatedTextDiffersFromTheEnglishOne(String bundle) {
    ResourceBundle english = Texts.load(bundle, Locale.ENGLISH);
    for (Locale language : Texts.LANGUAGES.subList(1, Texts.LANGUAGES.size())) {
      ResourceBundle texts = Texts.load(bundle, language);
      for (String key : english.keySet()) {
        String en = english.getString(key);
        if (PLACEHOLDER.matcher(en).replaceAll("").chars().noneMatch(Character::isLetter)) {
          continue;
        }
        assertThat(texts.getString(key)).as("%s_%s %s", bundle, language, key).isNotEqualTo(en);
      }
    }
  }

  @Test
  void everyKeyIsUsedByTheCodeAndEveryKeyTheCodeUsesExists() {
    Set<String> used = Texts.keysUsedBy(TextBundlesTest::walkEverythingThatProducesText);
    Set<String> all = new HashSet<>();
    for (String bundle : BUNDLES) {
      Texts.load(bundle, Locale.ENGLISH).keySet().forEach(key -> all.add(bundle + ":" + key));
    }
    assertThat(new TreeSet<>(all)).as("keys no code uses")
        .containsExactlyElementsOf(new TreeSet<>(used));
  }

  @Test
  void theLanguageIsTheLocalesLanguageAndEnglishForAnyOtherWhateverTheDefaultLocale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMAN);
      assertThat(Texts.language(Locale.forLanguageTag("de-AT"))).isEqualTo(Locale.GERMAN);
      assertThat(Texts.language(Locale.forLanguageTag("de-CH"))).isEqualTo(Locale.GERMAN);
      assertThat(Texts.language(Locale.forLanguageTag("fr-CA"))).isEqualTo(Locale.FRENCH);
      assertThat(Texts.language(Locale.forLanguageTag("es-MX"))).isEqualTo(Locale.forLanguageTag("es"));
      assertThat(Texts.language(Locale.forLanguageTag("it-CH"))).isEqualTo(Locale.ITALIAN);
      assertThat(Texts.language(Locale.JAPANESE)).isEqualTo(Locale.ENGLISH);
      assertThat(Texts.language(Locale.ROOT)).isEqualTo(Locale.ENGLISH);
      assertThat(Texts.of("diagnosis", Locale.JAPANESE).get("TIMEOUT.summary"))
          .isEqualTo("The server did not answer in time.");
    } finally {
      Locale.setDefault(before);
    }
  }

  private static Set<String> placeholders(String text) {
    Set<String> found = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }

  /** Everything in the public API that produces text for people, in every language. */
  static void walkEverythingThatProducesText() {
    List<ProviderDescriptor> providers = new ArrayList<>(ProviderRegistry.defaults().all());
    List<ProviderDescriptor> orNone = new ArrayList<>(providers);
    orNone.add(null);
    for (Locale locale : Texts.LANGUAGES) {
      for (FailureKind kind : FailureKind.values()) {
        ErrorClassifier classifier = ErrorClassifier.builder()
            .rule(evidence -> Optional.of(kind)).build();
        for (Protocol protocol : Arrays.asList(Protocol.IMAP, Protocol.SMTP, null)) {
          for (ProviderDescriptor provider : orNone) {
            Evidence.Builder evidence = Evidence.builder().serverReply("NO something");
            if (protocol != null) {
              evidence.protocol(protocol);
            }
            if (provider != null) {
              evidence.provider(provider);
            }
            Diagnosis d = classifier.classify(evidence.build()).in(locale);
            assertThat(d.kind()).isEqualTo(kind);
          }
        }
      }
      for (ProviderDescriptor provider : providers) {
        // The OAuth part is only built for a descriptor with OAuth facts: assert that the walk
        // reaches it, or its keys would look unused for the wrong reason.
        SetupGuide guide = provider.setupGuide(locale);
        assertThat(guide.oauthSteps().isEmpty()).as(provider.id())
            .isEqualTo(provider.oauth().isEmpty());
        provider.prerequisites(locale);
        for (String password : List.of("abcdefghijklmnop", "abcd-efgh-ijkl-mnop", "abc",
            "abcdefghijklmnopqrstuvwxyz", "ABCD1234efgh5678", "äbcdefghijklmnop",
            "abc-defg-hijkl-mnop")) {
          provider.checkAppPassword(AppPassword.of(password), locale);
        }
      }
      // Discovery's cautions: a null MX, and SRV records naming servers outside the domain.
      DnsResolver dns = StaticDnsResolver.builder().mx("nomail.example", ".")
          .srv("_imaps._tcp.example.org", 0, 993, "imap.mailhost.example")
          .srv("_submissions._tcp.example.org", 0, 465, "smtp.example.org").build();
      Discovery discovery = Discovery.builder().resolver(dns).autoconfig(false).build();
      for (String address : List.of("bob@nomail.example", "bob@example.org")) {
        assertThat(discovery.discover(address).caution(locale)).isPresent();
      }
      for (AppPasswordFormat.Alphabet alphabet : AppPasswordFormat.Alphabet.values()) {
        for (char separator : new char[] {' ', '-'}) {
          AppPasswordPolicy policy = AppPasswordPolicy.builder()
              .format(new AppPasswordFormat(16, alphabet, 4, separator)).build();
          policy.check(AppPassword.of("abc!"), "Example", locale);
          AppPasswordPolicy.builder().format(new AppPasswordFormat(16, alphabet, 0, ' ')).build()
              .check(AppPassword.of("abc"), "Example", locale);
        }
      }
    }
  }

  @Test
  void argumentsAreFilledInOnePassSoBracesInANameStayAsTheyAre() {
    assertThat(Texts.of("diagnosis", Locale.ENGLISH).get("hint.revocation", "{1}", "Settings"))
        .isEqualTo("To revoke an app password at {1}: Settings.");
  }

  @Test
  void aRecordingSeesOnlyTheLookupsOfItsOwnWalk() {
    Texts.of("providers", Locale.GERMAN).get("alphabet.LOWERCASE_LETTERS");
    Set<String> used = Texts.keysUsedBy(() ->
        Texts.LANGUAGES.forEach(l -> Texts.of("diagnosis", l).get("UNKNOWN.summary")));
    assertThat(used).containsExactly("diagnosis:UNKNOWN.summary");
    assertThat(Texts.LANGUAGES.stream().map(Locale::getLanguage).collect(Collectors.toList()))
        .containsExactly("en", "de", "fr", "es", "it");
  }
}
