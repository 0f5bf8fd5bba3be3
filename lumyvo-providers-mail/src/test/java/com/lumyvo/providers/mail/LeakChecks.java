package com.lumyvo.providers.mail;

import com.lumyvo.providers.diagnosis.Diagnosis;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** What the secret-leak tests search for, and where: one place for all of them. */
final class LeakChecks {
  private LeakChecks() {}

  /** Every text of a diagnosis a person or a log could see. */
  static String everything(Diagnosis d) {
    return String.join("\n", d.toString(), d.summary(), d.serverReply().orElse(""),
        String.join("\n", d.causes()), String.join("\n", d.solutions()),
        String.join("\n", d.providerHints()));
  }

  /** A token in clear and in base64 at each of the three alignments it can take in a blob. */
  static List<String> tokenForms(String token) {
    Base64.Encoder base64 = Base64.getEncoder();
    List<String> forms = new ArrayList<>();
    forms.add(token);
    for (String prefix : List.of("", "x", "xy")) {
      String encoded = base64.encodeToString((prefix + token).getBytes(StandardCharsets.UTF_8));
      // Only the characters that depend on the token alone: skip the prefix's and the tail's.
      forms.add(encoded.substring(prefix.isEmpty() ? 0 : 4, encoded.length() - 4));
    }
    return forms;
  }

  /** Work whose console output a leak test searches. */
  interface Body {
    void run() throws Exception;
  }

  /**
   * Everything {@code body} printed on standard output and standard error; both are restored
   * afterwards, whatever the body throws.
   */
  static String console(Body body) throws Exception {
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
    try {
      body.run();
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
    return console.toString(StandardCharsets.UTF_8);
  }
}
