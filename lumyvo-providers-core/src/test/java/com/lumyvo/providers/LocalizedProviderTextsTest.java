package com.lumyvo.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.discovery.Discovery;
import com.lumyvo.providers.discovery.DiscoveryResult;
import com.lumyvo.providers.discovery.StaticDnsResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Built-in setup guides, prerequisites and password warnings in every language. */
class LocalizedProviderTextsTest {
  private static final List<Locale> TRANSLATIONS = List.of(Locale.GERMAN, Locale.FRENCH,
      Locale.forLanguageTag("es"), Locale.ITALIAN);

  static List<ProviderDescriptor> builtIn() {
    return ProviderRegistry.defaults().all();
  }

  private static List<String> texts(SetupGuide guide) {
    List<String> all = new ArrayList<>(guide.appPasswordSteps());
    all.addAll(guide.enableAccessSteps());
    guide.revocation().ifPresent(all::add);
    all.addAll(guide.notes());
    all.addAll(guide.oauthSteps());
    all.addAll(guide.oauthRequirements());
    guide.oauthRevocation().ifPresent(all::add);
    return all;
  }

  @ParameterizedTest
  @MethodSource("builtIn")
  void everyGuideAndPrerequisiteIsTranslatedStepForStep(ProviderDescriptor provider) {
    SetupGuide english = provider.setupGuide(Locale.ENGLISH);
    assertThat(english).isEqualTo(provider.setupGuide());
    assertThat(provider.prerequisites(Locale.ENGLISH)).isEqualTo(provider.prerequisites());
    for (Locale language : TRANSLATIONS) {
      SetupGuide guide = provider.setupGuide(language);
      assertThat(guide.startPage()).isEqualTo(english.startPage());
      assertThat(guide.appPasswordSteps()).hasSameSizeAs(english.appPasswordSteps());
      assertThat(guide.enableAccessSteps()).hasSameSizeAs(english.enableAccessSteps());
      assertThat(guide.revocation().isPresent()).isEqualTo(english.revocation().isPresent());
      assertThat(guide.notes()).hasSameSizeAs(english.notes());
      assertThat(guide.oauthSteps()).hasSameSizeAs(english.oauthSteps());
      assertThat(guide.oauthRequirements()).hasSameSizeAs(english.oauthRequirements());
      assertThat(guide.oauthRevocation().isPresent())
          .isEqualTo(english.oauthRevocation().isPresent());
      List<String> en = texts(english);
      List<String> other = texts(guide);
      for (int i = 0; i < en.size(); i++) {
        assertThat(other.get(i)).as("%s %s %d", provider.id(), language, i).isNotBlank()
            .isNotEqualTo(en.get(i));
      }
      List<Prerequisite> prerequisites = provider.prerequisites(language);
      assertThat(prerequisites).extracting(Prerequisite::kind)
          .isEqualTo(provider.prerequisites().stream().map(Prerequisite::kind).toList());
      for (int i = 0; i < prerequisites.size(); i++) {
        assertThat(prerequisites.get(i).description())
            .isNotEqualTo(provider.prerequisites().get(i).description());
      }
    }
  }

  /** The example in {@link ProviderDescriptor#setupGuide(Locale)}'s Javadoc. */
  @Test
  void aCountryVariantGetsItsLanguage() {
    ProviderDescriptor gmx = ProviderRegistry.defaults().byId("gmx").orElseThrow();
    SetupGuide guide = gmx.setupGuide(Locale.forLanguageTag("de-AT"));
    assertThat(guide.appPasswordSteps().get(0)).isEqualTo("Melden Sie sich im Webbrowser bei GMX an.");
    assertThat(guide).isEqualTo(gmx.setupGuide(Locale.GERMAN));
    assertThat(gmx.setupGuide(Locale.JAPANESE)).isEqualTo(gmx.setupGuide());
    // A descriptor resolved for an address keeps its language support.
    ProviderDescriptor resolved = ProviderRegistry.defaults().lookup("anna@gmx.de").orElseThrow();
    assertThat(resolved.setupGuide(Locale.GERMAN)).isEqualTo(guide);
  }

