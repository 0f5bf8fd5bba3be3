package com.lumyvo.providers.mail.verify;

import static com.lumyvo.providers.diagnosis.FailureKind.ACCESS_DISABLED;
import static com.lumyvo.providers.diagnosis.FailureKind.APP_PASSWORD_REQUIRED;
import static com.lumyvo.providers.diagnosis.FailureKind.AUTH_MECHANISM_UNSUPPORTED;
import static com.lumyvo.providers.diagnosis.FailureKind.CONNECTION_REFUSED;
import static com.lumyvo.providers.diagnosis.FailureKind.INVALID_CREDENTIALS;
import static com.lumyvo.providers.diagnosis.FailureKind.MAILBOX_NOT_FOUND;
import static com.lumyvo.providers.diagnosis.FailureKind.MESSAGE_REJECTED;
import static com.lumyvo.providers.diagnosis.FailureKind.NETWORK_UNREACHABLE;
import static com.lumyvo.providers.diagnosis.FailureKind.PLAN_NOT_SUPPORTED;
import static com.lumyvo.providers.diagnosis.FailureKind.PROTOCOL_ERROR;
import static com.lumyvo.providers.diagnosis.FailureKind.QUOTA_EXCEEDED;
import static com.lumyvo.providers.diagnosis.FailureKind.RATE_LIMITED;
import static com.lumyvo.providers.diagnosis.FailureKind.SERVER_NOT_FOUND;
import static com.lumyvo.providers.diagnosis.FailureKind.SERVER_UNAVAILABLE;
import static com.lumyvo.providers.diagnosis.FailureKind.TIMEOUT;
import static com.lumyvo.providers.diagnosis.FailureKind.TLS_FAILURE;
import static com.lumyvo.providers.diagnosis.FailureKind.TOKEN_EXPIRED;
import static com.lumyvo.providers.diagnosis.FailureKind.TOKEN_REVOKED;
import static com.lumyvo.providers.diagnosis.FailureKind.TOKEN_SCOPE_MISSING;
import static com.lumyvo.providers.diagnosis.FailureKind.UNKNOWN;
import static com.lumyvo.providers.diagnosis.FailureKind.WEB_LOGIN_REQUIRED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.diagnosis.ErrorClassifier;
import com.lumyvo.providers.diagnosis.Evidence;
import com.lumyvo.providers.diagnosis.FailureKind;
import com.lumyvo.providers.mail.ConnectionStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Which of IMAP's and SMTP's diagnoses a person sees first, for every pair of kinds. */
class VerificationResultTest {
  private static final ServerEndpoint IMAP = ServerEndpoint.of("imap.example.org", 993,
      Security.SSL_TLS);
  private static final ServerEndpoint SMTP = ServerEndpoint.of("smtp.example.org", 465,
      Security.SSL_TLS);

  /** The rule as VerificationResult#diagnosis documents it, tier by tier, first shown first. */
  private static final List<List<FailureKind>> TIERS = List.of(
      List.of(WEB_LOGIN_REQUIRED, PLAN_NOT_SUPPORTED, ACCESS_DISABLED, APP_PASSWORD_REQUIRED,
          AUTH_MECHANISM_UNSUPPORTED, TOKEN_REVOKED, TOKEN_SCOPE_MISSING),
      List.of(INVALID_CREDENTIALS),
      List.of(QUOTA_EXCEEDED, MAILBOX_NOT_FOUND, MESSAGE_REJECTED),
      List.of(TLS_FAILURE, SERVER_NOT_FOUND, CONNECTION_REFUSED),
      List.of(TOKEN_EXPIRED, RATE_LIMITED, SERVER_UNAVAILABLE, NETWORK_UNREACHABLE, TIMEOUT),
      List.of(PROTOCOL_ERROR, UNKNOWN));

  private static final List<FailureKind> ORDER = TIERS.stream().flatMap(List::stream).toList();

  @Test
  void theDocumentedOrderPlacesEveryKindExactlyOnce() {
    assertThat(ORDER).containsExactlyInAnyOrder(FailureKind.values());
  }

  /** Every pair of kinds, IMAP's first: the earlier kind in the documented order wins. */
  static Stream<Arguments> everyPair() {
    List<Arguments> pairs = new ArrayList<>();
    for (FailureKind imap : FailureKind.values()) {
      for (FailureKind smtp : FailureKind.values()) {
        Protocol shown = ORDER.indexOf(smtp) < ORDER.indexOf(imap) ? Protocol.SMTP : Protocol.IMAP;
        pairs.add(arguments(imap, smtp, shown));
      }
    }
    return pairs.stream();
  }

  @ParameterizedTest(name = "IMAP {0}, SMTP {1}: {2} first")
  @MethodSource("everyPair")
  void theMoreSpecificAndActionableDiagnosisIsShownFirst(
      FailureKind imap, FailureKind smtp, Protocol shown) {
    VerificationResult result = result(failed(Protocol.IMAP, imap), failed(Protocol.SMTP, smtp));
    ProtocolCheck expected = shown == Protocol.IMAP ? result.imap() : result.smtp();
    assertThat(result.diagnosedCheck()).containsSame(expected);
    assertThat(result.diagnosis()).containsSame(expected.diagnosis().orElseThrow());
  }

