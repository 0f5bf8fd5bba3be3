package com.lumyvo.providers.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.Prerequisite;
import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.ProviderRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Advice fits the protocol that failed, the provider's real settings, and the kind's retry. */
class AdviceTest {
  private static final ProviderRegistry REGISTRY = ProviderRegistry.defaults();

  static Stream<Arguments> everyKindProtocolAndProvider() {
    List<Arguments> cases = new ArrayList<>();
    List<ProviderDescriptor> providers = new ArrayList<>(REGISTRY.all());
    providers.add(null);
    for (FailureKind kind : FailureKind.values()) {
      for (Protocol protocol : Arrays.asList(Protocol.IMAP, Protocol.SMTP, null)) {
        for (ProviderDescriptor provider : providers) {
          cases.add(Arguments.of(kind, protocol, provider));
        }
      }
    }
    return cases.stream();
  }

  private static List<String> texts(Advice.Text advice) {
    List<String> all = new ArrayList<>(advice.causes());
    all.add(advice.summary());
    all.addAll(advice.solutions());
    return all;
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("everyKindProtocolAndProvider")
  void adviceNamesOnlyTheFailedProtocolsPortsAndTheProvidersOwnSettings(FailureKind kind,
      Protocol protocol, ProviderDescriptor provider) {
    Advice.Text advice = Advice.of(kind, protocol, provider);
    List<String> texts = texts(advice);
    assertThat(advice.solutions()).isNotEmpty();
    if (protocol == Protocol.IMAP) {
      assertThat(texts).noneMatch(t -> t.contains("SMTP") || t.contains("465")
          || t.contains("587"));
    }
    if (protocol == Protocol.SMTP) {
      assertThat(texts).noneMatch(t -> t.contains("993") || t.contains("143")
          || t.contains("IMAP"));
    }
    if (provider != null && !provider.requires(Prerequisite.Kind.IMAP_ACCESS_ENABLED)
        && provider.setupGuide().enableAccessSteps().isEmpty()) {
      assertThat(texts).as("%s has no access switch", provider.id())
          .noneMatch(t -> t.toLowerCase(Locale.ROOT).contains("switch on"));
    }
    if (provider != null && provider.appPasswordPolicy().oauthOnly()) {
      assertThat(texts).noneMatch(t -> t.contains("app password"));
    }
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("everyKindProtocolAndProvider")
  void onlyRetryableKindsSayToTryAgainUnchanged(FailureKind kind, Protocol protocol,
      ProviderDescriptor provider) {
    List<String> solutions = Advice.of(kind, protocol, provider).solutions();
    boolean saysRetry = solutions.stream().map(s -> s.toLowerCase(Locale.ROOT))
        .anyMatch(s -> s.startsWith("try again") || s.contains("try again later")
            || s.startsWith("wait") || s.contains("and try again"));
    assertThat(saysRetry).as("%s advice %s", kind, solutions).isEqualTo(kind.isRetryable());
  }

  @Test
  void anImapConnectionRefusedNeverSuggestsAnotherSmtpPort() {
    Diagnosis d = ErrorClassifier.defaults().classify(Evidence.builder().protocol(Protocol.IMAP)
        .error(new java.net.ConnectException("Connection refused"))
        .provider(REGISTRY.byId("gmx").orElseThrow()).build());
    assertThat(d.kind()).isEqualTo(FailureKind.CONNECTION_REFUSED);
    assertThat(d.solutions()).noneMatch(s -> s.contains("SMTP"));
    assertThat(d.providerHints()).noneMatch(s -> s.contains("SMTP"))
        .anyMatch(s -> s.contains("IMAP"));
  }

  @Test
  void yahooSmtpWrongPasswordNeverMentionsAnImapAccessSwitch() {
    Diagnosis d = ErrorClassifier.defaults().classifyResponse(Protocol.SMTP,
        "535 5.7.0 Invalid credentials", REGISTRY.byId("yahoo").orElseThrow());
    assertThat(d.kind()).isEqualTo(FailureKind.INVALID_CREDENTIALS);
    assertThat(d.solutions()).noneMatch(s -> s.contains("IMAP"))
        .noneMatch(s -> s.toLowerCase(Locale.ROOT).contains("switch on"));
  }

  @Test
  void gmxSmtpWrongPasswordNamesItsAccessSwitch() {
    Diagnosis d = ErrorClassifier.defaults().classifyResponse(Protocol.SMTP,
        "535 Authentication credentials invalid", REGISTRY.byId("gmx").orElseThrow());
    assertThat(d.solutions()).anyMatch(s -> s.startsWith("Switch on GMX's setting"));
  }

  @Test
  void unknownIsNotRetryableAndItsAdviceDoesNotSayTryAgainLater() {
    Diagnosis d = ErrorClassifier.defaults().classify(Evidence.builder().build());
    assertThat(d.kind()).isEqualTo(FailureKind.UNKNOWN);
    assertThat(d.isRetryable()).isFalse();
    assertThat(d.solutions()).noneMatch(s -> s.toLowerCase(Locale.ROOT).contains("try again"));
  }

  @Test
  void aMissingScopeNamesTheScopeTheProviderWantsForTheFailedProtocol() {
    ProviderDescriptor outlook = REGISTRY.byId("outlook").orElseThrow();
    assertThat(Advice.of(FailureKind.TOKEN_SCOPE_MISSING, Protocol.IMAP, outlook).solutions())
        .anyMatch(s -> s.contains("IMAP.AccessAsUser.All"));
    assertThat(Advice.of(FailureKind.TOKEN_SCOPE_MISSING, Protocol.SMTP, outlook).solutions())
        .anyMatch(s -> s.contains("SMTP.Send"));
    assertThat(Advice.of(FailureKind.TOKEN_SCOPE_MISSING, Protocol.IMAP,
        REGISTRY.byId("gmail").orElseThrow()).solutions())
        .anyMatch(s -> s.contains("https://mail.google.com/"));
  }

  @Test
  void aRevokedGrantAsksToConnectAgainAndAnExpiredTokenToRetryWithAFreshOne() {
    assertThat(Advice.of(FailureKind.TOKEN_REVOKED, Protocol.IMAP, null).solutions())
        .anyMatch(s -> s.contains("connect the account again"));
    assertThat(Advice.of(FailureKind.TOKEN_EXPIRED, Protocol.SMTP, null).solutions())
        .anyMatch(s -> s.contains("token source"));
    assertThat(Advice.defaultRetryAfter(FailureKind.TOKEN_EXPIRED)).isNotNull();
  }
}
