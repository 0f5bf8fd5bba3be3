package com.lumyvo.providers;

import static com.lumyvo.providers.Prerequisite.Kind.IMAP_ACCESS_ENABLED;
import static com.lumyvo.providers.Prerequisite.Kind.PAID_PLAN;
import static com.lumyvo.providers.Prerequisite.Kind.SINGLE_SIGN_ON_NEEDS_APP_PASSWORD;
import static com.lumyvo.providers.Prerequisite.Kind.TWO_FACTOR_AUTHENTICATION;
import static com.lumyvo.providers.Security.SSL_TLS;
import static com.lumyvo.providers.Security.STARTTLS;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The built-in providers against their sources: our guide "Generate App-Specific Passwords"
 * (shared/docs/generate-app-passwords.txt) first, then the public databases named in
 * {@link BuiltInProviders}. Expected values are written out here, not read from the code.
 */
class BuiltInProvidersTest {
  private final ProviderRegistry registry = ProviderRegistry.defaults();

  private ProviderDescriptor byId(String id) {
    return registry.byId(id).orElseThrow();
  }

  /** "Server Settings" of each provider in our guide: the defaults, by id. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "gmx,    GMX,         imap.gmx.com,        mail.gmx.com,        465, SSL_TLS",
      "yahoo,  Yahoo Mail,  imap.mail.yahoo.com, smtp.mail.yahoo.com, 465, SSL_TLS",
      "ionos,  IONOS,       imap.ionos.com,      smtp.ionos.com,      465, SSL_TLS",
      "icloud, iCloud Mail, imap.mail.me.com,    smtp.mail.me.com,    587, STARTTLS",
      "zoho,   Zoho Mail,   imap.zoho.com,       smtppro.zoho.com,    465, SSL_TLS",
  })
  void defaultServersAreTheOnesOurGuideNames(
      String id, String name, String imapHost, String smtpHost, int smtpPort, Security security) {
    ProviderDescriptor provider = byId(id);
    assertThat(provider.displayName()).isEqualTo(name);
    assertThat(provider.imap()).isEqualTo(ServerEndpoint.of(imapHost, 993, SSL_TLS));
    assertThat(provider.smtp().get(0)).isEqualTo(ServerEndpoint.of(smtpHost, smtpPort, security));
    assertThat(provider.region()).isEmpty();
  }

  /** Every domain we list, with the servers it resolves to. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      // GMX international [TB ispdb/gmx.com.xml]
      "gmx.com, gmx, '', imap.gmx.com, mail.gmx.com",
      "gmx.us, gmx, '', imap.gmx.com, mail.gmx.com",
      "gmx.co.uk, gmx, '', imap.gmx.com, mail.gmx.com",
      "gmx.fr, gmx, '', imap.gmx.com, mail.gmx.com",
      "gmx.es, gmx, '', imap.gmx.com, mail.gmx.com",
      "gmx.it, gmx, '', imap.gmx.com, mail.gmx.com",
      "gmx.ca, gmx, '', imap.gmx.com, mail.gmx.com",
      "gmx.cn, gmx, '', imap.gmx.com, mail.gmx.com",
      "gmx.co.in, gmx, '', imap.gmx.com, mail.gmx.com",
      "gmx.com.br, gmx, '', imap.gmx.com, mail.gmx.com",
      "gmx.com.my, gmx, '', imap.gmx.com, mail.gmx.com",
      "gmx.hk, gmx, '', imap.gmx.com, mail.gmx.com",
      "gmx.ie, gmx, '', imap.gmx.com, mail.gmx.com",
      "gmx.ph, gmx, '', imap.gmx.com, mail.gmx.com",
      "gmx.pt, gmx, '', imap.gmx.com, mail.gmx.com",
      "gmx.ru, gmx, '', imap.gmx.com, mail.gmx.com",
      "gmx.se, gmx, '', imap.gmx.com, mail.gmx.com",
      "gmx.sg, gmx, '', imap.gmx.com, mail.gmx.com",
      "gmx.tw, gmx, '', imap.gmx.com, mail.gmx.com",
      "gmx.com.tr, gmx, '', imap.gmx.com, mail.gmx.com",
      "gmx.li, gmx, '', imap.gmx.com, mail.gmx.com",
      "gmx.tm, gmx, '', imap.gmx.com, mail.gmx.com",
      // GMX German-speaking [TB ispdb/gmx.net.xml]
      "gmx.de, gmx, de, imap.gmx.net, mail.gmx.net",
      "gmx.net, gmx, de, imap.gmx.net, mail.gmx.net",
      "gmx.at, gmx, de, imap.gmx.net, mail.gmx.net",
      "gmx.ch, gmx, de, imap.gmx.net, mail.gmx.net",
      "gmx.eu, gmx, de, imap.gmx.net, mail.gmx.net",
      "gmx.org, gmx, de, imap.gmx.net, mail.gmx.net",
      "gmx.info, gmx, de, imap.gmx.net, mail.gmx.net",
      "gmx.biz, gmx, de, imap.gmx.net, mail.gmx.net",
      "mein.gmx, gmx, de, imap.gmx.net, mail.gmx.net",
      "mail.gmx, gmx, de, imap.gmx.net, mail.gmx.net",
      "email.gmx, gmx, de, imap.gmx.net, mail.gmx.net",
      // Yahoo [TB ispdb/yahoo.com.xml, DC _providers/yahoo.md]
      "yahoo.com, yahoo, '', imap.mail.yahoo.com, smtp.mail.yahoo.com",
      "yahoo.ca, yahoo, '', imap.mail.yahoo.com, smtp.mail.yahoo.com",
      "yahoo.de, yahoo, '', imap.mail.yahoo.com, smtp.mail.yahoo.com",
      "yahoo.it, yahoo, '', imap.mail.yahoo.com, smtp.mail.yahoo.com",
      "yahoo.fr, yahoo, '', imap.mail.yahoo.com, smtp.mail.yahoo.com",
      "yahoo.es, yahoo, '', imap.mail.yahoo.com, smtp.mail.yahoo.com",
      "yahoo.se, yahoo, '', imap.mail.yahoo.com, smtp.mail.yahoo.com",
      "yahoo.co.in, yahoo, '', imap.mail.yahoo.com, smtp.mail.yahoo.com",
      "yahoo.co.uk, yahoo, '', imap.mail.yahoo.com, smtp.mail.yahoo.com",
      "yahoo.co.nz, yahoo, '', imap.mail.yahoo.com, smtp.mail.yahoo.com",
      "yahoo.com.au, yahoo, '', imap.mail.yahoo.com, smtp.mail.yahoo.com",
      "yahoo.com.ar, yahoo, '', imap.mail.yahoo.com, smtp.mail.yahoo.com",
      "yahoo.com.br, yahoo, '', imap.mail.yahoo.com, smtp.mail.yahoo.com",
      "yahoo.com.mx, yahoo, '', imap.mail.yahoo.com, smtp.mail.yahoo.com",
      "ymail.com, yahoo, '', imap.mail.yahoo.com, smtp.mail.yahoo.com",
      "myyahoo.com, yahoo, '', imap.mail.yahoo.com, smtp.mail.yahoo.com",
      "rocketmail.com, yahoo, '', imap.mail.yahoo.com, smtp.mail.yahoo.com",
      // IONOS Germany [FE providers.xml "Ionos (1und1)"]
      "ionos.de, ionos, de, imap.ionos.de, smtp.ionos.de",
      "online.de, ionos, de, imap.ionos.de, smtp.ionos.de",
      "onlinehome.de, ionos, de, imap.ionos.de, smtp.ionos.de",
      // iCloud (our guide)
      "icloud.com, icloud, '', imap.mail.me.com, smtp.mail.me.com",
      "me.com, icloud, '', imap.mail.me.com, smtp.mail.me.com",
      "mac.com, icloud, '', imap.mail.me.com, smtp.mail.me.com",
      // Zoho personal accounts by data centre [TB ispdb/zoho.*.xml]
      "zoho.com, zoho, us, imap.zoho.com, smtp.zoho.com",
      "zohomail.com, zoho, us, imap.zoho.com, smtp.zoho.com",
      "zoho.eu, zoho, eu, imap.zoho.eu, smtp.zoho.eu",
      "zohomail.eu, zoho, eu, imap.zoho.eu, smtp.zoho.eu",
      "zoho.in, zoho, in, imap.zoho.in, smtp.zoho.in",
      "zohomail.in, zoho, in, imap.zoho.in, smtp.zoho.in",
      "zoho.com.au, zoho, au, imap.zoho.com.au, smtp.zoho.com.au",
      "zohomail.com.au, zoho, au, imap.zoho.com.au, smtp.zoho.com.au",
      "zoho.jp, zoho, jp, imap.zoho.jp, smtp.zoho.jp",
      "zohomail.jp, zoho, jp, imap.zoho.jp, smtp.zoho.jp",
      "zohocloud.ca, zoho, ca, imap.zohocloud.ca, smtp.zohocloud.ca",
      "zohomailcloud.ca, zoho, ca, imap.zohocloud.ca, smtp.zohocloud.ca",
  })
  void everyListedDomainResolvesToItsProviderAndRegion(
      String domain, String id, String region, String imapHost, String smtpHost) {
    ProviderDescriptor provider = registry.lookup("someone@" + domain).orElseThrow();
    assertThat(provider.id()).isEqualTo(id);
    assertThat(provider.region().map(RegionalVariant::id).orElse("")).isEqualTo(region);
    assertThat(provider.imap().host()).isEqualTo(imapHost);
    assertThat(provider.smtp()).first().extracting(ServerEndpoint::host).isEqualTo(smtpHost);
    assertThat(provider.smtp()).allMatch(endpoint -> endpoint.security().isEncrypted());
  }

  @Test
  void everyDomainOfTheRegistryIsInTheTableAbove() {
    long listed = registry.all().stream().mapToLong(p -> p.domains().size()).sum();
    // 22 + 11 GMX, 17 Yahoo, 3 IONOS, 3 iCloud, 12 Zoho: keeps the table complete.
    assertThat(listed).isEqualTo(68);
  }

  @Test
  void smtpAlternativesFollowThePreferredServer() {
    assertThat(byId("gmx").smtp()).containsExactly(
        ServerEndpoint.of("mail.gmx.com", 465, SSL_TLS),
        ServerEndpoint.of("mail.gmx.com", 587, STARTTLS));
    assertThat(byId("icloud").smtp()).containsExactly(
        ServerEndpoint.of("smtp.mail.me.com", 587, STARTTLS));
  }

  @Test
  void gmxNeedsTwoFactorAndImapSwitchedOn() {
    ProviderDescriptor gmx = byId("gmx");
    assertThat(gmx.prerequisites()).extracting(Prerequisite::kind)
        .containsExactly(TWO_FACTOR_AUTHENTICATION, IMAP_ACCESS_ENABLED);
    assertThat(gmx.appPasswordPolicy().required()).isTrue();
    assertThat(gmx.setupGuide().enableAccessSteps()).anyMatch(s -> s.contains("POP3 & IMAP"));
    assertThat(gmx.setupGuide().appPasswordSteps()).anyMatch(s -> s.contains("My Account"));
    assertThat(gmx.setupGuide().revocation())
        .contains("Account → Security → Two-Factor Authentication → Regenerate password");
  }

  @Test
  void yahooWarnsAboutTheBrowserAndKeepsPasswordsAfterAPasswordChange() {
    ProviderDescriptor yahoo = byId("yahoo");
    assertThat(yahoo.prerequisites()).extracting(Prerequisite::kind)
        .containsExactly(TWO_FACTOR_AUTHENTICATION);
    assertThat(yahoo.setupGuide().startPage())
        .contains(URI.create("https://login.yahoo.com/account/security"));
    assertThat(yahoo.setupGuide().appPasswordSteps())
        .anyMatch(s -> s.contains("Other App")).anyMatch(s -> s.contains("Generate"));
    assertThat(yahoo.setupGuide().notes())
        .anyMatch(s -> s.contains("several days") && s.contains("incognito"))
        .anyMatch(s -> s.contains("change your main Yahoo password"));
    assertThat(yahoo.setupGuide().revocation())
        .contains("Account Security → Manage app passwords → Remove app");
  }

  @Test
  void ionosAllowsTheRegularPasswordWithoutTwoFactorAndHasAUkRegion() {
    ProviderDescriptor ionos = byId("ionos");
    assertThat(ionos.appPasswordPolicy().required()).isFalse();
    assertThat(ionos.appPasswordPolicy().requiresTwoFactor()).isTrue();
    ProviderDescriptor uk = ionos.inRegion("uk").orElseThrow();
    assertThat(uk.imap()).isEqualTo(ServerEndpoint.of("imap.ionos.co.uk", 993, SSL_TLS));
    assertThat(uk.smtp().get(0)).isEqualTo(ServerEndpoint.of("smtp.ionos.co.uk", 465, SSL_TLS));
    assertThat(ionos.inRegion("mars")).isEmpty();
    assertThat(ionos.setupGuide().startPage()).contains(URI.create("https://www.ionos.com"));
    assertThat(ionos.setupGuide().appPasswordSteps())
        .anyMatch(s -> s.contains("Email & Office")).anyMatch(s -> s.contains("Create New Password"));
    assertThat(ionos.setupGuide().revocation())
        .contains("Email Settings → Security → App-Specific Passwords → Delete");
  }

  @Test
  void icloudLogsInToImapWithTheLocalPartAndToSmtpWithTheAddress() {
    ProviderDescriptor icloud = byId("icloud");
    EmailAddress address = EmailAddress.parse("Emily.Parker@icloud.com");
    assertThat(icloud.login(Protocol.IMAP, address)).isEqualTo("Emily.Parker");
    assertThat(icloud.login(Protocol.SMTP, address)).isEqualTo("Emily.Parker@icloud.com");
    assertThat(icloud.appPasswordPolicy().shownOnce()).isTrue();
    assertThat(icloud.appPasswordPolicy().format())
        .contains(new AppPasswordFormat(16, AppPasswordFormat.Alphabet.LOWERCASE_LETTERS, 4, '-'));
    assertThat(icloud.setupGuide().startPage()).contains(URI.create("https://appleid.apple.com"));
    assertThat(icloud.setupGuide().notes())
        .anyMatch(s -> s.contains("only once"))
        .anyMatch(s -> s.contains("@icloud.com") && s.contains("@me.com") && s.contains("@mac.com"));
    assertThat(icloud.setupGuide().revocation())
        .contains("Apple ID → Security → App-Specific Passwords → Revoke");
  }

  @Test
  void zohoNeedsTwoFactorImapAccessAPaidPlanAndAppPasswordsForSaml() {
    ProviderDescriptor zoho = byId("zoho");
    assertThat(zoho.prerequisites()).extracting(Prerequisite::kind).containsExactly(
        TWO_FACTOR_AUTHENTICATION, IMAP_ACCESS_ENABLED, PAID_PLAN,
        SINGLE_SIGN_ON_NEEDS_APP_PASSWORD);
    assertThat(zoho.requires(PAID_PLAN)).isTrue();
    assertThat(byId("icloud").requires(PAID_PLAN)).isFalse();
    assertThat(zoho.setupGuide().startPage()).contains(URI.create("https://accounts.zoho.com"));
    assertThat(zoho.setupGuide().enableAccessSteps()).anyMatch(s -> s.contains("Enable IMAP Access"));
    assertThat(zoho.setupGuide().appPasswordSteps()).anyMatch(s -> s.contains("IMAP/SMTP"));
    assertThat(zoho.setupGuide().revocation())
        .contains("Accounts → Security → App Passwords → Revoke");
  }

  @Test
  void everyProviderRequiresTwoFactorForAppPasswordsAndHasAGuide() {
    for (ProviderDescriptor provider : registry.all()) {
      assertThat(provider.appPasswordPolicy().requiresTwoFactor()).as(provider.id()).isTrue();
      assertThat(provider.requires(TWO_FACTOR_AUTHENTICATION)).as(provider.id()).isTrue();
      assertThat(provider.setupGuide().appPasswordSteps()).as(provider.id()).hasSizeGreaterThan(3);
      assertThat(provider.setupGuide().revocation()).as(provider.id()).isPresent();
    }
  }
}