  /** The rows the rule was written for, with the reason each way round. */
  @ParameterizedTest(name = "{0} beats {1}: {2}")
  @CsvSource(delimiter = '|', value = {
      "APP_PASSWORD_REQUIRED | INVALID_CREDENTIALS | the provider said precisely what the password lacks",
      "ACCESS_DISABLED       | INVALID_CREDENTIALS | GMX answers switched-off IMAP like a wrong password",
      "WEB_LOGIN_REQUIRED    | APP_PASSWORD_REQUIRED | signing in on the web comes before generating an app password",
      "INVALID_CREDENTIALS   | RATE_LIMITED        | rejected logins are what gets an account rate limited",
      "INVALID_CREDENTIALS   | TIMEOUT             | an account problem is not fixed by waiting",
      "TLS_FAILURE           | CONNECTION_REFUSED  | a failed certificate check may be an attack",
      "SERVER_NOT_FOUND      | TIMEOUT             | a wrong host name is no passing trouble",
      "RATE_LIMITED          | TIMEOUT             | the server's own statement beats a silent network",
      "TIMEOUT               | PROTOCOL_ERROR      | a person can act on a timeout, not on a bug",
      "PROTOCOL_ERROR        | UNKNOWN             | specific beats unknown",
  })
  void namedRulesHoldWhicheverProtocolSaidWhat(FailureKind winner, FailureKind loser,
      String reason) {
    for (boolean winnerOnImap : new boolean[] {true, false}) {
      VerificationResult result = winnerOnImap
          ? result(failed(Protocol.IMAP, winner), failed(Protocol.SMTP, loser))
          : result(failed(Protocol.IMAP, loser), failed(Protocol.SMTP, winner));
      assertThat(result.diagnosis().orElseThrow().kind()).as(reason).isEqualTo(winner);
    }
  }

  @Test
  void nonRetryableAccountProblemsBeatEveryTransientOne() {
    List<FailureKind> account = new ArrayList<>(TIERS.get(0));
    account.add(INVALID_CREDENTIALS);
    List<FailureKind> retryable = Arrays.stream(FailureKind.values())
        .filter(FailureKind::isRetryable).toList();
    assertThat(retryable).containsExactlyInAnyOrderElementsOf(TIERS.get(4));
    for (FailureKind a : account) {
      for (FailureKind t : retryable) {
        assertThat(result(failed(Protocol.IMAP, t), failed(Protocol.SMTP, a)).diagnosis()
            .orElseThrow().kind()).as("%s vs %s", a, t).isEqualTo(a);
      }
    }
  }

  @Test
  void theSameKindOnBothProtocolsShowsImaps() {
    for (FailureKind kind : FailureKind.values()) {
      VerificationResult result = result(failed(Protocol.IMAP, kind), failed(Protocol.SMTP, kind));
      assertThat(result.diagnosedCheck()).as("%s", kind).containsSame(result.imap());
    }
  }

  @Test
  void whenOneProtocolWorksTheOtherOnesDiagnosisIsShownWhateverItIs() {
    for (FailureKind kind : FailureKind.values()) {
      VerificationResult imapFailed = result(failed(Protocol.IMAP, kind), ok(Protocol.SMTP));
      assertThat(imapFailed.diagnosedCheck()).containsSame(imapFailed.imap());
      assertThat(imapFailed.diagnosis().orElseThrow().kind()).isEqualTo(kind);
      VerificationResult smtpFailed = result(ok(Protocol.IMAP), failed(Protocol.SMTP, kind));
      assertThat(smtpFailed.diagnosedCheck()).containsSame(smtpFailed.smtp());
      assertThat(smtpFailed.diagnosis().orElseThrow().kind()).isEqualTo(kind);
    }
  }

  @Test
  void aVerificationThatWorkedHasNothingToShow() {
    VerificationResult result = result(ok(Protocol.IMAP), ok(Protocol.SMTP));
    assertThat(result.diagnosis()).isEmpty();
    assertThat(result.diagnosedCheck()).isEmpty();
  }

  /**
   * SMTP is judged by its outcome, its last attempt, as {@link ProtocolCheck#diagnosis()} is:
   * an earlier alternative's TLS failure would have beaten IMAP's timeout.
   */
  @Test
  void smtpIsJudgedByItsLastAttempt() {
    ProtocolCheck smtp = new ProtocolCheck(Protocol.SMTP, List.of(
        Attempt.failed(SMTP, diagnosis(TLS_FAILURE), ConnectionStep.TLS, Duration.ZERO),
        Attempt.failed(SMTP, diagnosis(UNKNOWN), ConnectionStep.GREETING, Duration.ZERO)));
    VerificationResult result = result(failed(Protocol.IMAP, TIMEOUT), smtp);
    assertThat(result.diagnosis().orElseThrow().kind()).isEqualTo(TIMEOUT);
  }

  private static VerificationResult result(ProtocolCheck imap, ProtocolCheck smtp) {
    return new VerificationResult(imap, smtp);
  }

  private static ProtocolCheck failed(Protocol protocol, FailureKind kind) {
    return new ProtocolCheck(protocol, List.of(Attempt.failed(endpoint(protocol), diagnosis(kind),
        ConnectionStep.AUTHENTICATION, Duration.ofMillis(5))));
  }

  private static ProtocolCheck ok(Protocol protocol) {
    return new ProtocolCheck(protocol,
        List.of(Attempt.succeeded(endpoint(protocol), Duration.ofMillis(5))));
  }

  private static ServerEndpoint endpoint(Protocol protocol) {
    return protocol == Protocol.IMAP ? IMAP : SMTP;
  }

  /** A diagnosis of {@code kind}, made the way services make their own. */
  private static Diagnosis diagnosis(FailureKind kind) {
    Diagnosis d = ErrorClassifier.builder().rule(evidence -> Optional.of(kind)).build()
        .classify(Evidence.builder().build());
    assertThat(d.kind()).isEqualTo(kind);
    return d;
  }
}
