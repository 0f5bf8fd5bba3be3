package com.lumyvo.providers;

import static com.lumyvo.providers.Security.SSL_TLS;
import static com.lumyvo.providers.Security.STARTTLS;

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
 *   <li>[FE] FairEmail, M66B/FairEmail at e23dd9d (app/src/main/res/xml/providers.xml, FAQ.md).
 * </ul>
 *
 * Each fact that does not come from our guide names its source; where sources disagree, the
 * comment says which we chose and why.
 */
final class BuiltInProviders {
  private BuiltInProviders() {}

  static List<ProviderDescriptor> all() {
    return List.of(gmx(), yahoo(), ionos(), icloud(), zoho());
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

  private static Prerequisite twoFactor(String description) {
    return new Prerequisite(Prerequisite.Kind.TWO_FACTOR_AUTHENTICATION, description);
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
        .appPasswordPolicy(AppPasswordPolicy.builder().required(true).requiresTwoFactor(true).build())
        .prerequisites(
            twoFactor("Turn on two-factor authentication for your GMX account."),
            new Prerequisite(Prerequisite.Kind.IMAP_ACCESS_ENABLED,
                "Allow POP3 & IMAP access in the GMX mail settings; it is off until you switch it"
                    + " on, and turning on two-factor authentication does not switch it on."))
        .setupGuide(SetupGuide.builder()
            .appPasswordSteps(
                "Sign in to GMX in a web browser.",
                "Open your profile icon and choose My Account.",
                "Go to Security and find Two-Factor Authentication.",
                "Turn two-factor authentication on if it is still off.",
                "With two-factor authentication on, GMX shows an app password it generated for you.",
                "Copy it without the spaces and enter it in Lumyvo.")
            .enableAccessSteps(
                "In GMX, open Settings and then POP3 & IMAP.",
                "Switch on access via IMAP and save.")
            .revocation("Account → Security → Two-Factor Authentication → Regenerate password")
            .notes(
                // [FE FAQ.md]: "Reportedly, you need to do this on a desktop computer."
                "If the POP3 & IMAP setting does not show on a phone, use a desktop browser or the"
                    + " desktop version of the site.")
            .build())
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
        .appPasswordPolicy(AppPasswordPolicy.builder().required(true).requiresTwoFactor(true)
            // Yahoo generates 16 letters and shows them in groups of four; our guide says to
            // remove the spaces, which normalization does.
            .format(new AppPasswordFormat(16, AppPasswordFormat.Alphabet.LOWERCASE_LETTERS, 4, ' '))
            .build())
        .prerequisites(twoFactor("Turn on two-step verification for your Yahoo account."))
        .setupGuide(SetupGuide.builder()
            .startPage("https://login.yahoo.com/account/security")
            .appPasswordSteps(
                "Open the Yahoo Account Security page.",
                "Scroll to the app password section and choose Manage app passwords.",
                "Pick Other App and name it Lumyvo.",
                "Choose Generate.",
                "Copy the password without its spaces and choose Done.",
                "Enter the password in Lumyvo; you only need it once.")
            .revocation("Account Security → Manage app passwords → Remove app")
            .notes(
                "Generate the password in a browser you have used to sign in to Yahoo for several"
                    + " days, not in a private or incognito window; Yahoo may refuse otherwise.",
                "App passwords keep working after you change your main Yahoo password; delete"
                    + " one to stop it.")
            .build())
        .build();
  }

  static ProviderDescriptor ionos() {
    return ProviderDescriptor.builder("ionos")
        .displayName("IONOS")
        // IONOS customers almost always use their own domains, so the default servers (US and
        // global, from our guide) are what byId("ionos") gives; regions are picked by country.
        .imap(imaps("imap.ionos.com"))
        // 587 STARTTLS as the alternative, as [TB ispdb/1und1.de.xml] lists for the same
        // platform; [FE] lists 465 only.
        .smtp(smtps("smtp.ionos.com"), submission("smtp.ionos.com"))
        .region(new RegionalVariant("uk", "United Kingdom", orderedSet(),
            imaps("imap.ionos.co.uk"),
            List.of(smtps("smtp.ionos.co.uk"), submission("smtp.ionos.co.uk"))))
        // Germany: [FE] maps ionos.de and online.de to the ionos.de servers; [TB] still names
        // the legacy imap.1und1.de. We take the current IONOS servers.
        .region(new RegionalVariant("de", "Germany", orderedSet("ionos.de", "online.de",
                "onlinehome.de"),
            imaps("imap.ionos.de"), List.of(smtps("smtp.ionos.de"), submission("smtp.ionos.de"))))
        // France: [FE] "Ionos.fr".
        .region(new RegionalVariant("fr", "France", orderedSet(),
            imaps("imap.ionos.fr"), List.of(smtps("smtp.ionos.fr"), submission("smtp.ionos.fr"))))
        .appPasswordPolicy(AppPasswordPolicy.builder().required(false).requiresTwoFactor(true)
            .build())
        .prerequisites(twoFactor("Turn on two-factor authentication to create app passwords;"
            + " without it, the regular email password still works, but an app password is"
            + " safer."))
        .setupGuide(SetupGuide.builder()
            .startPage("https://www.ionos.com")
            .appPasswordSteps(
                "Log in to your IONOS account.",
                "Open Email & Office and select your email address.",
                "Go to the Security settings.",
                "Turn on two-factor authentication if it is still off.",
                "Under App-Specific Passwords choose Create New Password.",
                "Name it Lumyvo and choose Generate.",
                "Copy the password and enter it in Lumyvo.")
            .revocation("Email Settings → Security → App-Specific Passwords → Delete")
            .notes(
                "In the United Kingdom use imap.ionos.co.uk and smtp.ionos.co.uk; in the US and"
                    + " elsewhere imap.ionos.com and smtp.ionos.com.",
                // [FE providers.xml]: "you need to use an email password instead of your normal
                // account password".
                "Use the password of the mailbox, not the password of your IONOS customer"
                    + " account.")
            .build())
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
        .appPasswordPolicy(AppPasswordPolicy.builder().required(true).requiresTwoFactor(true)
            .shownOnce(true)
            // 16 characters shown in groups of 4 (our guide); Apple shows them joined by hyphens
            // and accepts them typed as shown, so both forms pass.
            .format(new AppPasswordFormat(16, AppPasswordFormat.Alphabet.LOWERCASE_LETTERS, 4, '-'))
            .build())
        .prerequisites(twoFactor("Turn on two-factor authentication for your Apple Account;"
            + " iCloud offers no app passwords without it."))
        .setupGuide(SetupGuide.builder()
            .startPage("https://appleid.apple.com")
            .appPasswordSteps(
                "Sign in to your Apple Account page.",
                "Open the Security section.",
                "Under App-Specific Passwords choose Generate Password (or +).",
                "Label it Lumyvo and choose Create.",
                "Copy the 16-character password, shown in four groups of four, and choose Done.",
                "Enter it in Lumyvo.")
            .revocation("Apple ID → Security → App-Specific Passwords → Revoke")
            .notes(
                "Apple shows the password only once; if it is lost, generate a new one.",
                "One app password works for all your iCloud addresses: @icloud.com, @me.com and"
                    + " @mac.com.",
                // [FE FAQ.md §148]: an alias address cannot authenticate.
                "Sign in with your main iCloud address, not an alias.",
                // Apple support article 102654.
                "Changing your Apple Account password revokes every app-specific password.")
            .build())
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
        .appPasswordPolicy(AppPasswordPolicy.builder().required(true).requiresTwoFactor(true)
            .build())
        .prerequisites(
            twoFactor("Turn on two-factor authentication for your Zoho account."),
            new Prerequisite(Prerequisite.Kind.IMAP_ACCESS_ENABLED,
                "Enable IMAP Access in the Zoho Mail settings."),
            new Prerequisite(Prerequisite.Kind.PAID_PLAN,
                "Use a paid Zoho Mail plan; the free plan has no IMAP access."),
            new Prerequisite(Prerequisite.Kind.SINGLE_SIGN_ON_NEEDS_APP_PASSWORD,
                "If your organization signs in with SAML, you must use an app password; the"
                    + " regular password does not work for IMAP and SMTP."))
        .setupGuide(SetupGuide.builder()
            .startPage("https://accounts.zoho.com")
            .appPasswordSteps(
                "Open Zoho Accounts.",
                "Go to Security and then App Passwords.",
                "Choose Generate New Password.",
                "Name it Lumyvo and pick IMAP/SMTP as the access type.",
                "Choose Generate, copy the password and enter it in Lumyvo.")
            .enableAccessSteps(
                "Sign in to Zoho Mail and open Settings (the gear icon).",
                "Go to Mail Accounts and select your email address.",
                "In the IMAP Access section switch Enable IMAP Access on.",
                "Save.")
            .revocation("Accounts → Security → App Passwords → Revoke")
            .notes("App passwords cannot be generated on the free plan; upgrade to a paid plan.")
            .build())
        .build();
  }

  private static RegionalVariant zohoRegion(
      String id, String name, String serverDomain, String... domains) {
    return new RegionalVariant(id, name, orderedSet(domains), imaps("imap." + serverDomain),
        List.of(smtps("smtp." + serverDomain), submission("smtp." + serverDomain)));
  }
}
