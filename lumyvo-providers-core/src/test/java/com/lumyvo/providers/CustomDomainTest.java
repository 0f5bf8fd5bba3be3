package com.lumyvo.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** MX patterns, custom-domain login names and OAuth-only policies as descriptors carry them. */
class CustomDomainTest {
  private static final ServerEndpoint IMAP = ServerEndpoint.of("imap.acme.example", 993,
      Security.SSL_TLS);
  private static final ServerEndpoint SMTP = ServerEndpoint.of("smtp.acme.example", 465,
      Security.SSL_TLS);
  private static final ServerEndpoint EU_IMAP = ServerEndpoint.of("imap.eu.acme.example", 993,
      Security.SSL_TLS);

  private static ProviderDescriptor acme() {
    return ProviderDescriptor.builder("acme").displayName("ACME Mail")
        .domains("acme.example").imap(IMAP).smtp(SMTP)
        .loginName(Protocol.IMAP, LoginName.LOCAL_PART)
        .customDomainLoginName(Protocol.IMAP, LoginName.ACCOUNT_ADDRESS)
        .region(new RegionalVariant("eu", "Europe", java.util.Set.of("acme.eu"), EU_IMAP,
            List.of(SMTP)))
        .mx(MxPattern.of("mx.acme.example"), MxPattern.of("eu.mx.acme.example", "eu"))
        .build();
  }

  @Test
  void anMxPatternMatchesWholeLabelsOnly() {
    MxPattern zoho = MxPattern.of("ZOHO.com.");

    assertThat(zoho.hostSuffix()).isEqualTo("zoho.com");
    assertThat(zoho.matches("mx.zoho.com")).isTrue();
    assertThat(zoho.matches("zoho.com")).isTrue();
    assertThat(zoho.matches("mx.zoho.com.au")).isFalse();
    assertThat(zoho.matches("notzoho.com")).isFalse();
    assertThat(zoho.matches("com")).isFalse();
    assertThat(MxPattern.of("mail.icloud.com", "eu").regionId()).contains("eu");
    assertThatThrownBy(() -> MxPattern.of("not a host")).isInstanceOf(
        IllegalArgumentException.class);
    assertThatThrownBy(() -> MxPattern.of("x.example", "Not A Slug")).isInstanceOf(
        IllegalArgumentException.class);
  }

  @Test
  void anMxPatternForARegionTheProviderLacksIsRefusedAtBuild() {
    assertThatThrownBy(() -> ProviderDescriptor.builder("acme").displayName("ACME")
        .imap(IMAP).smtp(SMTP).mx(MxPattern.of("mx.acme.example", "mars")).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("region mars, which it does not have");
  }

  @Test
  void aRegistryFindsTheLongestMatchingPatternAndItsRegion() {
    ProviderRegistry registry = ProviderRegistry.builder().add(acme()).build();

    ProviderDescriptor eu = registry.lookupMx("in1.EU.mx.acme.example.").orElseThrow();
    assertThat(eu.region().map(RegionalVariant::id)).contains("eu");
    assertThat(eu.imap()).isEqualTo(EU_IMAP);
    assertThat(eu.isCustomDomain()).isTrue();

    ProviderDescriptor base = registry.lookupMx("in1.mx.acme.example").orElseThrow();
    assertThat(base.region()).isEmpty();
    assertThat(base.imap()).isEqualTo(IMAP);

    assertThat(registry.lookupMx("mx.other.example")).isEmpty();
    assertThatThrownBy(() -> registry.lookupMx(null)).isInstanceOf(
        IllegalArgumentException.class);
    assertThatThrownBy(() -> registry.lookupMx("bad host!")).isInstanceOf(
        IllegalArgumentException.class);
  }

  @Test
  void aCustomDomainViewUsesTheCustomDomainLoginNamesAndKeepsEverythingElse() {
    ProviderDescriptor acme = acme();
    ProviderDescriptor custom = acme.forCustomDomain();
    EmailAddress anna = EmailAddress.parse("anna@bakery-anna.de");

    assertThat(acme.loginName(Protocol.IMAP)).isEqualTo(LoginName.LOCAL_PART);
    assertThat(custom.loginName(Protocol.IMAP)).isEqualTo(LoginName.ACCOUNT_ADDRESS);
    assertThat(custom.loginName(Protocol.SMTP)).isEqualTo(LoginName.EMAIL_ADDRESS);
    assertThat(custom.login(Protocol.SMTP, anna)).isEqualTo("anna@bakery-anna.de");
    assertThatThrownBy(() -> custom.login(Protocol.IMAP, anna))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("ask for it");
    assertThat(custom.forCustomDomain()).isSameAs(custom);
    assertThat(custom).isNotEqualTo(acme);
    assertThat(custom.toString()).contains("custom domain");
    assertThat(custom.inRegion("eu")).hasValueSatisfying(eu -> {
      assertThat(eu.isCustomDomain()).isTrue();
      assertThat(eu.imap()).isEqualTo(EU_IMAP);
    });
    assertThat(custom.mxPatterns()).isEqualTo(acme.mxPatterns()).hasSize(2);
    assertThat(acme.toBuilder().build()).isEqualTo(acme);
    assertThat(acme.toBuilder().build().forCustomDomain().loginName(Protocol.IMAP))
        .isEqualTo(LoginName.ACCOUNT_ADDRESS);
  }

  @Test
  void theAccountAddressLoginNameCannotBeDerived() {
    EmailAddress anna = EmailAddress.parse("anna@bakery-anna.de");

    assertThat(LoginName.ACCOUNT_ADDRESS.isDerivedFromAddress()).isFalse();
    assertThat(LoginName.EMAIL_ADDRESS.isDerivedFromAddress()).isTrue();
    assertThat(LoginName.LOCAL_PART.of(anna)).isEqualTo("anna");
    assertThatThrownBy(() -> LoginName.ACCOUNT_ADDRESS.of(anna))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anOauthOnlyProviderWarnsAboutEveryPassword() {
    AppPasswordPolicy policy = AppPasswordPolicy.builder().oauthOnly(true).build();

    AppPasswordCheck check = policy.check(AppPassword.of("abcd efgh ijkl mnop"), "Outlook.com");

    assertThat(policy.oauthOnly()).isTrue();
    assertThat(check.shouldWarn()).isTrue();
    assertThat(check.warnings()).singleElement().asString()
        .contains("Outlook.com accepts no passwords").contains("OAuth 2.0");
    assertThat(policy.toBuilder().build()).isEqualTo(policy)
        .isNotEqualTo(AppPasswordPolicy.builder().build());
    assertThat(policy.toString()).contains("oauthOnly=true");
  }
}
