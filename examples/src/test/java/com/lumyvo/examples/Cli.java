package com.lumyvo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;

/** Runs the command line as a person would, through {@link Main}, and keeps what it printed. */
final class Cli {
  /** Strict: a second object or anything after the first is an error, not ignored. */
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** What one run printed and returned. */
  record Run(int exitCode, String out, String err) {
    /** Standard output as exactly one JSON object on one line; fails the test otherwise. */
    JsonNode json() {
      assertThat(out.lines()).as("standard output is one line: %s", out).hasSize(1);
      JsonNode node = parse(out);
      assertThat(node.isObject()).as("a JSON object: %s", out).isTrue();
      return node;
    }

    /** Each line of standard output as a JSON object. */
    List<JsonNode> jsonLines() {
      return out.lines().map(Cli::parse).toList();
    }
  }

  private Cli() {}

  /** {@code args} on an empty environment, no terminal and no standard input. */
  static Run run(String... args) {
    return run(context -> context, args);
  }

  /** {@code args} on the context {@code setup} makes of the default one. */
  static Run run(UnaryOperator<Context> setup, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Context context = setup.apply(Context.of(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)));
    int code = Main.run(args, context);
    return new Run(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("not JSON: " + json, e);
    }
  }
}
