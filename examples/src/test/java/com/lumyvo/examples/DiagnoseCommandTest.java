package com.lumyvo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DiagnoseCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String stdin, String... args) throws Exception {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void explainsAPastedReply() throws Exception {
    assertThat(run("", "diagnose", "--protocol", "smtp",
        "534-5.7.9 Application-specific password required.")).isEqualTo(1);
    assertThat(out()).startsWith("APP_PASSWORD_REQUIRED")
        .contains("Retrying unchanged will not help.")
        .contains("1. Generate an app password");
  }

  @Test
  void answersJsonInTheDocumentedShape() throws Exception {
    assertThat(run("", "diagnose", "--protocol", "imap", "--json",
        "a NO [UNAVAILABLE] Temporary \"failure\"")).isEqualTo(1);
    assertThat(out().trim()).startsWith("{\"kind\":\"SERVER_UNAVAILABLE\",\"retryable\":true,")
        .endsWith("}");
  }

  @Test
  void triagesALogOneLineEach() throws Exception {
    String log = "535 5.7.8 Authentication credentials invalid\n\n"
        + "452 4.2.2 Mailbox full\n250 OK\n";
    assertThat(run(log, "diagnose", "--protocol", "smtp", "--json")).isEqualTo(1);
    assertThat(out().lines()).hasSize(3)
        .satisfiesExactly(
            l -> assertThat(l).contains("\"kind\":\"INVALID_CREDENTIALS\""),
            l -> assertThat(l).contains("\"kind\":\"QUOTA_EXCEEDED\""),
            l -> assertThat(l).contains("\"kind\":\"UNKNOWN\""));
  }

  @Test
  void usageErrorsExitWithTwo() throws Exception {
    assertThat(run("", "diagnose", "535 x")).isEqualTo(2);
    assertThat(run("", "diagnose", "--protocol", "pop3", "x")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: diagnose");
  }

  @Test
  void jsonStringsAreEscaped() {
    assertThat(Json.string("a\"b\\c\nd\u0001\uD800")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\\ud800\"");
  }
}
