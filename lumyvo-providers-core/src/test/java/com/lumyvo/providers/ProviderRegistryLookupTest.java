package com.lumyvo.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProviderRegistryLookupTest {
  private final ProviderRegistry registry = ProviderRegistry.defaults();

  private String idOf(String input) {
    return registry.lookup(input).map(ProviderDescriptor::id).orElse("none");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "Alice.Smith+tag@ME.com, icloud",
      "alice.smith+tag@me.com, icloud",
      "ALICE@ICLOUD.COM, icloud",
      "'  bob@gmx.de  ', gmx",
      "'\tbob@gmx.de\n', gmx",
      "bob@gmx.de., gmx",
      "GMX.DE., gmx",
      "gmx.de, gmx",
      "' yahoo.co.uk ', yahoo",
      "first.last+news+more@Yahoo.Com, yahoo",
      "o'brien@zoho.com, zoho",
      "x{y}z@zohomail.eu, zoho",
      "Jane.Doe@GoogleMail.com, gmail",
      "someone@Hotmail.co.uk, outlook",
      "admin@office365.com, microsoft365",
      "old.friend@aim.com, aol",
      "me@fastmail.fm, fastmail",
      "anna@email.de, webde",
      "bob@usa.com, mailcom",
  })
  void findsProviderWhateverTheCaseSpacingOrTrailingDot(String input, String expectedId) {
    assertThat(idOf(input)).isEqualTo(expectedId);
  }

  @Test
  void ignoresPastedNoBreakAndZeroWidthSpacesAroundTheInput() {
    assertThat(idOf("\u00A0\u200Bcarol@mac.com\u202F\uFEFF")).isEqualTo("icloud");
    assertThat(idOf("\u3000carol@mac.com\u2007")).isEqualTo("icloud");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "someone@example.com", "example.org", "sub.gmx.de", "alice@mail.gmx.de",
      // Yahoo Japan is a different service with other servers (every source agrees).
      "taro@yahoo.co.jp",
      // Not a provider of ours even though its MX points at Yahoo.
      "yahoodns.net",
      // Mail-exchanger domains are found by lookupMx, never as addresses.
      "olc.protection.outlook.com", "messagingengine.com", "kundenserver.de",
      // A Microsoft 365 tenant's domain is a sub-domain; only MX finds it.
      "alice@contoso.onmicrosoft.com",
      "gmx", "localhost"})
  void unknownDomainsAreEmpty(String input) {
    assertThat(registry.lookup(input)).isEmpty();
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(delimiter = '|', value = {
      "''                         | is blank",
      "'   '                      | is blank",
      "'\u00A0\u200B'             | is blank",
      "@gmx.de                    | has no local part before '@'",
      "alice@                     | has no domain after '@'",
      "'alice@ '                  | has no domain after '@'",
      "a@b@gmx.de                 | has more than one '@'",
      "al ice@gmx.de              | has a space in its local part",
      "alice@gm x.de              | has a space, which is not allowed in a domain",
      ".alice@gmx.de              | starts or ends with '.'",
      "alice.@gmx.de              | starts or ends with '.'",
      "al..ice@gmx.de             | two dots in a row",
      "\"al ice\"@gmx.de          | quoted local part",
      "alice(x)@gmx.de            | the character '('",
      "alice@gmx..de              | empty domain label",
      "alice@.gmx.de              | empty domain label",
      "alice@gmx.de..             | empty domain label",
      "alice@-gmx.de              | starts or ends with '-'",
      "alice@gmx-.de              | starts or ends with '-'",
      "alice@gmx_de.com           | the character '_'",
      "alice@[192.0.2.1]          | address literal",
      "alice@192.0.2.1            | IP addresses are not mail domains",
      "alice@gmx.de/x             | the character '/'",
      "alice\u0000@gmx.de         | U+0000",
      "alice\u200B@gmx.de         | U+200B",
      "alice@gmx\u200B.de         | U+200B, which is not allowed in a domain",
      "alice@gmx\uFF20x.de        | not a valid internationalized name",
  })
  void malformedInputIsRejectedWithAMessageThatNamesTheProblem(String input, String problem) {
    assertThatThrownBy(() -> registry.lookup(input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(problem);
  }

  @Test
  void nullIsMalformedInputNotANullPointer() {
    assertThatThrownBy(() -> registry.lookup(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("address or domain is null");
  }

  @Test
  void overLongInputIsRejected() {
    String longLocal = "a".repeat(65) + "@gmx.de";
    String longLabel = "alice@" + "b".repeat(64) + ".de";
    // Each part within its own limit, the whole over RFC 5321's 254.
    String longAddress = "a".repeat(64) + "@" + ("b".repeat(60) + ".").repeat(3) + "bbbb.de";
    assertThatThrownBy(() -> registry.lookup(longLocal)).hasMessageContaining("longer than 64");
    assertThatThrownBy(() -> registry.lookup(longLabel)).hasMessageContaining("longer than 63");
    assertThatThrownBy(() -> registry.lookup(longAddress)).hasMessageContaining("longer than 254");
    assertThatThrownBy(() -> registry.lookup(("b".repeat(62) + ".").repeat(4) + "de"))
        .hasMessageContaining("longer than 253");
    assertThatThrownBy(() -> registry.lookup(("b".repeat(60) + ".").repeat(5) + "de"))
        .hasMessageContaining("longer than 255");
  }

  @Test
  void aMegabyteOfInputIsRejectedQuicklyAndNotEchoedBack() {
    String huge = "x".repeat(1 << 20) + "@gmx.de";
    assertThatThrownBy(() -> registry.lookup(huge))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    String hugeUnicodeDomain = "a@" + "ü".repeat(1 << 20);
    assertThatThrownBy(() -> registry.lookup(hugeUnicodeDomain))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
  }

  @Test
  void unicodeAndPunycodeFormsOfADomainFindTheSameProvider() {
    ProviderDescriptor bakery = ProviderDescriptor.builder("bakery")
        .displayName("Bäckerei Mail")
        .domains("bäckerei.de")
        .imap(ServerEndpoint.of("imap.xn--bckerei-5wa.de", 993, Security.SSL_TLS))
        .smtp(ServerEndpoint.of("smtp.bäckerei.de", 465, Security.SSL_TLS))
        .build();
    ProviderRegistry withBakery = ProviderRegistry.builder().add(bakery).build();

    assertThat(bakery.domains()).containsExactly("xn--bckerei-5wa.de");
    assertThat(bakery.smtp().get(0).host()).isEqualTo("smtp.xn--bckerei-5wa.de");
    for (String input : List.of("anna@bäckerei.de", "anna@BÄCKEREI.DE", "anna@xn--bckerei-5wa.de",
        "anna@XN--BCKEREI-5WA.DE", "bäckerei.de.", "anna@bäckerei\u3002de")) {
      assertThat(withBakery.lookup(input)).as(input).contains(bakery);
    }
  }

  @Test
  void lowerCasingDoesNotDependOnTheDefaultLocale() {
    Locale saved = Locale.getDefault();
    try {
      // In Turkish, "I".toLowerCase() is a dotless i, which would miss "icloud.com".
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      assertThat(idOf("DILEK@ICLOUD.COM")).isEqualTo("icloud");
      assertThat(EmailAddress.parse("DILEK@ICLOUD.COM").domain()).isEqualTo("icloud.com");
      assertThat(idOf("dilek@bücher.icloud.com")).isEqualTo("none");
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void resolvesTheRegionalServersForTheDomain() {
    ProviderDescriptor german = registry.lookup("anna@gmx.de").orElseThrow();
    ProviderDescriptor international = registry.lookup("anna@gmx.com").orElseThrow();

    assertThat(german.region()).map(RegionalVariant::id).contains("de");
    assertThat(german.imap()).isEqualTo(ServerEndpoint.of("imap.gmx.net", 993, Security.SSL_TLS));
    assertThat(international.region()).isEmpty();
    assertThat(international.imap()).isEqualTo(
        ServerEndpoint.of("imap.gmx.com", 993, Security.SSL_TLS));
    assertThat(german.id()).isEqualTo(international.id());
    assertThat(german).isNotEqualTo(international);
  }

  @Test
  void byIdGivesTheDefaultServersAndAllListsEveryProviderInOrder() {
    assertThat(registry.byId("zoho")).map(p -> p.smtp().get(0).host()).contains("smtppro.zoho.com");
    assertThat(registry.byId("nope")).isEmpty();
    assertThat(registry.all()).extracting(ProviderDescriptor::id)
        .containsExactly("gmx", "yahoo", "ionos", "icloud", "zoho", "gmail", "outlook",
            "microsoft365", "aol", "fastmail", "webde", "mailcom");
  }

  @Test
  void concurrentLookupsAgree() throws Exception {
    List<String> inputs = List.of("a@gmx.de", "b@ME.COM", "c@zoho.eu", "d@yahoo.fr", "e@online.de");
    List<Optional<ProviderDescriptor>> expected = inputs.stream().map(registry::lookup).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new java.util.ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(pool.submit(() -> {
          for (int i = 0; i < 10_000; i++) {
            int k = i % inputs.size();
            if (!registry.lookup(inputs.get(k)).equals(expected.get(k))) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
