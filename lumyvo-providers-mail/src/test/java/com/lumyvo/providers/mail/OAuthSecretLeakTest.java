package com.lumyvo.providers.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.lumyvo.providers.ProviderRegistry;
import com.lumyvo.providers.mail.testing.FakeProvider;
import com.lumyvo.providers.mail.testing.RecordedCommand;
import com.lumyvo.providers.mail.verify.Attempt;
import com.lumyvo.providers.mail.verify.ProtocolCheck;
import com.lumyvo.providers.mail.verify.VerificationResult;
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
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Token accounts that succeed, are refused in Gmail's and Microsoft's words, lose their grant
 * and lack the scope: no access token shows up anywhere, in clear or as the base64 SASL blob at
 * any alignment — not in the SDK's trace-level log (Jakarta Mail's protocol trace included), on
 * standard output or error, in results, diagnoses, accounts, sources or exceptions with their
 * causes and stack traces, nor in the fakes' command journal.
 */
class OAuthSecretLeakTest {
  private static final Path TRACE = Path.of("target/sdk-trace.log");

  @Test
  void noTokenInAnyOutput() throws Exception {
    List<String> outputs = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    outputs.add(LeakChecks.console(() -> {
      run(FakeProvider.start(), "tess@fake.example", outputs, tokens);
      run(FakeProvider.mimicking(ProviderRegistry.defaults().lookup("gmail.com").orElseThrow()),
          "tess@gmail.com", outputs, tokens);
      run(FakeProvider.mimicking(ProviderRegistry.defaults().lookup("outlook.com").orElseThrow()),
          "tess@outlook.com", outputs, tokens);
    }));
    String log = Files.readString(TRACE, StandardCharsets.UTF_8);
    outputs.add(log);

    // The trace covered token logins and their failures, or this test would prove nothing.
    assertThat(log).contains("AUTH OAUTHBEARER").contains("AUTH XOAUTH2")
        .contains("failed at AUTHENTICATION");
    assertThat(tokens).hasSizeGreaterThanOrEqualTo(6);
    for (String output : outputs) {
      for (String token : tokens) {
        for (String form : LeakChecks.tokenForms(token)) {
          assertThat(output).doesNotContain(form);
        }
      }
    }
  }

  private static void run(FakeProvider started, String address, List<String> outputs,
      List<String> tokens) throws Exception {
    try (FakeProvider fake = started) {
      fake.addTokenAccount(address);
      OAuthTest.Counting source = new OAuthTest.Counting(fake.tokenSource(address));
      MailAccount account =
          MailAccount.builder(address, source).provider(fake.descriptor()).build();
      MailConnector connector = fake.connector();

      VerificationResult ok = connector.verify(account);
      assertThat(ok.ok()).as("%s", ok).isTrue();
      connector.send(account, message(address));
      fake.expireTokens(address); // refused once, refreshed, accepted
      assertThat(connector.verify(account).ok()).isTrue();
      fake.withoutMailScope(address); // refused twice
      VerificationResult failed = connector.verify(account);
      assertThat(failed.ok()).isFalse();
      MailOperationException sendFailure = catchThrowableOfType(MailOperationException.class,
          () -> connector.send(account, message(address)));
      assertThat(sendFailure).isNotNull();
      fake.revokeTokens(address); // refused, and the refresh fails too
      MailOperationException openFailure =
          catchThrowableOfType(MailOperationException.class, () -> connector.open(account));
      assertThat(openFailure).isNotNull();

      outputs.add(ok.toString());
      outputs.add(failed.toString());
      outputs.add(account.toString());
      outputs.add(source.inner.toString());
      for (ProtocolCheck check : List.of(failed.imap(), failed.smtp())) {
        for (Attempt attempt : check.attempts()) {
          outputs.add(attempt.toString());
          attempt.failure().ifPresent(d -> outputs.add(LeakChecks.everything(d)));
        }
      }
      for (MailOperationException e : List.of(sendFailure, openFailure)) {
        outputs.add(LeakChecks.everything(e.diagnosis()));
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        outputs.add(trace.toString());
      }
      for (RecordedCommand command : fake.takeCommands()) {
        outputs.add(command.toString());
      }
      tokens.addAll(source.handedOut);
    }
  }

  private static MimeMessage message(String to) throws Exception {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    message.setSubject("token leak check");
    message.setText("hello");
    return message;
  }
}
