package com.lumyvo.providers.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lumyvo.providers.oauth.TokenUnavailableException.Reason;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The refresh-token and device-code grants against a local token endpoint. */
class OAuthClientTest {
  static final String ACCESS = "ya29.accessSecretValue";
  static final String REFRESH = "1//refreshSecretValue";
  static final String SECRET = "clientSecretValue";
  static final Instant NOW = Instant.parse("2026-12-02T15:00:00Z");

  private FakeTokenEndpoint endpoint;

  @BeforeEach
  void start() throws Exception {
    endpoint = new FakeTokenEndpoint();
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  private OAuthClient.Builder client() {
    return OAuthClient.builder(endpoint.token(), "client-1").clientSecret(SECRET)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static String tokenJson(String access, int expiresIn) {
    return "{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\",\"expires_in\":"
        + expiresIn + ",\"scope\":\"https://mail.google.com/\"}";
  }

  @Test
  void aRefreshSendsTheGrantAndReadsTheToken() throws Exception {
    endpoint.answer(200, tokenJson(ACCESS, 3599));
    TokenGrant grant = client().build().refresh(REFRESH, List.of("a", "b"));
    assertThat(grant.accessToken().value()).isEqualTo(ACCESS);
    assertThat(grant.accessToken().expiresAt()).contains(NOW.plusSeconds(3599));
    assertThat(grant.refreshToken()).isEmpty();
    assertThat(grant.scope()).contains("https://mail.google.com/");
    assertThat(grant.toString()).doesNotContain(ACCESS);
    assertThat(endpoint.requests()).singleElement().satisfies(r -> {
      assertThat(r.path()).isEqualTo("/token");
      assertThat(r.form()).containsEntry("grant_type", "refresh_token")
          .containsEntry("refresh_token", REFRESH).containsEntry("client_id", "client-1")
          .containsEntry("client_secret", SECRET).containsEntry("scope", "a b");
    });
  }

  @Test
  void aRotatedRefreshTokenIsHandedBack() throws Exception {
    endpoint.answer(200, "{\"access_token\":\"" + ACCESS + "\",\"token_type\":\"bearer\","
        + "\"refresh_token\":\"1//rotatedSecret\",\"extra\":{\"nested\":[1,2,{\"a\":null}]}}");
    TokenGrant grant = client().build().refresh(REFRESH, List.of());
    assertThat(grant.refreshToken()).contains("1//rotatedSecret");
    assertThat(grant.accessToken().expiresAt()).isEmpty();
    assertThat(grant.toString()).contains("refresh token issued").doesNotContain("rotated");
    assertThat(endpoint.requests().get(0).form()).doesNotContainKey("scope");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "400|{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}|REVOKED|invalid_grant",
      "400|{\"error\":\"invalid_client\"}|MISCONFIGURED|invalid_client",
      "401|{\"error\":\"unauthorized_client\"}|MISCONFIGURED|unauthorized_client",
      "400|{\"error\":\"invalid_scope\"}|MISCONFIGURED|invalid_scope",
      "400|{\"error\":\"unsupported_grant_type\"}|MISCONFIGURED|unsupported_grant_type",
      "400|{\"error\":\"invalid_request\"}|MISCONFIGURED|invalid_request",
      "503|{\"error\":\"temporarily_unavailable\"}|TEMPORARY|temporarily_unavailable",
      "500|<html>oops</html>|TEMPORARY|no error code",
      "429||TEMPORARY|no error code",
      "403|not json|MISCONFIGURED|no error code",
      "400|{\"error\":\"bad code with spaces\"}|MISCONFIGURED|an unreadable code",
  })
  void endpointErrorsBecomeReasonsWithoutSecrets(int status, String body, Reason reason,
      String named) {
    endpoint.answer(status, body == null ? "" : body);
    assertThatThrownBy(() -> client().build().refresh(REFRESH, List.of()))
        .isInstanceOfSatisfying(TokenUnavailableException.class, e -> {
          assertThat(e.reason()).isEqualTo(reason);
          assertThat(e.getMessage()).contains(named).contains("HTTP " + status)
              .doesNotContain(REFRESH).doesNotContain(SECRET)
              .doesNotContain("expired or revoked");
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"token_type\":\"Bearer\"}", "{\"access_token\":\"has space\"}",
      "{\"access_token\":\"abc\",\"token_type\":\"mac\"}", "[1,2]", "{\"access_token\":",
      "{\"access_token\":\"abc\",\"expires_in\":\"soon\"}",
      "{\"access_token\":\"abc\",\"expires_in\":-5}"})
  void answersThatAreNoTokenResponseAreMisconfiguration(String body) {
    endpoint.answer(200, body);
    assertThatThrownBy(() -> client().build().refresh(REFRESH, List.of()))
        .isInstanceOfSatisfying(TokenUnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MISCONFIGURED))
        .hasMessageNotContaining("has space");
  }

  @Test
  void aRedirectIsNotFollowedBecauseTheRequestCarriesSecrets() {
    endpoint.answer(307, "").answer(200, tokenJson(ACCESS, 60));
    assertThatThrownBy(() -> client().build().refresh(REFRESH, List.of()))
        .isInstanceOfSatisfying(TokenUnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MISCONFIGURED))
        .hasMessageContaining("HTTP 307");
    assertThat(endpoint.requests()).hasSize(1);
  }

