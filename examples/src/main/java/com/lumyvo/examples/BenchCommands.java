package com.lumyvo.examples;

import com.lumyvo.examples.bench.DovecotStreamBenchmark;
import com.lumyvo.examples.bench.WatchBenchmark;
import com.lumyvo.examples.bench.DovecotSyncBenchmark;
import com.lumyvo.examples.bench.StreamBenchmark;
import com.lumyvo.examples.bench.SyncBenchmark;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * The benchmarks' command lines. Each checks its arguments here, before anything starts, and then
 * hands the benchmark the positional arguments it has always read ({@code bench-dovecot 15 10000
 * 10}), so the measuring code stays as it is. Every positional argument also has a named option
 * ({@code --rounds 15}); giving one value both ways differently is a usage error.
 */
final class BenchCommands {
  private BenchCommands() {}

  /**
   * {@code bench [JMH options]}: JMH's own command line. The arguments are checked with JMH's
   * parser first, so a bad one is a usage error (exit 2) instead of JMH's exit 1.
   */
  @Command(name = "bench",
      description = {"Run the JMH benchmarks with JMH's own options, e.g. bench LookupBenchmark"
          + " -f 1. JMH's help: bench -h; JMH's list: bench -l."},
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {Main.EXIT_OK, "1:JMH failed to run", Main.EXIT_USAGE})
  static final class Jmh implements Callable<Integer> {
    // --help only: -h goes to JMH, whose help lists its options.
    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    // Everything else, in order, for JMH; JMH prints to the process's own streams.
    @Unmatched List<String> jmhArguments = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      String[] args = jmhArguments.toArray(String[]::new);
      try {
        new CommandLineOptions(args);
      } catch (CommandLineOptionException e) {
        throw new Failure(Main.USAGE, "JMH does not accept these arguments: " + e.getMessage(),
            List.of("java -jar lumyvo-examples.jar bench -h lists JMH's options"));
      }
      org.openjdk.jmh.Main.main(args);
      return Main.OK;
    }
  }

  /** {@code bench-sync [messages] [runs] [naive sample]} on GreenMail. */
  @Command(name = "bench-sync", sortOptions = false,
      description = {"List a folder over TLS from a fake provider: the SDK, a naive Jakarta Mail"
          + " loop and a raw client."},
      footer = {"%nExample: bench-sync 10000 5 100 (the same as --messages 10000 --runs 5"
          + " --naive-sample 100)%n"},
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {Main.EXIT_OK, "1:the benchmark failed", Main.EXIT_USAGE})
  static final class Sync implements Callable<Integer> {
    private final Context context;

    @Mixin HelpOption help;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<messages>",
        converter = Values.Positive.class, description = "Messages in the folder (10000).")
    Integer messagesAt;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<runs>",
        converter = Values.Positive.class, description = "Measured runs (5).")
    Integer runsAt;

    @Parameters(index = "2", arity = "0..1", paramLabel = "<naive-sample>",
        converter = Values.NonNegative.class,
        description = "Messages the naive loop reads, scaled to the folder (100; 0 skips it).")
    Integer sampleAt;

    @Option(names = "--messages", paramLabel = "<n>", converter = Values.Positive.class,
        description = "Same as <messages>.")
    Integer messages;

    @Option(names = "--runs", paramLabel = "<n>", converter = Values.Positive.class,
        description = "Same as <runs>.")
    Integer runs;

    @Option(names = "--naive-sample", paramLabel = "<n>", converter = Values.NonNegative.class,
        description = "Same as <naive-sample>.")
    Integer sample;

    Sync(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() throws Exception {
      SyncBenchmark.run(arguments(List.of("10000", "5", "100"),
          one("messages", messagesAt, messages), one("runs", runsAt, runs),
          one("naive-sample", sampleAt, sample)), context.out());
      return Main.OK;
    }
  }

  /** {@code bench-stream [megabytes]} on GreenMail, in a child JVM of 64 MB. */
  @Command(name = "bench-stream", sortOptions = false,
      description = {"Stream a message with a big attachment from a fake provider to a file, in"
          + " a child JVM with -Xmx64m."},
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {Main.EXIT_OK, "1:the benchmark failed", Main.EXIT_USAGE})
  static final class Stream implements Callable<Integer> {
    /** The message is built in this JVM's memory first, as one array. */
    private static final int MAX_MEGABYTES = 1024;

    private final Context context;

    @Mixin HelpOption help;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<megabytes>",
        converter = Values.Positive.class, description = "Attachment size, 1 to 1024 (100).")
    Integer megabytesAt;

    @Option(names = "--megabytes", paramLabel = "<n>", converter = Values.Positive.class,
        description = "Same as <megabytes>.")
    Integer megabytes;

    Stream(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() throws Exception {
      Integer size = one("megabytes", megabytesAt, megabytes);
      if (size != null && size > MAX_MEGABYTES) {
        throw Failure.usage("megabytes: " + size + " is too big; bench-stream builds the message"
            + " in memory first, so give 1 to " + MAX_MEGABYTES);
      }
      StreamBenchmark.run(arguments(List.of("100"), size), context.out());
      return Main.OK;
    }
  }

  /** {@code bench-dovecot [rounds] [messages] [warm-ups] [only]} on a real Dovecot. */
  @Command(name = "bench-dovecot", sortOptions = false,
      description = {"List a folder over IMAPS from a real Dovecot (needs dovecot-imapd): the"
          + " SDK, a raw TLS client and a Jakarta Mail FetchProfile loop."},
      footer = {"%nExample: bench-dovecot 15 10000 10 (the same as --rounds 15 --messages 10000"
          + " --warmups 10)%n"},
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {Main.EXIT_OK, "1:Dovecot did not start or the benchmark failed",
          Main.EXIT_USAGE})
  static final class Dovecot implements Callable<Integer> {
    /** The contenders' letters, as the benchmark names them: (a), (a'), (b), (c). */
    private static final Set<String> CONTENDERS = Set.of("a", "a'", "b", "c");

    private final Context context;

    @Mixin HelpOption help;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<rounds>",
        converter = Values.Positive.class, description = "Measured rounds (5).")
    Integer roundsAt;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<messages>",
        converter = Values.Positive.class, description = "Messages in the folder (10000).")
    Integer messagesAt;

    @Parameters(index = "2", arity = "0..1", paramLabel = "<warmups>",
        converter = Values.NonNegative.class, description = "Warm-up rounds (2).")
    Integer warmupsAt;

    @Parameters(index = "3", arity = "0..1", paramLabel = "<only>",
        description = "Only this contender, for profiling: a, a', b or c (all).")
    String onlyAt;

    @Option(names = "--rounds", paramLabel = "<n>", converter = Values.Positive.class,
        description = "Same as <rounds>.")
    Integer rounds;

    @Option(names = "--messages", paramLabel = "<n>", converter = Values.Positive.class,
        description = "Same as <messages>.")
    Integer messages;

    @Option(names = "--warmups", paramLabel = "<n>", converter = Values.NonNegative.class,
        description = "Same as <warmups>.")
    Integer warmups;

    @Option(names = "--only", paramLabel = "a|a'|b|c", description = "Same as <only>.")
    String only;

    Dovecot(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() throws Exception {
      String contender = one("only", onlyAt, only);
      if (contender != null && !CONTENDERS.contains(contender)) {
        throw Failure.usage("only: no contender '" + contender + "'; give a, a', b or c");
      }
      int code = DovecotSyncBenchmark.run(arguments(List.of("5", "10000", "2", ""),
          one("rounds", roundsAt, rounds), one("messages", messagesAt, messages),
          one("warmups", warmupsAt, warmups), contender), context.out(), context.err());
      return code == 0 ? Main.OK : Main.PROBLEM;
    }
  }

  /** {@code bench-dovecot-stream [megabytes] [rounds]} on a real Dovecot. */
  @Command(name = "bench-dovecot-stream", sortOptions = false,
      description = {"Stream a big message from a real Dovecot (needs dovecot-imapd); run with"
          + " java -Xmx64m -jar ..."},
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {Main.EXIT_OK, "1:Dovecot did not start or the benchmark failed",
          Main.EXIT_USAGE})
  static final class DovecotStream implements Callable<Integer> {
    private final Context context;

    @Mixin HelpOption help;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<megabytes>",
        converter = Values.Positive.class, description = "Message size (100).")
    Integer megabytesAt;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<rounds>",
        converter = Values.Positive.class, description = "Measured rounds (5).")
    Integer roundsAt;

    @Option(names = "--megabytes", paramLabel = "<n>", converter = Values.Positive.class,
        description = "Same as <megabytes>.")
    Integer megabytes;

    @Option(names = "--rounds", paramLabel = "<n>", converter = Values.Positive.class,
        description = "Same as <rounds>.")
    Integer rounds;

    DovecotStream(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() throws Exception {
      int code = DovecotStreamBenchmark.run(arguments(List.of("100", "5"),
          one("megabytes", megabytesAt, megabytes), one("rounds", roundsAt, rounds)),
          context.out(), context.err());
      return code == 0 ? Main.OK : Main.PROBLEM;
    }
  }

  /** {@code bench-watch [mailboxes] [samples]}: many watched mailboxes on a real Dovecot. */
  @Command(name = "bench-watch", sortOptions = false,
      description = {"Watch many mailboxes on a real Dovecot (needs dovecot-imapd): threads,"
          + " heap per mailbox, time to all listening, new-mail delay, recovery after a"
          + " restart"},
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {Main.EXIT_OK, "1:Dovecot did not start or the benchmark failed",
          Main.EXIT_USAGE})
  static final class Watch implements Callable<Integer> {
    private final Context context;

    @Mixin HelpOption help;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<mailboxes>",
        converter = Values.Positive.class, description = "Watched mailboxes (1000).")
    Integer mailboxesAt;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<samples>",
        converter = Values.Positive.class,
        description = "Mailboxes that get new mail, at most <mailboxes> (100).")
    Integer samplesAt;

    @Option(names = "--mailboxes", paramLabel = "<n>", converter = Values.Positive.class,
        description = "Same as <mailboxes>.")
    Integer mailboxes;

    @Option(names = "--samples", paramLabel = "<n>", converter = Values.Positive.class,
        description = "Same as <samples>.")
    Integer samples;

    Watch(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() throws Exception {
      int code = WatchBenchmark.run(arguments(List.of("1000", "100"),
          one("mailboxes", mailboxesAt, mailboxes), one("samples", samplesAt, samples)),
          context.out(), context.err());
      return code == 0 ? Main.OK : Main.PROBLEM;
    }
  }

  /** The value given positionally or by name; both at once only if they agree. */
  static <T> T one(String name, T positional, T named) {
    if (positional != null && named != null && !positional.equals(named)) {
      throw Failure.usage(name + " given twice: " + positional + " and --" + name + " " + named
          + "; give it once");
    }
    return positional != null ? positional : named;
  }

  /**
   * The benchmark's positional arguments, up to the last one given; one left out before it gets
   * the default its benchmark documents, and none after it is passed, so the benchmark's own
   * defaults apply there.
   */
  static String[] arguments(List<String> defaults, Object... given) {
    int last = given.length - 1;
    while (last >= 0 && given[last] == null) {
      last--;
    }
    String[] args = new String[last + 1];
    for (int i = 0; i <= last; i++) {
      args[i] = given[i] == null ? defaults.get(i) : given[i].toString();
    }
    return args;
  }
}
