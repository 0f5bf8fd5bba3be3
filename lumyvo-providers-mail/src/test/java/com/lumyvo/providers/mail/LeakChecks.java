package com.lumyvo.providers.mail;

import com.lumyvo.providers.diagnosis.Diagnosis;
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
}