  @Test
  void anOversizedAnswerIsRefusedUnread() {
    endpoint.answer(200, "{\"access_token\":\"" + "a".repeat(5000) + "\"}");
    assertThatThrownBy(() -> client().maxResponseBytes(1024).build().refresh(REFRESH, List.of()))
        .isInstanceOfSatisfying(TokenUnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MISCONFIGURED))
        .hasMessageContaining("longer than 1024 bytes");
  }

  @Test
  void anUnreachableEndpointIsTemporary() throws Exception {
    URI gone = endpoint.token();
    endpoint.close();
    assertThatThrownBy(() -> OAuthClient.builder(gone, "c").timeout(Duration.ofSeconds(5))
        .build().refresh(REFRESH, List.of()))
        .isInstanceOfSatisfying(TokenUnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TEMPORARY))
        .hasMessageContaining("could not reach 127.0.0.1")
        .hasMessageNotContaining(REFRESH);
  }

  @Test
  void anEndpointThatNeverAnswersIsTemporaryAfterTheTimeout() {
    java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
    endpoint.answerAfter(never, 200, tokenJson(ACCESS, 60));
    try {
      assertThatThrownBy(() -> client().timeout(Duration.ofMillis(300)).build()
          .refresh(REFRESH, List.of()))
          .isInstanceOfSatisfying(TokenUnavailableException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.TEMPORARY))
          .hasMessageContaining("did not answer within");
    } finally {
      never.countDown();
    }
  }

  @Test
  void anInterruptedCallerGetsTemporaryAndKeepsItsInterrupt() {
    Thread.currentThread().interrupt();
    try {
      endpoint.answer(200, tokenJson(ACCESS, 60));
      assertThatThrownBy(() -> client().build().refresh(REFRESH, List.of()))
          .isInstanceOfSatisfying(TokenUnavailableException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.TEMPORARY));
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://id.example/token", "ftp://127.0.0.1/token",
      "https://user@id.example/token", "token"})
  void endpointsMustBeHttpsOutsideLoopback(String uri) {
    assertThatThrownBy(() -> OAuthClient.builder(URI.create(uri), "c"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tokenEndpoint");
  }

  @Test
  void aProvidersFactsConfigureTheClient() {
    com.lumyvo.providers.ProviderRegistry registry =
        com.lumyvo.providers.ProviderRegistry.defaults();
    OAuthClient outlook = OAuthClient.builder(
        registry.byId("outlook").orElseThrow().oauth().orElseThrow(), "client-1").build();
    assertThat(outlook.toString())
        .contains("https://login.microsoftonline.com/consumers/oauth2/v2.0/token");
    // Gmail's device flow does not grant the mail scope, so its facts name no device endpoint.
    OAuthClient gmail = OAuthClient.builder(
        registry.byId("gmail").orElseThrow().oauth().orElseThrow(), "client-1").build();
    assertThatThrownBy(() -> gmail.deviceCode(List.of(), d -> { }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no deviceAuthorizationEndpoint");
  }

  @Test
  void theBuilderRefusesNonsenseByName() {
    URI ok = URI.create("https://id.example/token");
    assertThatThrownBy(() -> OAuthClient.builder(ok, " ")).hasMessage("clientId is blank");
    assertThatThrownBy(() -> OAuthClient.builder(ok, "c").timeout(Duration.ZERO))
        .hasMessageContaining("timeout must be positive");
    assertThatThrownBy(() -> OAuthClient.builder(ok, "c").maxResponseBytes(10))
        .hasMessageContaining("at least 1024");
    assertThatThrownBy(() -> OAuthClient.builder(ok, "c").build().deviceCode(List.of(), d -> { }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(OAuthClient.builder(ok, "c").clientSecret(SECRET).build().toString())
        .doesNotContain(SECRET);
  }

  // ---- device code (RFC 8628) ----

  /** A pause that does not wait but moves a fake clock, and remembers each wait. */
  static final class FakeTime implements OAuthClient.Pause {
    final AtomicLong nanos = new AtomicLong();
    final List<Duration> waits = new ArrayList<>();

    @Override
    public void sleep(Duration duration) {
      waits.add(duration);
      nanos.addAndGet(duration.toNanos());
    }
  }

  private static final String DEVICE = "{\"device_code\":\"GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS\","
      + "\"user_code\":\"WDJB-MJHT\",\"verification_uri\":\"https://example.com/device\","
      + "\"verification_uri_complete\":\"https://example.com/device?user_code=WDJB-MJHT\","
      + "\"expires_in\":1800,\"interval\":5}";

  @Test
  void theDeviceFlowShowsTheCodeAndPollsAtTheIntervalSlowingDownWhenTold() throws Exception {
    FakeTime time = new FakeTime();
    endpoint.answer(200, DEVICE)
        .answer(400, "{\"error\":\"authorization_pending\"}")
        .answer(400, "{\"error\":\"slow_down\"}")
        .answer(400, "{\"error\":\"authorization_pending\"}")
        .answer(200, "{\"access_token\":\"" + ACCESS + "\",\"token_type\":\"Bearer\","
            + "\"expires_in\":3600,\"refresh_token\":\"" + REFRESH + "\"}");
    AtomicReference<DeviceAuthorization> shown = new AtomicReference<>();
    TokenGrant grant = client().deviceAuthorizationEndpoint(endpoint.device())
        .pause(time, time.nanos::get).build()
        .deviceCode(List.of("https://outlook.office.com/IMAP.AccessAsUser.All",
            "offline_access"), shown::set);
    assertThat(grant.accessToken().value()).isEqualTo(ACCESS);
    assertThat(grant.refreshToken()).contains(REFRESH);
    assertThat(shown.get().userCode()).isEqualTo("WDJB-MJHT");
    assertThat(shown.get().verificationUri()).isEqualTo(URI.create("https://example.com/device"));
    assertThat(shown.get().verificationUriComplete()).isPresent();
    assertThat(shown.get().expiresIn()).isEqualTo(Duration.ofMinutes(30));
    assertThat(time.waits).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(10));
    List<FakeTokenEndpoint.Request> requests = endpoint.requests();
    assertThat(requests.get(0).path()).isEqualTo("/device");
    assertThat(requests.get(0).form()).containsEntry("scope",
        "https://outlook.office.com/IMAP.AccessAsUser.All offline_access");
    assertThat(requests.subList(1, requests.size())).allSatisfy(r -> {
      assertThat(r.path()).isEqualTo("/token");
      assertThat(r.form()).containsEntry("grant_type", OAuthClient.DEVICE_GRANT)
          .containsEntry("device_code", "GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS");
    });
  }

  @Test
  void googlesVerificationUrlAndAMissingIntervalAreUnderstood() throws Exception {
    FakeTime time = new FakeTime();
    endpoint.answer(200, "{\"device_code\":\"dc\",\"user_code\":\"GQVQ-JKEC\","
        + "\"verification_url\":\"https://www.google.com/device\",\"expires_in\":\"1800\"}")
        .answer(200, tokenJson(ACCESS, 3599));
    AtomicReference<DeviceAuthorization> shown = new AtomicReference<>();
    client().deviceAuthorizationEndpoint(endpoint.device()).pause(time, time.nanos::get).build()
        .deviceCode(List.of(), shown::set);
    assertThat(shown.get().verificationUri())
        .isEqualTo(URI.create("https://www.google.com/device"));
    assertThat(time.waits).containsExactly(OAuthClient.DEFAULT_INTERVAL);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"error\":\"access_denied\"}|REVOKED|access_denied",
      "{\"error\":\"expired_token\"}|REVOKED|expired_token",
      "{\"error\":\"invalid_client\"}|MISCONFIGURED|invalid_client",
  })
  void theDeviceFlowEndsOnTheTerminalErrors(String body, Reason reason, String named) {
    FakeTime time = new FakeTime();
    endpoint.answer(200, DEVICE).answer(400, "{\"error\":\"authorization_pending\"}")
        .answer(400, body);
    assertThatThrownBy(() -> client().deviceAuthorizationEndpoint(endpoint.device())
        .pause(time, time.nanos::get).build().deviceCode(List.of(), d -> { }))
        .isInstanceOfSatisfying(TokenUnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessageContaining(named)
        .hasMessageNotContaining("GmRhmhcx");
    assertThat(endpoint.requests()).hasSize(3);
  }

  @Test
  void theDeviceFlowGivesUpWhenTheCodesExpireWithoutLooping() {
    FakeTime time = new FakeTime();
    endpoint.answer(200, "{\"device_code\":\"dc\",\"user_code\":\"U\",\"verification_uri\":"
        + "\"https://example.com/d\",\"expires_in\":12,\"interval\":5}")
        .otherwise(r -> new FakeTokenEndpoint.Answer(400,
            "{\"error\":\"authorization_pending\"}", null));
    assertThatThrownBy(() -> client().deviceAuthorizationEndpoint(endpoint.device())
        .pause(time, time.nanos::get).build().deviceCode(List.of(), d -> { }))
        .isInstanceOfSatisfying(TokenUnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.REVOKED))
        .hasMessageContaining("expired");
    // 5 s and 10 s of waiting: polls at 5 and 10, then 15 is past the 12 s lifetime.
    assertThat(endpoint.requests()).hasSize(3);
  }
}
