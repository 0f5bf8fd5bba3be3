package com.lumyvo.examples;

import java.io.Console;
import java.util.Optional;

/**
 * Asks a person for a secret without echoing it. A secret typed at a prompt lands in neither the
 * shell's history nor the process list, unlike one given as an argument.
 */
@FunctionalInterface
interface SecretPrompt {
  /** No terminal to ask on: every question goes unanswered. */
  SecretPrompt NONE = question -> Optional.empty();

  /**
   * The secret typed after {@code question}; empty when there is no terminal or the person ended
   * the input (Ctrl-D). The caller clears the array once it is used.
   */
  Optional<char[]> ask(String question);

  /** The process's terminal, when it has one ({@link System#console()}). */
  static SecretPrompt console() {
    return question -> {
      Console console = System.console();
      return console == null ? Optional.empty()
          : Optional.ofNullable(console.readPassword("%s", question));
    };
  }
}