  @Test
  void aServicesOwnGuideAndPrerequisitesAreItsOwnWordsInEveryLanguage() {
    SetupGuide own = SetupGuide.builder().appPasswordSteps("Ask the help desk.").build();
    Prerequisite prerequisite = new Prerequisite(Prerequisite.Kind.PAID_PLAN, "Buy the plan.");
    ProviderDescriptor acme = ProviderDescriptor.builder("acme").displayName("ACME")
        .domains("acme.example")
        .imap(ServerEndpoint.of("imap.acme.example", 993, Security.SSL_TLS))
        .smtp(ServerEndpoint.of("smtp.acme.example", 465, Security.SSL_TLS))
        .setupGuide(own).prerequisites(prerequisite).build();
    assertThat(acme.setupGuide(Locale.GERMAN)).isSameAs(acme.setupGuide());
    assertThat(acme.prerequisites(Locale.FRENCH)).containsExactly(prerequisite);

    ProviderDescriptor gmx = ProviderRegistry.defaults().byId("gmx").orElseThrow();
    ProviderDescriptor changed = gmx.toBuilder().setupGuide(own).build();
    assertThat(changed.setupGuide(Locale.GERMAN)).isEqualTo(own);
    // Only the guide was replaced: the built-in prerequisites keep their translations.
    assertThat(changed.prerequisites(Locale.GERMAN)).isEqualTo(gmx.prerequisites(Locale.GERMAN))
        .isNotEqualTo(gmx.prerequisites());
    ProviderDescriptor extended = gmx.toBuilder().prerequisites(prerequisite).build();
    assertThat(extended.prerequisites(Locale.GERMAN)).isEqualTo(extended.prerequisites())
        .endsWith(prerequisite);
  }

  @Test
  void passwordWarningsAreTranslatedAndTheVerdictIsTheSame() {
    ProviderDescriptor yahoo = ProviderRegistry.defaults().byId("yahoo").orElseThrow();
    for (String pasted : List.of("abc", "abcdefghijklmnopqrstuvwxyz", "ABCD1234efgh5678",
        "äbcdefghijklmnop")) {
      AppPasswordCheck english = yahoo.checkAppPassword(AppPassword.of(pasted));
      assertThat(yahoo.checkAppPassword(AppPassword.of(pasted), Locale.ENGLISH))
          .isEqualTo(english);
      for (Locale language : TRANSLATIONS) {
        AppPasswordCheck check = yahoo.checkAppPassword(AppPassword.of(pasted), language);
        assertThat(check.verdict()).isEqualTo(english.verdict());
        assertThat(check.warnings()).hasSameSizeAs(english.warnings()).isNotEmpty()
            .doesNotContainAnyElementsOf(english.warnings())
            .noneMatch(w -> w.contains(pasted));
      }
    }
    assertThat(yahoo.checkAppPassword(AppPassword.of("abc"), Locale.GERMAN).warnings().get(0))
        .isEqualTo("Das Passwort ist kürzer als erwartet: App-Passwörter von Yahoo Mail bestehen"
            + " aus 16 Kleinbuchstaben, angezeigt in 4 Gruppen zu je 4. Vielleicht wurde beim"
            + " Kopieren etwas abgeschnitten.");
  }

  @Test
  void discoveryCautionsAreTranslatedWithTheirNamesInPlace() {
    Discovery discovery = Discovery.builder().autoconfig(false)
        .resolver(StaticDnsResolver.builder()
            .srv("_imaps._tcp.example.org", 0, 993, "imap.mailhost.example")
            .srv("_submissions._tcp.example.org", 0, 465, "smtp.example.org").build())
        .build();
    DiscoveryResult result = discovery.discover("bob@example.org");
    assertThat(result.caution()).isEqualTo(result.caution(Locale.ENGLISH))
        .hasValue("example.org names mail servers outside its own domain (imap.mailhost.example);"
            + " confirm that your mail is really hosted there before signing in.");
    assertThat(result.caution(Locale.forLanguageTag("de-CH"))).hasValue("example.org nennt"
        + " Mailserver außerhalb der eigenen Domain (imap.mailhost.example); vergewissern Sie"
        + " sich, dass Ihre E-Mails wirklich dort liegen, bevor Sie sich anmelden.");
    for (Locale language : TRANSLATIONS) {
      assertThat(result.caution(language)).hasValueSatisfying(text -> assertThat(text)
          .contains("example.org").contains("imap.mailhost.example")
          .isNotEqualTo(result.caution().orElseThrow()));
    }
    DiscoveryResult quiet = Discovery.builder().autoconfig(false)
        .resolver(StaticDnsResolver.builder().mx("gmx-hosted.example", "mx00.emig.gmx.net")
            .build()).build().discover("anna@gmx-hosted.example");
    assertThat(quiet.caution(Locale.GERMAN)).isEmpty();
  }

  @Test
  void formatsDescribeThemselvesInEveryLanguage() {
    AppPasswordFormat apple = new AppPasswordFormat(16, AppPasswordFormat.Alphabet.LOWERCASE_LETTERS,
        4, '-');
    assertThat(apple.describe()).isEqualTo(apple.describe(Locale.ENGLISH))
        .isEqualTo("16 lower-case letters, shown in 4 groups of 4 joined by '-'");
    assertThat(apple.describe(Locale.FRENCH))
        .isEqualTo("16 lettres minuscules, en 4 groupes de 4 séparés par « - »");
    assertThat(AppPasswordFormat.Alphabet.LETTERS_AND_DIGITS.description(Locale.ITALIAN))
        .isEqualTo("lettere e cifre");
  }
}
