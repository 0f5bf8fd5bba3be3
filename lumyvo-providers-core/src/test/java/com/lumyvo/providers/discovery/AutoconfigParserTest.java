package com.lumyvo.providers.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lumyvo.providers.EmailAddress;
import com.lumyvo.providers.LoginName;
import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AutoconfigParserTest {
  private static final EmailAddress ANNA = EmailAddress.parse("anna@bakery-anna.de");

  /** The shape of Thunderbird's ISPDB files (thunderbird/autoconfig, ispdb/*.xml). */
  static final String CONFIG = """
      <?xml version="1.0" encoding="UTF-8"?>
      <clientConfig version="1.1">
        <emailProvider id="bakery-anna.de">
          <domain>bakery-anna.de</domain>
          <displayName>Bakery Mail</displayName>
          <incomingServer type="pop3">
            <hostname>pop.bakery-anna.de</hostname><port>995</port><socketType>SSL</socketType>
            <username>%EMAILADDRESS%</username>
          </incomingServer>
          <incomingServer type="imap">
            <hostname>imap.%EMAILDOMAIN%</hostname>
            <port>993</port>
            <socketType>SSL</socketType>
            <username>%EMAILLOCALPART%</username>
            <authentication>password-cleartext</authentication>
          </incomingServer>
          <incomingServer type="imap">
            <hostname>imap.bakery-anna.de</hostname><port>143</port><socketType>plain</socketType>
            <username>%EMAILADDRESS%</username>
          </incomingServer>
          <outgoingServer type="smtp">
            <hostname>smtp.bakery-anna.de</hostname><port>465</port><socketType>SSL</socketType>
            <username>%EMAILADDRESS%</username>
          </outgoingServer>
          <outgoingServer type="smtp">
            <hostname>smtp.bakery-anna.de</hostname><port>587</port>
            <socketType>STARTTLS</socketType><username>%EMAILADDRESS%</username>
          </outgoingServer>
        </emailProvider>
      </clientConfig>
      """;

  private static AutoconfigSettings parse(String xml) throws IOException {
    return AutoconfigParser.parse(xml.strip().getBytes(StandardCharsets.UTF_8), ANNA);
  }

  @Test
  void readsEncryptedImapAndSmtpServersInTheFilesOrderWithTheirLoginNames() throws Exception {
    AutoconfigSettings settings = parse(CONFIG);

    assertThat(settings.displayName()).contains("Bakery Mail");
    assertThat(settings.imap()).containsExactly(new AutoconfigSettings.Server(
        ServerEndpoint.of("imap.bakery-anna.de", 993, Security.SSL_TLS), LoginName.LOCAL_PART,
        false));
    assertThat(settings.smtp()).extracting(AutoconfigSettings.Server::endpoint).containsExactly(
        ServerEndpoint.of("smtp.bakery-anna.de", 465, Security.SSL_TLS),
        ServerEndpoint.of("smtp.bakery-anna.de", 587, Security.STARTTLS));
    assertThat(settings.ignored()).singleElement().asString()
        .contains("imap.bakery-anna.de").contains("plain");
    assertThat(settings.isUsable()).isTrue();
  }

  @Test
  void anUnknownUserNameTemplateMustBeAskedForAndOauthAloneIsMarked() throws Exception {
    AutoconfigSettings settings = parse("""
        <clientConfig><emailProvider id="x">
          <incomingServer type="imap"><hostname>imap.x.test</hostname><port>993</port>
            <socketType>SSL</socketType><username>%EMAILLOCALPART%@corp.example</username>
            <authentication>OAuth2</authentication></incomingServer>
          <outgoingServer type="smtp"><hostname>smtp.x.test</hostname><port>465</port>
            <socketType>SSL</socketType><username>someone</username>
            <authentication>OAuth2</authentication>
            <authentication>password-cleartext</authentication></outgoingServer>
        </emailProvider></clientConfig>
        """);

    assertThat(settings.imap().get(0).loginName()).isEqualTo(LoginName.ACCOUNT_ADDRESS);
    assertThat(settings.imap().get(0).oauthOnly()).isTrue();
    assertThat(settings.smtp().get(0).oauthOnly()).isFalse();
    assertThat(settings.displayName()).isEmpty();
  }

  @Test
  void refusesEntityExpansionBeforeAnyEntityIsExpanded() {
    // "Billion laughs": nine levels of ten references each, a gigabyte once expanded.
    StringBuilder dtd = new StringBuilder("<!DOCTYPE clientConfig [<!ENTITY l0 \"lol\">");
    for (int i = 1; i <= 9; i++) {
      dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10))
          .append("\">");
    }
    dtd.append("]>");
    String xml = dtd + "<clientConfig><emailProvider><displayName>&l9;</displayName>"
        + "</emailProvider></clientConfig>";

    assertThatThrownBy(() -> parse(xml)).isInstanceOf(IOException.class)
        .hasMessageContaining("DOCTYPE");
  }

  @Test
  void refusesExternalEntitiesSoNoLocalFileIsRead() throws Exception {
    Path secret = Files.createTempFile("lumyvo-secret", ".txt");
    Files.writeString(secret, "top-secret-content");
    String xml = "<!DOCTYPE clientConfig [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
        + "<clientConfig><emailProvider><displayName>&x;</displayName>"
        + "</emailProvider></clientConfig>";

    assertThatThrownBy(() -> parse(xml)).isInstanceOf(IOException.class)
        .hasMessageNotContaining("top-secret-content");
  }

  @Test
  void refusesMalformedXmlTheWrongRootAndAMissingProvider() {
    assertThatThrownBy(() -> parse("<clientConfig><emailProvider>")).isInstanceOf(
        IOException.class).hasMessageStartingWith("autoconfig file refused");
    assertThatThrownBy(() -> parse("<html><body>Welcome to nginx!</body></html>"))
        .isInstanceOf(IOException.class).hasMessageContaining("<\"html\">");
    assertThatThrownBy(() -> parse("<clientConfig/>")).isInstanceOf(IOException.class)
        .hasMessageContaining("no <emailProvider>");
    assertThatThrownBy(() -> parse("")).isInstanceOf(IOException.class);
  }

  @Test
  void refusesNestingDeeperThanAnyRealFile() {
    String xml = "<clientConfig><emailProvider>" + "<a>".repeat(5000) + "</a>".repeat(5000)
        + "</emailProvider></clientConfig>";

    assertThatThrownBy(() -> parse(xml)).isInstanceOf(IOException.class);
  }

  @Test
  void skipsServersWithBrokenHostsOrPortsAndStopsAtAFewServers() throws Exception {
    StringBuilder xml = new StringBuilder("<clientConfig><emailProvider>");
    xml.append("<incomingServer type='imap'><hostname>bad host!</hostname><port>993</port>"
        + "<socketType>SSL</socketType></incomingServer>");
    xml.append("<incomingServer type='imap'><hostname>imap.x.test</hostname><port>99999</port>"
        + "<socketType>SSL</socketType></incomingServer>");
    for (int i = 0; i < 50; i++) {
      xml.append("<incomingServer type='imap'><hostname>imap").append(i)
          .append(".x.test</hostname><port>993</port><socketType>SSL</socketType>"
              + "</incomingServer>");
    }
    xml.append("<displayName>Evil\u0000\u202E Corp").append("x".repeat(500))
        .append("</displayName></emailProvider></clientConfig>");

    AutoconfigSettings settings = parse(xml.toString().replace("\u0000", ""));

    assertThat(settings.imap()).hasSize(AutoconfigParser.MAX_SERVERS);
    assertThat(settings.imap().get(0).endpoint().host()).isEqualTo("imap0.x.test");
    assertThat(settings.ignored()).hasSize(2);
    assertThat(settings.displayName()).get().asString().startsWith("Evil Corp").hasSize(80);
    assertThat(settings.isUsable()).isFalse();
  }
}
