package com.lumyvo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.discovery.Discovery;
import com.lumyvo.providers.discovery.StaticDnsResolver;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs the command line as a user would, through Main with arguments. */
class LookupCommandTest {
  private Cli.Run last;

  private int run(String... args) {
    last = Cli.run(args);
    return last.exitCode();
  }

  /** Lookup with discovery over scripted MX records and no autoconfig: never the internet. */
  private int discover(Map<String, String> mx, String... args) {
    StaticDnsResolver.Builder dns = StaticDnsResolver.builder();
    mx.forEach(dns::mx);
    String[] all = new String[args.length + 1];
    all[0] = "lookup";
    System.arraycopy(args, 0, all, 1, args.length);
    last = Cli.run(context -> context.withDiscovery(
        () -> Discovery.builder().resolver(dns.build()).autoconfig(false).build()), all);
    return last.exitCode();
  }

  private String out() {
    return last.out();
  }

  private String err() {
    return last.err();
  }

  @Test
  void printsServersLoginsPrerequisitesAndGuide() throws Exception {
    assertThat(run("lookup", "Emily@ME.com")).isZero();
    assertThat(out())
        .contains("Emily@me.com → iCloud Mail")
        .contains("imap.mail.me.com:993 (SSL/TLS)")
        .contains("smtp.mail.me.com:587 (STARTTLS)")
        .containsPattern("IMAP login\\s+Emily\\n")
        .containsPattern("SMTP login\\s+Emily@me.com")
        .contains("two-factor authentication")
        .contains("App-Specific Passwords")
        .contains("To revoke it later: Apple ID → Security → App-Specific Passwords → Revoke");
    assertThat(err()).isEmpty();
  }

  @Test
  void withLangTheSetupStepsArePrintedInThatLanguage() {
    assertThat(run("lookup", "--offline", "--lang", "de", "anna@gmx.de")).isZero();
    assertThat(last.out()).contains("1. Melden Sie sich im Webbrowser bei GMX an.")
        .contains("Schalten Sie die Zwei-Faktor-Authentifizierung für Ihr GMX-Konto ein.")
        .doesNotContain("Sign in to GMX in a web browser.");
    assertThat(run("lookup", "--offline", "--lang", "es", "someone@yahoo.com")).isZero();
    assertThat(last.out()).contains("16 letras minúsculas, mostradas en 4 grupos de 4");
  }

  @Test
  void aGmailAddressShowsBothPathsAndAnIcloudOneOnlyTheAppPassword() {
    assertThat(run("lookup", "--offline", "anna@gmail.com")).isZero();
    assertThat(out())
        .containsSubsequence("Create an app password (https://myaccount.google.com/apppasswords):",
            "To revoke it later: Google Account → Security → 2-Step Verification → App passwords",
            "Or connect with OAuth 2.0, without a password:",
            "  1. In Lumyvo, choose to sign in with Google; Google's sign-in page opens.",
            "  What must be in place first:",
            "  - The service must have its own OAuth client registered with Google, asking for"
                + " the scope https://mail.google.com/",
            "To withdraw that access later: Google Account → Security → Your connections to"
                + " third-party apps & services → Lumyvo → Delete all connections");
    assertThat(run("lookup", "--offline", "emily@icloud.com")).isZero();
    assertThat(out()).contains("Create an app password").doesNotContain("OAuth 2.0");
  }

  @Test
  void anOutlookAddressShowsTheOAuthStepsAloneInTheChosenLanguage() {
    assertThat(run("lookup", "--offline", "anna@outlook.com")).isZero();
    assertThat(out()).contains("Connect with OAuth 2.0:")
        .contains("  2. Sign in with your Outlook.com, Hotmail or Live address.")
        .contains("To withdraw that access later: Microsoft account → Privacy → Apps and"
            + " services → Lumyvo → Remove these permissions")
        .doesNotContain("Create an app password").doesNotContain("Or connect");
    assertThat(run("lookup", "--offline", "--lang", "fr", "bob@office365.com"))
        .isZero();
    assertThat(out()).contains("Connect with OAuth 2.0:")
        .contains("  2. Connectez-vous avec votre compte professionnel ou scolaire.")
        .contains("centre d'administration Microsoft 365")
        .doesNotContain("Sign in with your work or school account.")
        // Microsoft 365 has no prerequisites: no heading with nothing under it.
        .doesNotContain("Before you start:");
  }

  @Test
  void anOutlookAddressIsConnectableWithATokenAndShowsWhereToGetOne() throws Exception {
    assertThat(run("lookup", "anna@outlook.com")).isZero();
    assertThat(out())
        .contains("OAuth 2.0 only").contains("connect it with an access token")
        .doesNotContain("cannot connect")
        .containsPattern("OAuth token\\s+https://login.microsoftonline.com/consumers/oauth2/v2.0/token")
        .contains("https://outlook.office.com/IMAP.AccessAsUser.All");
  }

  @Test
  void resolvesTheRegionAndListsAlternatives() throws Exception {
    assertThat(run("lookup", "anna@gmx.de", "carol@zoho.eu")).isZero();
    assertThat(out())
        .contains("GMX (Germany, Austria and Switzerland)")
        .contains("imap.gmx.net:993").contains("alternative  mail.gmx.net:587 (STARTTLS)")
        .contains("Switch on IMAP access:")
        .contains("Zoho Mail (European Union)").contains("smtp.zoho.eu:465");
  }

