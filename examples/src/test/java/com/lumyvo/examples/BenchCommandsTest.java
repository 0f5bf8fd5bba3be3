package com.lumyvo.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The benchmarks' arguments, checked before anything starts; the benchmarks are not run. */
class BenchCommandsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "bench-sync abc           | Invalid value for positional parameter at index 0 (<messages>): 'abc' is not a count; give a whole number, 1 or more",
      "bench-sync 0             | Invalid value for positional parameter at index 0 (<messages>): 0 is out of range; give a whole number, 1 or more",
      "bench-sync 100 5 -1      | Invalid value for positional parameter at index 2 (<naive-sample>): -1 is out of range; give a whole number, 0 or more",
      "bench-sync 1 2 3 4       | unexpected argument '4'",
      "bench-sync --mesages 5   | unknown option --mesages",
      "bench-sync 10 --messages 20 | messages given twice: 10 and --messages 20; give it once",
      "bench-stream 5000        | megabytes: 5000 is too big; bench-stream builds the message in memory first, so give 1 to 1024",
      "bench-stream 1.5         | Invalid value for positional parameter at index 0 (<megabytes>): '1.5' is not a count",
      "bench-dovecot x          | Invalid value for positional parameter at index 0 (<rounds>): 'x' is not a count",
      "bench-dovecot 15 10000 -2 | Invalid value for positional parameter at index 2 (<warmups>): -2 is out of range; give a whole number, 0 or more",
      "bench-dovecot 1 1 0 d    | only: no contender 'd'; give a, a', b or c",
      "bench-dovecot --only=ab  | only: no contender 'ab'; give a, a', b or c",
      "bench-dovecot-stream 1e3 | Invalid value for positional parameter at index 0 (<megabytes>): '1e3' is not a count",
      "bench-dovecot-stream 100 --rounds 0 | Invalid value for option '--rounds': 0 is out of range",
      "bench -f x               | JMH does not accept these arguments:",
  })
  void badArgumentsAreAUsageErrorBeforeAnythingStarts(String arguments, String message) {
    Cli.Run run = Cli.run(arguments.split(" "));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("error: " + message).doesNotContain("\tat ")
        .doesNotContain("Exception");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void argumentSyntaxErrorsShowTheCommandsUsage() {
    Cli.Run run = Cli.run("bench-dovecot", "--round", "3");

    assertThat(run.err()).contains("did you mean --rounds")
        .contains("Usage: java -jar lumyvo-examples.jar bench-dovecot [-h]")
        .contains("[<rounds>] [<messages>]");
  }

  @Test
  void theBenchmarkGetsThePositionalArgumentsItHasAlwaysRead() {
    assertThat(BenchCommands.arguments(List.of("5", "10000", "2", ""), 15, 10000, 10, null))
        .containsExactly("15", "10000", "10");
  }

  @Test
  void aNamedValueAfterAGapFillsTheGapWithTheDocumentedDefault() {
    assertThat(BenchCommands.arguments(List.of("5", "10000", "2", ""), null, null, null, "a'"))
        .containsExactly("5", "10000", "2", "a'");
  }

  @Test
  void nothingGivenLeavesTheBenchmarksOwnDefaults() {
    assertThat(BenchCommands.arguments(List.of("100", "5"), null, null)).isEmpty();
  }

  @Test
  void aValueGivenBothWaysMustAgree() {
    assertThat(BenchCommands.one("rounds", 3, 3)).isEqualTo(3);
    assertThat(BenchCommands.one("rounds", null, 4)).isEqualTo(4);
    assertThatThrownBy(() -> BenchCommands.one("rounds", 3, 4))
        .hasMessage("rounds given twice: 3 and --rounds 4; give it once");
  }
}
