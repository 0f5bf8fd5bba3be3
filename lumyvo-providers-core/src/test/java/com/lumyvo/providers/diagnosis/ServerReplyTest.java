package com.lumyvo.providers.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.ProviderRegistry;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Diagnosis#serverReply()} is for people: the server's words without Java's class names,
 * which go to {@link Diagnosis#exceptionType()} for logs.
 */
class ServerReplyTest {
  private final ErrorClassifier classifier = ErrorClassifier.defaults();

  /** Stands in for Jakarta Mail's exception, which core knows by its simple name only. */
  static final class AuthenticationFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    AuthenticationFailedException(String message) {
      super(message);
    }
  }

  @Test
  void anAuthenticationFailureShowsTheServersWordsAndKeepsItsTypeForLogs() {
    Diagnosis d = classifier.classify(Evidence.builder().protocol(Protocol.SMTP)
        .error(new AuthenticationFailedException("535 5.7.8 Authentication credentials invalid\n"))
        .build());
    assertThat(d.kind()).isEqualTo(FailureKind.INVALID_CREDENTIALS);
    assertThat(d.serverReply()).contains("535 5.7.8 Authentication credentials invalid");
    assertThat(d.exceptionType()).contains(AuthenticationFailedException.class.getName());
    assertThat(d.toString()).doesNotContain("AuthenticationFailedException");
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        // new RuntimeException(cause) takes its cause's toString() as its own message.
        arguments(new RuntimeException(new ConnectException("Connection refused")),
            "Connection refused", "java.lang.RuntimeException"),
        arguments(new Exception("Couldn't connect to host, port: imap.gmx.net, 993; timeout 10000",
                new ConnectException("Connection refused")),
            "Couldn't connect to host, port: imap.gmx.net, 993; timeout 10000\nConnection refused",
            "java.lang.Exception"),
        // The JDK quotes the cause's class inside the message.
        arguments(new SSLHandshakeException("PKIX path building failed: "
                + "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid"
                + " certification path to requested target"),
            "PKIX path building failed: unable to find valid certification path to requested"
                + " target", "javax.net.ssl.SSLHandshakeException"),
        // Angus Mail makes up a BYE line with the exception that broke the connection.
        arguments(new IllegalStateException(
                "* BYE Jakarta Mail Exception: java.net.SocketTimeoutException: Read timed out"),
            "* BYE Jakarta Mail Exception: Read timed out", "java.lang.IllegalStateException"),
        // A server's own "Error:" is no class name.
        arguments(new AuthenticationFailedException("535 Error: authentication failed"),
            "535 Error: authentication failed", AuthenticationFailedException.class.getName()),
        arguments(new Exception("MailKit.Security.AuthenticationException: 535: 5.7.139 "
                + "Authentication unsuccessful"),
            "535: 5.7.139 Authentication unsuccessful", "java.lang.Exception"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("errors")
  void classNamesLeaveTheReplyAndTheOutermostTypeIsKeptApart(
      Throwable error, String shown, String type) {
    Diagnosis d = classifier.classify(error);
    assertThat(d.serverReply()).contains(shown);
    assertThat(d.exceptionType()).contains(type);
  }

  @Test
  void anExceptionWithoutAMessageHasATypeButNoReply() {
    Diagnosis d = classifier.classify(new SocketTimeoutException());
    assertThat(d.kind()).isEqualTo(FailureKind.TIMEOUT);
    assertThat(d.serverReply()).isEmpty();
    assertThat(d.exceptionType()).contains("java.net.SocketTimeoutException");
  }

  @Test
  void aReplyCopiedFromALogLosesItsClassNameButNotItsClassification() {
    Diagnosis d = classifier.classifyResponse(Protocol.SMTP,
        "javax.mail.AuthenticationFailedException: 535 5.7.0 (#AUTH005) Too many bad auth attempts.",
        ProviderRegistry.defaults().byId("yahoo").orElseThrow());
    assertThat(d.kind()).isEqualTo(FailureKind.APP_PASSWORD_REQUIRED);
    assertThat(d.serverReply()).contains("535 5.7.0 (#AUTH005) Too many bad auth attempts.");
    assertThat(d.exceptionType()).isEmpty();
  }

  @Test
  void aGivenReplyIsShownAloneWhateverTheErrorAdds() {
    Diagnosis d = classifier.classify(Evidence.builder().protocol(Protocol.IMAP)
        .serverReply("a1 NO [AUTHENTICATIONFAILED] Invalid credentials")
        .error(new IllegalStateException("wrapped by the caller")).build());
    assertThat(d.serverReply()).contains("a1 NO [AUTHENTICATIONFAILED] Invalid credentials");
    assertThat(d.exceptionType()).contains("java.lang.IllegalStateException");
  }

  @Test
  void aPasswordInAnExceptionsMessageStaysRedactedWhileTheTypeIsKept() {
    String password = "abcdefghijklmnop";
    Throwable error = new RuntimeException(new AuthenticationFailedException(
        "a1 NO [AUTHENTICATIONFAILED] no such login: anna " + password));
    Diagnosis d = classifier.classify(Evidence.builder().protocol(Protocol.IMAP).error(error)
        .secret(AppPassword.of(password)).build());
    assertThat(d.serverReply()).contains(
        "a1 NO [AUTHENTICATIONFAILED] no such login: anna " + Redaction.REDACTED);
    assertThat(Redaction.leaks(d.serverReply().orElseThrow() + d, password)).isFalse();
    assertThat(d.exceptionType()).contains("java.lang.RuntimeException");
  }
}
