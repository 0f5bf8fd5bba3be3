package com.lumyvo.examples;

import java.util.List;

/**
 * Why a command stops short, in words for a person: thrown by a command, printed by
 * {@link Reporting} as {@code error: <message>} with one indented line per detail on standard
 * error, or with {@code --json} as the error object on standard output. Carries its exit code:
 * {@link Main#USAGE} for input that cannot work (a missing trust store, a malformed address),
 * {@link Main#PROBLEM} for an account or server that does not (no discovered server answered).
 */
final class Failure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;
  // Transient: a Failure never leaves this process; the field keeps javac's serial lint quiet.
  private final transient List<String> details;

  Failure(int exitCode, String message, List<String> details) {
    super(message, null, false, false);
    this.exitCode = exitCode;
    this.details = List.copyOf(details);
  }

  static Failure usage(String message) {
    return new Failure(Main.USAGE, message, List.of());
  }

  int exitCode() {
    return exitCode;
  }

  List<String> details() {
    return details;
  }
}
