package com.lumyvo.providers.mail;

import com.lumyvo.providers.mail.verify.VerificationResult;
import com.lumyvo.providers.mail.verify.ProtocolCheck;
import com.lumyvo.providers.mail.verify.Attempt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.mail.testing.FakeProvider;
import com.lumyvo.providers.mail.testing.Fault;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * During verifies and sends that succeed and fail, no password shows up anywhere: not in the
 * SDK's logs at trace level (which carry Jakarta Mail's protocol trace), not on standard output
 * or error, not in diagnoses, results, accounts or exceptions with their causes and stack traces.
 */
class SecretLeakTest {
  private static final String GOOD = "Leak-Check-Pw-7731xy";
  private static final String WRONG = "Wrong-Leak-Pw-5512qq";
  private static final Path TRACE = Path.of("target/sdk-trace.log");

  @Test
  void noPasswordInAnyOutput() throws Exception {
    List<String> outputs = new ArrayList<>();
    outputs.add(LeakChecks.console(() -> {
      try (FakeProvider fake = FakeProvider.start()) {
        MailAccount good = fake.addAccount("dora@fake.example", AppPassword.of(GOOD));
        MailAccount wrong = MailAccount.builder("dora@fake.example", AppPassword.of(WRONG))
            .provider(fake.descriptor()).build();
        MailConnector connector = fake.connector();

        VerificationResult ok = connector.verify(good);
        assertThat(ok.ok()).isTrue();
        connector.send(good, message());
        fake.inject(Fault.APP_PASSWORD_REQUIRED);
        VerificationResult failed = connector.verify(wrong);
        assertThat(failed.ok()).isFalse();
        MailOperationException sendFailure = catchThrowableOfType(MailOperationException.class,
            () -> connector.send(wrong, message()));
        assertThat(sendFailure).isNotNull();

        outputs.add(ok.toString());
        outputs.add(failed.toString());
        outputs.add(good.toString());
        outputs.add(wrong.toString());
        for (ProtocolCheck check : List.of(failed.imap(), failed.smtp())) {
          for (Attempt attempt : check.attempts()) {
            outputs.add(attempt.toString());
            attempt.failure().ifPresent(d -> outputs.add(LeakChecks.everything(d)));
          }
        }
        outputs.add(LeakChecks.everything(sendFailure.diagnosis()));
        StringWriter trace = new StringWriter();
        sendFailure.printStackTrace(new PrintWriter(trace));
        outputs.add(trace.toString());
      }
    }));
    // The whole log of this test run: what other tests logged must not leak their passwords
    // either, but only these two are known here.
    String newLog = Files.readString(TRACE, StandardCharsets.UTF_8);
    outputs.add(newLog);

    // The trace really covered the logins, or this test would prove nothing.
    assertThat(newLog).contains("LOGIN command").contains("AUTH LOGIN")
        .contains("failed at AUTHENTICATION");
    for (String output : outputs) {
      for (String form : forms("dora@fake.example", GOOD)) {
        assertThat(output).doesNotContain(form);
      }
      for (String form : forms("dora@fake.example", WRONG)) {
        assertThat(output).doesNotContain(form);
      }
    }
  }

  /** The password in clear and as AUTH LOGIN and AUTH PLAIN send it, in base64. */
  private static List<String> forms(String login, String password) {
    Base64.Encoder base64 = Base64.getEncoder();
    return List.of(password,
        base64.encodeToString(password.getBytes(StandardCharsets.UTF_8)),
        base64.encodeToString(("\0" + login + "\0" + password).getBytes(StandardCharsets.UTF_8)),
        base64.encodeToString((login + "\0" + login + "\0" + password)
            .getBytes(StandardCharsets.UTF_8)));
  }

  private static MimeMessage message() throws Exception {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress("dora@fake.example"));
    message.setSubject("leak check");
    message.setText("body");
    return message;
  }
}
