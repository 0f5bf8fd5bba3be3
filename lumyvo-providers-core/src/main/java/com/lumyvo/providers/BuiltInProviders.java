package com.lumyvo.providers;

import static com.lumyvo.providers.Prerequisite.Kind.IMAP_ACCESS_ENABLED;
import static com.lumyvo.providers.Prerequisite.Kind.PAID_PLAN;
import static com.lumyvo.providers.Prerequisite.Kind.SINGLE_SIGN_ON_NEEDS_APP_PASSWORD;
import static com.lumyvo.providers.Prerequisite.Kind.TWO_FACTOR_AUTHENTICATION;
import static com.lumyvo.providers.Security.SSL_TLS;
import static com.lumyvo.providers.Security.STARTTLS;

import com.lumyvo.providers.oauth.SaslMechanism;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The providers Lumyvo documents, with the facts of our product guide "Generate App-Specific
 * Passwords" (2024-12-13) and, where the real world has more, public provider databases:
 *
 * <ul>
 *   <li>[TB] Thunderbird ISPDB, thunderbird/autoconfig at c6ad796 (ispdb/*.xml);
 *   <li>[DC] Delta Chat provider database, chatmail/provider-db at ad097ee (_providers/*.md);
 *   <li>[FE] FairEmail, M66B/FairEmail at e23dd9d (app/src/main/res/xml/providers.xml, FAQ.md);
 *   <li>[TB#23] thunderbird/autoconfig pull request #23 at dcf6dd2 (ispdb/ionos.*), IONOS's
 *       servers and MX domains per country, see ionos();
 *   <li>[mxsniff] the MX-to-provider table of jace/mxsniff at ec26e90 (mxsniff/providers.py).
 *   <li>[TB-OAuth] Thunderbird's OAuth providers, thunderbird/thunderbird-desktop at 8456074
 *       (mailnews/base/src/OAuth2Providers.sys.mjs): issuers, endpoints and scopes per server.
 *   <li>[MS-OAuth] Microsoft Learn, "Authenticate an IMAP, POP or SMTP connection using OAuth"
 *       (learn.microsoft.com/exchange/client-developer/legacy-protocols/
 *       how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth): scopes, offline_access,
 *       the authorization-code and device-authorization flows, SASL XOAUTH2.
 *   <li>[G-XOAUTH2] Google, "OAuth 2.0 Mechanism" (developers.google.com/gmail/imap/
 *       xoauth2-protocol): the scope https://mail.google.com/ for IMAP, POP and SMTP.
 *   <li>[CAPA] the servers' announced mechanisms, as captured in public transcripts: Gmail IMAP
 *       {@code AUTH=XOAUTH2 AUTH=PLAIN AUTH=PLAIN-CLIENTTOKEN AUTH=OAUTHBEARER}; Exchange Online
 *       IMAP {@code AUTH=PLAIN AUTH=XOAUTH2 SASL-IR}; Yahoo IMAP {@code AUTH=PLAIN AUTH=XOAUTH2
 *       AUTH=OAUTHBEARER} and Yahoo SMTP {@code AUTH PLAIN LOGIN XOAUTH2 OAUTHBEARER}.
 * </ul>
 *
 * Each fact that does not come from our guide names its source; where sources disagree, the
 * comment says which we chose and why. The words people read (prerequisites, setup guides) are in
 * the {@code providers} bundles of {@code com.lumyvo.providers.internal}, in English, German,
 * French, Spanish and Italian, with the sources of their facts beside them (see {@link
 * BuiltInTexts}).
 *
 * <p>MX patterns: a pattern is always a domain the provider itself owns (google.com,
 * kundenserver.de, mail.icloud.com), never a shared hosting platform, so a match can only mean
 * that provider. What can be wrong is only the region a pattern selects; where no source shows
 * the MX host names, the comment next to the pattern says the region is unsourced.
 *
 * <p>MX hosts two providers share. GMX, WEB.DE and mail.com are brands of one company (1&amp;1
 * Mail &amp; Media, part of United Internet, as IONOS is) on one mail platform, and a domain of
 * one brand can have another brand's MX hosts: "mail.com has MX of mx0.gmx.com, but not all users
 * can use imap.gmx.com" [TB ispdb/mail.com.xml, a comment there since at least March 2019,
 * commit c0708c2]. The rule: an MX host means the brand that owns the domain the host is in,
 * with that brand's servers for it. So gmx.net is GMX's German servers, gmx.com GMX's
 * international (default) servers, mail.com mail.com, web.de WEB.DE, and IONOS's domains IONOS
 * by country. Thunderbird resolves MX hosts
 * the same way (it looks the MX host's domain up in the ISPDB, which is how mail.com addresses
 * came to get imap.gmx.com, and why [TB] lists mail.com's domains one by one). The rule stays
 * right for a brand's listed domains, because discovery looks the address domain up before it
 * asks for MX. It can be wrong only for an unlisted domain of one brand whose MX hosts are
 * another brand's: such a mail.com domain would get imap.gmx.com, which [TB] says not every
 * mail.com user can use. mail.com's MX hosts are in mail.com now ([mxsniff], 2023: "*.mail.com"),
 * so this concerns only domains still pointing at gmx.com. The rule is tested in
 * BuiltInMxPatternsTest.
 */
final class BuiltInProviders {
  private BuiltInProviders() {}

  static List<ProviderDescriptor> all() {
    return List.of(gmx(), yahoo(), ionos(), icloud(), zoho(), gmail(), outlook(),
        microsoft365(), aol(), fastmail(), webde(), mailcom());
  }

  private static ServerEndpoint imaps(String host) {
    return ServerEndpoint.of(host, 993, SSL_TLS);
  }

  private static ServerEndpoint smtps(String host) {
    return ServerEndpoint.of(host, 465, SSL_TLS);
  }

  private static ServerEndpoint submission(String host) {
    return ServerEndpoint.of(host, 587, STARTTLS);
  }

  /** Domains in the order written here, so that listings are stable from run to run. */
  private static Set<String> orderedSet(String... domains) {
    return new LinkedHashSet<>(List.of(domains));
  }

  static ProviderDescriptor gmx() {
    return ProviderDescriptor.builder("gmx")
        .displayName("GMX")
        // International GMX domains use the gmx.com servers our guide names [TB ispdb/gmx.com.xml].
        // [DC] sends gmx.com to the gmx.net servers; Thunderbird removed that mapping on purpose in
        // 2024 (commit 9aab843, "We have a separate config for gmx.com already"), so we follow [TB].
        .domains("gmx.com", "gmx.us", "gmx.co.uk", "gmx.fr", "gmx.es", "gmx.it", "gmx.ca",
            "gmx.cn", "gmx.co.in", "gmx.com.br", "gmx.com.my", "gmx.hk", "gmx.ie", "gmx.ph",
            "gmx.pt", "gmx.ru", "gmx.se", "gmx.sg", "gmx.tw", "gmx.com.tr", "gmx.li", "gmx.tm")
        .imap(imaps("imap.gmx.com"))
        // 587 STARTTLS is the alternative [TB]; [FE] uses only 587, our guide only 465.
        .smtp(smtps("mail.gmx.com"), submission("mail.gmx.com"))
        // German-speaking GMX has its own servers [TB ispdb/gmx.net.xml, DC, FE agree].
        .region(new RegionalVariant("de", "Germany, Austria and Switzerland",
            orderedSet("gmx.de", "gmx.net", "gmx.at", "gmx.ch", "gmx.eu", "gmx.org", "gmx.info",
                "gmx.biz", "mein.gmx", "mail.gmx", "email.gmx"),
            imaps("imap.gmx.net"), List.of(smtps("mail.gmx.net"), submission("mail.gmx.net"))))
        // MX. GMX's own vanity domains are found through MX [TB ispdb/gmx.net.xml: "A whole lot
        // of vanity domains, which we will not add here (yay MX lookup)"], so gmx.net MX hosts
        // mean the German servers of that file. gmx.de's MX is mx00.emig.gmx.net and
        // mx01.emig.gmx.net (bounces in github.com/EDSM-NET/FrontEnd/issues/21 and
        // github.com/jeboehm/docker-mailserver/issues/82, greeting "554-gmx.net"). gmx.com is
        // GMX's international MX domain ([mxsniff] "gmx.com": MX *.gmx.com and *.gmx.net, domains
        // gmx.com and gmx.us), so it means the default servers; [mxsniff] also puts *.gmx.net
        // under GMX international, and such a domain gets the German servers here, which [DC
        // gmx.net.md] gives gmx.com addresses too. gmx.com is mail.com's old MX as well: see the
        // class comment for which of the two wins.
        .mx(MxPattern.of("gmx.net", "de"), MxPattern.of("gmx.com"))
        .appPasswordPolicy(AppPasswordPolicy.builder().required(true).requiresTwoFactor(true).build())
        .texts(BuiltInTexts.of("gmx", TWO_FACTOR_AUTHENTICATION, IMAP_ACCESS_ENABLED))
        .build();
  }

  static ProviderDescriptor yahoo() {
    return ProviderDescriptor.builder("yahoo")
        .displayName("Yahoo Mail")
        // Domains: union of [TB ispdb/yahoo.com.xml] and [DC _providers/yahoo.md]. Left out on
        // purpose: yahoo.co.jp, a separate service with other servers in every source; cox.net,
        // hosted by Yahoo per [TB] but a Cox account with its own sign-in; the MX domain
        // yahoodns.net, which is no address domain.
        .domains("yahoo.com", "yahoo.ca", "yahoo.de", "yahoo.it", "yahoo.fr", "yahoo.es",
            "yahoo.se", "yahoo.co.in", "yahoo.co.uk", "yahoo.co.nz", "yahoo.com.au",
            "yahoo.com.ar", "yahoo.com.br", "yahoo.com.mx", "ymail.com", "myyahoo.com",
            "rocketmail.com")
        .imap(imaps("imap.mail.yahoo.com"))
        // 465 in our guide and every database; 587 STARTTLS from Yahoo's help page SLN4075
        // ("465 or 587"), as the alternative our troubleshooting section suggests.
        .smtp(smtps("smtp.mail.yahoo.com"), submission("smtp.mail.yahoo.com"))
        // MX: [TB ispdb/yahoo.com.xml] lists am0.yahoodns.net and mail.am0.yahoodns.net under
        // "MX", and yahoodns.net with "Unfortunately, also used for AOL"; [DC yahoo.md] lists
        // yahoodns.net too. yahoodns.net is Yahoo's own, and Yahoo also runs AOL: AOL's MX hosts
        // sit under gm0.yahoodns.net (see aol()), which is longer and so wins. Host names:
        // mta5, mta6 and mta7.am0.yahoodns.net (jace/mxsniff at 4e68aec~1,
        // mxsniffer/providers.py), *.am0.yahoodns.net [mxsniff]. Other brands Yahoo hosts
        // (cox.net, which [TB] lists here) would also end up here, as they do in Thunderbird.
        .mx(MxPattern.of("am0.yahoodns.net"), MxPattern.of("yahoodns.net"))
        .appPasswordPolicy(AppPasswordPolicy.builder().required(true).requiresTwoFactor(true)
            // Yahoo generates 16 letters and shows them in groups of four; our guide says to
            // remove the spaces, which normalization does.
            .format(new AppPasswordFormat(16, AppPasswordFormat.Alphabet.LOWERCASE_LETTERS, 4, ' '))
            .build())
        .signInMethods(Protocol.IMAP, SignInMethod.PASSWORD, SignInMethod.OAUTH2)
        .signInMethods(Protocol.SMTP, SignInMethod.PASSWORD, SignInMethod.OAUTH2)
        // [TB-OAuth]: issuer login.yahoo.com, its endpoints under api.login.yahoo.com, scope
        // mail-w for imap/pop/smtp.mail.yahoo.com. No source names a device-authorization
        // endpoint for Yahoo. Mechanisms: [CAPA].
        .oauth(yahooOAuth("api.login.yahoo.com"))
        .texts(BuiltInTexts.withStartPage("yahoo", "https://login.yahoo.com/account/security",
            TWO_FACTOR_AUTHENTICATION))
        .build();
  }

  static ProviderDescriptor ionos() {
    return ProviderDescriptor.builder("ionos")
        .displayName("IONOS")
        // IONOS customers almost always use their own domains, so the default servers (US and
        // global, from our guide) are what byId("ionos") gives; regions are picked by country,
        // or by MX (below).
        .imap(imaps("imap.ionos.com"))
        // 587 STARTTLS as the alternative, as [TB ispdb/1und1.de.xml] lists for the same
        // platform; [FE] lists 465 only.
        .smtp(smtps("smtp.ionos.com"), submission("smtp.ionos.com"))
        // One region per country that IONOS itself published to Thunderbird: [TB#23] is
        // thunderbird/autoconfig pull request #23 (commit dcf6dd2, 2021-11-15, "Adding
        // configurations for IONOS MX endpoints", written from a 1und1.de address, never merged),
        // files ispdb/ionos.com, ionos.co.uk, ionos.de, ionos.fr, ionos.es, ionos.it and
        // ionos.mx. Each names imap.ionos.<country> on 993 SSL and 143 STARTTLS and
        // smtp.ionos.<country> on 465 SSL and 587 STARTTLS, logging in with the whole address,
        // and lists under "MX servers" the domains its country's customers' MX hosts are in. We
        // leave out 143, as for every provider: 993 works wherever 143 does. IONOS also sells in
        // Canada (ionos.ca) and Austria (ionos.at), but no source we found names mail servers or
        // MX domains for them, so they have no region and use the default servers.
        .region(ionosRegion("us", "United States", "ionos.com"))
        .region(ionosRegion("uk", "United Kingdom", "ionos.co.uk"))
        // Germany: [TB#23 ispdb/ionos.de]; [FE] maps ionos.de and online.de to the same ionos.de
        // servers. The address domains are 1&1's DSL domains [TB ispdb/1und1.de.xml], whose
        // legacy servers imap.1und1.de and smtp.1und1.de we do not use (see the differences file
        // of ProviderDatabaseAgreementTest), and ionos.de [FE].
        .region(ionosRegion("de", "Germany", "ionos.de", "ionos.de", "online.de",
            "onlinehome.de"))
        // France: [TB#23 ispdb/ionos.fr]; IONOS's own help names imap.ionos.fr
        // (ionos.fr/assistance/email/mise-en-place-demail-made-in-germany/serveur-entrant);
        // [FE] "Ionos.fr".
        .region(ionosRegion("fr", "France", "ionos.fr"))
        .region(ionosRegion("es", "Spain", "ionos.es"))
        .region(ionosRegion("it", "Italy", "ionos.it"))
        .region(ionosRegion("mx", "Mexico", "ionos.mx"))
        // MX: the "MX servers" domains of each [TB#23] file, legacy 1&1 names included. Each is a
        // domain IONOS owns (ionos.*, 1and1.*, oneandone.co.uk, unetun.com,
        // clienteservidor.es, servercliente.it, kundenserver.de, schlund.de, perfora.net), so a
        // match can only mean IONOS, and the file it is in gives the country. kundenserver.de and
        // schlund.de are also in [TB ispdb/1und1.de.xml] ("Hosting customers, MX servers").
        // Host names seen in the wild: mx00.ionos.es and mx00.1and1.es (pastebin.com/XcdA74rR,
        // dig output); mx00.1and1.co.uk, whose greeting says kundenserver.de, and a perfora.net
        // greeting (github.com/EmailVerify/email-verify/issues/38); mx01.kundenserver.de
        // (github.com/openlab-aux/orgafoo/issues/315). The two-digit mx00/mx01 names of the
        // other countries are not in any source; the patterns do not depend on them.
        .mx(MxPattern.of("ionos.com", "us"), MxPattern.of("1and1.com", "us"),
            MxPattern.of("perfora.net", "us"),
            MxPattern.of("ionos.co.uk", "uk"), MxPattern.of("1and1.co.uk", "uk"),
            MxPattern.of("oneandone.co.uk", "uk"),
            MxPattern.of("ionos.de", "de"), MxPattern.of("kundenserver.de", "de"),
            MxPattern.of("schlund.de", "de"),
            MxPattern.of("ionos.fr", "fr"), MxPattern.of("1and1.fr", "fr"),
            MxPattern.of("unetun.com", "fr"),
            MxPattern.of("ionos.es", "es"), MxPattern.of("1and1.es", "es"),
            MxPattern.of("clienteservidor.es", "es"),
            MxPattern.of("ionos.it", "it"), MxPattern.of("1and1.it", "it"),
            MxPattern.of("servercliente.it", "it"),
            MxPattern.of("ionos.mx", "mx"), MxPattern.of("1and1.mx", "mx"))
        .appPasswordPolicy(AppPasswordPolicy.builder().required(false).requiresTwoFactor(true)
            .build())
        .texts(BuiltInTexts.withStartPage("ionos", "https://www.ionos.com",
            TWO_FACTOR_AUTHENTICATION))
        .build();
  }

  static ProviderDescriptor icloud() {
    return ProviderDescriptor.builder("icloud")
        .displayName("iCloud Mail")
        .domains("icloud.com", "me.com", "mac.com")
        .imap(imaps("imap.mail.me.com"))
        // 587 only: [TB], [DC] and [FE] list no other port; [TB] dropped a non-working 465 entry
        // in 2023 (commit d04deb0).
        .smtp(submission("smtp.mail.me.com"))
        // IMAP logs in with the part before the @, SMTP with the whole address
        // [TB ispdb/me.com.xml %EMAILLOCALPART% / %EMAILADDRESS%; DC username_pattern].
        .loginName(Protocol.IMAP, LoginName.LOCAL_PART)
        .loginName(Protocol.SMTP, LoginName.EMAIL_ADDRESS)
        // iCloud+ custom domains: the address is the custom one, but both logins are the Apple
        // Account's primary iCloud Mail address [DC _providers/icloud.md: "fill in your iCloud
        // login email in IMAP Login Name and SMTP Login Name"], which the person must give.
        .customDomainLoginName(Protocol.IMAP, LoginName.ACCOUNT_ADDRESS)
        .customDomainLoginName(Protocol.SMTP, LoginName.ACCOUNT_ADDRESS)
        // MX of custom domains: *.mail.icloud.com [mxsniff "apple-icloud"]; the host names
        // mx01.mail.icloud.com and mx02.mail.icloud.com are the widely cited values, but no Apple
        // page with them was retrieved. iCloud has one region.
        .mx(MxPattern.of("mail.icloud.com"))
        .appPasswordPolicy(AppPasswordPolicy.builder().required(true).requiresTwoFactor(true)
            .shownOnce(true)
            // 16 characters shown in groups of 4 (our guide); Apple shows them joined by hyphens
            // and accepts them typed as shown, so both forms pass.
            .format(new AppPasswordFormat(16, AppPasswordFormat.Alphabet.LOWERCASE_LETTERS, 4, '-'))
            .build())
        .texts(BuiltInTexts.withStartPage("icloud", "https://appleid.apple.com",
            TWO_FACTOR_AUTHENTICATION))
        .build();
  }

  static ProviderDescriptor zoho() {
    return ProviderDescriptor.builder("zoho")
        .displayName("Zoho Mail")
        // Default servers, from our guide: imap.zoho.com and smtppro.zoho.com. smtppro is Zoho's
        // server for organization (own-domain) accounts; as IMAP needs a paid plan, those are
        // the accounts our guide is written for. Addresses on Zoho's own domains are personal
        // accounts and use the personal servers of their data centre (regions below).
        .imap(imaps("imap.zoho.com"))
        .smtp(smtps("smtppro.zoho.com"), submission("smtppro.zoho.com"))
        // Personal accounts per data centre [TB ispdb/zoho.*.xml, 2025-10; FE agrees for com, eu
        // and com.au]. [DC] sends zoho.com to the EU servers; we follow [TB] and [FE].
        .region(zohoRegion("us", "United States (personal accounts)", "zoho.com",
            "zoho.com", "zohomail.com"))
        .region(zohoRegion("eu", "European Union", "zoho.eu", "zoho.eu", "zohomail.eu"))
        .region(zohoRegion("in", "India", "zoho.in", "zoho.in", "zohomail.in"))
        .region(zohoRegion("au", "Australia", "zoho.com.au", "zoho.com.au", "zohomail.com.au"))
        .region(zohoRegion("jp", "Japan", "zoho.jp", "zoho.jp", "zohomail.jp"))
        .region(zohoRegion("ca", "Canada", "zohocloud.ca", "zohocloud.ca", "zohomailcloud.ca"))
        // Organization (own-domain) accounts outside the US, paired as our guide pairs the US
        // ones: imap.zoho.<dc> with smtppro.zoho.<dc>. smtppro.zoho.eu and smtppro.zoho.in are
        // named by third-party copies of Zoho's help (research/facts.md); smtppro.zoho.com.au,
        // smtppro.zoho.jp and smtppro.zohocloud.ca follow the pattern and are unsourced. They
        // have no domains: they are reached through MX or chosen by data centre.
        .region(zohoOrgRegion("eu-org", "European Union (organizations)", "zoho.eu"))
        .region(zohoOrgRegion("in-org", "India (organizations)", "zoho.in"))
        .region(zohoOrgRegion("au-org", "Australia (organizations)", "zoho.com.au"))
        .region(zohoOrgRegion("jp-org", "Japan (organizations)", "zoho.jp"))
        .region(zohoOrgRegion("ca-org", "Canada (organizations)", "zohocloud.ca"))
        // MX of organization domains: mx.zoho.com, mx2.zoho.com, mx3.zoho.com (Zoho's own help,
        // Japanese edition; also gist.github.com/h3nr1ke/cc0465b1a417c7331076695b1391c2d5);
        // mx.zoho.<dc> for eu, in, com.au and jp (third-party list, research/mx.md). Older US
        // domains use mx.zohomail.com and mx2.zohomail.com (pastebin.com/tJcrpkBC, dig output;
        // gist.github.com/smbanaie/3fbe7345ec0c3f4fa49a), so zohomail.com is the US organization
        // default too; [mxsniff] "zoho" has *.zoho.com and *.zohomail.com. zohocloud.ca is
        // unsourced, by the same scheme.
        .mx(MxPattern.of("zoho.com"), MxPattern.of("zohomail.com"),
            MxPattern.of("zoho.eu", "eu-org"), MxPattern.of("zoho.in", "in-org"),
            MxPattern.of("zoho.com.au", "au-org"), MxPattern.of("zoho.jp", "jp-org"),
            MxPattern.of("zohocloud.ca", "ca-org"))
        .appPasswordPolicy(AppPasswordPolicy.builder().required(true).requiresTwoFactor(true)
            .build())
        .texts(BuiltInTexts.withStartPage("zoho", "https://accounts.zoho.com",
            TWO_FACTOR_AUTHENTICATION, IMAP_ACCESS_ENABLED, PAID_PLAN,
            SINGLE_SIGN_ON_NEEDS_APP_PASSWORD))
        .build();
  }

  static ProviderDescriptor gmail() {
    return ProviderDescriptor.builder("gmail")
        .displayName("Gmail")
        // Domains: [DC _providers/gmail.md]; [TB ispdb/googlemail.com.xml] adds jazztel.es and
        // nyu.edu, which are other organizations' domains on Google Workspace: left out, as MX
        // finds them like every Workspace domain.
        .domains("gmail.com", "googlemail.com", "google.com")
        // Servers and login name: [TB, DC, FE] agree.
        .imap(imaps("imap.gmail.com"))
        .smtp(smtps("smtp.gmail.com"))
        // Google Workspace domains: MX smtp.google.com, or the older aspmx.l.google.com set
        // (Google's help, quoted by intodns.ai; research/mx.md). Both are under google.com.
        // googlemail.com is Google's own as well, and [mxsniff] "google-apps" lists
        // *.googlemail.com among Workspace MX hosts. Workspace accounts log in with their
        // address, the default for custom domains.
        .mx(MxPattern.of("google.com"), MxPattern.of("googlemail.com"))
        // Google: "App passwords can only be used with accounts that have 2-Step Verification
        // turned on" (knowledge.workspace.google.com kb 000009237); [DC] and [FE] require one.
        // Google calls them a 16-character code; how it is grouped is unsourced, so no format.
        .appPasswordPolicy(AppPasswordPolicy.builder().required(true).requiresTwoFactor(true)
            .build())
        // App passwords (above) and OAuth 2.0 [G-XOAUTH2] both work for IMAP and SMTP.
        .signInMethods(Protocol.IMAP, SignInMethod.PASSWORD, SignInMethod.OAUTH2)
        .signInMethods(Protocol.SMTP, SignInMethod.PASSWORD, SignInMethod.OAUTH2)
        .oauth(OAuthSupport.builder()
            // Google, "Using OAuth 2.0 for Web Server Applications"
            // (developers.google.com/identity/protocols/oauth2/web-server): the v2 authorization
            // endpoint and oauth2.googleapis.com/token. [TB-OAuth] still uses
            // the older accounts.google.com/o/oauth2/auth and www.googleapis.com/oauth2/v3/token.
            .authorizationEndpoint("https://accounts.google.com/o/oauth2/v2/auth")
            .tokenEndpoint("https://oauth2.googleapis.com/token")
            // No device endpoint on purpose: Google's device flow
            // (oauth2.googleapis.com/device/code) "supports a limited set of scopes"
            // (developers.google.com/identity/protocols/oauth2/limited-input-device, "Allowed
            // scopes"), and https://mail.google.com/, a restricted scope
            // (support.google.com/cloud/answer/13464325), is not among them.
            .scopes(Protocol.IMAP, "https://mail.google.com/")
            .scopes(Protocol.SMTP, "https://mail.google.com/")
            .mechanisms(Protocol.IMAP, SaslMechanism.XOAUTH2, SaslMechanism.OAUTHBEARER)
            .mechanisms(Protocol.SMTP, SaslMechanism.XOAUTH2, SaslMechanism.OAUTHBEARER)
            .build())
        .texts(BuiltInTexts.withStartPage("gmail", "https://myaccount.google.com/apppasswords",
            TWO_FACTOR_AUTHENTICATION, IMAP_ACCESS_ENABLED))
        .build();
  }

  static ProviderDescriptor outlook() {
    return ProviderDescriptor.builder("outlook")
        .displayName("Outlook.com")
        // Domains: the union of [TB ispdb/hotmail.com.xml] and [DC _providers/outlook.com.md],
        // without the MX domain olc.protection.outlook.com (pattern below) and office365.com,
        // which [TB] gives Microsoft 365 (see microsoft365()).
        .domains("hotmail.com", "live.com", "msn.com", "outlook.com", "windowslive.com",
            "outlook.at", "outlook.be", "outlook.cl", "outlook.cz", "outlook.de", "outlook.dk",
            "outlook.es", "outlook.fr", "outlook.hu", "outlook.ie", "outlook.in", "outlook.it",
            "outlook.jp", "outlook.kr", "outlook.lv", "outlook.my", "outlook.ph", "outlook.pt",
            "outlook.sa", "outlook.sg", "outlook.sk", "outlook.co.id", "outlook.co.il",
            "outlook.co.th", "outlook.com.ar", "outlook.com.au", "outlook.com.br", "outlook.com.gr",
            "outlook.com.tr", "outlook.com.vn", "hotmail.be", "hotmail.ca", "hotmail.cl",
            "hotmail.cz", "hotmail.de", "hotmail.dk", "hotmail.es", "hotmail.fi", "hotmail.fr",
            "hotmail.gr", "hotmail.hu", "hotmail.it", "hotmail.lt", "hotmail.lv", "hotmail.my",
            "hotmail.nl", "hotmail.no", "hotmail.ph", "hotmail.rs", "hotmail.se", "hotmail.sg",
            "hotmail.sk", "hotmail.co.id", "hotmail.co.il", "hotmail.co.in", "hotmail.co.jp",
            "hotmail.co.kr", "hotmail.co.th", "hotmail.co.uk", "hotmail.co.za", "hotmail.com.ar",
            "hotmail.com.au", "hotmail.com.br", "hotmail.com.hk", "hotmail.com.tr",
            "hotmail.com.tw", "hotmail.com.vn", "live.at", "live.be", "live.ca", "live.cl",
            "live.cn", "live.de", "live.dk", "live.fi", "live.fr", "live.hk", "live.ie", "live.in",
            "live.it", "live.jp", "live.nl", "live.no", "live.ru", "live.se", "live.co.jp",
            "live.co.kr", "live.co.uk", "live.co.za", "live.com.ar", "live.com.au", "live.com.mx",
            "live.com.my", "live.com.ph", "live.com.pt", "live.com.sg", "livemail.tw")
        // IMAP: [TB, DC, FE] and Microsoft's "POP, IMAP, and SMTP settings for Outlook.com".
        .imap(imaps("outlook.office365.com"))
        // SMTP: Microsoft's page and [TB] name smtp-mail.outlook.com; [DC] uses
        // smtp.office365.com, the Microsoft 365 server. We follow Microsoft.
        .smtp(submission("smtp-mail.outlook.com"))
        // Consumer custom domains: "MX e.g. eur.olc.protection.outlook.com" [TB comment]; olc is
        // what tells them from Microsoft 365's mail.protection.outlook.com.
        .mx(MxPattern.of("olc.protection.outlook.com"))
        // Microsoft ended password sign-in for Outlook.com, Hotmail and Live on 16 September
        // 2024 (third-party reports quoting Microsoft's support page); Microsoft's settings page
        // says "Outlook.com requires the use of Modern Auth / OAuth2". Microsoft account app
        // passwords exist ([FE] links them), but [DC] (status BROKEN, 2024-11) reports they do
        // not work for mail. So: OAuth only, for IMAP and SMTP alike.
        .appPasswordPolicy(AppPasswordPolicy.builder().oauthOnly(true).build())
        .signInMethods(Protocol.IMAP, SignInMethod.OAUTH2)
        .signInMethods(Protocol.SMTP, SignInMethod.OAUTH2)
        // Personal Microsoft accounts: the "consumers" tenant of the Microsoft identity
        // platform (learn.microsoft.com/entra/identity-platform/v2-protocols, "Endpoints";
        // v2-oauth2-device-code for /devicecode). [TB-OAuth] uses "common", which serves both
        // kinds of account; an app registered for personal accounts only must use "consumers".
        .oauth(microsoftOAuth("consumers"))
        // Microsoft's page: "POP & IMAP access is disabled by default".
        .texts(BuiltInTexts.of("outlook", IMAP_ACCESS_ENABLED))
        .build();
  }

  static ProviderDescriptor microsoft365() {
    return ProviderDescriptor.builder("microsoft365")
        .displayName("Microsoft 365")
        // Domains: [TB ispdb/office365.com.xml]: office365.com and onmicrosoft.com. [DC
        // outlook.com.md] also lists office365.com, for Outlook.com; we follow [TB] because
        // office365.com names Microsoft's business service, and the difference changes nothing
        // a person sees: both use outlook.office365.com for IMAP and both accept only OAuth.
        // Tenant addresses are on sub-domains (contoso.onmicrosoft.com), which MX finds.
        .domains("onmicrosoft.com", "office365.com")
        // [TB ispdb/office365.com.xml, FE] agree.
        .imap(imaps("outlook.office365.com"))
        .smtp(submission("smtp.office365.com"))
        // Customer domains: "MX e.g. example.mail.protection.outlook.com" [TB comment];
        // [mxsniff] "outlook-bizmail": *.mail.*.outlook.com.
        .mx(MxPattern.of("mail.protection.outlook.com"))
        // IMAP: Exchange Online's removal of Basic authentication "completed in late 2022, with
        // Client Submission (SMTP AUTH) being the only exception" (Exchange Team blog,
        // ba-p/4114750). SMTP AUTH with a password: unchanged until December 2026; at the end
        // of December 2026 off by default for existing tenants (admins can switch it back on);
        // unavailable by default for tenants created after that; final removal to be announced
        // in the second half of 2027 (Exchange Team blog, 27 January 2026, 4489835). As reading
        // mail needs IMAP, the provider is OAuth-only for the SDK, SMTP included: password SMTP
        // AUTH is off by default from the end of December 2026 and may be off in a tenant already.
        .appPasswordPolicy(AppPasswordPolicy.builder().oauthOnly(true).build())
        .signInMethods(Protocol.IMAP, SignInMethod.OAUTH2)
        .signInMethods(Protocol.SMTP, SignInMethod.OAUTH2)
        // Work and school accounts: the "organizations" tenant; an app registered in one tenant
        // only uses that tenant's id in its place (v2-protocols, "Endpoints").
        .oauth(microsoftOAuth("organizations"))
        .texts(BuiltInTexts.of("microsoft365"))
        .build();
  }

  static ProviderDescriptor aol() {
    return ProviderDescriptor.builder("aol")
        .displayName("AOL Mail")
        // Domains: [TB ispdb/aol.com.xml], which include [DC]'s only one, aol.com; without the
        // MX domain mail.gm0.yahoodns.net (pattern below).
        .domains("aol.com", "aim.com", "netscape.net", "netscape.com", "compuserve.com", "cs.com",
            "wmconnect.com", "aol.de", "aol.it", "aol.fr", "aol.es", "aol.se", "aol.co.uk",
            "aol.co.nz", "aol.com.au", "aol.com.ar", "aol.com.br", "aol.com.mx")
        // [TB, DC, FE] agree.
        .imap(imaps("imap.aol.com"))
        .smtp(smtps("smtp.aol.com"))
        // AOL's MX: mail.gm0.yahoodns.net [TB, "MX"]. yahoodns.net is also Yahoo's (see
        // yahoo()); the longer suffix wins, so gm0.yahoodns.net means AOL.
        .mx(MxPattern.of("gm0.yahoodns.net"))
        // [DC _providers/aol.md, FE providers.xml]: an app password is needed. [DC] does not
        // need two-step verification for it (it even says to turn it off while generating,
        // advice from 2020 we do not repeat). [FE FAQ.md §88] now strikes out its AOL
        // instructions and says Yahoo allows no (app) passwords any more; [FE providers.xml]
        // still asks for an AOL app password, so we keep it and watch.
        .appPasswordPolicy(AppPasswordPolicy.builder().required(true).build())
        .signInMethods(Protocol.IMAP, SignInMethod.PASSWORD, SignInMethod.OAUTH2)
        .signInMethods(Protocol.SMTP, SignInMethod.PASSWORD, SignInMethod.OAUTH2)
        // [TB-OAuth]: issuer login.aol.com, the Yahoo endpoints under api.login.aol.com, scope
        // mail-w for imap/pop/smtp.aol.com. AOL runs on Yahoo's mail platform (the MX above); the
        // mechanisms are Yahoo's [CAPA], whose SMTP transcript is of an aol.com sender.
        .oauth(yahooOAuth("api.login.aol.com"))
        .texts(BuiltInTexts.withStartPage("aol", "https://login.aol.com/account/security"))
        .build();
  }

  static ProviderDescriptor fastmail() {
    return ProviderDescriptor.builder("fastmail")
        .displayName("Fastmail")
        // Domains: [DC _providers/fastmail.md], from fastmail.com/about/ourdomains. [TB] has
        // only messagingengine.com, Fastmail's MX domain (pattern below).
        .domains("123mail.org", "150mail.com", "150ml.com", "16mail.com", "2-mail.com",
            "4email.net", "50mail.com", "airpost.net", "allmail.net", "bestmail.us", "cluemail.com",
            "elitemail.org", "emailcorner.net", "emailengine.net", "emailengine.org",
            "emailgroups.net", "emailplus.org", "emailuser.net", "eml.cc", "f-m.fm",
            "fast-email.com", "fast-mail.org", "fastem.com", "fastemail.us", "fastemailer.com",
            "fastest.cc", "fastimap.com", "fastmail.cn", "fastmail.co.uk", "fastmail.com",
            "fastmail.com.au", "fastmail.de", "fastmail.es", "fastmail.fm", "fastmail.fr",
            "fastmail.im", "fastmail.in", "fastmail.jp", "fastmail.mx", "fastmail.net",
            "fastmail.nl", "fastmail.org", "fastmail.se", "fastmail.to", "fastmail.tw",
            "fastmail.uk", "fastmail.us", "fastmailbox.net", "fastmessaging.com", "fea.st",
            "fmail.co.uk", "fmailbox.com", "fmgirl.com", "fmguy.com", "ftml.net", "h-mail.us",
            "hailmail.net", "imap-mail.com", "imap.cc", "imapmail.org", "inoutbox.com",
            "internet-e-mail.com", "internet-mail.org", "internetemails.net", "internetmailing.net",
            "jetemail.net", "justemail.net", "letterboxes.org", "mail-central.com", "mail-page.com",
            "mailandftp.com", "mailas.com", "mailbolt.com", "mailc.net", "mailcan.com",
            "mailforce.net", "mailftp.com", "mailhaven.com", "mailingaddress.org", "mailite.com",
            "mailmight.com", "mailnew.com", "mailsent.net", "mailservice.ms", "mailup.net",
            "mailworks.org", "ml1.net", "mm.st", "myfastmail.com", "mymacmail.com",
            "nospammail.net", "ownmail.net", "petml.com", "postinbox.com", "postpro.net",
            "proinbox.com", "promessage.com", "realemail.net", "reallyfast.biz", "reallyfast.info",
            "rushpost.com", "sent.as", "sent.at", "sent.com", "speedpost.net", "speedymail.org",
            "ssl-mail.com", "swift-mail.com", "the-fastest.net", "the-quickest.com",
            "theinternetemail.com", "veryfast.biz", "veryspeedy.net", "warpmail.net", "xsmail.com",
            "yepmail.net", "your-mail.com")
        // [DC, FE]: 465 SSL/TLS. [DC] lists 587 STARTTLS only in a comment, "Technically
        // supported, but very strongly discouraged by Fastmail", so it is the last resort.
        .imap(imaps("imap.fastmail.com"))
        .smtp(smtps("smtp.fastmail.com"), submission("smtp.fastmail.com"))
        // Aliases and custom domains log in with the address registered at Fastmail
        // [DC, "Aliases and Custom Domains"], which the person must give.
        .customDomainLoginName(Protocol.IMAP, LoginName.ACCOUNT_ADDRESS)
        .customDomainLoginName(Protocol.SMTP, LoginName.ACCOUNT_ADDRESS)
        // [TB ispdb/messagingengine.com.xml] is found only by MX; [mxsniff] "fastmail":
        // *.messagingengine.com. Exact host names are unsourced. Fastmail has one region.
        .mx(MxPattern.of("messagingengine.com"))
        // [DC]: "You must create an app-specific password before you can log in". No source
        // ties it to two-step verification. [DC] says 16 characters shown with spaces; which
        // characters is not said, so no format.
        .appPasswordPolicy(AppPasswordPolicy.builder().required(true).build())
        // [FE]: "You can't use third party email apps with the basic plan".
        .texts(BuiltInTexts.of("fastmail", PAID_PLAN))
        .build();
  }

  static ProviderDescriptor webde() {
    return ProviderDescriptor.builder("webde")
        .displayName("WEB.DE")
        // Domains: [DC _providers/web.de.md]; [TB ispdb/web.de.xml] has web.de only.
        .domains("web.de", "email.de", "flirt.ms", "hallo.ms", "kuss.ms", "love.ms", "magic.ms",
            "singles.ms", "cool.ms", "kanzler.ms", "okay.ms", "party.ms", "pop.ms", "stars.ms",
            "techno.ms", "clever.ms", "deutschland.ms", "genial.ms", "ich.ms", "online.ms",
            "smart.ms", "wichtig.ms", "action.ms", "fussball.ms", "joker.ms", "planet.ms",
            "power.ms")
        .imap(imaps("imap.web.de"))
        // 587 STARTTLS in [TB] and [DC]; 465 SSL/TLS in [TB] and [FE] as the alternative. IMAP
        // 143 STARTTLS [TB, DC] is left out: 993 works wherever 143 does.
        .smtp(submission("smtp.web.de"), smtps("smtp.web.de"))
        // The part before the @ for both [TB %EMAILLOCALPART%, DC emaillocalpart, FE "local"].
        .loginName(Protocol.IMAP, LoginName.LOCAL_PART)
        .loginName(Protocol.SMTP, LoginName.LOCAL_PART)
        // A domain found by MX is one of WEB.DE's own, and [DC] logs in with the local part on
        // every WEB.DE domain it lists, not only web.de.
        .customDomainLoginName(Protocol.IMAP, LoginName.LOCAL_PART)
        .customDomainLoginName(Protocol.SMTP, LoginName.LOCAL_PART)
        // MX: a web.de address was delivered to mx-ha03.web.de, greeting "554-web.de (mxweb012)"
        // (github.com/mailcow/mailcow/issues/915). web.de is WEB.DE's own domain, so an MX host
        // in it can only mean WEB.DE; it finds WEB.DE domains the list above lacks. That WEB.DE
        // hosts anyone else's domain is unsourced; such a domain would be found the same way.
        .mx(MxPattern.of("web.de"))
        // [FE]: with two-factor authentication an application-specific password is needed
        // (hilfe.web.de/sicherheit/2fa/anwendungsspezifisches-passwort.html); without it the
        // regular password works. [TB] says IMAP was "officially pay only (Web.de Club), but
        // works for me" (an old comment); no current source, so no paid-plan prerequisite.
        .appPasswordPolicy(AppPasswordPolicy.builder().required(false).requiresTwoFactor(true)
            .build())
        // [TB <enable>, DC]: https://hilfe.web.de/pop-imap/einschalten.html
        .texts(BuiltInTexts.of("webde", IMAP_ACCESS_ENABLED))
        .build();
  }

  static ProviderDescriptor mailcom() {
    return ProviderDescriptor.builder("mailcom")
        .displayName("mail.com")
        // Domains: [TB ispdb/mail.com.xml], which include all of [DC _providers/mail.com.md]
        // (from www.mail.com/mail/domains). [TB] says about 500 more exist.
        .domains("mail.com", "mail.org", "email.com", "post.com", "usa.com", "accountant.com",
            "consultant.com", "dr.com", "engineer.com", "cheerful.com", "techie.com",
            "linuxmail.org", "europe.com", "london.com", "uymail.com", "myself.com", "iname.com",
            "writeme.com", "2die4.com", "activist.com", "adexec.com", "africamail.com",
            "aircraftmail.com", "alabama.usa.com", "alaska.usa.com", "allergist.com", "alumni.com",
            "alumnidirector.com", "americamail.com", "amorous.com", "angelic.com",
            "archaeologist.com", "arizona.usa.com", "artlover.com", "asia-mail.com", "atheist.com",
            "australiamail.com", "bartender.net", "berlin.com", "bigger.com", "bikerider.com",
            "birdlover.com", "blader.com", "boardermail.com", "brazilmail.com", "brew-master.com",
            "california.usa.com", "californiamail.com", "caress.com", "catlover.com", "chef.net",
            "chemist.com", "chinamail.com", "clerk.com", "cliffhanger.com", "collector.org",
            "columnist.com", "comic.com", "computer4u.com", "contractor.net", "coolsite.net",
            "counsellor.com", "count.com", "couple.com", "cutey.com", "cyberdude.com",
            "cybergal.com", "cyber-wizard.com", "dallasmail.com", "dbzmail.com", "deliveryman.com",
            "diplomats.com", "disciples.com", "doctor.com", "doglover.com", "doramail.com",
            "dublin.com", "earthling.net", "elvisfan.com", "englandmail.com", "europemail.com",
            "execs.com", "fan.com", "feelings.com", "financier.com", "fireman.net",
            "florida.usa.com", "footballer.com", "gardener.com", "geologist.com", "germanymail.com",
            "graduate.org", "graphic-designer.com", "hackermail.com", "hairdresser.net",
            "hilarious.com", "hockeymail.com", "homemail.com", "hot-shot.com", "hour.com",
            "humanoid.net", "illinois.usa.com", "innocent.com", "inorbit.com", "instruction.com",
            "instructor.net", "insurer.com", "irelandmail.com", "italymail.com", "japan.com",
            "journalist.com", "keromail.com", "kittymail.com", "koreamail.com", "lawyer.com",
            "legislator.com", "loveable.com", "lovecat.com", "mad.scientist.com", "madonnafan.com",
            "madrid.com", "marchmail.com", "mexicomail.com", "mindless.com", "minister.com",
            "mobsters.com", "monarchy.com", "moscowmail.com", "munich.com", "musician.org",
            "muslim.com", "newyork.usa.com", "null.net", "nycmail.com", "oath.com", "optician.com",
            "pacificwest.com", "petlover.com", "photographer.net", "playful.com", "poetic.com",
            "politician.com", "popstar.com", "presidency.com", "priest.com", "programmer.net",
            "publicist.com", "realtyagent.com", "reborn.com", "reggaefan.com", "religious.com",
            "repairman.com", "representative.com", "rescueteam.com", "revenue.com",
            "rocketship.com", "rockfan.com", "rome.com", "royal.net", "saintly.com",
            "salesperson.net", "sanfranmail.com", "scientist.com", "scotlandmail.com",
            "secretary.net", "seductive.com", "singapore.com", "snakebite.com", "songwriter.net",
            "soon.com", "spainmail.com", "teachers.org", "technologist.com", "texas.usa.com",
            "thegame.com", "therapist.net", "toke.com", "tokyo.com", "toothfairy.com", "tvstar.com",
            "umpire.com", "wallet.com", "webname.com", "weirdness.com", "who.net", "whoever.com",
            "winning.com", "witty.com", "worker.com", "workmail.com", "yours.com")
        // [TB]; [FE] lists 993 and 465 only. [DC] has no servers for mail.com.
        .imap(imaps("imap.mail.com"))
        .smtp(smtps("smtp.mail.com"), submission("smtp.mail.com"))
        // MX: mail.com's MX hosts are in mail.com, its own domain ([mxsniff] "mail.com": MX
        // *.mail.com, "Mail.com, a 1&1 company"), so a match can only mean mail.com; it finds the
        // "about 500 more" domains [TB] does not list. [TB ispdb/mail.com.xml] says mail.com's MX
        // was mx0.gmx.com; an MX host in gmx.com means GMX, by the rule in the class comment.
        .mx(MxPattern.of("mail.com"))
        // [FE]: "You might need to use an app-specific password", linking
        // support.mail.com/security/2fa/application-specific-passwords.html.
        .appPasswordPolicy(AppPasswordPolicy.builder().required(false).requiresTwoFactor(true)
            .build())
        .texts(BuiltInTexts.of("mailcom", PAID_PLAN, IMAP_ACCESS_ENABLED))
        .build();
  }

  /**
   * Microsoft's identity platform for one tenant ({@code consumers}, {@code organizations}):
   * endpoints from "Microsoft identity platform and OAuth 2.0" (v2-protocols) and the device
   * code flow (v2-oauth2-device-code); scopes and offline_access from [MS-OAuth], which
   * [TB-OAuth] uses too. Exchange Online announces XOAUTH2 only [CAPA; MS-OAuth].
   */
  private static OAuthSupport microsoftOAuth(String tenant) {
    String base = "https://login.microsoftonline.com/" + tenant + "/oauth2/v2.0/";
    return OAuthSupport.builder()
        .authorizationEndpoint(base + "authorize")
        .tokenEndpoint(base + "token")
        .deviceAuthorizationEndpoint(base + "devicecode")
        .scopes(Protocol.IMAP, "https://outlook.office.com/IMAP.AccessAsUser.All", "offline_access")
        .scopes(Protocol.SMTP, "https://outlook.office.com/SMTP.Send", "offline_access")
        .mechanisms(Protocol.IMAP, SaslMechanism.XOAUTH2)
        .mechanisms(Protocol.SMTP, SaslMechanism.XOAUTH2)
        .build();
  }

  /** Yahoo's OAuth 2.0 under one of its login hosts, scope mail-w [TB-OAuth]. */
  private static OAuthSupport yahooOAuth(String host) {
    return OAuthSupport.builder()
        .authorizationEndpoint("https://" + host + "/oauth2/request_auth")
        .tokenEndpoint("https://" + host + "/oauth2/get_token")
        .scopes(Protocol.IMAP, "mail-w")
        .scopes(Protocol.SMTP, "mail-w")
        .mechanisms(Protocol.IMAP, SaslMechanism.XOAUTH2, SaslMechanism.OAUTHBEARER)
        .mechanisms(Protocol.SMTP, SaslMechanism.XOAUTH2, SaslMechanism.OAUTHBEARER)
        .build();
  }

  /** IONOS's servers of one country: imap. and smtp. in front of its own domain [TB#23]. */
  private static RegionalVariant ionosRegion(
      String id, String name, String serverDomain, String... domains) {
    return new RegionalVariant(id, name, orderedSet(domains), imaps("imap." + serverDomain),
        List.of(smtps("smtp." + serverDomain), submission("smtp." + serverDomain)));
  }

  private static RegionalVariant zohoRegion(
      String id, String name, String serverDomain, String... domains) {
    return new RegionalVariant(id, name, orderedSet(domains), imaps("imap." + serverDomain),
        List.of(smtps("smtp." + serverDomain), submission("smtp." + serverDomain)));
  }

  private static RegionalVariant zohoOrgRegion(String id, String name, String serverDomain) {
    return new RegionalVariant(id, name, orderedSet(), imaps("imap." + serverDomain),
        List.of(smtps("smtppro." + serverDomain), submission("smtppro." + serverDomain)));
  }
}
