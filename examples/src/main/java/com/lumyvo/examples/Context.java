package com.lumyvo.examples;

import com.lumyvo.providers.discovery.Discovery;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything a command takes from the world outside its arguments: the standard streams, the
 * environment, the terminal to ask for secrets on, and how to discover a domain's servers.
 * {@link Main#main} wires the real ones; tests replace any of them with the {@code with}
 * methods, which return a new value.
 */
record Context(PrintStream out, PrintStream err, InputStream in,
    Function<String, String> environment, SecretPrompt prompt, Supplier<Discovery> discovery) {

  Context {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(discovery, "discovery");
  }

  /**
   * The given streams, no standard input, an empty environment, no terminal, and discovery over
   * the real DNS and web (which tests replace whenever a command would use it).
   */
  static Context of(PrintStream out, PrintStream err) {
    return new Context(out, err, InputStream.nullInputStream(), name -> null,
        SecretPrompt.NONE, () -> Discovery.builder().build());
  }

  /** The process's own streams, environment and terminal. */
  static Context system() {
    return new Context(System.out, System.err, System.in, System::getenv, SecretPrompt.console(),
        () -> Discovery.builder().build());
  }

  Context withIn(InputStream in) {
    return new Context(out, err, in, environment, prompt, discovery);
  }

  Context withEnvironment(Function<String, String> environment) {
    return new Context(out, err, in, environment, prompt, discovery);
  }

  Context withPrompt(SecretPrompt prompt) {
    return new Context(out, err, in, environment, prompt, discovery);
  }

  Context withDiscovery(Supplier<Discovery> discovery) {
    return new Context(out, err, in, environment, prompt, discovery);
  }
}
