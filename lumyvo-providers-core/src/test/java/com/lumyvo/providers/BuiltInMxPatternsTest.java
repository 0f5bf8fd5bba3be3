package com.lumyvo.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The built-in providers' MX patterns: how a customer's own domain finds its provider and region
 * from its mail exchanger. Sources are cited in {@link BuiltInProviders}.
 */
class BuiltInMxPatternsTest {
  private final ProviderRegistry registry = ProviderRegistry.defaults();

  @Test
  void everyPatternsRegionExists() {
    for (ProviderDescriptor provider : registry.all()) {
      for (MxPattern pattern : provider.mxPatterns()) {
        pattern.regionId().ifPresent(region -> assertThat(provider.inRegion(region))
            .as(provider.id() + " " + pattern.hostSuffix()).isPresent());
      }
    }
  }

  /**
   * A pattern is a domain the provider owns, so no two providers share one, and a pattern that is
   * also an address domain is an address domain of the same provider.
   */
  @Test
  void everySuffixBelongsToOneProviderAndAgreesWithTheAddressDomains() {
    Map<String, String> owner = new HashMap<>();
    for (ProviderDescriptor provider : registry.all()) {
      for (MxPattern pattern : provider.mxPatterns()) {
        String previous = owner.put(pattern.hostSuffix(), provider.id());
        assertThat(previous).as(pattern.hostSuffix()).isNull();
        registry.lookup(pattern.hostSuffix()).ifPresent(p -> assertThat(p.id())
            .as(pattern.hostSuffix() + " is an address domain").isEqualTo(provider.id()));
      }
    }
    assertThat(owner).containsKeys("google.com", "mail.icloud.com", "yahoodns.net",
        "gm0.yahoodns.net", "kundenserver.de", "messagingengine.com",
        "mail.protection.outlook.com", "olc.protection.outlook.com");
  }

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource({
      // IONOS by country [TB#23 ispdb/ionos.*]; kundenserver.de and schlund.de also in
      // [TB ispdb/1und1.de.xml].
      "mx00.ionos.com,                          ionos,        us",
      "mx01.1and1.com,                          ionos,        us",
      "mx.perfora.net,                          ionos,        us",
      "mx00.ionos.co.uk,                        ionos,        uk",
      "mx01.1and1.co.uk,                        ionos,        uk",
      "mx00.oneandone.co.uk,                    ionos,        uk",
      "mx00.ionos.de,                           ionos,        de",
      "mx00.kundenserver.de,                    ionos,        de",
      "mx01.schlund.de,                         ionos,        de",
      "mx00.ionos.fr,                           ionos,        fr",
      "mx00.1and1.fr,                           ionos,        fr",
      "mx00.unetun.com,                         ionos,        fr",
      "mx00.ionos.es,                           ionos,        es",
      "mx01.1and1.es,                           ionos,        es",
      "mx00.clienteservidor.es,                 ionos,        es",
      "mx00.ionos.it,                           ionos,        it",
      "mx01.1and1.it,                           ionos,        it",
      "mx00.servercliente.it,                   ionos,        it",
      "mx00.ionos.mx,                           ionos,        mx",
      "mx01.1and1.mx,                           ionos,        mx",
      // Zoho organizations by data centre; the US one is the default (our guide's servers).
      "mx.zoho.com,                             zoho,         ''",
      "mx.zohomail.com,                         zoho,         ''",
      "mx.zoho.eu,                              zoho,         eu-org",
      "mx2.zoho.in,                             zoho,         in-org",
      "mx.zoho.com.au,                          zoho,         au-org",
      "mx3.zoho.jp,                             zoho,         jp-org",
      "mx.zohocloud.ca,                         zoho,         ca-org",
      // GMX's vanity domains use the German servers [TB ispdb/gmx.net.xml]; gmx.com is GMX
      // international [mxsniff]; mail.com [mxsniff] and web.de (mailcow/mailcow#915) are their
      // own brands' MX.
      "mx00.emig.gmx.net,                       gmx,          de",
      "mx01.gmx.net,                            gmx,          de",
      "mx00.gmx.com,                            gmx,          ''",
      "mx00.mail.com,                           mailcom,      ''",
      "mx-ha03.web.de,                          webde,        ''",
      "mx01.mail.icloud.com,                    icloud,       ''",
      // yahoodns.net is Yahoo's, but AOL's gm0.yahoodns.net is longer and wins.
      "mta6.am0.yahoodns.net,                   yahoo,        ''",
      // Any other host under yahoodns.net is Yahoo too.
      "mx-eu.mail.yahoodns.net,                 yahoo,        ''",
      "mx-aol.mail.gm0.yahoodns.net,            aol,          ''",
      // mail.protection.outlook.com is Microsoft 365; olc.protection.outlook.com Outlook.com.
      "contoso-com.mail.protection.outlook.com, microsoft365, ''",
      "eur.olc.protection.outlook.com,          outlook,      ''",
      "smtp.google.com,                         gmail,        ''",
      "ALT1.ASPMX.L.GOOGLE.COM.,                gmail,        ''",
      "in1-smtp.messagingengine.com,            fastmail,     ''",
  })
  void mxHostsFindTheirProviderAndRegion(String mxHost, String id, String region) {
    ProviderDescriptor hosted = registry.lookupMx(mxHost).orElseThrow();
    assertThat(hosted.id()).isEqualTo(id);
    assertThat(hosted.region().map(RegionalVariant::id).orElse("")).isEqualTo(region);
    assertThat(hosted.isCustomDomain()).isTrue();
  }

