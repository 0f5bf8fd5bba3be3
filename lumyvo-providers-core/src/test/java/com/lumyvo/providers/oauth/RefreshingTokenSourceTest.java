package com.lumyvo.providers.oauth;

import static com.lumyvo.providers.oauth.OAuthClientTest.tokenJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lumyvo.providers.oauth.TokenUnavailableException.Reason;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The caching, single-flight token source over a local token endpoint. */
class RefreshingTokenSourceTest {
  private static final String REFRESH = "1//refreshSecretValue";
  private FakeTokenEndpoint endpoint;
  private final MovableClock clock = new MovableClock(Instant.parse("2026-12-02T15:00:00Z"));

  /** A clock the test moves; nothing waits. */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void advanceSeconds(long seconds) {
      now = now.plusSeconds(seconds);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @BeforeEach
  void start() throws Exception {
    endpoint = new FakeTokenEndpoint();
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  private TokenSource source(List<String> rotated) {
    return OAuthClient.builder(endpoint.token(), "client-1").clock(clock).build()
        .tokenSource(REFRESH, List.of("mail"), rotated::add);
  }

  @Test
  void aTokenIsCachedUntilAMinuteBeforeItExpires() throws Exception {
    endpoint.answer(200, tokenJson("firstToken", 3600)).answer(200, tokenJson("secondToken", 3600));
    TokenSource source = source(new ArrayList<>());
    assertThat(source.token().value()).isEqualTo("firstToken");
    clock.advanceSeconds(3600 - 61);
    assertThat(source.token().value()).isEqualTo("firstToken");
    assertThat(endpoint.requests()).hasSize(1);
    clock.advanceSeconds(2);
    assertThat(source.token().value()).isEqualTo("secondToken");
    assertThat(endpoint.requests()).hasSize(2);
  }

  @Test
  void aRejectedTokenIsRefreshedOnceAndAStaleRejectionGetsTheNewerToken() throws Exception {
    endpoint.answer(200, tokenJson("firstToken", 3600)).answer(200, tokenJson("secondToken", 3600));
    TokenSource source = source(new ArrayList<>());
    AccessToken first = source.token();
    assertThat(source.refresh(first).value()).isEqualTo("secondToken");
    // A second connection that was rejected with the first token: no new request.
    assertThat(source.refresh(first).value()).isEqualTo("secondToken");
    assertThat(endpoint.requests()).hasSize(2);
  }

  @Test
  void manyCallersAtOnceCauseOneRefresh() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    endpoint.answerAfter(release, 200, tokenJson("sharedToken", 3600));
    TokenSource source = source(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<AccessToken>> results = new ArrayList<>();
      CountDownLatch started = new CountDownLatch(8);
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit((Callable<AccessToken>) () -> {
          started.countDown();
          return source.token();
        }));
      }
      assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
      release.countDown();
      for (Future<AccessToken> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS).value()).isEqualTo("sharedToken");
      }
      assertThat(endpoint.requests()).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRotatedRefreshTokenIsUsedNextAndReported() throws Exception {
    endpoint.answer(200, "{\"access_token\":\"firstToken\",\"expires_in\":3600,"
        + "\"refresh_token\":\"1//rotatedRefresh\"}").answer(200, tokenJson("secondToken", 3600));
    List<String> rotated = new ArrayList<>();
    TokenSource source = source(rotated);
    source.refresh(source.token());
    assertThat(rotated).containsExactly("1//rotatedRefresh");
    assertThat(endpoint.requests().get(1).form())
        .containsEntry("refresh_token", "1//rotatedRefresh");
    assertThat(source.toString()).doesNotContain("rotated").doesNotContain(REFRESH);
  }

  @Test
  void aRevokedGrantIsNotCachedAndSaysRevoked() {
    endpoint.answer(400, "{\"error\":\"invalid_grant\"}")
        .answer(400, "{\"error\":\"invalid_grant\"}");
    TokenSource source = source(new ArrayList<>());
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(source::token).isInstanceOfSatisfying(TokenUnavailableException.class,
          e -> assertThat(e.reason()).isEqualTo(Reason.REVOKED));
    }
    assertThat(endpoint.requests()).hasSize(2);
  }

  @Test
  void aBlankRefreshTokenIsRefused() {
    OAuthClient client = OAuthClient.builder(endpoint.token(), "c").build();
    assertThatThrownBy(() -> client.tokenSource(" ", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    AtomicReference<String> none = new AtomicReference<>();
    assertThat(client.tokenSource("x1x", List.of(), none::set)).isNotNull();
  }
}
