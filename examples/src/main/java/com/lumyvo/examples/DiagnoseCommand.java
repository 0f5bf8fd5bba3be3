package com.lumyvo.examples;

import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.diagnosis.ErrorClassifier;
import com.lumyvo.providers.diagnosis.FailureKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code diagnose --protocol imap|smtp [--json] [reply]}: what a pasted server reply means and
 * what to do. Without a reply it reads one reply per line from standard input and answers one
 * line each, for triaging logs. {@code --json} prints {@code {"kind", "retryable", ...}}.
 */
final class DiagnoseCommand {
  private static final String USAGE =
      "usage: diagnose --protocol imap|smtp [--json] [reply]   (no reply: one per line on stdin)";

  private final PrintStream out;
  private final PrintStream err;
  private final InputStream in;

  DiagnoseCommand(PrintStream out, PrintStream err, InputStream in) {
    this.out = out;
    this.err = err;
    this.in = in;
  }

  int run(String[] args) throws IOException {
    Protocol protocol = null;
    boolean json = false;
    List<String> words = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--protocol":
          if (i + 1 == args.length) {
            return usage("--protocol needs imap or smtp");
          }
          try {
            protocol = Protocol.valueOf(args[++i].toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException e) {
            return usage("unknown protocol " + args[i] + "; use imap or smtp");
          }
          break;
        case "--json":
          json = true;
          break;
        default:
          words.add(args[i]);
      }
    }
    if (protocol == null) {
      return usage("--protocol is required");
    }
    ErrorClassifier classifier = ErrorClassifier.defaults();
    if (!words.isEmpty()) {
      Diagnosis d = classifier.classifyResponse(protocol, String.join(" ", words));
      if (json) {
        out.println(json(d));
      } else {
        print(d);
      }
      return d.kind() == FailureKind.UNKNOWN ? Main.OK : Main.PROBLEM;
    }
    int worst = Main.OK;
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      Diagnosis d = classifier.classifyResponse(protocol, line);
      out.println(json ? json(d) : d.kind() + (d.isRetryable() ? " (retryable)" : "") + "\t"
          + d.summary());
      if (d.kind() != FailureKind.UNKNOWN) {
        worst = Main.PROBLEM;
      }
    }
    return worst;
  }

  private void print(Diagnosis d) {
    out.println(d.kind() + (d.alternatives().isEmpty() ? ""
        : " (or " + d.alternatives().stream().map(Enum::name).collect(Collectors.joining(", "))
            + ")") + ": " + d.summary());
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

  /** The documented shape: {"kind", "retryable", "alternatives", "summary"}. */
  static String json(Diagnosis d) {
    return "{\"kind\":" + Json.string(d.kind().name()) + ",\"retryable\":" + d.isRetryable()
        + ",\"alternatives\":[" + d.alternatives().stream().map(k -> Json.string(k.name()))
            .collect(Collectors.joining(",")) + "],\"summary\":" + Json.string(d.summary()) + "}";
  }

  private int usage(String problem) {
    err.println("error: " + problem);
    err.println(USAGE);
    return Main.USAGE;
  }
}