  @Test
  void malformedOrUnknownAddressesExitWithTwoAndSayWhy() throws Exception {
    assertThat(run("lookup", "a@@gmx.de")).isEqualTo(2);
    assertThat(err()).contains("not a valid email address").contains("more than one '@'");
    assertThat(run("lookup", "gmx.de")).isEqualTo(2);
    assertThat(err()).contains("has no '@'");
    assertThat(run("lookup", "--offline", "someone@example.org")).isEqualTo(2);
    assertThat(err()).contains("no built-in provider serves example.org")
        .contains("without --offline");
  }

  @Test
  void aCustomDomainIsDiscoveredThroughItsMxWithTheRegionsServers() {
    assertThat(discover(Map.of("bakery-anna.co.uk", "mx00.ionos.co.uk"),
        "anna@bakery-anna.co.uk")).isZero();
    assertThat(out())
        .contains("anna@bakery-anna.co.uk → IONOS (United Kingdom), your own domain")
        .contains("Found by the domain's mail exchangers (MX):")
        .containsPattern("MX\\s+FOUND\\s+MX mx00.ionos.co.uk → IONOS \\(uk\\), custom domain")
        .contains("imap.ionos.co.uk:993 (SSL/TLS)")
        .containsPattern("IMAP login\\s+anna@bakery-anna.co.uk")
        .contains("App-Specific Passwords");
  }

  @Test
  void anIcloudCustomDomainAsksForTheAppleAccountAddress() {
    assertThat(discover(Map.of("bakery-anna.de", "mx01.mail.icloud.com"),
        "anna@bakery-anna.de")).isZero();
    assertThat(out()).containsPattern(
        "IMAP login\\s+the address of your own iCloud Mail account \\(not anna@bakery-anna.de\\)");
  }

  @Test
  void aSingleLabelDomainIsNotDiscovered() {
    assertThat(discover(Map.of(), "anna@localhost")).isEqualTo(2);
    assertThat(err()).contains("cannot discover localhost").contains("single label");
  }

  @Test
  void discoveryJsonAddsHowTheServersWereFound() {
    assertThat(discover(Map.of(), "--json", "anna@gmx.de")).isZero();
    assertThat(out()).startsWith("{\"id\":\"gmx\",\"imap\":{\"host\":\"imap.gmx.net\"")
        .contains("\"method\":\"DOMAIN\",\"knownProvider\":true,\"customDomain\":false,"
            + "\"region\":\"de\",\"needsProbe\":false")
        .contains("\"steps\":[{\"method\":\"DOMAIN\",\"outcome\":\"FOUND\"");
  }

  @Test
  void anUnknownDomainShowsGuessesToProbeAndEveryStep() {
    assertThat(discover(Map.of(), "--json", "someone@example.org")).isZero();
    assertThat(out()).startsWith("{\"id\":\"example-org\",\"imap\":{\"host\":\"imap.example.org\"")
        .contains("\"method\":\"GUESS\",\"knownProvider\":false,\"customDomain\":false,"
            + "\"region\":null,\"needsProbe\":true")
        .contains("{\"method\":\"AUTOCONFIG\",\"outcome\":\"SKIPPED\","
            + "\"detail\":\"autoconfig is turned off\"");
    assertThat(discover(Map.of(), "someone@example.org")).isZero();
    assertThat(out()).contains("these guesses must be probed")
        .contains("IMAP guess     mail.example.org:993 (SSL/TLS)")
        .contains("SMTP guess     smtp.example.org:587 (STARTTLS)")
        .doesNotContain("App-Specific");
  }

  @Test
  void usageErrorsExitWithTwo() throws Exception {
    assertThat(run("lookup")).isEqualTo(2);
    assertThat(err()).startsWith("error: Missing required parameter: '<address>'")
        .contains("Usage: java -jar lumyvo-examples.jar lookup [-h] [--json] [--offline]");
    assertThat(run("lookup", "--offlin", "anna@gmx.de")).isEqualTo(2);
    assertThat(err()).startsWith("error: unknown option --offlin\n")
        .contains("did you mean --offline");
  }

  @Test
  void withJsonEachAddressGetsItsLineAndOneThatCannotBeLookedUpGetsAnErrorObject() {
    assertThat(run("lookup", "--offline", "--json", "a@@gmx.de", "anna@gmx.de")).isEqualTo(2);
    List<JsonNode> lines = last.jsonLines();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).get("address").asText()).isEqualTo("a@@gmx.de");
    assertThat(lines.get(0).get("error").asText()).startsWith("not a valid email address");
    assertThat(lines.get(0).get("exitCode").asInt()).isEqualTo(2);
    assertThat(lines.get(1).get("id").asText()).isEqualTo("gmx");
  }

  @Test
  void printsJsonInTheDocumentedShape() throws Exception {
    assertThat(run("lookup", "--offline", "--json", "anna@gmx.de", "emily@icloud.com")).isZero();
    assertThat(out().lines()).containsExactly(
        "{\"id\":\"gmx\",\"imap\":{\"host\":\"imap.gmx.net\",\"port\":993,\"security\":\"SSL_TLS\"},"
            + "\"smtp\":[{\"host\":\"mail.gmx.net\",\"port\":465,\"security\":\"SSL_TLS\"},"
            + "{\"host\":\"mail.gmx.net\",\"port\":587,\"security\":\"STARTTLS\"}]}",
        "{\"id\":\"icloud\",\"imap\":{\"host\":\"imap.mail.me.com\",\"port\":993,"
            + "\"security\":\"SSL_TLS\"},\"smtp\":[{\"host\":\"smtp.mail.me.com\",\"port\":587,"
            + "\"security\":\"STARTTLS\"}]}");
  }
}
