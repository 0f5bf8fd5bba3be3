package com.lumyvo.providers;

import static com.lumyvo.providers.SignInMethod.OAUTH2;
import static com.lumyvo.providers.SignInMethod.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lumyvo.providers.oauth.SaslMechanism;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Setup guides explain the OAuth 2.0 path next to the app-password one, where there is one. */
class OAuthSetupGuideTest {
  private final ProviderRegistry registry = ProviderRegistry.defaults();

  static List<ProviderDescriptor> builtIn() {
    return ProviderRegistry.defaults().all();
  }

  private ProviderDescriptor byId(String id) {
    return registry.byId(id).orElseThrow();
  }

  @ParameterizedTest
  @MethodSource("builtIn")
  void aGuideExplainsOAuthExactlyWhereTheProviderTakesIt(ProviderDescriptor provider) {
    boolean oauth = provider.accepts(Protocol.IMAP, OAUTH2);
    assertThat(provider.oauth().isPresent()).as(provider.id()).isEqualTo(oauth);
    for (Locale locale : List.of(Locale.ENGLISH, Locale.GERMAN, Locale.FRENCH,
        Locale.forLanguageTag("es"), Locale.ITALIAN)) {
      SetupGuide guide = provider.setupGuide(locale);
      if (oauth) {
        assertThat(guide.oauthSteps()).as("%s %s", provider.id(), locale).hasSizeGreaterThan(2)
            .anyMatch(step -> step.contains("Lumyvo"));
        assertThat(guide.oauthRevocation()).as("%s %s", provider.id(), locale).isPresent();
        // The service's side names the scopes the descriptor itself holds, in every language.
        assertThat(guide.oauthRequirements()).as("%s %s", provider.id(), locale).isNotEmpty()
            .anyMatch(r -> provider.oauth().orElseThrow().scopes().stream().allMatch(r::contains));
      } else {
        assertThat(guide.oauthSteps()).as(provider.id()).isEmpty();
        assertThat(guide.oauthRequirements()).as(provider.id()).isEmpty();
        assertThat(guide.oauthRevocation()).as(provider.id()).isEmpty();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gmail", "yahoo", "aol"})
  void providersThatTakeBothExplainBothPaths(String id) {
    SetupGuide guide = byId(id).setupGuide();
    assertThat(byId(id).accepts(Protocol.IMAP, PASSWORD)).isTrue();
    assertThat(guide.appPasswordSteps()).isNotEmpty();
    assertThat(guide.oauthSteps()).isNotEmpty()
        .anyMatch(step -> step.contains("sign in") || step.contains("Sign in"))
        .anyMatch(step -> step.contains("read and send"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"outlook", "microsoft365"})
  void oauthOnlyProvidersExplainOAuthAlone(String id) {
    SetupGuide guide = byId(id).setupGuide();
    assertThat(guide.appPasswordSteps()).isEmpty();
    assertThat(guide.revocation()).isEmpty();
    assertThat(guide.oauthSteps()).isNotEmpty().anyMatch(step -> step.contains("Microsoft"));
    assertThat(guide.oauthRevocation()).isPresent();
  }

  @Test
  void gmailSaysWhereGoogleWithdrawsAccessAndThatTheScopeIsReviewed() {
    SetupGuide guide = byId("gmail").setupGuide();
    assertThat(guide.oauthRevocation()).hasValue("Google Account → Security → Your connections"
        + " to third-party apps & services → Lumyvo → Delete all connections");
    assertThat(guide.oauthRequirements().get(0)).contains("https://mail.google.com/")
        .contains("verifies");
    // The app-password path keeps its own revocation path, untouched.
    assertThat(guide.revocation())
        .hasValue("Google Account → Security → 2-Step Verification → App passwords");
  }

  @Test
  void microsoft365SaysWhatAnAdministratorMayHaveToAllow() {
    SetupGuide guide = byId("microsoft365").setupGuide();
    assertThat(guide.oauthRequirements())
        .anyMatch(r -> r.contains("https://outlook.office.com/IMAP.AccessAsUser.All")
            && r.contains("https://outlook.office.com/SMTP.Send") && r.contains("offline_access"))
        .anyMatch(r -> r.contains("administrator") && r.contains("Lumyvo"))
        .anyMatch(r -> r.contains("Authenticated SMTP") && r.contains("Manage email apps"));
    assertThat(guide.oauthSteps()).anyMatch(s -> s.contains("administrator must approve"));
    assertThat(guide.oauthRevocation()).hasValueSatisfying(path ->
        assertThat(path).contains("Microsoft Entra admin center").contains("administrator"));
  }

  @Test
  void theOAuthPartIsTranslatedStepForStep() {
    for (String id : List.of("gmail", "yahoo", "aol", "outlook", "microsoft365")) {
      ProviderDescriptor provider = byId(id);
      SetupGuide english = provider.setupGuide(Locale.ENGLISH);
      for (Locale language : List.of(Locale.GERMAN, Locale.FRENCH, Locale.forLanguageTag("es"),
          Locale.ITALIAN)) {
        SetupGuide guide = provider.setupGuide(language);
        assertThat(guide.oauthSteps()).hasSameSizeAs(english.oauthSteps())
            .doesNotContainAnyElementsOf(english.oauthSteps());
        assertThat(guide.oauthRequirements()).hasSameSizeAs(english.oauthRequirements())
            .doesNotContainAnyElementsOf(english.oauthRequirements());
        assertThat(guide.oauthRevocation()).isPresent().get()
            .isNotEqualTo(english.oauthRevocation().orElseThrow());
      }
    }
    assertThat(byId("outlook").setupGuide(Locale.forLanguageTag("de-AT")).oauthSteps().get(0))
        .isEqualTo("Wählen Sie in Lumyvo die Anmeldung mit Microsoft; die Anmeldeseite von"
            + " Microsoft öffnet sich.");
  }

  /** The guide follows the descriptor's OAuth facts, also when a service changes them. */
  @Test
  void aServiceThatChangesTheScopesGetsThemInTheGuideInEveryLanguage() {
    OAuthSupport narrower = byId("microsoft365").oauth().orElseThrow().toBuilder()
        .scopes(Protocol.IMAP, "https://outlook.office.com/IMAP.AccessAsUser.All")
        .scopes(Protocol.SMTP, "https://outlook.office.com/SMTP.Send")
        .mechanisms(Protocol.IMAP, SaslMechanism.XOAUTH2)
        .build();
    ProviderDescriptor changed = byId("microsoft365").toBuilder().oauth(narrower).build();
    for (SetupGuide guide : List.of(changed.setupGuide(), changed.setupGuide(Locale.ITALIAN))) {
      assertThat(guide.oauthRequirements().get(0))
          .contains("https://outlook.office.com/IMAP.AccessAsUser.All")
          .doesNotContain("offline_access");
    }
    assertThat(changed.setupGuide()).isEqualTo(changed.setupGuide(Locale.ENGLISH));
  }

  @Test
  void aServicesOwnGuideHasNoOAuthPartUnlessItWritesOne() {
    SetupGuide own = SetupGuide.builder().appPasswordSteps("Ask the help desk.").build();
    ProviderDescriptor gmail = byId("gmail").toBuilder().setupGuide(own).build();
    assertThat(gmail.setupGuide(Locale.GERMAN).oauthSteps()).isEmpty();
    assertThat(gmail.setupGuide().oauthRevocation()).isEmpty();
  }

  @Test
  void theBuilderKeepsTheOAuthPartAndToBuilderCopiesIt() {
    SetupGuide guide = SetupGuide.builder()
        .appPasswordSteps("Create an app password.")
        .oauthSteps("Sign in at ACME.", "Allow Lumyvo.")
        .oauthRequirements("The service registers a client.")
        .oauthRevocation("Account → Apps → Remove")
        .build();
    assertThat(guide.oauthSteps()).containsExactly("Sign in at ACME.", "Allow Lumyvo.");
    assertThat(guide.oauthRequirements()).containsExactly("The service registers a client.");
    assertThat(guide.oauthRevocation()).hasValue("Account → Apps → Remove");
    assertThat(guide.revocation()).isEmpty();
    assertThat(guide.toBuilder().build()).isEqualTo(guide).hasSameHashCodeAs(guide);
    assertThat(guide.toBuilder().oauthSteps("One more.").build()).isNotEqualTo(guide);
    assertThat(guide.toBuilder().oauthRevocation("Elsewhere").build()).isNotEqualTo(guide);
    assertThat(guide.toString()).contains("2 OAuth steps");
    assertThatThrownBy(() -> guide.oauthSteps().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theBuilderRejectsBlankOrMissingOAuthTextsNamingThePart() {
    SetupGuide.Builder builder = SetupGuide.builder();
    assertThatThrownBy(() -> builder.oauthSteps(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("oauthSteps must not be blank");
    assertThatThrownBy(() -> builder.oauthRequirements(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("oauthRequirements must not be blank");
    assertThatThrownBy(() -> builder.oauthRevocation("\t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("oauthRevocation must not be blank");
    assertThatThrownBy(() -> builder.oauthRevocation(null))
        .isInstanceOf(NullPointerException.class).hasMessage("oauthRevocation");
    assertThatThrownBy(() -> builder.oauthSteps((String[]) null))
        .isInstanceOf(NullPointerException.class).hasMessage("oauthSteps");
    assertThat(builder.build().oauthSteps()).isEmpty();
  }
}
