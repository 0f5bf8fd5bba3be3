package com.lumyvo.providers.mail;

import com.lumyvo.providers.mail.verify.VerificationResult;
import com.lumyvo.providers.mail.verify.ProtocolCheck;
import com.lumyvo.providers.mail.verify.Attempt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.Security;
import com.lumyvo.providers.mail.testing.HostileServer;
import com.lumyvo.providers.mail.testing.Hostility;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Servers that echo every command line into their replies, as some do in their error messages:
 * the password must still appear nowhere, in no form a login sends it (clear, IMAP quoted string,
 * AUTH PLAIN's base64 at any alignment, URL-encoded, hex), neither in exceptions with their causes
 * and stack traces, nor in diagnoses, results, the console or the SDK's trace-level log.
 */
class EchoingServerLeakTest {
  /** Has what an IMAP quoted string escapes, so LOGIN sends it in another form than typed. */
  private static final String PASSWORD = "Echo\"Pw\\7731-xy";
  private static final String LOGIN = "erin@echo.example";
  private static final Path TRACE = Path.of("target/sdk-trace.log");

  @ParameterizedTest(name = "IMAP announces AUTH=PLAIN: {0}")
  @ValueSource(booleans = {true, false})
  void anEchoedLoginLeaksNothing(boolean authPlain) throws Exception {
    List<String> outputs = new ArrayList<>();
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
    long logBefore = Files.exists(TRACE) ? Files.size(TRACE) : 0;
    System.setOut(capture);
    System.setErr(capture);
    HostileServer.Builder imapBuilder = HostileServer.imap(Hostility.ECHO);
    if (!authPlain) {
      imapBuilder.withoutCapabilities("AUTH=PLAIN", "SASL-IR");
    }
    try (HostileServer imap = imapBuilder.start();
        HostileServer smtp = HostileServer.smtp(Hostility.ECHO).security(Security.STARTTLS)
            .start()) {
      MailConnector connector = MailConnector.builder().trustStore(imap.trustStore()).build();
      MailAccount account = MailAccount.builder(LOGIN, AppPassword.of(PASSWORD))
          .imap(imap.endpoint()).smtp(smtp.endpoint()).build();

      VerificationResult result = connector.verify(account);
      assertThat(result.ok()).isFalse();
      outputs.add(result.toString());
      for (ProtocolCheck check : List.of(result.imap(), result.smtp())) {
        for (Attempt attempt : check.attempts()) {
          outputs.add(attempt.toString());
          attempt.failure().ifPresent(d -> outputs.add(LeakChecks.everything(d)));
        }
      }
      MailOperationException opened =
          catchThrowableOfType(MailOperationException.class, () -> connector.open(account));
      MailOperationException sent = catchThrowableOfType(MailOperationException.class,
          () -> connector.send(account, message()));
      for (MailOperationException e : List.of(opened, sent)) {
        assertThat(e).isNotNull();
        outputs.add(LeakChecks.everything(e.diagnosis()));
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        outputs.add(trace.toString());
      }
      // The servers really echoed the secret, or this test would prove nothing.
      assertThat(String.join("\n", imap.commandsReceived())
          + String.join("\n", smtp.commandsReceived()))
          .matches(text -> leaks(text), "carries the password in some form");
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
    outputs.add(console.toString(StandardCharsets.UTF_8));
    byte[] log = Files.readAllBytes(TRACE);
    outputs.add(new String(log, (int) Math.min(logBefore, log.length),
        (int) (log.length - Math.min(logBefore, log.length)), StandardCharsets.UTF_8));
    for (String output : outputs) {
      assertThat(leaks(output)).as("a form of the password in:%n%s", output).isFalse();
    }
  }

  private static boolean leaks(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (String form : forms()) {
      if (lower.contains(form.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    // Base64 at every alignment: the characters that depend on the password alone.
    byte[] secret = PASSWORD.getBytes(StandardCharsets.UTF_8);
    for (int shift = 0; shift < 3; shift++) {
      byte[] data = new byte[shift + secret.length];
      System.arraycopy(secret, 0, data, shift, secret.length);
      String encoded = Base64.getEncoder().withoutPadding().encodeToString(data);
      String core = encoded.substring((8 * shift + 5) / 6, (8 * (shift + secret.length)) / 6);
      if (text.contains(core)) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> forms() {
    Set<String> forms = new LinkedHashSet<>();
    forms.add(PASSWORD);
    forms.add(PASSWORD.replace("\\", "\\\\").replace("\"", "\\\""));
    forms.add(URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8));
    forms.add(HexFormat.of().formatHex(PASSWORD.getBytes(StandardCharsets.UTF_8)));
    return forms;
  }

  private static MimeMessage message() throws Exception {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.org"));
    message.setSubject("echo check");
    message.setText("body");
    return message;
  }
}
