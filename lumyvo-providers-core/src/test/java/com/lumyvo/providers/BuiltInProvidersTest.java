package com.lumyvo.providers;

import static com.lumyvo.providers.Prerequisite.Kind.IMAP_ACCESS_ENABLED;
import static com.lumyvo.providers.Prerequisite.Kind.PAID_PLAN;
import static com.lumyvo.providers.Prerequisite.Kind.SINGLE_SIGN_ON_NEEDS_APP_PASSWORD;
import static com.lumyvo.providers.Prerequisite.Kind.TWO_FACTOR_AUTHENTICATION;
import static com.lumyvo.providers.Security.SSL_TLS;
import static com.lumyvo.providers.Security.STARTTLS;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

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

  /** The providers our guide does not cover: servers from the databases named in each row. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      // [TB ispdb/googlemail.com.xml, DC gmail.md, FE] agree.
      "gmail,        Gmail,         imap.gmail.com,        smtp.gmail.com,        465, SSL_TLS",
      // Microsoft's Outlook.com settings page and [TB ispdb/hotmail.com.xml].
      "outlook,      Outlook.com,   outlook.office365.com, smtp-mail.outlook.com, 587, STARTTLS",
      // [TB ispdb/office365.com.xml, FE].
      "microsoft365, Microsoft 365, outlook.office365.com, smtp.office365.com,    587, STARTTLS",
      // [TB ispdb/aol.com.xml, DC aol.md, FE] agree.
      "aol,          AOL Mail,      imap.aol.com,          smtp.aol.com,          465, SSL_TLS",
      // [DC fastmail.md, FE]; 587 only as the discouraged alternative.
      "fastmail,     Fastmail,      imap.fastmail.com,     smtp.fastmail.com,     465, SSL_TLS",
      // [TB ispdb/web.de.xml, DC web.de.md]: 587 first; [TB, FE] also 465.
      "webde,        WEB.DE,        imap.web.de,           smtp.web.de,           587, STARTTLS",
      // [TB ispdb/mail.com.xml, FE].
      "mailcom,      mail.com,      imap.mail.com,         smtp.mail.com,         465, SSL_TLS",
  })
  void defaultServersOfTheOtherProvidersAreTheDatabasesOnes(
      String id, String name, String imapHost, String smtpHost, int smtpPort, Security security) {
    defaultServersAreTheOnesOurGuideNames(id, name, imapHost, smtpHost, smtpPort, security);
  }

  /** Every domain of the providers in our guide, with the servers it resolves to. */
  private static final String[] GUIDE_PROVIDER_DOMAINS = {
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
  };

  /**
   * Samples of the other providers' domains, which ProviderDatabaseAgreementTest checks one by
   * one against the databases they come from.
   */
  private static final String[] OTHER_PROVIDER_DOMAINS = {
      "gmail.com, gmail, '', imap.gmail.com, smtp.gmail.com",
      "googlemail.com, gmail, '', imap.gmail.com, smtp.gmail.com",
      "hotmail.com, outlook, '', outlook.office365.com, smtp-mail.outlook.com",
      "livemail.tw, outlook, '', outlook.office365.com, smtp-mail.outlook.com",
      "outlook.de, outlook, '', outlook.office365.com, smtp-mail.outlook.com",
      "office365.com, microsoft365, '', outlook.office365.com, smtp.office365.com",
      "onmicrosoft.com, microsoft365, '', outlook.office365.com, smtp.office365.com",
      "aol.com, aol, '', imap.aol.com, smtp.aol.com",
      "compuserve.com, aol, '', imap.aol.com, smtp.aol.com",
      "fastmail.fm, fastmail, '', imap.fastmail.com, smtp.fastmail.com",
      "sent.com, fastmail, '', imap.fastmail.com, smtp.fastmail.com",
      "web.de, webde, '', imap.web.de, smtp.web.de",
      "fussball.ms, webde, '', imap.web.de, smtp.web.de",
      "mail.com, mailcom, '', imap.mail.com, smtp.mail.com",
      "mad.scientist.com, mailcom, '', imap.mail.com, smtp.mail.com",
  };

  static List<String> domainTable() {
    return java.util.stream.Stream.concat(
        Arrays.stream(GUIDE_PROVIDER_DOMAINS), Arrays.stream(OTHER_PROVIDER_DOMAINS)).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("domainTable")
  void everyListedDomainResolvesToItsProviderAndRegion(String row) {
    String[] f = Arrays.stream(row.split(",")).map(String::strip)
        .map(v -> v.equals("''") ? "" : v).toArray(String[]::new);
    everyListedDomainResolvesToItsProviderAndRegion(f[0], f[1], f[2], f[3], f[4]);
  }

  private void everyListedDomainResolvesToItsProviderAndRegion(
      String domain, String id, String region, String imapHost, String smtpHost) {
    ProviderDescriptor provider = registry.lookup("someone@" + domain).orElseThrow();
    assertThat(provider.id()).isEqualTo(id);
    assertThat(provider.region().map(RegionalVariant::id).orElse("")).isEqualTo(region);
    assertThat(provider.imap().host()).isEqualTo(imapHost);
    assertThat(provider.smtp()).first().extracting(ServerEndpoint::host).isEqualTo(smtpHost);
    assertThat(provider.smtp()).allMatch(endpoint -> endpoint.security().isEncrypted());
  }

  /** The table of the guide's providers is complete: nothing is added to them unreviewed. */
  @Test
  void everyDomainOfTheGuidesProvidersIsInTheTableAbove() {
    for (String id : List.of("gmx", "yahoo", "ionos", "icloud", "zoho")) {
      Set<String> tabled = Arrays.stream(GUIDE_PROVIDER_DOMAINS)
          .map(row -> row.split(","))
          .filter(f -> f[1].strip().equals(id))
          .map(f -> f[0].strip())
          .collect(Collectors.toSet());
      assertThat(byId(id).domains()).as(id).containsExactlyInAnyOrderElementsOf(tabled);
    }
  }

  @Test
  void aDomainBelongsToOneProviderOnly() {
    List<String> all = registry.all().stream().flatMap(p -> p.domains().stream()).toList();
    assertThat(all).doesNotHaveDuplicates();
    // The conflicts between the databases, decided: office365.com is Microsoft 365's as in
    // [TB ispdb/office365.com.xml], not Outlook.com's as in [DC outlook.com.md].
    assertThat(registry.lookup("office365.com")).map(ProviderDescriptor::id)
        .contains("microsoft365");
    assertThat(byId("outlook").domains()).doesNotContain("office365.com")
        .contains("hotmail.com", "outlook.com", "live.com", "msn.com", "outlook.com.tr");
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

  /**
   * What each provider demands, and what the person must do first. Sources: our guide for the
   * first five; then [DC gmail.md] and Google's help, Microsoft's pages, [DC aol.md, FE],
   * [DC fastmail.md, FE], [FE web.de, DC web.de.md], [DC mail.com.md, FE].
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "gmx          | true  | true  | false | TWO_FACTOR_AUTHENTICATION IMAP_ACCESS_ENABLED",
      "yahoo        | true  | true  | false | TWO_FACTOR_AUTHENTICATION",
      "ionos        | false | true  | false | TWO_FACTOR_AUTHENTICATION",
      "icloud       | true  | true  | false | TWO_FACTOR_AUTHENTICATION",
      "zoho         | true  | true  | false | TWO_FACTOR_AUTHENTICATION IMAP_ACCESS_ENABLED"
          + " PAID_PLAN SINGLE_SIGN_ON_NEEDS_APP_PASSWORD",
      "gmail        | true  | true  | false | TWO_FACTOR_AUTHENTICATION IMAP_ACCESS_ENABLED",
      "outlook      | false | false | true  | IMAP_ACCESS_ENABLED",
      "microsoft365 | false | false | true  | ''",
      "aol          | true  | false | false | ''",
      "fastmail     | true  | false | false | PAID_PLAN",
      "webde        | false | true  | false | IMAP_ACCESS_ENABLED",
      "mailcom      | false | true  | false | PAID_PLAN IMAP_ACCESS_ENABLED",
  })
  void policiesAndPrerequisites(String id, boolean required, boolean twoFactor, boolean oauthOnly,
      String prerequisites) {
    ProviderDescriptor provider = byId(id);
    AppPasswordPolicy policy = provider.appPasswordPolicy();
    assertThat(policy.required()).as("required").isEqualTo(required);
    assertThat(policy.requiresTwoFactor()).as("requiresTwoFactor").isEqualTo(twoFactor);
    assertThat(policy.oauthOnly()).as("oauthOnly").isEqualTo(oauthOnly);
    List<Prerequisite.Kind> kinds = prerequisites.isBlank() ? List.of()
        : Arrays.stream(prerequisites.split(" ")).map(Prerequisite.Kind::valueOf).toList();
    assertThat(provider.prerequisites()).extracting(Prerequisite::kind)
        .containsExactlyElementsOf(kinds);
  }

  @Test
  void everyProviderThatTakesPasswordsSaysHowToGetOne() {
    for (ProviderDescriptor provider : registry.all()) {
      SetupGuide guide = provider.setupGuide();
      if (provider.appPasswordPolicy().oauthOnly()) {
        assertThat(guide.appPasswordSteps()).as(provider.id()).isEmpty();
        assertThat(guide.notes()).as(provider.id())
            .anyMatch(n -> n.contains("OAuth 2.0"))
            // They connect with OAuth now: no note may call them unconnectable any more.
            .noneMatch(n -> n.contains("cannot connect"));
      } else {
        assertThat(guide.appPasswordSteps()).as(provider.id()).hasSizeGreaterThan(3)
            .anyMatch(s -> s.contains("Lumyvo"));
      }
      if (provider.requires(IMAP_ACCESS_ENABLED)) {
        assertThat(guide.enableAccessSteps()).as(provider.id()).isNotEmpty();
      }
    }
    // Our guide's "How to Revoke App Passwords" covers its five providers; Google's help names
    // where Gmail's are. No source we have says where AOL, Fastmail, WEB.DE or mail.com revoke.
    for (String id : List.of("gmx", "yahoo", "ionos", "icloud", "zoho", "gmail")) {
      assertThat(byId(id).setupGuide().revocation()).as(id).isPresent();
    }
  }

  @Test
  void oauthOnlyProvidersWarnWhateverIsPasted() {
    for (String id : List.of("outlook", "microsoft365")) {
      AppPasswordCheck check = byId(id).checkAppPassword(AppPassword.of("abcdefghijklmnop"));
      assertThat(check.verdict()).as(id)
          .isEqualTo(AppPasswordCheck.Verdict.DOES_NOT_LOOK_LIKE_APP_PASSWORD);
      assertThat(check.warnings()).as(id).anyMatch(w -> w.contains("OAuth 2.0"));
    }
  }

  @Test
  void gmailSaysOrganizationsMayNotOfferAppPasswords() {
    ProviderDescriptor gmail = byId("gmail");
    assertThat(gmail.setupGuide().startPage())
        .contains(URI.create("https://myaccount.google.com/apppasswords"));
    assertThat(gmail.setupGuide().notes())
        .anyMatch(n -> n.contains("Google Workspace") && n.contains("may not offer"));
    assertThat(gmail.prerequisites().get(0).description()).contains("2-Step Verification");
  }

  @Test
  void webDeLogsInWithThePartBeforeTheAt() {
    ProviderDescriptor webde = registry.lookup("Anna.Schmidt@email.de").orElseThrow();
    EmailAddress address = EmailAddress.parse("Anna.Schmidt@email.de");
    assertThat(webde.login(Protocol.IMAP, address)).isEqualTo("Anna.Schmidt");
    assertThat(webde.login(Protocol.SMTP, address)).isEqualTo("Anna.Schmidt");
    assertThat(webde.smtp()).containsExactly(
        ServerEndpoint.of("smtp.web.de", 587, STARTTLS),
        ServerEndpoint.of("smtp.web.de", 465, SSL_TLS));
  }

  @Test
  void fastmailPrefers465AndCustomDomainsLogInWithTheRegisteredAddress() {
    ProviderDescriptor fastmail = byId("fastmail");
    assertThat(fastmail.smtp()).containsExactly(
        ServerEndpoint.of("smtp.fastmail.com", 465, SSL_TLS),
        ServerEndpoint.of("smtp.fastmail.com", 587, STARTTLS));
    EmailAddress own = EmailAddress.parse("kim@fastmail.com");
    assertThat(fastmail.login(Protocol.IMAP, own)).isEqualTo("kim@fastmail.com");
    ProviderDescriptor custom = fastmail.forCustomDomain();
    assertThat(custom.loginName(Protocol.IMAP)).isEqualTo(LoginName.ACCOUNT_ADDRESS);
    assertThat(custom.loginName(Protocol.SMTP)).isEqualTo(LoginName.ACCOUNT_ADDRESS);
    assertThat(fastmail.requires(PAID_PLAN)).isTrue();
  }

  @Test
  void mailComNeedsPremiumAndImapSwitchedOn() {
    ProviderDescriptor mailcom = byId("mailcom");
    assertThat(mailcom.prerequisites()).filteredOn(p -> p.kind() == PAID_PLAN)
        .singleElement().extracting(Prerequisite::description).asString().contains("Premium");
    assertThat(mailcom.domains()).contains("mail.com", "email.com", "usa.com", "post.com");
    assertThat(mailcom.domains()).doesNotContain("gmx.com");
  }

  @Test
  void zohoOrganizationsPairTheImapServerWithSmtpproInEveryDataCentre() {
    ProviderDescriptor zoho = byId("zoho");
    for (String dc : List.of("eu:zoho.eu", "in:zoho.in", "au:zoho.com.au", "jp:zoho.jp",
        "ca:zohocloud.ca")) {
      String[] f = dc.split(":");
      ProviderDescriptor org = zoho.inRegion(f[0] + "-org").orElseThrow();
      assertThat(org.imap()).isEqualTo(ServerEndpoint.of("imap." + f[1], 993, SSL_TLS));
      assertThat(org.smtp()).containsExactly(
          ServerEndpoint.of("smtppro." + f[1], 465, SSL_TLS),
          ServerEndpoint.of("smtppro." + f[1], 587, STARTTLS));
      assertThat(org.region().orElseThrow().domains()).isEmpty();
    }
  }
}
