package com.lumyvo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class DiagnoseCommandTest {
  private static Cli.Run run(String stdin, String... args) {
    return run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
  }

  private static Cli.Run run(InputStream stdin, String... args) {
    return Cli.run(context -> context.withIn(stdin), args);
  }

  @Test
  void explainsAPastedReply() {
    Cli.Run run = run("", "diagnose", "--protocol", "smtp",
        "534-5.7.9 Application-specific password required.");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).startsWith("APP_PASSWORD_REQUIRED")
        .contains("Retrying unchanged will not help.")
        .contains("1. Generate an app password");
  }

  @Test
  void withLangDeTheDiagnosisIsGermanAndTheKindStaysAsItIs() {
    Cli.Run run = run("", "diagnose", "--lang", "de", "--protocol", "smtp",
        "534-5.7.9 Application-specific password required.");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).startsWith("APP_PASSWORD_REQUIRED")
        .contains("Der Anbieter verlangt für dieses Konto ein App-Passwort.")
        .contains("1. Erstellen Sie in den Sicherheitseinstellungen des Kontos ein App-Passwort.")
        .doesNotContain("Generate an app password");
    // A country variant gets its language; a language the SDK lacks gets English.
    assertThat(run("", "diagnose", "--lang", "de-AT", "--protocol", "smtp", "452 4.2.2 Mailbox full")
        .out()).contains("Ein Postfach ist voll.");
    assertThat(run("", "diagnose", "--lang", "ja", "--protocol", "smtp", "452 4.2.2 Mailbox full")
        .out()).contains("A mailbox is full.");
  }

  @Test
  void withLangEachLogLineAndJsonSummaryIsInThatLanguage() {
    Cli.Run lines = run("452 4.2.2 Mailbox full\n", "diagnose", "--lang", "fr", "--protocol",
        "smtp");
    assertThat(lines.out().lines()).containsExactly(
        "QUOTA_EXCEEDED\tUne boîte aux lettres est pleine.");
    Cli.Run json = run("", "diagnose", "--lang", "it", "--json", "--protocol", "smtp",
        "452 4.2.2 Mailbox full");
    assertThat(json.json().get("summary").asText()).isEqualTo("Una casella di posta è piena.");
  }

  @Test
  void everyCommandThatPrintsTheSdksTextsOffersLang() {
    for (String command : List.of("diagnose", "lookup", "verify", "demo")) {
      Cli.Run help = Cli.run(command, "--help");
      assertThat(help.exitCode()).isZero();
      assertThat(help.out()).as(command).contains("--lang=<tag>");
    }
  }

  @Test
  void aMalformedLanguageTagIsAUsageError() {
    Cli.Run run = run("", "diagnose", "--lang", "de_AT!", "--protocol", "smtp", "250 OK");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--lang").contains("'de_AT!' is not a language tag");
  }

  @Test
  void answersJsonInTheDocumentedShape() {
    Cli.Run run = run("", "diagnose", "--protocol", "imap", "--json",
        "a NO [UNAVAILABLE] Temporary \"failure\"");
    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode json = run.json();
    assertThat(json.get("kind").asText()).isEqualTo("SERVER_UNAVAILABLE");
    assertThat(json.get("retryable").asBoolean()).isTrue();
    assertThat(json.get("cut").asBoolean()).isFalse();
    assertThat(json.has("summary")).isTrue();
  }

  @Test
  void triagesALogOneAnswerPerLineBlankLinesIncluded() {
    // Before, blank lines were skipped and answer n no longer belonged to line n.
    String log = "535 5.7.8 Authentication credentials invalid\n\n"
        + "452 4.2.2 Mailbox full\r\n   \n250 OK";
    Cli.Run run = run(log, "diagnose", "--protocol", "smtp", "--json");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.jsonLines()).extracting(line -> line.get("kind").asText()).containsExactly(
        "INVALID_CREDENTIALS", "UNKNOWN", "QUOTA_EXCEEDED", "UNKNOWN", "UNKNOWN");
    assertThat(run.jsonLines().get(1).get("summary").asText()).isEqualTo("(blank line)");
  }

  @Test
  void triagesALogAsTextOneLineEach() {
    Cli.Run run = run("452 4.2.2 Mailbox full\n\n250 OK\n", "diagnose", "--protocol", "smtp");

    assertThat(run.out().lines()).containsExactly("QUOTA_EXCEEDED\tA mailbox is full.",
        "UNKNOWN\t(blank line)", "UNKNOWN\tThe failure could not be classified.");
  }

  @Test
  void aLineOfTwentyMegabytesIsCutAndSaysSoWhileTheLinesAroundItAreAnswered() {
    InputStream log = lines("452 4.2.2 Mailbox full\n", 20 << 20, "\n535 5.7.8 invalid\n");

    Cli.Run run = run(log, "diagnose", "--protocol", "smtp", "--json");

    List<JsonNode> answers = run.jsonLines();
    assertThat(answers).hasSize(3);
    assertThat(answers.get(0).get("kind").asText()).isEqualTo("QUOTA_EXCEEDED");
    assertThat(answers.get(1).get("cut").asBoolean()).isTrue();
    assertThat(answers.get(1).get("length").asLong()).isEqualTo(20L << 20);
    assertThat(answers.get(2).get("kind").asText()).isEqualTo("INVALID_CREDENTIALS");
    assertThat(answers.get(0).get("cut").asBoolean()).isFalse();
  }

  /**
   * In a JVM of 64 MiB (the low-memory Surefire execution): reading the line whole, as
   * {@code BufferedReader.readLine} did, ends in an OutOfMemoryError there.
   */
  @Test
  @Tag("low-memory")
  void aLineOfTwentyMegabytesIsReadInBoundedMemoryAndItsAnswerSaysItWasCut() {
    InputStream log = lines("", 20 << 20, "\n250 OK\n");

    Cli.Run run = run(log, "diagnose", "--protocol", "smtp");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines()).hasSize(2);
    assertThat(run.out().lines().findFirst().orElseThrow())
        .endsWith("[line cut: diagnosed the first 65,536 of 20,971,520 characters]");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void usageErrorsExitWithTwoAndShowTheSynopsis() {
    Cli.Run noProtocol = run("", "diagnose", "535 x");
    assertThat(noProtocol.exitCode()).isEqualTo(2);
    assertThat(noProtocol.err())
        .startsWith("error: Missing required option: '--protocol=imap|smtp'")
        .contains("Usage: java -jar lumyvo-examples.jar diagnose");

    Cli.Run pop3 = run("", "diagnose", "--protocol", "pop3", "x");
    assertThat(pop3.exitCode()).isEqualTo(2);
    assertThat(pop3.err()).startsWith("error: Invalid value for option '--protocol': 'pop3' is"
        + " not a protocol this tool knows; use imap or smtp");
  }

  @Test
  void jsonStringsAreEscaped() {
    assertThat(Json.string("a\"b\\c\nd\u0001\uD800")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\\ud800\"");
  }

  /** {@code before}, then {@code count} letters x made as they are read, then {@code after}. */
  private static InputStream lines(String before, int count, String after) {
    InputStream letters = new InputStream() {
      private int left = count;

      @Override
      public int read() {
        return left-- > 0 ? 'x' : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left <= 0) {
          return -1;
        }
        int n = Math.min(len, left);
        java.util.Arrays.fill(b, off, off + n, (byte) 'x');
        left -= n;
        return n;
      }
    };
    return new SequenceInputStream(java.util.Collections.enumeration(List.of(
        new ByteArrayInputStream(before.getBytes(StandardCharsets.UTF_8)), letters,
        new ByteArrayInputStream(after.getBytes(StandardCharsets.UTF_8)))));
  }
}
