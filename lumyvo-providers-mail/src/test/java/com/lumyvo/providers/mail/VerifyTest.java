package com.lumyvo.providers.mail;

import com.lumyvo.providers.mail.verify.VerificationResult;
import com.lumyvo.providers.mail.verify.ProtocolCheck;
import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import com.lumyvo.providers.diagnosis.FailureKind;
import com.lumyvo.providers.mail.junit.FakeProviderExtension;
import com.lumyvo.providers.mail.testing.Fault;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Verification against a fake provider over real TLS, one fault at a time. */
class VerifyTest {
  @RegisterExtension
  static final FakeProviderExtension FAKE = FakeProviderExtension.create();

  private static final AppPassword PASSWORD = AppPassword.of("abcd efgh ijkl mnop");

  private MailAccount account() {
    return FAKE.get().addAccount("anna@fake.example", PASSWORD);
  }

  @Test
  void aGoodAccountVerifiesOnBothProtocols() {
    VerificationResult result = FAKE.get().connector().verify(account());
    assertThat(result.ok()).as("%s", result).isTrue();
    assertThat(result.imap().endpoint().security()).isEqualTo(Security.SSL_TLS);
    assertThat(result.smtp().attempts()).hasSize(1);
  }

  @Test
  void oneConnectorServesManyThreadsAtOnce() throws Exception {
    MailAccount account = account();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      MailConnector shared = FAKE.get().connectorBuilder().executor(pool).build();
      java.util.List<java.util.concurrent.CompletableFuture<VerificationResult>> results =
          new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) {
        results.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> shared.verify(account)));
      }
      for (var result : results) {
        assertThat(result.get().ok()).as("%s", result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void plainTextIsRefusedAnywhereButOnThisMachine() {
    MailAccount plain = MailAccount.builder("anna@fake.example", PASSWORD)
        .provider(FAKE.get().descriptor())
        .imap(ServerEndpoint.of("192.0.2.1", 143, Security.PLAIN))
        .smtp(ServerEndpoint.of("192.0.2.1", 25, Security.PLAIN)).build();
    // A connect to 192.0.2.1 (TEST-NET) would wait out this 30 s connect timeout.
    MailConnector connector = FAKE.get().connectorBuilder()
        .timeouts(Timeouts.builder().connect(Duration.ofSeconds(30)).read(Duration.ofSeconds(3))
            .write(Duration.ofSeconds(3)).build())
        .deadline(Duration.ofSeconds(60)).build();
    VerificationResult result = connector.verify(plain);
    for (ProtocolCheck check : java.util.List.of(result.imap(), result.smtp())) {
      assertThat(check.failedStep()).contains(ConnectionStep.TLS);
      assertThat(check.diagnosis().orElseThrow().kind()).isEqualTo(FailureKind.TLS_FAILURE);
      // Refused, not attempted: far less than the connect timeout an attempt would wait.
      assertThat(check.elapsed()).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void aWrongPasswordFailsAtAuthenticationWithoutTryingOtherPorts() {
    MailAccount wrong = MailAccount.builder("anna@fake.example", AppPassword.of("wrong-password"))
        .provider(FAKE.get().descriptor()).build();
    account();
    VerificationResult result = FAKE.get().connector().verify(wrong);
    assertThat(result.imap().failedStep()).contains(ConnectionStep.AUTHENTICATION);
    assertThat(result.imap().diagnosis().orElseThrow().kind())
        .isEqualTo(FailureKind.INVALID_CREDENTIALS);
    assertThat(result.smtp().diagnosis().orElseThrow().kind())
        .isEqualTo(FailureKind.INVALID_CREDENTIALS);
    assertThat(result.smtp().attempts()).hasSize(1);
  }

  @Test
  void smtpFallsBackToTheAlternativeWhenTheFirstPortRefuses() {
    MailAccount account = account();
    ServerEndpoint first = account.smtp().get(0);
    FAKE.get().inject(Fault.CONNECTION_REFUSED, first);
    VerificationResult result = FAKE.get().connector().verify(account);
    assertThat(result.ok()).as("%s", result).isTrue();
    assertThat(result.smtp().attempts()).hasSize(2);
    assertThat(result.smtp().attempts().get(0).failedStep()).contains(ConnectionStep.TCP);
    assertThat(result.smtp().attempts().get(0).failure().orElseThrow().kind())
        .isEqualTo(FailureKind.CONNECTION_REFUSED);
    assertThat(result.smtp().endpoint().security()).isEqualTo(Security.STARTTLS);
  }

  @Test
  void aBlackHoleEndsInTimeoutWithinTheReadTimeout() {
    MailAccount account = account();
    FAKE.get().inject(Fault.BLACK_HOLE);
    // A 60 s deadline: only the 3 s read timeout can end the black hole in time.
    MailConnector connector = FAKE.get().connectorBuilder().deadline(Duration.ofSeconds(60))
        .build();
    long start = System.nanoTime();
    VerificationResult result = connector.verify(account);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(result.imap().diagnosis().orElseThrow().kind()).isEqualTo(FailureKind.TIMEOUT);
    assertThat(result.imap().failedStep()).contains(ConnectionStep.TLS);
    // Two read timeouts in a row at worst (SMTP's two endpoints), about 6 s; an ignored read
    // timeout would run into the 60 s deadline.
    assertThat(took).isLessThan(Duration.ofSeconds(30));
  }
}
