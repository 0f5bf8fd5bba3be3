package com.lumyvo.providers.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.RegionalVariant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Custom domains hosted by IONOS (every country), GMX, mail.com and WEB.DE are discovered by
 * their MX hosts, with the provider and region the MX domain means, from a {@link
 * StaticDnsResolver} table and never the network. The source column says where each MX domain
 * (and, where one was found, the host name) comes from; the abbreviations are those of {@code
 * BuiltInProviders}.
 */
class UnitedInternetMxDiscoveryTest {

  @ParameterizedTest(name = "{1} -> {2} {3} ({5})")
  @CsvSource(delimiter = '|', textBlock = """
      # address                  | MX hosts, preferred first             | id      | region | IMAP host        | source
      anna@bakery-anna.com       | mx00.ionos.com mx01.ionos.com         | ionos   | us     | imap.ionos.com   | TB#23 ispdb/ionos.com
      anna@bakery-anna.com       | mx00.1and1.com                        | ionos   | us     | imap.ionos.com   | TB#23 ispdb/ionos.com, legacy 1&1
      anna@bakery-anna.com       | mx01.perfora.net                      | ionos   | us     | imap.ionos.com   | TB#23 ispdb/ionos.com; perfora.net greeting in EmailVerify/email-verify#38
      anna@bakery-anna.co.uk     | mx00.ionos.co.uk mx01.ionos.co.uk     | ionos   | uk     | imap.ionos.co.uk | TB#23 ispdb/ionos.co.uk
      james@alpha.example        | mx00.1and1.co.uk                      | ionos   | uk     | imap.ionos.co.uk | TB#23 ispdb/ionos.co.uk; host in EmailVerify/email-verify#38
      anna@bakery-anna.co.uk     | mx00.oneandone.co.uk                  | ionos   | uk     | imap.ionos.co.uk | TB#23 ispdb/ionos.co.uk, legacy 1&1
      anna@bakery-anna.de        | mx00.ionos.de mx01.ionos.de           | ionos   | de     | imap.ionos.de    | TB#23 ispdb/ionos.de
      anna@bakery-anna.de        | mx01.kundenserver.de                  | ionos   | de     | imap.ionos.de    | TB#23 ispdb/ionos.de, TB ispdb/1und1.de.xml; host in openlab-aux/orgafoo#315
      anna@bakery-anna.de        | mx00.schlund.de                       | ionos   | de     | imap.ionos.de    | TB#23 ispdb/ionos.de, TB ispdb/1und1.de.xml
      anne@boulangerie-anne.fr   | mx00.ionos.fr mx01.ionos.fr           | ionos   | fr     | imap.ionos.fr    | TB#23 ispdb/ionos.fr
      anne@boulangerie-anne.fr   | mx00.1and1.fr                         | ionos   | fr     | imap.ionos.fr    | TB#23 ispdb/ionos.fr, legacy 1&1
      anne@boulangerie-anne.fr   | mx00.unetun.com                       | ionos   | fr     | imap.ionos.fr    | TB#23 ispdb/ionos.fr, legacy 1&1
      ana@panaderia-ana.es       | mx00.ionos.es mx01.ionos.es           | ionos   | es     | imap.ionos.es    | TB#23 ispdb/ionos.es; hosts in pastebin.com/XcdA74rR
      ana@panaderia-ana.es       | mx00.1and1.es mx01.1and1.es           | ionos   | es     | imap.ionos.es    | TB#23 ispdb/ionos.es; hosts in pastebin.com/XcdA74rR
      ana@panaderia-ana.es       | mx00.clienteservidor.es               | ionos   | es     | imap.ionos.es    | TB#23 ispdb/ionos.es
      anna@panetteria-anna.it    | mx00.ionos.it mx01.ionos.it           | ionos   | it     | imap.ionos.it    | TB#23 ispdb/ionos.it
      anna@panetteria-anna.it    | mx00.1and1.it                         | ionos   | it     | imap.ionos.it    | TB#23 ispdb/ionos.it, legacy 1&1
      anna@panetteria-anna.it    | mx00.servercliente.it                 | ionos   | it     | imap.ionos.it    | TB#23 ispdb/ionos.it
      ana@panaderia-ana.mx       | mx00.ionos.mx mx01.ionos.mx           | ionos   | mx     | imap.ionos.mx    | TB#23 ispdb/ionos.mx
      ana@panaderia-ana.mx       | mx00.1and1.mx                         | ionos   | mx     | imap.ionos.mx    | TB#23 ispdb/ionos.mx, legacy 1&1
      anna@vanity-gmx.example    | mx00.emig.gmx.net mx01.emig.gmx.net   | gmx     | de     | imap.gmx.net     | TB ispdb/gmx.net.xml (vanity domains by MX); hosts in EDSM-NET/FrontEnd#21
      anna@vanity-gmx.example    | mx00.gmx.com mx01.gmx.com             | gmx     | ''     | imap.gmx.com     | mxsniff gmx.com: *.gmx.com
      anna@vanity-mail.example   | mx00.mail.com mx01.mail.com           | mailcom | ''     | imap.mail.com    | mxsniff mail.com: *.mail.com
      anna@vanity-webde.example  | mx-ha03.web.de mx-ha02.web.de         | webde   | ''     | imap.web.de      | host in mailcow/mailcow#915
      """)
  void aCustomDomainIsFoundByItsMxAsTheProviderAndRegionTheMxDomainMeans(String address,
      String mxHosts, String id, String region, String imapHost, String source) {
    String domain = address.substring(address.indexOf('@') + 1);
    StaticDnsResolver dns = StaticDnsResolver.builder().mx(domain, mxHosts.split(" ")).build();
    Discovery discovery = Discovery.builder().resolver(dns).autoconfig(false).build();

    DiscoveryResult result = discovery.discover(address);

    assertThat(result.method()).as(source).isEqualTo(DiscoveryMethod.MX);
    assertThat(result.provider().id()).as(source).isEqualTo(id);
    assertThat(result.provider().region().map(RegionalVariant::id).orElse("")).as(source)
        .isEqualTo(region);
    assertThat(result.provider().isCustomDomain()).isTrue();
    assertThat(result.isKnownProvider()).isTrue();
    assertThat(result.needsProbe()).isFalse();
    assertThat(result.candidates(Protocol.IMAP).get(0).host()).as(source).isEqualTo(imapHost);
    assertThat(result.steps().get(1).detail()).contains(mxHosts.split(" ")[0]);
    // WEB.DE logs in with the local part on all its domains [DC]; the others with the address.
    assertThat(result.provider().login(Protocol.IMAP, result.address()))
        .isEqualTo(id.equals("webde") ? address.substring(0, address.indexOf('@')) : address);
  }

  /**
   * The shared-MX rule (class comment of {@code BuiltInProviders}): mail.com's listed domains
   * keep mail.com's servers whatever their MX, because the address domain is answered first; an
   * unlisted domain behind gmx.com's MX is GMX's.
   */
  @ParameterizedTest(name = "{0} with MX {1} -> {2} by {3}")
  @CsvSource({
      "anna@email.com,          mx0.gmx.com, mailcom, DOMAIN, imap.mail.com",
      "anna@vanity-gmx.example, mx0.gmx.com, gmx,     MX,     imap.gmx.com",
  })
  void aDomainBehindAnotherBrandsMxIsAnsweredByItsAddressDomainFirst(String address,
      String mxHost, String id, DiscoveryMethod method, String imapHost) {
    String domain = address.substring(address.indexOf('@') + 1);
    StaticDnsResolver dns = StaticDnsResolver.builder().mx(domain, mxHost).build();

    DiscoveryResult result = Discovery.builder().resolver(dns).autoconfig(false).build()
        .discover(address);

    assertThat(result.method()).isEqualTo(method);
    assertThat(result.provider().id()).isEqualTo(id);
    assertThat(result.candidates(Protocol.IMAP).get(0).host()).isEqualTo(imapHost);
  }
}
