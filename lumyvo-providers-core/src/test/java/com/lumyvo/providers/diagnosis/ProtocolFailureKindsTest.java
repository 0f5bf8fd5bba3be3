package com.lumyvo.providers.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.Protocol;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where the server breaks the protocol, the diagnosis says so, alike for IMAP and SMTP. */
class ProtocolFailureKindsTest {
  private final ErrorClassifier classifier = ErrorClassifier.defaults();

  /** Stands for the library's authentication failure, known to core by its simple name. */
  static final class AuthenticationFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    AuthenticationFailedException(String message) {
      super(message);
    }
  }

  /** Stands for the library's general failure, which carries the greeting's code. */
  static final class MessagingException extends Exception {
    private static final long serialVersionUID = 1L;

    MessagingException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  @Test
  void anEndlessSmtpAuthContinuationIsAProtocolErrorNotAWrongPassword() {
    // Jakarta Mail gives up on AUTH LOGIN with the last reply, 334, as an authentication failure.
    Diagnosis d = classifier.classify(Evidence.builder().protocol(Protocol.SMTP)
        .error(new AuthenticationFailedException("334 VXNlcm5hbWU6")).build());
    assertThat(d.kind()).isEqualTo(FailureKind.PROTOCOL_ERROR);
    assertThat(d.alternatives()).doesNotContain(FailureKind.INVALID_CREDENTIALS,
        FailureKind.APP_PASSWORD_REQUIRED);
    assertThat(d.solutions()).noneMatch(s -> s.toLowerCase().contains("password"));
  }

  @Test
  void aContinuationReplyAloneIsAProtocolError() {
    assertThat(classifier.classifyResponse(Protocol.SMTP, "334 UGFzc3dvcmQ6").kind())
        .isEqualTo(FailureKind.PROTOCOL_ERROR);
  }

  @Test
  void aFailureCodeAfterASuccessLineDecides() {
    assertThat(classifier.classifyResponse(Protocol.SMTP,
        "250 2.1.0 Sender OK\n550 5.1.1 <bob@example.org>: Recipient address rejected").kind())
        .isEqualTo(FailureKind.MAILBOX_NOT_FOUND);
  }

  @Test
  void runningOutOfMemoryOnAnAnswerIsAProtocolError() {
    Diagnosis d = classifier.classify(new MessagingException("FETCH failed",
        new OutOfMemoryError("Java heap space")));
    assertThat(d.kind()).isEqualTo(FailureKind.PROTOCOL_ERROR);
    assertThat(d.isRetryable()).isFalse();
  }

  @Test
  void anIndexErrorWhileParsingIsAProtocolError() {
    assertThat(classifier.classify(new MessagingException("parse",
        new ArrayIndexOutOfBoundsException("Index 7 out of bounds for length 7"))).kind())
        .isEqualTo(FailureKind.PROTOCOL_ERROR);
    assertThat(classifier.classify(new StringIndexOutOfBoundsException("begin 0, end -1")).kind())
        .isEqualTo(FailureKind.PROTOCOL_ERROR);
  }

  @Test
  void printedIndexAndMemoryErrorsAreProtocolErrorsToo() {
    for (String printed : List.of("java.lang.OutOfMemoryError: Java heap space",
        "java.lang.ArrayIndexOutOfBoundsException: Index 3 out of bounds for length 3")) {
      assertThat(classifier.classifyResponse(null, printed).kind()).as(printed)
          .isEqualTo(FailureKind.PROTOCOL_ERROR);
    }
  }

  /** Jakarta Mail's words for an SMTP greeting other than 220, with every kind of code. */
  @ParameterizedTest
  @ValueSource(ints = {421, 521, 554, 500, 220})
  void aBadSmtpGreetingIsTheServerRefusingServiceAsAnImapByeGreetingIs(int code) {
    Diagnosis smtp = classifier.classify(Evidence.builder().protocol(Protocol.SMTP)
        .error(new MessagingException("Got bad greeting from SMTP host: mail.example.org, port: 25,"
            + " response: " + code, null)).build());
    Diagnosis imap = classifier.classifyResponse(Protocol.IMAP,
        "* BYE Service not available now");
    assertThat(imap.kind()).isEqualTo(FailureKind.SERVER_UNAVAILABLE);
    assertThat(smtp.kind()).isEqualTo(imap.kind());
    assertThat(smtp.alternatives()).contains(FailureKind.PROTOCOL_ERROR);
  }

  @Test
  void imapByeGreetingWithoutWordsIsServerUnavailable() {
    assertThat(classifier.classifyResponse(Protocol.IMAP, "* BYE").kind())
        .isEqualTo(FailureKind.SERVER_UNAVAILABLE);
  }

  @Test
  void aBadCommandAnswerIsAProtocolErrorOnBothProtocols() {
    assertThat(classifier.classifyResponse(Protocol.IMAP, "a1 BAD Unknown command").kind())
        .isEqualTo(FailureKind.PROTOCOL_ERROR);
    assertThat(classifier.classifyResponse(Protocol.SMTP, "500 5.5.2 Unknown command").kind())
        .isEqualTo(FailureKind.PROTOCOL_ERROR);
  }
}