  /**
   * The rule for MX hosts two brands share (class comment of {@link BuiltInProviders}): an MX
   * host in gmx.com means GMX, with the international servers, even though mail.com's domains
   * once had that MX [TB ispdb/mail.com.xml]; mail.com's own domains are answered by their
   * address domain before MX is asked, so they keep mail.com's servers.
   */
  @Test
  void aSharedUnitedInternetMxMeansTheBrandThatOwnsTheMxDomain() {
    ProviderDescriptor byGmxMx = registry.lookupMx("mx0.gmx.com").orElseThrow();
    assertThat(byGmxMx.id()).isEqualTo("gmx");
    assertThat(byGmxMx.region()).isEmpty();
    assertThat(byGmxMx.imap().host()).isEqualTo("imap.gmx.com");

    assertThat(registry.lookup("anna@email.com")).map(ProviderDescriptor::id).contains("mailcom");
    ProviderDescriptor byMailComMx = registry.lookupMx("mx01.mail.com").orElseThrow();
    assertThat(byMailComMx.id()).isEqualTo("mailcom");
    assertThat(byMailComMx.imap().host()).isEqualTo("imap.mail.com");

    ProviderDescriptor byGmxNetMx = registry.lookupMx("mx00.emig.gmx.net").orElseThrow();
    assertThat(byGmxNetMx.imap().host()).isEqualTo("imap.gmx.net");
    ProviderDescriptor byWebDeMx = registry.lookupMx("mx-ha03.web.de").orElseThrow();
    assertThat(byWebDeMx.imap().host()).isEqualTo("imap.web.de");
    assertThat(byWebDeMx.loginName(Protocol.IMAP)).isEqualTo(LoginName.LOCAL_PART);
  }

  /** Every IONOS country of [TB#23] has its own imap. and smtp. servers, 465 before 587. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"us, ionos.com", "uk, ionos.co.uk", "de, ionos.de", "fr, ionos.fr", "es, ionos.es",
      "it, ionos.it", "mx, ionos.mx"})
  void everyIonosCountryHasItsOwnServers(String region, String serverDomain) {
    ProviderDescriptor ionos = registry.byId("ionos").flatMap(p -> p.inRegion(region))
        .orElseThrow();
    assertThat(ionos.imap()).isEqualTo(ServerEndpoint.of("imap." + serverDomain, 993,
        Security.SSL_TLS));
    assertThat(ionos.smtp()).containsExactly(
        ServerEndpoint.of("smtp." + serverDomain, 465, Security.SSL_TLS),
        ServerEndpoint.of("smtp." + serverDomain, 587, Security.STARTTLS));
  }

  @Test
  void ionosUkCustomDomainsUseTheUkServers() {
    ProviderDescriptor ionos = registry.lookupMx("mx00.ionos.co.uk").orElseThrow();
    assertThat(ionos.imap()).isEqualTo(ServerEndpoint.of("imap.ionos.co.uk", 993,
        Security.SSL_TLS));
    assertThat(ionos.loginName(Protocol.IMAP)).isEqualTo(LoginName.EMAIL_ADDRESS);
  }

  @Test
  void zohoEuOrganizationsUseImapZohoEuAndSmtppro() {
    ProviderDescriptor zoho = registry.lookupMx("mx.zoho.eu").orElseThrow();
    assertThat(zoho.imap().host()).isEqualTo("imap.zoho.eu");
    assertThat(zoho.smtp().get(0).host()).isEqualTo("smtppro.zoho.eu");
  }

  /** iCloud+ custom domains sign in with the Apple Account's iCloud address [DC icloud.md]. */
  @Test
  void icloudCustomDomainsLogInWithTheAccountAddress() {
    ProviderDescriptor icloud = registry.lookupMx("mx01.mail.icloud.com").orElseThrow();
    assertThat(icloud.loginName(Protocol.IMAP)).isEqualTo(LoginName.ACCOUNT_ADDRESS);
    assertThat(icloud.loginName(Protocol.SMTP)).isEqualTo(LoginName.ACCOUNT_ADDRESS);
    assertThat(icloud.imap().host()).isEqualTo("imap.mail.me.com");
    // Addresses on iCloud's own domains keep their rules.
    ProviderDescriptor own = registry.lookup("emily@icloud.com").orElseThrow();
    assertThat(own.loginName(Protocol.IMAP)).isEqualTo(LoginName.LOCAL_PART);
  }

  @Test
  void microsoftMxFindsOAuthOnlyProviders() {
    Optional<ProviderDescriptor> business =
        registry.lookupMx("contoso-com.mail.protection.outlook.com");
    assertThat(business).map(p -> p.appPasswordPolicy().oauthOnly()).contains(true);
    assertThat(registry.lookupMx("eur.olc.protection.outlook.com"))
        .map(p -> p.appPasswordPolicy().oauthOnly()).contains(true);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "notzoho.com", "mx.notzoho.com", "zoho.com.evil.example", "outlook.com.example",
      "mx.example.org",
      // Not protection.outlook.com itself: only its mail and olc sub-domains are known.
      "x.protection.outlook.com",
      // Whole labels: look-alikes of the United Internet and IONOS domains are nobody's.
      "mx00.notgmx.com", "gmx.com.example", "mx.webde.example", "mx00.ionos.example",
      "mx00.1and1.de.example"})
  void otherHostsFindNothing(String mxHost) {
    assertThat(registry.lookupMx(mxHost)).isEmpty();
  }
}
