package com.lumyvo.providers.mail;

import com.lumyvo.providers.mail.verify.ProtocolCheck;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.diagnosis.FailureKind;
import com.lumyvo.providers.mail.junit.FakeProviderExtension;
import com.lumyvo.providers.mail.testing.Fault;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SendTest {
  @RegisterExtension
  final FakeProviderExtension fake = FakeProviderExtension.create();

  private MimeMessage message(String from, String to, String subject) throws Exception {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
    message.setFrom(new InternetAddress(from));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    message.setSubject(subject);
    message.setText("Hello");
    return message;
  }

  @Test
  void aReplyArrivesThreadedUnderTheOriginal() throws Exception {
    MailAccount customer = fake.get().addAccount("carol@fake.example", AppPassword.of("pw-carol-123"));
    MailAccount support = fake.get().addAccount("help@fake.example", AppPassword.of("pw-help-456"));
    MailConnector connector = fake.get().connector();

    connector.send(customer, message("carol@fake.example", "help@fake.example", "Order 42?"));
    assertThat(fake.get().awaitReceived(1, Duration.ofSeconds(30))).isTrue();
    MimeMessage question = fake.get().received().get(0);

    ProtocolCheck sent = connector.send(support, connector.reply(support, question, "It ships today."));
    assertThat(sent.ok()).isTrue();
    assertThat(fake.get().awaitReceived(2, Duration.ofSeconds(30))).isTrue();
    String questionId = question.getMessageID();
    MimeMessage answer = null;
    for (MimeMessage m : fake.get().received()) {
      if (!questionId.equals(m.getMessageID())) {
        answer = m;
      }
    }
    assertThat(answer).isNotNull();
    assertThat(questionId).isNotBlank();
    assertThat(answer.getHeader("In-Reply-To", null)).isEqualTo(questionId);
    assertThat(answer.getHeader("References", null)).contains(questionId);
    assertThat(answer.getSubject()).isEqualTo("Re: Order 42?");
    assertThat(answer.getFrom()).extracting(Object::toString).containsExactly("help@fake.example");
    assertThat(answer.getAllRecipients()).extracting(Object::toString)
        .containsExactly("carol@fake.example");
  }

  @Test
  void sendingFallsBackOnAConnectionFailureOnly() throws Exception {
    MailAccount customer = fake.get().addAccount("carol@fake.example", AppPassword.of("pw-carol-123"));
    fake.get().inject(Fault.CONNECTION_REFUSED, customer.smtp().get(0));
    ProtocolCheck sent = fake.get().connector().send(customer,
        message("carol@fake.example", "carol@fake.example", "via 587"));
    // The refused endpoint must be the one that failed, refused at TCP, and the next one sent.
    assertThat(sent.attempts()).hasSize(2);
    assertThat(sent.attempts().get(0).endpoint()).isEqualTo(customer.smtp().get(0));
    assertThat(sent.attempts().get(0).failedStep()).contains(ConnectionStep.TCP);
    assertThat(sent.attempts().get(0).failure().orElseThrow().kind())
        .isEqualTo(FailureKind.CONNECTION_REFUSED);
    assertThat(sent.attempts().get(1).endpoint()).isEqualTo(customer.smtp().get(1));
    assertThat(sent.attempts().get(1).ok()).isTrue();
    assertThat(fake.get().awaitReceived(1, Duration.ofSeconds(30))).isTrue();
  }

  @Test
  void aRejectedLoginFailsTheSendWithADiagnosisAndNothingIsSent() throws Exception {
    fake.get().addAccount("carol@fake.example", AppPassword.of("pw-carol-123"));
    MailAccount wrong = MailAccount.builder("carol@fake.example", AppPassword.of("not-her-password"))
        .provider(fake.get().descriptor()).build();
    assertThatThrownBy(() -> fake.get().connector().send(wrong,
        message("carol@fake.example", "carol@fake.example", "x")))
        .isInstanceOfSatisfying(MailOperationException.class, e -> {
          assertThat(e.diagnosis().kind()).isEqualTo(FailureKind.INVALID_CREDENTIALS);
          assertThat(e.step()).isEqualTo(ConnectionStep.AUTHENTICATION);
          assertThat(e.getCause()).isInstanceOf(jakarta.mail.AuthenticationFailedException.class);
        });
    assertThat(fake.get().received()).isEmpty();
  }

  @Test
  void aMessageWithoutRecipientsIsRefusedBeforeAnyConnection() throws Exception {
    MailAccount customer = fake.get().addAccount("carol@fake.example", AppPassword.of("pw-carol-123"));
    MimeMessage none = new MimeMessage(Session.getInstance(new Properties()));
    none.setText("nobody");
    assertThatThrownBy(() -> fake.get().connector().send(customer, none))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no recipients");
  }
}
