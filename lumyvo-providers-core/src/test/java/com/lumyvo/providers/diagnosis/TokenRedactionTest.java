package com.lumyvo.providers.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lumyvo.providers.oauth.AccessToken;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Access and refresh tokens are redacted like passwords, and SASL token blobs even unnamed. */
class TokenRedactionTest {
  private static final String TOKEN = "ya29.a0AfB_byDq-Zx9~Lk+Pq/7Rt";

  @Provide
  Arbitrary<String> tokens() {
    return Arbitraries.strings().withChars(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~+/")
        .ofMinLength(12).ofMaxLength(300);
  }

  @Provide
  Arbitrary<String> addresses() {
    return Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20)
        .map(local -> local + "@example.com");
  }

  @Provide
  Arbitrary<String> context() {
    return Arbitraries.strings().withChars("abc XYZ:,.\n[]()<>-").ofMaxLength(30);
  }

  static String xoauth2(String user, String token) {
    return "user=" + user + "\u0001auth=Bearer " + token + "\u0001\u0001";
  }

  static String oauthbearer(String user, String token) {
    return "n,a=" + user + ",\u0001host=imap.example.com\u0001port=993\u0001auth=Bearer "
        + token + "\u0001\u0001";
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static String hex(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      out.append(String.format("%02X", b));
    }
    return out.toString();
  }

  private static boolean shows(String redacted, String token) {
    return redacted.contains(token) || Redaction.leaks(redacted, token);
  }

  @Property(tries = 300)
  void aNamedTokenGoesInEveryForm(@ForAll("tokens") String token,
      @ForAll("addresses") String user, @ForAll("context") String before,
      @ForAll("context") String after, @ForAll @IntRange(min = 0, max = 2) int shift) {
    CredentialRedactor redactor = CredentialRedactor.of().withTokens(AccessToken.of(token));
    String shifted = base64("xy".substring(0, shift) + token + "z");
    for (String form : new String[] {token, URLEncoder.encode(token, StandardCharsets.UTF_8),
        "\"" + token + "\"", "Bearer " + token, hex(token), base64(xoauth2(user, token)),
        base64(oauthbearer(user, token)), shifted}) {
      String out = redactor.redact(before + form + after);
      assertThat(shows(out, token)).as(form).isFalse();
    }
  }

  @Property(tries = 300)
  void anUnnamedTokenGoesWithItsSaslBlobAtEveryAlignment(@ForAll("tokens") String token,
      @ForAll("addresses") String user, @ForAll("context") String before,
      @ForAll @IntRange(min = 0, max = 3) int cut, @ForAll boolean standard) {
    String blob = base64(standard ? oauthbearer(user, token) : xoauth2(user, token));
    // A piece of the blob starting anywhere in a 4-character group, as a wrapped or truncated
    // line would show it.
    String piece = blob.substring(cut);
    String out = CredentialRedactor.of().redact(before + " " + piece + " end");
    assertThat(out).doesNotContain(piece).doesNotContain(token).endsWith(" end");
    assertThat(Redaction.leaks(out, token)).isFalse();
  }

  @Property(tries = 200)
  void anUnnamedBearerTokenGoesWhereverItStands(@ForAll("tokens") String token,
      @ForAll("context") String before) {
    for (String form : new String[] {"Authorization: Bearer " + token, "auth=Bearer " + token
        + "\u0001\u0001", "bearer%20" + URLEncoder.encode(token, StandardCharsets.UTF_8)}) {
      String out = CredentialRedactor.of().redact(before + " " + form + " rest");
      assertThat(out).as(form).doesNotContain(token).contains(Redaction.REDACTED);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"access_token\": \"ya29.secretA\", \"expires_in\": 3599}|ya29.secretA",
      "{\"refresh_token\":\"1//0gsecretR\",\"token_type\":\"Bearer\"}|1//0gsecretR",
      "grant_type=refresh_token&refresh_token=1%2F%2F0gsecretQ&client_id=x|1%2F%2F0gsecretQ",
      "client_secret=GOCSPX-secretS&x=1|GOCSPX-secretS",
      "{\"device_code\":\"AH-1Ng3secretD\",\"user_code\":\"GQVQ-JKEC\"}|AH-1Ng3secretD",
  })
  void tokenResponseAndRequestFieldsAreRedactedUnnamed(String text, String secret) {
    String out = CredentialRedactor.of().redact(text);
    assertThat(out).doesNotContain(secret).contains(Redaction.REDACTED);
  }

  @Test
  void aNamedRefreshTokenGoesEvenInProse() {
    CredentialRedactor redactor = CredentialRedactor.of().withSecrets("1//0gRefreshSecret");
    assertThat(redactor.redact("stored 1//0gRefreshSecret for anna"))
        .isEqualTo("stored " + Redaction.REDACTED + " for anna");
    assertThat(redactor.toString()).isEqualTo("CredentialRedactor[1 secrets]");
    assertThatThrownBy(() -> redactor.withSecrets("ab"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void gmailsErrorChallengeStaysReadableBecauseItHoldsNoSecret() {
    String challenge = "+ eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiYmVhcmVyIiwic2NvcGUiOiJodHRwczovL21"
        + "haWwuZ29vZ2xlLmNvbS8ifQ==";
    assertThat(CredentialRedactor.of().redact(challenge)).isEqualTo(challenge);
  }

  @Test
  void theSaslCommandLineIsRedactedWithoutNamingTheToken() {
    String line = "A1 AUTHENTICATE XOAUTH2 " + base64(xoauth2("anna@example.com", TOKEN));
    String out = CredentialRedactor.of().redact(line);
    assertThat(out).isEqualTo("A1 AUTHENTICATE XOAUTH2 " + Redaction.REDACTED);
  }
}
