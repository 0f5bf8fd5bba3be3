package com.lumyvo.providers;

import static com.lumyvo.providers.Protocol.IMAP;
import static com.lumyvo.providers.Protocol.SMTP;
import static com.lumyvo.providers.SignInMethod.OAUTH2;
import static com.lumyvo.providers.SignInMethod.PASSWORD;
import static com.lumyvo.providers.oauth.SaslMechanism.OAUTHBEARER;
import static com.lumyvo.providers.oauth.SaslMechanism.XOAUTH2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Sign-in methods per protocol and the OAuth facts of the built-in providers. */
class OAuthSupportTest {
  private final ProviderRegistry registry = ProviderRegistry.defaults();

  private ProviderDescriptor byId(String id) {
    return registry.byId(id).orElseThrow();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "gmail        | PASSWORD OAUTH2",
      "yahoo        | PASSWORD OAUTH2",
      "aol          | PASSWORD OAUTH2",
      "outlook      | OAUTH2",
      "microsoft365 | OAUTH2",
      "gmx          | PASSWORD",
      "icloud       | PASSWORD",
      "fastmail     | PASSWORD",
  })
  void eachProviderSaysHowEachServerTakesSignIns(String id, String methods) {
    Set<SignInMethod> expected = Set.copyOf(
        List.of(methods.split(" ")).stream().map(SignInMethod::valueOf).toList());
    for (Protocol protocol : Protocol.values()) {
      assertThat(byId(id).signInMethods(protocol)).as(id + " " + protocol)
          .containsExactlyInAnyOrderElementsOf(expected);
      assertThat(byId(id).accepts(protocol, OAUTH2)).isEqualTo(expected.contains(OAUTH2));
    }
    assertThat(byId(id).oauth().isPresent()).as(id).isEqualTo(expected.contains(OAUTH2));
  }

  @Test
  void outlookAndMicrosoft365AreConnectableWithTokensButRefusePasswords() {
    for (String id : List.of("outlook", "microsoft365")) {
      ProviderDescriptor provider = byId(id);
      assertThat(provider.appPasswordPolicy().oauthOnly()).isTrue();
      assertThat(provider.accepts(IMAP, OAUTH2)).isTrue();
      assertThat(provider.accepts(IMAP, PASSWORD)).isFalse();
      // The app-password path still says why a password cannot work.
      assertThat(provider.checkAppPassword(AppPassword.of("abcdefghijklmnop")).warnings())
          .anyMatch(w -> w.contains("OAuth 2.0"));
    }
  }

  @Test
  void gmailNeedsTheFullMailScopeAndHasNoDeviceFlowForIt() {
    OAuthSupport gmail = byId("gmail").oauth().orElseThrow();
    assertThat(gmail.authorizationEndpoint())
        .isEqualTo(URI.create("https://accounts.google.com/o/oauth2/v2/auth"));
    assertThat(gmail.tokenEndpoint()).isEqualTo(URI.create("https://oauth2.googleapis.com/token"));
    assertThat(gmail.deviceAuthorizationEndpoint()).isEmpty();
    assertThat(gmail.scopes(IMAP)).containsExactly("https://mail.google.com/");
    assertThat(gmail.scopes()).containsExactly("https://mail.google.com/");
    assertThat(gmail.mechanisms(SMTP)).containsExactlyInAnyOrder(XOAUTH2, OAUTHBEARER);
  }

  @Test
  void microsoftAsksForOfflineAccessAndSpeaksOnlyXoauth2() {
    OAuthSupport outlook = byId("outlook").oauth().orElseThrow();
    assertThat(outlook.tokenEndpoint()).isEqualTo(
        URI.create("https://login.microsoftonline.com/consumers/oauth2/v2.0/token"));
    assertThat(outlook.deviceAuthorizationEndpoint()).contains(
        URI.create("https://login.microsoftonline.com/consumers/oauth2/v2.0/devicecode"));
    assertThat(outlook.scopes()).containsExactly(
        "https://outlook.office.com/IMAP.AccessAsUser.All", "offline_access",
        "https://outlook.office.com/SMTP.Send");
    assertThat(outlook.scopes(SMTP))
        .containsExactly("https://outlook.office.com/SMTP.Send", "offline_access");
    assertThat(outlook.mechanisms(IMAP)).containsExactly(XOAUTH2);
    OAuthSupport business = byId("microsoft365").oauth().orElseThrow();
    assertThat(business.authorizationEndpoint()).isEqualTo(URI.create(
        "https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize"));
  }

  @Test
  void yahooAndAolShareOnePlatformUnderTheirOwnLoginHosts() {
    OAuthSupport yahoo = byId("yahoo").oauth().orElseThrow();
    OAuthSupport aol = byId("aol").oauth().orElseThrow();
    assertThat(yahoo.tokenEndpoint())
        .isEqualTo(URI.create("https://api.login.yahoo.com/oauth2/get_token"));
    assertThat(aol.authorizationEndpoint())
        .isEqualTo(URI.create("https://api.login.aol.com/oauth2/request_auth"));
    assertThat(yahoo.scopes()).containsExactly("mail-w");
    assertThat(aol.scopes(IMAP)).containsExactly("mail-w");
    assertThat(yahoo.deviceAuthorizationEndpoint()).isEmpty();
  }

  @Test
  void aDescriptorResolvedForARegionOrCustomDomainKeepsItsSignInFacts() {
    ProviderDescriptor gmail = byId("gmail");
    assertThat(gmail.forCustomDomain().oauth()).isEqualTo(gmail.oauth());
    assertThat(gmail.forCustomDomain().signInMethods(SMTP)).contains(OAUTH2);
    assertThat(gmail.toBuilder().build()).isEqualTo(gmail);
  }

  @Test
  void withoutStatedMethodsTheOauthOnlyPolicyDecides() {
    ProviderDescriptor.Builder builder = ProviderDescriptor.builder("acme").displayName("ACME")
        .imap(ServerEndpoint.of("imap.acme.example", 993, Security.SSL_TLS))
        .smtp(ServerEndpoint.of("smtp.acme.example", 465, Security.SSL_TLS));
    assertThat(builder.build().signInMethods(IMAP)).containsExactly(PASSWORD);
    assertThat(builder.build().oauth()).isEmpty();
    builder.appPasswordPolicy(AppPasswordPolicy.builder().oauthOnly(true).build());
    assertThat(builder.build().signInMethods(SMTP)).containsExactly(OAUTH2);
  }

  @Test
  void aDescriptorCannotContradictItself() {
    ProviderDescriptor.Builder builder = ProviderDescriptor.builder("acme").displayName("ACME")
        .imap(ServerEndpoint.of("imap.acme.example", 993, Security.SSL_TLS))
        .smtp(ServerEndpoint.of("smtp.acme.example", 465, Security.SSL_TLS))
        .appPasswordPolicy(AppPasswordPolicy.builder().oauthOnly(true).build())
        .signInMethods(IMAP, PASSWORD);
    assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
        .hasMessage("provider acme accepts no passwords (oauthOnly) but lists PASSWORD for IMAP");
    builder.signInMethods(IMAP, OAUTH2).oauth(OAuthSupport.builder()
        .authorizationEndpoint("https://id.acme.example/auth")
        .tokenEndpoint("https://id.acme.example/token")
        .scopes(SMTP, "mail").mechanisms(SMTP, XOAUTH2).build());
    assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("lists OAUTH2 for IMAP but its OAuth support has no scopes");
    assertThatThrownBy(() -> builder.signInMethods(IMAP))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://id.example/token", "https://user@id.example/token",
      "https://id.example/token#x", "token", "https:///token", "https://id.example/a b"})
  void endpointsMustBePlainHttpsAddresses(String uri) {
    assertThatThrownBy(() -> OAuthSupport.builder().tokenEndpoint(uri))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tokenEndpoint");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "mail read", "\"mail\"", "mail\\w", "mail\u00e9"})
  void scopesMustBeRfc6749ScopeTokens(String scope) {
    assertThatThrownBy(() -> OAuthSupport.builder().scopes(IMAP, scope))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an RFC 6749 scope token");
  }

  @Test
  void buildNeedsEndpointsAndMatchingScopesAndMechanisms() {
    assertThatThrownBy(() -> OAuthSupport.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("authorizationEndpoint");
    OAuthSupport.Builder builder = OAuthSupport.builder()
        .authorizationEndpoint("https://id.example/auth").tokenEndpoint("https://id.example/t");
    assertThatThrownBy(builder::build).hasMessageContaining("scopes for no protocol");
    builder.scopes(IMAP, "mail", "mail");
    assertThatThrownBy(builder::build).hasMessageContaining("same protocols");
    OAuthSupport built = builder.mechanisms(IMAP, OAUTHBEARER).build();
    assertThat(built.scopes(IMAP)).containsExactly("mail");
    assertThat(built.scopes(SMTP)).isEmpty();
    assertThat(built.mechanisms(SMTP)).isEmpty();
    assertThat(built.protocols()).containsExactly(IMAP);
    assertThat(built.toBuilder().build()).isEqualTo(built).hasSameHashCodeAs(built);
    assertThat(built.toString()).contains("https://id.example/t");
  }
}
