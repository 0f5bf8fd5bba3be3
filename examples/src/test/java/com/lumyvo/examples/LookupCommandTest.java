package com.lumyvo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the command line as a user would, through Main with arguments. */
class LookupCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) throws Exception {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
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
    err.reset();
    assertThat(run("lookup", "gmx.de")).isEqualTo(2);
    assertThat(err()).contains("has no '@'");
    err.reset();
    assertThat(run("lookup", "someone@example.org")).isEqualTo(2);
    assertThat(err()).contains("no built-in provider serves example.org");
  }

  @Test
  void usageErrorsExitWithTwo() throws Exception {
    assertThat(run()).isEqualTo(2);
    assertThat(run("lookup")).isEqualTo(2);
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(err()).contains("unknown command: frobnicate").contains("usage:");
    assertThat(run("help")).isZero();
    assertThat(out()).contains("lookup <address>");
  }

  @Test
  void printsJsonInTheDocumentedShape() throws Exception {
    assertThat(run("lookup", "--json", "anna@gmx.de", "emily@icloud.com")).isZero();
    assertThat(out().lines()).containsExactly(
        "{\"id\":\"gmx\",\"imap\":{\"host\":\"imap.gmx.net\",\"port\":993,\"security\":\"SSL_TLS\"},"
            + "\"smtp\":[{\"host\":\"mail.gmx.net\",\"port\":465,\"security\":\"SSL_TLS\"},"
            + "{\"host\":\"mail.gmx.net\",\"port\":587,\"security\":\"STARTTLS\"}]}",
        "{\"id\":\"icloud\",\"imap\":{\"host\":\"imap.mail.me.com\",\"port\":993,"
            + "\"security\":\"SSL_TLS\"},\"smtp\":[{\"host\":\"smtp.mail.me.com\",\"port\":587,"
            + "\"security\":\"STARTTLS\"}]}");
  }
}
