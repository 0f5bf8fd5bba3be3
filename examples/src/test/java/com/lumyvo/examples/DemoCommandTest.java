package com.lumyvo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The README's main-job command: a good account, then each documented failure, then reading,
 * sorting, replying and watching.
 */
class DemoCommandTest {
  @Test
  void showsAGoodAccountThenEachDocumentedFailureWithItsDiagnosis() throws Exception {
    Cli.Run run = Cli.run("demo");
    String text = run.out();
    assertThat(run.exitCode()).isZero();
    assertThat(text)
        .containsPattern("3\\. A good account\\n\\s+IMAP ok .*\\n\\s+SMTP ok ")
        // The OAuth account next to it: verified after exactly one refresh, no token shown.
        .containsPattern("\\n   The same with an OAuth 2\\.0 token: sam@outlook\\.com at a fake"
            + " Outlook\\.com\\n\\s+IMAP ok .*\\n\\s+SMTP ok ")
        .contains("APP_PASSWORD_REQUIRED")
        .contains("(#AUTH005)")
        .contains("CONNECTION_REFUSED")
        .contains("SERVER_NOT_FOUND")
        .contains("TLS_FAILURE")
        .contains("TIMEOUT")
        .containsPattern("5\\. New mail in INBOX.*\\n.*Where is my order 1042\\?")
        .contains("6. Sorted 1 invoice into Invoices: INBOX now holds 2, Invoices 1")
        .containsPattern("7\\. Replied to \"Where is my order 1042\\?\" \\(In-Reply-To <")
        .contains("8. Watching INBOX (IDLE): new mail \"Address change\" (uid 4)");
    // Phrases may be wrapped onto the next line: compare them with the lines joined.
    String prose = text.replaceAll("\\R +", " ");
    assertThat(prose)
        .contains("Create an app password at https://login.yahoo.com/account/security")
        .contains("anna@bakery-anna.co.uk → IONOS (United Kingdom) by MX: MX mx00.ionos.co.uk")
        .contains("IMAP imap.ionos.co.uk:993 SSL/TLS, log in with anna@bakery-anna.co.uk")
        .contains("emily@parker-family.net → iCloud Mail by MX")
        .contains("log in with the person's own iCloud Mail address (ask for it)")
        .contains("bob@small-shop.example → small-shop.example by GUESS")
        .contains("Token: the one the service had cached had expired; the server refused it,"
            + " the token source refreshed once at the token endpoint and the new token was"
            + " accepted (signed in with SASL XOAUTH2); no token is printed.")
        // IMAP says wrong password, SMTP says app password required: the precise one first.
        .containsPattern("Regular password used instead of an app password"
            + " (?:(?!Show first).)* Show first: APP_PASSWORD_REQUIRED from SMTP ")
        .doesNotContain("abcdefghijklmnop")
        // The fake's access and refresh tokens start so: none of them reaches the story.
        .doesNotContain("ya29.").doesNotContain("1//fake-refresh");
    assertThat(run.err()).isEmpty();
    // Prose is wrapped between words at 100 columns and shown in full: no line of it runs
    // past the width unless it is one word (a URL), and no reply ends cut short with an ellipsis.
    assertThat(text.lines().filter(line -> line.startsWith("             ")))
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line.length() <= DemoCommand.WIDTH
            || !line.strip().contains(" ")).as("wrapped: %s", line).isTrue())
        .noneSatisfy(line -> assertThat(line).endsWith("…"));
  }

  @Test
  void printsOneJsonLineForMachines() throws Exception {
    Cli.Run run = Cli.run("demo", "--json");
    assertThat(run.exitCode()).isZero();
    assertThat(run.json().get("scenarios").size()).isEqualTo(8);
    assertThat(run.out().lines()).singleElement().satisfies(json ->
        assertThat(json)
            .startsWith("{\"provider\":{\"id\":\"yahoo\",")
            .contains("{\"scenario\":\"A good account\",\"imap\":{\"ok\":true,\"kind\":null,"
                + "\"step\":null},\"smtp\":{\"ok\":true,\"kind\":null,\"step\":null}}")
            .contains("{\"scenario\":\"The same with an OAuth 2.0 token: sam@outlook.com at a"
                + " fake Outlook.com\",\"imap\":{\"ok\":true,\"kind\":null,\"step\":null},"
                + "\"smtp\":{\"ok\":true,\"kind\":null,\"step\":null}}")
            .contains("\"smtp\":{\"ok\":false,\"kind\":\"APP_PASSWORD_REQUIRED\","
                + "\"step\":\"AUTHENTICATION\"}")
            .contains("\"kind\":\"SERVER_NOT_FOUND\",\"step\":\"DNS\"")
            .contains("\"mailbox\":{\"fetched\":3,")
            .contains("\"sorted\":1,")
            .contains("\"watched\":\"Address change\"}")
            .contains("{\"address\":\"anna@bakery-anna.co.uk\",\"method\":\"MX\","
                + "\"provider\":\"ionos\",\"region\":\"uk\",\"needsProbe\":false}")
            .containsPattern("\\{\"address\":\"bob@small-shop.example\",\"method\":\"GUESS\","
                + "\"provider\":\"small-shop-example-[0-9a-f]{8}\",\"region\":null,"
                + "\"needsProbe\":true}]}$"));
  }
}
