package com.lumyvo.providers.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.ProviderRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Classification answers anything with a diagnosis, never an exception, and never slowly. */
class HostileEvidencePropertiesTest {
  private final ErrorClassifier classifier = ErrorClassifier.defaults();

  @Property(tries = 1000)
  void anyReplyGetsADiagnosis(@ForAll("replyLike") String reply, @ForAll Protocol protocol) {
    Diagnosis d = classifier.classifyResponse(protocol, reply,
        ProviderRegistry.defaults().byId("zoho").orElseThrow());
    assertThat(d.kind()).isNotNull();
    assertThat(d.summary()).isNotBlank();
    assertThat(d.serverReply().map(String::length).orElse(0)).isLessThanOrEqualTo(1_000);
  }

  @Property(tries = 300)
  void aSecretInAnyReplyNeverComesBack(
      @ForAll("replyLike") String before, @ForAll("secrets") String secret,
      @ForAll @IntRange(min = 0, max = 2) int alignment) {
    String padded = "x".repeat(alignment) + secret;
    String base64 = Base64.getEncoder().encodeToString(padded.getBytes(StandardCharsets.UTF_8));
    Evidence evidence = Evidence.builder().serverReply(before + " " + secret + " AUTH PLAIN "
        + base64 + "\n" + base64).secret(AppPassword.of(secret)).build();
    Diagnosis d = classifier.classify(evidence);
    assertThat(Redaction.leaks(d.toString() + d.serverReply().orElse(""), secret)).isFalse();
  }

  @Property(tries = 200)
  void cyclicAndDeepCauseChainsEnd(@ForAll @IntRange(min = 1, max = 5_000) int depth,
      @ForAll boolean cyclic) {
    Exception root = new Exception("root");
    Exception top = root;
    for (int i = 0; i < depth; i++) {
      top = new Exception("level " + i, top);
    }
    if (cyclic) {
      root.initCause(top);
    }
    assertThat(classifier.classify(top).kind()).isEqualTo(FailureKind.UNKNOWN);
  }

  @Property(tries = 200)
  void throwablesThatThrowAreStillClassified(@ForAll @StringLength(max = 100) String message) {
    Exception hostile = new Exception(message) {
      private static final long serialVersionUID = 1L;

      @Override
      public String getMessage() {
        throw new IllegalStateException("no message for you");
      }

      @Override
      public synchronized Throwable getCause() {
        throw new IllegalStateException("no cause either");
      }
    };
    assertThat(classifier.classify(hostile).kind()).isNotNull();
  }

  @Test
  void aMegabyteOfGarbageIsReadOnlyAsFarAsNeeded() {
    StringBuilder garbage = new StringBuilder();
    java.util.Random random = new java.util.Random(42);
    while (garbage.length() < 1 << 20) {
      garbage.append((char) random.nextInt(Character.MAX_VALUE));
    }
    Diagnosis d = classifier.classifyResponse(Protocol.SMTP, garbage.toString());
    assertThat(d.serverReply().orElseThrow()).hasSizeLessThanOrEqualTo(1_000);
    assertThat(classifier.classify(new Exception(garbage.toString())).kind()).isNotNull();
  }

  @Provide
  Arbitrary<String> replyLike() {
    Arbitrary<String> pieces = Arbitraries.oneOf(
        Arbitraries.of("535", "5.7.8", "* ", "a1 NO ", "BAD", "[ALERT]", "[AUTHENTICATIONFAILED",
            "]", "\n", "\r\n", "-", " ", "AUTH PLAIN ", "LOGIN ", "quota", "try again in 99999 h",
            "password=", "Bearer ", "\u0000", "\uD800", "==", "[", "5.7.", "421-", "ssl"),
        Arbitraries.strings().ofMaxLength(8));
    return pieces.list().ofMaxSize(40).map(list -> String.join("", list));
  }

  @Provide
  Arbitrary<String> secrets() {
    return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCDEFGH0123456789-_.!é")
        .ofMinLength(8).ofMaxLength(32);
  }
}
