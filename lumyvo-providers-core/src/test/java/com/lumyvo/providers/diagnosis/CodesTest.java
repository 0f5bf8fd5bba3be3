package com.lumyvo.providers.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Codes come from their registries, whole: no code of a registry is left for wording alone. */
class CodesTest {
  /** The IANA "IMAP Response Codes" registry (last updated 2024-11-26). */
  private static final List<String> IMAP_REGISTRY = List.of("NEWNAME", "REFERRAL", "ALERT",
      "BADCHARSET", "PARSE", "PERMANENTFLAGS", "READ-ONLY", "READ-WRITE", "TRYCREATE",
      "UIDNEXT", "UIDVALIDITY", "UNSEEN", "UNKNOWN-CTE", "UIDNOTSTICKY", "APPENDUID", "COPYUID",
      "URLMECH", "TOOBIG", "BADURL", "HIGHESTMODSEQ", "NOMODSEQ", "MODIFIED",
      "COMPRESSIONACTIVE", "CLOSED", "NOTSAVED", "BADCOMPARATOR", "ANNOTATE", "ANNOTATIONS",
      "TEMPFAIL", "MAXCONVERTMESSAGES", "MAXCONVERTPARTS", "NOUPDATE", "NOTIFICATIONOVERFLOW",
      "BADEVENT", "UNDEFINED-FILTER", "METADATA", "UNAVAILABLE", "AUTHENTICATIONFAILED",
      "AUTHORIZATIONFAILED", "EXPIRED", "PRIVACYREQUIRED", "CONTACTADMIN", "NOPERM", "INUSE",
      "EXPUNGEISSUED", "CORRUPTION", "SERVERBUG", "CLIENTBUG", "CANNOT", "LIMIT", "OVERQUOTA",
      "ALREADYEXISTS", "NONEXISTENT", "USEATTR", "MAILBOXID", "HASCHILDREN", "INPROGRESS",
      "UIDREQUIRED");

  /**
   * The IANA "SMTP Enhanced Status Codes" registry: for each subject, its highest registered
   * detail (RFC 3463 and its updates up to RFC 8689). Every detail from 0 to that number is
   * registered. X.0.0, "other undefined status", is left out: it says nothing by definition.
   */
  private static final Map<Integer, Integer> ENHANCED_REGISTRY =
      Map.of(1, 10, 2, 4, 3, 6, 4, 7, 5, 6, 6, 10, 7, 30);

  @Test
  void everyImapResponseCodeOfTheRegistryIsKnown() {
    assertThat(IMAP_REGISTRY).allSatisfy(code -> assertThat(Codes.knowsImapCode(code)).isTrue());
  }

  @Test
  void everyRegisteredEnhancedFailureCodeSaysSomethingWithoutWording() {
    List<String> silent = new ArrayList<>();
    for (Map.Entry<Integer, Integer> subject : ENHANCED_REGISTRY.entrySet()) {
      for (int detail = 0; detail <= subject.getValue(); detail++) {
        for (String klass : List.of("4", "5")) {
          String code = klass + "." + subject.getKey() + "." + detail;
          // The basic code that says least: 4yz and 5yz defaults, no wording at all.
          String reply = (klass.equals("4") ? "459 " : "559 ") + code;
          Diagnosis d = ErrorClassifier.defaults().classifyResponse(Protocol.SMTP, reply);
          if (d.kind() == FailureKind.UNKNOWN && d.alternatives().isEmpty()) {
            silent.add(code);
          }
        }
      }
    }
    assertThat(silent).as("registered codes that decide nothing").isEmpty();
    assertThat(ErrorClassifier.defaults().classifyResponse(Protocol.SMTP, "559 5.0.0").kind())
        .as("X.0.0 is undefined status").isEqualTo(FailureKind.UNKNOWN);
  }

  @Test
  void basicCodesOfRfc5321AndRfc7504HaveTheirMeaning() {
    Map<String, FailureKind> replies = Map.of(
        "421 closing", FailureKind.SERVER_UNAVAILABLE,
        "454 no", FailureKind.SERVER_UNAVAILABLE,
        "455 no", FailureKind.SERVER_UNAVAILABLE,
        "530 no", FailureKind.PROTOCOL_ERROR,
        "535 no", FailureKind.INVALID_CREDENTIALS,
        // RFC 5321's 550 covers "no access" and policy as well as a missing mailbox; servers
        // that name no mailbox mostly mean policy (LABELLING.md, "A bare 550").
        "550 no", FailureKind.MESSAGE_REJECTED,
        "553 no", FailureKind.MESSAGE_REJECTED,
        "555 no", FailureKind.PROTOCOL_ERROR,
        "556 no", FailureKind.MESSAGE_REJECTED);
    replies.forEach((reply, kind) -> assertThat(
        ErrorClassifier.defaults().classifyResponse(Protocol.SMTP, reply).kind())
        .as(reply).isEqualTo(kind));
  }

  @Test
  void aGenericDetailGivesWayToWordingThatNamesTheCause() {
    assertThat(ErrorClassifier.defaults().classifyResponse(Protocol.SMTP,
        "501 5.5.4 You are not allowed to send from this address.").kind())
        .isEqualTo(FailureKind.MESSAGE_REJECTED);
    assertThat(ErrorClassifier.defaults().classifyResponse(Protocol.SMTP,
        "501 5.5.4 Invalid parameters").kind()).isEqualTo(FailureKind.PROTOCOL_ERROR);
  }

  @Test
  void aPointerCodeGivesWayToWordingButDecidesAlone() {
    assertThat(ErrorClassifier.defaults().classifyResponse(Protocol.IMAP,
        "a NO [CONTACTADMIN] Database failure.").kind())
        .isEqualTo(FailureKind.SERVER_UNAVAILABLE);
    assertThat(ErrorClassifier.defaults().classifyResponse(Protocol.IMAP,
        "a NO [CONTACTADMIN]").kind()).isEqualTo(FailureKind.ACCESS_DISABLED);
  }
}
