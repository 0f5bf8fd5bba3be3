package com.lumyvo.examples;

import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.diagnosis.ErrorClassifier;
import com.lumyvo.providers.diagnosis.FailureKind;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code diagnose --protocol imap|smtp [--json] [reply]}: what a pasted server reply means and
 * what to do. Without a reply it reads one reply per line from standard input and answers one
 * line each, blank lines included, so that answer n belongs to line n, for triaging logs.
 *
 * <p>Standard input is read as a stream, one line at a time, keeping at most {@value #CAP}
 * characters of a line; a longer line is diagnosed from its beginning (where a server's code and
 * words are) and its answer says it was cut.
 */
@Command(name = "diagnose", sortOptions = false, showEndOfOptionsDelimiterInUsageHelp = true,
    description = {"What a server reply means and what to do.",
        "%nWithout a reply, reads one reply per line from standard input and answers one line"
            + " each, blank lines included. A line longer than 65536 characters is diagnosed"
            + " from its beginning and its answer says it was cut.",
        "%nA reply that starts with - goes after --: diagnose --protocol smtp -- -ERR ..."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every reply is one the SDK does not count as a failure (UNKNOWN)",
        "1:at least one reply is a failure (wrong password, quota, ...)", Main.EXIT_USAGE})
final class DiagnoseCommand implements Callable<Integer> {
  /** The most of one line that is kept and diagnosed: replies are short, logs may not be. */
  static final int CAP = 64 * 1024;

  private final Context context;

  @Mixin HelpOption help;

  @Mixin LangOption lang;

  @Option(names = "--protocol", required = true, paramLabel = "imap|smtp",
      converter = Values.ProtocolName.class, description = "Which server sent the reply.")
  Protocol protocol;

  @Option(names = "--json", description = "One JSON object per reply: {\"kind\", \"retryable\","
      + " \"alternatives\", \"summary\", \"cut\"}.")
  boolean json;

  @Parameters(paramLabel = "<reply>", arity = "0..*",
      description = "The reply, as one argument or as words.")
  List<String> words = List.of();

  DiagnoseCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    ErrorClassifier classifier = ErrorClassifier.defaults();
    PrintStream out = context.out();
    if (!words.isEmpty()) {
      String reply = String.join(" ", words);
      BoundedLines.Line line = new BoundedLines.Line(
          reply.substring(0, Math.min(reply.length(), CAP)), reply.length());
      Diagnosis d = classifier.classifyResponse(protocol, line.text()).in(lang.locale);
      if (json) {
        out.println(json(d, line));
      } else {
        print(d, line);
      }
      return d.kind() == FailureKind.UNKNOWN ? Main.OK : Main.PROBLEM;
    }
    int worst = Main.OK;
    BoundedLines lines = new BoundedLines(
        new InputStreamReader(context.in(), StandardCharsets.UTF_8), CAP);
    for (Optional<BoundedLines.Line> next = lines.next(); next.isPresent(); next = lines.next()) {
      BoundedLines.Line line = next.get();
      Diagnosis d = line.text().isBlank() ? null : classifier.classifyResponse(protocol,
          line.text()).in(lang.locale);
      if (json) {
        out.println(d == null ? BLANK_JSON : json(d, line));
      } else {
        out.println(d == null ? "UNKNOWN\t(blank line)"
            : d.kind() + (d.isRetryable() ? " (retryable)" : "") + "\t" + d.summary()
                + cutNote(line));
      }
      if (d != null && d.kind() != FailureKind.UNKNOWN) {
        worst = Main.PROBLEM;
      }
    }
    return worst;
  }

  /** A blank line's answer: there is nothing to diagnose, and it keeps the lines in step. */
  private static final String BLANK_JSON = "{\"kind\":\"UNKNOWN\",\"retryable\":false,"
      + "\"alternatives\":[],\"summary\":\"(blank line)\",\"cut\":false}";

  private static String cutNote(BoundedLines.Line line) {
    return line.isCut() ? String.format(" [line cut: diagnosed the first %,d of %,d characters]",
        line.text().length(), line.length()) : "";
  }

  private void print(Diagnosis d, BoundedLines.Line line) {
    PrintStream out = context.out();
    out.println(d.kind() + (d.alternatives().isEmpty() ? ""
        : " (or " + d.alternatives().stream().map(Enum::name).collect(Collectors.joining(", "))
            + ")") + ": " + d.summary() + cutNote(line));
    out.println(d.isRetryable() ? "Retrying later can help"
        + d.retryAfter().map(w -> " (in " + w.toSeconds() + " s)").orElse("") + "."
        : "Retrying unchanged will not help.");
    out.println("Probable causes:");
    d.causes().forEach(c -> out.println("  - " + c));
    out.println("What to do:");
    for (int i = 0; i < d.solutions().size(); i++) {
      out.println("  " + (i + 1) + ". " + d.solutions().get(i));
    }
  }

  /**
   * The documented shape: {"kind", "retryable", "alternatives", "summary", "cut"}, and
   * "length" (of the whole line) when cut is true.
   */
  static String json(Diagnosis d, BoundedLines.Line line) {
    return "{\"kind\":" + Json.string(d.kind().name()) + ",\"retryable\":" + d.isRetryable()
        + ",\"alternatives\":[" + d.alternatives().stream().map(k -> Json.string(k.name()))
            .collect(Collectors.joining(",")) + "],\"summary\":" + Json.string(d.summary())
        + ",\"cut\":" + line.isCut() + (line.isCut() ? ",\"length\":" + line.length() : "")
        + "}";
  }
}
