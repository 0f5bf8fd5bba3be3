package com.lumyvo.examples;

import com.lumyvo.providers.discovery.Discovery;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * The examples' command line: {@code java -jar lumyvo-examples.jar <command> [arguments]}.
 *
 * <p>Exit codes: 0 success, 1 the account or reply has a problem, 2 usage error (including an
 * unknown or malformed address).
 */
public final class Main {
  static final int OK = 0;
  static final int PROBLEM = 1;
  static final int USAGE = 2;

  private Main() {}

  public static void main(String[] args) throws Exception {
    int code = run(args, System.out, System.err, System.in);
    if (code != OK) {
      System.exit(code);
    }
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    return run(args, out, err, java.io.InputStream.nullInputStream());
  }

  static int run(String[] args, PrintStream out, PrintStream err, java.io.InputStream in)
      throws Exception {
    return run(args, out, err, in, System::getenv);
  }

  static int run(String[] args, PrintStream out, PrintStream err, java.io.InputStream in,
      java.util.function.Function<String, String> environment) throws Exception {
    if (args.length == 0) {
      usage(err);
      return USAGE;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "demo":
        return new DemoCommand(out, java.util.Arrays.asList(rest).contains("--json")).run();
      case "verify":
        return new VerifyCommand(out, err, environment, System.console(),
            () -> Discovery.builder().build()).run(rest);
      case "diagnose":
        return new DiagnoseCommand(out, err, in).run(rest);
      case "lookup":
        return new LookupCommand(out, err, () -> Discovery.builder().build()).run(rest);
      case "bench":
        // JMH's own command line: java -jar lumyvo-examples.jar bench LookupBenchmark -f 1
        org.openjdk.jmh.Main.main(rest);
        return OK;
      case "bench-sync":
        com.lumyvo.examples.bench.SyncBenchmark.run(rest, out);
        return OK;
      case "bench-stream":
        com.lumyvo.examples.bench.StreamBenchmark.run(rest, out);
        return OK;
      case "bench-dovecot":
        return com.lumyvo.examples.bench.DovecotSyncBenchmark.run(rest, out, err) == 0 ? OK
            : PROBLEM;
      case "bench-watch":
        return com.lumyvo.examples.bench.WatchBenchmark.run(rest, out, err) == 0 ? OK : PROBLEM;
      case "bench-dovecot-stream":
        return com.lumyvo.examples.bench.DovecotStreamBenchmark.run(rest, out, err) == 0 ? OK
            : PROBLEM;
      case "help":
      case "--help":
      case "-h":
        usage(out);
        return OK;
      default:
        err.println("unknown command: " + args[0]);
        usage(err);
        return USAGE;
    }
  }

  private static void usage(PrintStream out) {
    out.println("usage: java -jar lumyvo-examples.jar <command> [arguments]");
    out.println();
    out.println("commands:");
    out.println("  demo [--json]         verify accounts on a fake Yahoo Mail: a good one, then each");
    out.println("                        documented failure with its diagnosis (no account needed)");
    out.println("  verify [--json] [--offline] [overrides] <address>");
    out.println("                        log in to IMAP and SMTP; app password from");
    out.println("                        LUMYVO_APP_PASSWORD or a prompt, never an argument;");
    out.println("                        unknown domains are discovered (guesses probed first)");
    out.println("  diagnose --protocol imap|smtp [--json] [reply]");
    out.println("                        what a server reply means and what to do; without a");
    out.println("                        reply, one reply per line from standard input");
    out.println("  lookup [--offline] [--json] <address>...");
    out.println("                        provider, servers, login names, prerequisites and setup");
    out.println("                        guide; unknown domains are discovered through MX, SRV,");
    out.println("                        autoconfig and guesses unless --offline");
    out.println("  bench [jmh options]   run the JMH benchmarks (e.g. bench LookupBenchmark)");
    out.println("  bench-sync [n] [runs] [sample]");
    out.println("                        list n messages (10,000) over TLS: SDK, naive, raw floor");
    out.println("  bench-stream [MB]     stream a 100 MB attachment to a file in a -Xmx64m JVM");
    out.println("  bench-dovecot [rounds] [n] [warm-ups]");
    out.println("                        list n messages (10,000) over IMAPS from a real Dovecot:");
    out.println("                        SDK, raw TLS client, Jakarta FetchProfile; needs Dovecot");
    out.println("  bench-dovecot-stream [MB] [rounds]");
    out.println("                        stream a 100 MB message from a real Dovecot; run with");
    out.println("                        java -Xmx64m -jar ...");
    out.println("  help                  this text");
    out.println();
    out.println("exit codes: 0 success, 1 the account or reply has a problem, 2 usage error");
  }
}
