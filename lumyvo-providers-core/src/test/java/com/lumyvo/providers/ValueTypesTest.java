package com.lumyvo.providers;

import static com.lumyvo.providers.Security.SSL_TLS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Validation, normalization and immutability of the small value types and builders. */
class ValueTypesTest {
  private static final ServerEndpoint IMAP = ServerEndpoint.of("imap.acme.example", 993, SSL_TLS);
  private static final ServerEndpoint SMTP = ServerEndpoint.of("smtp.acme.example", 465, SSL_TLS);

  @Test
  void emailAddressNormalizesTheDomainAndKeepsTheLocalPart() {
    EmailAddress address = EmailAddress.parse(" Alice.Smith+News@GMX.De. ");
    assertThat(address.localPart()).isEqualTo("Alice.Smith+News");
    assertThat(address.domain()).isEqualTo("gmx.de");
    assertThat(address).hasToString("Alice.Smith+News@gmx.de")
        .isEqualTo(EmailAddress.parse("Alice.Smith+News@gmx.de"))
        .hasSameHashCodeAs(EmailAddress.parse("Alice.Smith+News@gmx.de"))
        .isNotEqualTo(EmailAddress.parse("alice.smith+news@gmx.de"));
    assertThat(EmailAddress.parse("anna@BÄCKEREI.de").domain()).isEqualTo("xn--bckerei-5wa.de");
    assertThat(EmailAddress.parse("用户@例子.广告").localPart()).isEqualTo("用户");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"gmx.de | has no '@'", "'' | blank", "a@b@c.de | more than one '@'"})
  void emailAddressNeedsExactlyOneAt(String text, String problem) {
    assertThatThrownBy(() -> EmailAddress.parse(text))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(problem);
    assertThatThrownBy(() -> EmailAddress.parse(null)).hasMessage("address is null");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "IMAP.GMX.NET.  | 993   | imap.gmx.net:993 (SSL/TLS)",
      "127.0.0.1      | 3993  | 127.0.0.1:3993 (SSL/TLS)",
      "[::1]          | 3993  | [::1]:3993 (SSL/TLS)",
      "localhost      | 1     | localhost:1 (SSL/TLS)",
  })
  void serverEndpointNormalizesTheHost(String host, int port, String shown) {
    assertThat(ServerEndpoint.of(host, port, SSL_TLS)).hasToString(shown);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "imap.gmx.net | 0     | port must be between 1 and 65535, was 0",
      "imap.gmx.net | 65536 | port must be between 1 and 65535, was 65536",
      "''           | 993   | host is empty",
      "imap gmx.net | 993   | a space",
      "imap_gmx.net | 993   | the character '_'",
      "::zz         | 993   | neither a host name nor an IPv6 address",
  })
  void serverEndpointRejectsBadHostsAndPorts(String host, int port, String problem) {
    assertThatThrownBy(() -> ServerEndpoint.of(host, port, SSL_TLS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(problem);
  }

  @Test
  void nullConfigurationIsRejectedNamingTheParameter() {
    assertThatThrownBy(() -> ServerEndpoint.of(null, 993, SSL_TLS)).hasMessage("host");
    assertThatThrownBy(() -> ServerEndpoint.of("h", 993, null)).hasMessage("security");
    assertThatThrownBy(() -> ProviderDescriptor.builder(null)).hasMessage("id");
    assertThatThrownBy(() -> ProviderDescriptor.builder("x").imap(null)).hasMessage("imap");
    assertThatThrownBy(() -> ProviderRegistry.builder().add(null)).hasMessage("provider");
    assertThatThrownBy(() -> ProviderRegistry.defaults().byId(null)).hasMessage("id");
    assertThatThrownBy(() -> LoginName.LOCAL_PART.of(null)).hasMessage("address");
  }

  @Test
  void descriptorBuilderValidatesEagerlyAndOnBuild() {
    assertThatThrownBy(() -> ProviderDescriptor.builder("Bad Id"))
        .hasMessageContaining("lower-case letters, digits and inner hyphens");
    assertThatThrownBy(() -> ProviderDescriptor.builder("acme").smtp())
        .hasMessage("smtp needs at least one server");
    assertThatThrownBy(() -> ProviderDescriptor.builder("acme").domains("acme..example"))
        .hasMessageContaining("empty domain label");
    assertThatThrownBy(() -> ProviderDescriptor.builder("acme").imap(IMAP).smtp(SMTP).build())
        .isInstanceOf(IllegalStateException.class).hasMessage("provider acme has no displayName");
    assertThatThrownBy(() -> ProviderDescriptor.builder("acme").displayName("A").smtp(SMTP).build())
        .isInstanceOf(IllegalStateException.class).hasMessage("provider acme has no imap server");
    RegionalVariant eu = new RegionalVariant("eu", "EU", Set.of("acme.eu"), IMAP, List.of(SMTP));
    assertThatThrownBy(() -> ProviderDescriptor.builder("acme").region(eu).region(eu))
        .hasMessage("provider acme already has a region eu");
    RegionalVariant eu2 = new RegionalVariant("eu2", "EU", Set.of("acme.eu"), IMAP, List.of(SMTP));
    assertThatThrownBy(() -> ProviderDescriptor.builder("acme").displayName("A").imap(IMAP)
        .smtp(SMTP).region(eu).region(eu2).build())
        .hasMessage("provider acme has domain acme.eu in more than one region");
  }

  @Test
  void registryBuilderAddsReplacesAndRemovesWithClearErrors() {
    ProviderDescriptor acme = acme("acme.example");
    ProviderRegistry registry = ProviderRegistry.defaults().toBuilder().add(acme).build();
    assertThat(registry.lookup("x@acme.example")).contains(acme);
    assertThat(ProviderRegistry.defaults().lookup("x@acme.example")).isEmpty();

    assertThatThrownBy(() -> registry.toBuilder().add(acme))
        .hasMessageContaining("already registered");
    assertThatThrownBy(() -> registry.toBuilder().add(
        ProviderDescriptor.builder("evil").displayName("E").domains("gmx.de").imap(IMAP)
            .smtp(SMTP).build()))
        .hasMessage("domain gmx.de of provider evil already belongs to provider gmx");
    ProviderDescriptor moved = acme("acme.test");
    ProviderRegistry replaced = registry.toBuilder().replace(moved).build();
    assertThat(replaced.lookup("acme.example")).isEmpty();
    assertThat(replaced.lookup("acme.test")).contains(moved);
    assertThat(replaced.all()).extracting(ProviderDescriptor::id).last().isEqualTo("acme");
    assertThatThrownBy(() -> ProviderRegistry.builder().replace(acme)).hasMessageContaining("use add");
    assertThat(replaced.toBuilder().remove("gmx").build().lookup("gmx.de")).isEmpty();
    assertThatThrownBy(() -> ProviderRegistry.builder().remove("gmx")).hasMessageContaining("no provider");
  }

  @Test
  void returnedCollectionsCannotBeChanged() {
    ProviderDescriptor gmx = ProviderRegistry.defaults().lookup("gmx.de").orElseThrow();
    List<Runnable> mutations = List.of(
        () -> gmx.domains().add("evil.example"),
        () -> gmx.smtp().clear(),
        () -> gmx.endpoints(Protocol.IMAP).clear(),
        () -> gmx.prerequisites().clear(),
        () -> gmx.regions().clear(),
        () -> gmx.regions().get(0).domains().clear(),
        () -> gmx.regions().get(0).smtp().clear(),
        () -> gmx.setupGuide().appPasswordSteps().clear(),
        () -> gmx.setupGuide().enableAccessSteps().clear(),
        () -> gmx.setupGuide().notes().clear(),
        () -> ProviderRegistry.defaults().all().clear(),
        () -> gmx.checkAppPassword(AppPassword.of("x\u0000")).warnings().clear());
    for (Runnable mutation : mutations) {
      assertThatThrownBy(mutation::run).isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Test
  void buildersCopySoLaterChangesDoNotLeakIn() {
    String[] domains = {"acme.example"};
    ProviderDescriptor.Builder builder = ProviderDescriptor.builder("acme").displayName("Acme")
        .domains(domains).imap(IMAP).smtp(SMTP);
    ProviderDescriptor built = builder.build();
    domains[0] = "changed.example";
    builder.domains("more.example").smtp(IMAP);
    assertThat(built.domains()).containsExactly("acme.example");
    assertThat(built.smtp()).containsExactly(SMTP);

    List<ServerEndpoint> smtp = new ArrayList<>(List.of(SMTP));
    RegionalVariant variant = new RegionalVariant("eu", "EU", Set.of("acme.eu"), IMAP, smtp);
    smtp.clear();
    assertThat(variant.smtp()).containsExactly(SMTP);
    assertThat(built.toBuilder().build()).isEqualTo(built);
    ProviderDescriptor gmx = ProviderRegistry.defaults().byId("gmx").orElseThrow();
    assertThat(gmx.toBuilder().build()).isEqualTo(gmx);
  }

  private static ProviderDescriptor acme(String domain) {
    return ProviderDescriptor.builder("acme").displayName("Acme").domains(domain)
        .imap(IMAP).smtp(SMTP).build();
  }
}
