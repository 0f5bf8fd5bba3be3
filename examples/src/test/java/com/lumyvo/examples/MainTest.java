package com.lumyvo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every command shares: help, usage errors, exit codes, the JSON error object. */
class MainTest {
  /** Every command the tool has, read from the tool itself so that a new one is covered. */
  static Stream<String> commands() {
    PrintStream nowhere = new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8);
    return Main.commandLine(Context.of(nowhere, nowhere)).getSubcommands().keySet().stream();
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyCommandPrintsItsUsageOnStandardOutputForHelpAndDoesNothingElse(String command) {
    Cli.Run run = Cli.run(context -> context.withEnvironment(name -> {
      throw new AssertionError("--help read " + name);
    }), command, "--help");

    assertThat(run.exitCode()).isZero();
    // picocli's own help command puts its description first.
    assertThat(run.out()).contains("Usage: java -jar lumyvo-examples.jar " + command + " [")
        .endsWith(System.lineSeparator());
    assertThat(run.err()).isEmpty();
  }

  @Test
  void theToolItselfAndItsHelpCommandPrintUsage() {
    Cli.Run top = Cli.run("--help");
    assertThat(top.exitCode()).isZero();
    assertThat(top.out()).startsWith("Usage: java -jar lumyvo-examples.jar [-h] <command>")
        .contains("verify", "diagnose", "lookup", "bench-dovecot")
        .contains("Exit codes:").contains("2   usage error");

    Cli.Run help = Cli.run("help", "verify");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).startsWith("Usage: java -jar lumyvo-examples.jar verify");
  }

  @Test
  void demoHelpDescribesTheDemoInsteadOfRunningIt() {
    Cli.Run run = Cli.run("demo", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("--json").doesNotContain("Lumyvo Providers SDK demo:");
  }

  @Test
  void aMistypedCommandIsAUsageErrorNamingTheClosestOne() {
    Cli.Run run = Cli.run("verfy", "anna@gmx.de");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("error: unknown command: verfy\n")
        .contains("did you mean verify")
        .contains("Usage: java -jar lumyvo-examples.jar [-h] <command>");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void noCommandIsAUsageError() {
    Cli.Run run = Cli.run();
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("error: no command given")
        .contains("run java -jar lumyvo-examples.jar --help for every option");
  }

  @Test
  void aUsageErrorWithJsonIsOneErrorObjectOnStandardOutput() {
    Cli.Run run = Cli.run("lookup", "--json", "--ofline", "anna@gmx.de");

    assertThat(run.exitCode()).isEqualTo(2);
    JsonNode json = run.json();
    assertThat(json.get("error").asText()).isEqualTo("unknown option --ofline");
    assertThat(json.get("exitCode").asInt()).isEqualTo(2);
    assertThat(json.get("suggestions")).extracting(JsonNode::asText).contains("--offline");
    assertThat(run.err()).contains("error: unknown option --ofline");
  }

  @Test
  void anUnforeseenFailureIsOneLineNotAStackTrace() {
    Cli.Run run = Cli.run(context -> context.withDiscovery(() -> {
      throw new IllegalStateException("resolver broke\n\tat some.Frame(Frame.java:1)");
    }), "lookup", "anna@bakery.example");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo(
        "error: unexpected failure (IllegalStateException: resolver broke)\n");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void anUnforeseenFailureWithJsonIsOneErrorObject() {
    Cli.Run run = Cli.run(context -> context.withDiscovery(() -> {
      throw new IllegalStateException("resolver broke");
    }), "lookup", "--json", "anna@bakery.example");

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode json = run.json();
    assertThat(json.get("error").asText())
        .isEqualTo("unexpected failure (IllegalStateException: resolver broke)");
    assertThat(json.get("exitCode").asInt()).isEqualTo(1);
  }
}
