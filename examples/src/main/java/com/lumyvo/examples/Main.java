package com.lumyvo.examples;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The examples' command line: {@code java -jar lumyvo-examples.jar <command> [options]}, built on
 * picocli. Every command has {@code --help}; an unknown option or a missing value is a usage error
 * that names the option and the closest valid ones, and nothing runs.
 *
 * <p>Exit codes: 0 success, 1 the account, the reply or the run has a problem, 2 usage error
 * (including a bad value, an unknown or malformed address, an unusable trust store).
 */
public final class Main {
  static final int OK = 0;
  static final int PROBLEM = 1;
  static final int USAGE = 2;

  static final String EXIT_OK = "0:success";
  static final String EXIT_PROBLEM = "1:the account, the reply or the run has a problem";
  static final String EXIT_USAGE = "2:usage error: a bad option, value, address or trust store";

  private Main() {}

  public static void main(String[] args) {
    // A library's background thread that dies (a server thread of the demo's fake, a watch)
    // gets one line, like every unforeseen failure here, not the JVM's stack trace.
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> System.err.println(
        "error: background thread " + thread.getName() + " stopped (" + Reporting.oneLine(e)
            + ")"));
    int code = run(args, Context.system());
    if (code != OK) {
      System.exit(code);
    }
  }

  /** Runs one command line against {@code context}; returns the exit code. */
  static int run(String[] args, Context context) {
    return commandLine(context).execute(args);
  }

  static CommandLine commandLine(Context context) {
    CommandLine line = new CommandLine(new Commands())
        .addSubcommand(new DemoCommand(context))
        .addSubcommand(new VerifyCommand(context))
        .addSubcommand(new TokenCommand(context))
        .addSubcommand(new DiagnoseCommand(context))
        .addSubcommand(new LookupCommand(context))
        .addSubcommand(new BenchCommands.Jmh())
        .addSubcommand(new BenchCommands.Sync(context))
        .addSubcommand(new BenchCommands.Stream(context))
        .addSubcommand(new BenchCommands.Dovecot(context))
        .addSubcommand(new BenchCommands.DovecotStream(context))
        .addSubcommand(new BenchCommands.Watch(context))
        .addSubcommand(new CommandLine.HelpCommand());
    Reporting reporting = new Reporting(context);
    // Set after the subcommands are added: picocli hands these settings down to them.
    return line
        .setOut(new PrintWriter(context.out(), true))
        .setErr(new PrintWriter(context.err(), true))
        // No colour codes in usage text: it is read in logs and tickets as often as on terminals.
        .setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF))
        // "@file" would read arguments from a file: a surprise for an address-taking tool.
        .setExpandAtFiles(false)
        .setUsageHelpLongOptionsMaxWidth(32)
        .setParameterExceptionHandler(reporting)
        .setExecutionExceptionHandler(reporting);
  }

  @Command(name = "java -jar lumyvo-examples.jar", sortOptions = false,
      synopsisSubcommandLabel = "<command>",
      description = {"Mailbox accounts as a support person sees them, and the SDK's benchmarks.",
          "%nEvery command has --help. With --json, a command prints one JSON object per line"
              + " on standard output, errors included: {\"error\", \"exitCode\", \"details\","
              + " \"suggestions\"}."},
      commandListHeading = "%nCommands:%n",
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {EXIT_OK, EXIT_PROBLEM, EXIT_USAGE})
  static final class Commands implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin HelpOption help;

    @Override
    public Integer call() {
      throw new ParameterException(spec.commandLine(), "no command given");
    }
  }
}
