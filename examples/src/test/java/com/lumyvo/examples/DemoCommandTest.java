package com.lumyvo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The README's main-job command: a good account, then each documented failure, then reading,
 * sorting, replying and watching.
 */
class DemoCommandTest {
  @Test
  void showsAGoodAccountThenEachDocumentedFailureWithItsDiagnosis() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"demo"}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(code).isZero();
    assertThat(text)
        .containsPattern("3\\. A good account\\n\\s+IMAP ok .*\\n\\s+SMTP ok ")
        .contains("APP_PASSWORD_REQUIRED")
        .contains("(#AUTH005)")
        .contains("CONNECTION_REFUSED")
        .contains("SERVER_NOT_FOUND")
        .contains("TLS_FAILURE")
        .contains("TIMEOUT")
        .contains("Create an app password at https://login.yahoo.com/account/security")
        .containsPattern("5\\. New mail in INBOX.*\\n.*Where is my order 1042\\?")
        .contains("6. Sorted 1 invoice into Invoices: INBOX now holds 2, Invoices 1")
        .containsPattern("7\\. Replied to \"Where is my order 1042\\?\" \\(In-Reply-To <")
        .contains("8. Watching INBOX (IDLE): new mail \"Address change\" (uid 4)")
        .contains("anna@bakery-anna.co.uk → IONOS (United Kingdom) by MX: MX mx00.ionos.co.uk")
        .contains("IMAP imap.ionos.co.uk:993 SSL/TLS, log in with anna@bakery-anna.co.uk")
        .contains("emily@parker-family.net → iCloud Mail by MX")
        .contains("log in with the person's own iCloud Mail address (ask for it)")
        .contains("bob@small-shop.example → small-shop.example by GUESS")
        .doesNotContain("abcdefghijklmnop");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void printsOneJsonLineForMachines() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"demo", "--json"},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).lines()).singleElement().satisfies(json ->
        assertThat(json)
            .startsWith("{\"provider\":{\"id\":\"yahoo\",")
            .contains("{\"scenario\":\"A good account\",\"imap\":{\"ok\":true,\"kind\":null,"
                + "\"step\":null},\"smtp\":{\"ok\":true,\"kind\":null,\"step\":null}}")
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
