package com.lumyvo.examples;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How every command reports what went wrong: one {@code error:} line on standard error, indented
 * details under it, never a stack trace; with {@code --json} anywhere in the arguments, also the
 * one JSON object on standard output that {@code --json} promises:
 * {@code {"error", "exitCode", "details": [...], "suggestions": [...]}}.
 *
 * <p>Usage errors (exit 2) name the bad argument and the closest valid options, then the
 * command's synopsis. Messages never repeat what followed an unknown option: after a mistyped or
 * retired option such as {@code --trust-store-password} that may be a secret.
 */
final class Reporting implements IParameterExceptionHandler, IExecutionExceptionHandler {
  /**
   * Options that once took a secret, or that people try for one: the variable or prompt that
   * replaces them.
   */
  private static final Map<String, String> SECRET_OPTIONS = Map.of(
      "--trust-store-password", "the trust store's password comes from "
          + TrustStores.PASSWORD_VARIABLE + " or a prompt, never from an argument",
      "--password", "the app password comes from " + VerifyCommand.PASSWORD_VARIABLE
          + " or a prompt, never from an argument",
      "--app-password", "the app password comes from " + VerifyCommand.PASSWORD_VARIABLE
          + " or a prompt, never from an argument");

  private final Context context;

  Reporting(Context context) {
    this.context = context;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine command = ex.getCommandLine();
    String message = ex.getMessage();
    List<String> details = List.of();
    List<String> suggestions = List.of();
    if (ex instanceof UnmatchedArgumentException unmatched) {
      String first = unmatched.getUnmatched().isEmpty() ? "" : unmatched.getUnmatched().get(0);
      String option = first.startsWith("-") ? optionName(first) : null;
      if (option != null && SECRET_OPTIONS.containsKey(option)) {
        message = "unknown option " + option;
        details = List.of(SECRET_OPTIONS.get(option));
      } else {
        suggestions = unmatched.getSuggestions().stream().limit(3).toList();
        if (option != null) {
          message = "unknown option " + option;
        } else if (command.getParent() == null) {
          message = "unknown command: " + first;
        } else {
          message = "unexpected argument '" + first + "'";
        }
        if (!suggestions.isEmpty()) {
          details = List.of("did you mean " + or(suggestions) + "?");
        }
      }
    }
    context.err().println("error: " + message);
    details.forEach(line -> context.err().println("       " + line));
    String heading = command.getHelp().synopsisHeading();
    context.err().print(heading);
    context.err().print(command.getHelp().synopsis(heading.length()));
    context.err().println("run " + command.getCommandSpec().qualifiedName()
        + " --help for every option");
    json(args, message, Main.USAGE, details, suggestions);
    return Main.USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine command, ParseResult parsed) {
    if (ex instanceof Failure failure) {
      return report(parsed.originalArgs().toArray(String[]::new), failure);
    }
    // Not a case any command foresaw: one line, not a stack trace; a person can still report it.
    return report(parsed.originalArgs().toArray(String[]::new), new Failure(Main.PROBLEM,
        "unexpected failure (" + oneLine(ex) + ")", List.of()));
  }

  /** {@code e}'s type and the first line of its message: enough to report, no stack trace. */
  static String oneLine(Throwable e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? ""
        : ": " + e.getMessage().lines().findFirst().orElse(""));
  }

  /** Prints {@code failure} as {@link #handleExecutionException} does; returns its exit code. */
  int report(String[] args, Failure failure) {
    context.err().println("error: " + failure.getMessage());
    failure.details().forEach(line -> context.err().println("       " + line));
    json(args, failure.getMessage(), failure.exitCode(), failure.details(), List.of());
    return failure.exitCode();
  }

  private void json(String[] args, String message, int exitCode, List<String> details,
      List<String> suggestions) {
    if (Arrays.asList(args).contains("--json")) {
      context.out().println(errorJson(message, exitCode, details, suggestions));
    }
  }

  /** The error object: {@code {"error", "exitCode", "details", "suggestions"}}. */
  static String errorJson(String message, int exitCode, List<String> details,
      List<String> suggestions) {
    return "{\"error\":" + Json.string(message) + ",\"exitCode\":" + exitCode
        + ",\"details\":" + Json.array(details) + ",\"suggestions\":" + Json.array(suggestions)
        + "}";
  }

  /** {@code --name} of {@code --name=value}: the value may be a secret. */
  private static String optionName(String argument) {
    int equals = argument.indexOf('=');
    return equals < 0 ? argument : argument.substring(0, equals);
  }

  private static String or(List<String> options) {
    return options.size() == 1 ? options.get(0)
        : options.subList(0, options.size() - 1).stream().collect(Collectors.joining(", "))
            + " or " + options.get(options.size() - 1);
  }
}
