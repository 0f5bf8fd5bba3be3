package com.lumyvo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's Quick start as a person runs it:
 * {@code java -jar examples/target/lumyvo-examples.jar demo}, each run in a JVM of its own, so that whatever else prints in that JVM (GreenMail's
 * server threads, a logger, the JVM itself) lands in the output as it would on their screen.
 * Runs after the package phase (Failsafe), on the jar that phase built.
 */
class QuickStartIT {
  private static final int RUNS = 5;

  @Test
  void theDemoRunFiveTimesPrintsOnlyLinesTheDemoWrote() throws Exception {
    // What the demo writes: a run in this JVM through the demo's own stream, which nothing else
    // can reach. Digits vary from run to run (ports, milliseconds, UIDs, Message-IDs); the
    // lines are compared with every number as #.
    Cli.Run reference = Cli.run("demo");
    assertThat(reference.exitCode()).isZero();
    List<String> story = reference.out().lines().map(QuickStartIT::shape).toList();
    // The OAuth account next to the app-password ones (issue 16): there, and both checks ok.
    assertThat(String.join("\n", reference.out().lines().toList()))
        .containsPattern("\n   The same with an OAuth 2\\.0 token: sam@outlook\\.com at a fake"
            + " Outlook\\.com\n +IMAP ok .*\n +SMTP ok ");
    Set<String> lines = Set.copyOf(story);

    Path jar = Path.of(System.getProperty("examples.jar"));
    Path logs = Files.createDirectories(jar.resolveSibling("quick-start"));
    try (var old = Files.list(logs)) {
      // Logs of an earlier build would be read as this one's when a run fails early.
      for (Path log : old.toList()) {
        Files.delete(log);
      }
    }
    for (int run = 1; run <= RUNS; run++) {
      Path out = logs.resolve("run-" + run + ".out");
      Path err = logs.resolve("run-" + run + ".err");
      ProcessBuilder demo = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
          jar.toString(), "demo").redirectOutput(out.toFile()).redirectError(err.toFile());
      // The JVM announces these on standard error: the developer's settings, not the demo's.
      demo.environment().remove("JAVA_TOOL_OPTIONS");
      demo.environment().remove("JDK_JAVA_OPTIONS");
      Process process = demo.start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("run " + run + " did not end; see " + out);
      }

      List<String> printed = Files.readAllLines(out, StandardCharsets.UTF_8);
      List<String> errors = Files.readAllLines(err, StandardCharsets.UTF_8);
      assertThat(process.exitValue()).as("exit code of run %d", run).isZero();
      assertThat(printed).as("standard output of run %d (%s): lines the demo did not write",
          run, out).filteredOn(line -> !lines.contains(shape(line))).isEmpty();
      assertThat(errors).as("standard error of run %d (%s): lines the demo did not write",
          run, err).filteredOn(line -> !lines.contains(shape(line))).isEmpty();
      // Also no stray blank line or repeated line: the same lines as the reference, in order.
      assertThat(printed.stream().map(QuickStartIT::shape).collect(Collectors.toList()))
          .as("standard output of run %d (%s)", run, out).isEqualTo(story);
      assertThat(errors).as("standard error of run %d (%s)", run, err).isEmpty();
      assertThat(printed).as("standard output of run %d (%s): no token", run, out)
          .noneMatch(line -> line.contains("ya29.") || line.contains("1//fake-refresh"));
    }
  }

  private static String shape(String line) {
    return line.replaceAll("-?\\d+", "#");
  }
}
