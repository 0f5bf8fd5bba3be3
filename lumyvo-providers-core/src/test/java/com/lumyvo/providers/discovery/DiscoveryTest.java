package com.lumyvo.providers.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lumyvo.providers.LoginName;
import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import com.lumyvo.providers.discovery.DiscoveryStep.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The DNS steps of discovery, with a scripted resolver and autoconfig turned off. */
class DiscoveryTest {
  private final FakeDnsResolver dns = new FakeDnsResolver();

  private Discovery.Builder discovery() {
    return Discovery.builder().resolver(dns).autoconfig(false);
  }

  private static List<DiscoveryMethod> methods(DiscoveryResult result) {
    return result.steps().stream().map(DiscoveryStep::method).toList();
  }

  private static List<Outcome> outcomes(DiscoveryResult result) {
    return result.steps().stream().map(DiscoveryStep::outcome).toList();
  }

  private static SrvRecord srv(int priority, int port, String target) {
    return new SrvRecord(priority, 1, port, target, FakeDnsResolver.TTL);
  }

  @Test
  void aRegisteredDomainIsAnsweredOfflineWithoutAnyDnsQuery() {
    DiscoveryResult result = discovery().build().discover("Anna.Schmidt@GMX.de");

    assertThat(result.method()).isEqualTo(DiscoveryMethod.DOMAIN);
    assertThat(result.isKnownProvider()).isTrue();
    assertThat(result.provider().id()).isEqualTo("gmx");
    assertThat(result.provider().region()).hasValueSatisfying(r -> assertThat(r.id()).isEqualTo("de"));
    assertThat(result.provider().isCustomDomain()).isFalse();
    assertThat(result.needsProbe()).isFalse();
    assertThat(outcomes(result)).containsExactly(Outcome.FOUND);
    assertThat(dns.queries()).isEmpty();
  }

  @Test
  void aCustomDomainAtIonosUkIsFoundByItsMxWithTheUkServers() {
    dns.mx("bakery-anna.co.uk", "mx00.ionos.co.uk", "mx01.ionos.co.uk");

    DiscoveryResult result = discovery().build().discover("anna@bakery-anna.co.uk");

    assertThat(result.method()).isEqualTo(DiscoveryMethod.MX);
    assertThat(result.isKnownProvider()).isTrue();
    assertThat(result.provider().id()).isEqualTo("ionos");
    assertThat(result.provider().region()).hasValueSatisfying(r -> assertThat(r.id()).isEqualTo("uk"));
    assertThat(result.provider().isCustomDomain()).isTrue();
    assertThat(result.candidates(Protocol.IMAP))
        .containsExactly(ServerEndpoint.of("imap.ionos.co.uk", 993, Security.SSL_TLS));
    assertThat(result.provider().login(Protocol.IMAP, result.address()))
        .isEqualTo("anna@bakery-anna.co.uk");
    assertThat(methods(result)).containsExactly(DiscoveryMethod.DOMAIN, DiscoveryMethod.MX);
    assertThat(result.steps().get(1).detail()).contains("mx00.ionos.co.uk").contains("IONOS (uk)");
    assertThat(result.caution()).isEmpty();
  }

  @Test
  void anIcloudCustomDomainKeepsAppleLoginRuleTheAccountAddressNotTheLocalPart() {
    dns.mx("bakery-anna.de", "mx01.mail.icloud.com", "mx02.mail.icloud.com");

    DiscoveryResult result = discovery().build().discover("anna@bakery-anna.de");

    assertThat(result.provider().id()).isEqualTo("icloud");
    assertThat(result.provider().loginName(Protocol.IMAP)).isEqualTo(LoginName.ACCOUNT_ADDRESS);
    assertThat(result.provider().loginName(Protocol.SMTP)).isEqualTo(LoginName.ACCOUNT_ADDRESS);
    assertThatThrownBy(() -> result.provider().login(Protocol.IMAP, result.address()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("ask for it");
  }

  @Test
  void aFilteringMxInFrontDoesNotHideTheProviderBehindIt() {
    dns.mx("bakery-anna.de", "in.spamfilter.example", "mx00.ionos.de");

    DiscoveryResult result = discovery().build().discover("anna@bakery-anna.de");

    assertThat(result.provider().id()).isEqualTo("ionos");
    assertThat(result.provider().region()).hasValueSatisfying(r -> assertThat(r.id()).isEqualTo("de"));
  }

  @Test
  void srvRecordsInsideTheDomainGiveItsServersImplicitTlsFirst() {
    dns.mx("example.org", "mx.example.org")
        .srv("_imap._tcp.example.org", srv(0, 143, "mail.example.org"))
        .srv("_imaps._tcp.example.org", srv(0, 993, "mail.example.org"),
            srv(10, 993, "backup.example.org"))
        .srv("_submissions._tcp.example.org", srv(5, 465, "smtp.example.org"))
        .srv("_submission._tcp.example.org", srv(0, 587, "smtp.example.org"));

    DiscoveryResult result = discovery().build().discover("bob@example.org");

    assertThat(result.method()).isEqualTo(DiscoveryMethod.SRV);
    assertThat(result.isKnownProvider()).isFalse();
    assertThat(result.candidates(Protocol.IMAP)).containsExactly(
        ServerEndpoint.of("mail.example.org", 993, Security.SSL_TLS),
        ServerEndpoint.of("mail.example.org", 143, Security.STARTTLS),
        ServerEndpoint.of("backup.example.org", 993, Security.SSL_TLS));
    assertThat(result.candidates(Protocol.SMTP)).containsExactly(
        ServerEndpoint.of("smtp.example.org", 587, Security.STARTTLS),
        ServerEndpoint.of("smtp.example.org", 465, Security.SSL_TLS));
    assertThat(result.provider().id()).isEqualTo("example-org");
    assertThat(result.provider().imap()).isEqualTo(result.candidates(Protocol.IMAP).get(0));
    assertThat(result.provider().smtp()).isEqualTo(result.candidates(Protocol.SMTP));
    assertThat(result.provider().login(Protocol.SMTP, result.address())).isEqualTo("bob@example.org");
    assertThat(result.caution()).isEmpty();
    assertThat(outcomes(result)).containsExactly(Outcome.NOT_FOUND, Outcome.NOT_FOUND, Outcome.FOUND);
  }

  @Test
  void srvRecordsPointingOutsideTheDomainAskForConfirmation() {
    dns.srv("_imaps._tcp.example.org", srv(0, 993, "imap.mailhost.example"))
        .srv("_submissions._tcp.example.org", srv(0, 465, "smtp.example.org"));

    DiscoveryResult result = discovery().build().discover("bob@example.org");

    assertThat(result.method()).isEqualTo(DiscoveryMethod.SRV);
    assertThat(result.caution()).hasValueSatisfying(text -> assertThat(text)
        .contains("imap.mailhost.example").doesNotContain("smtp.example.org"));
  }

  @Test
  void srvRecordsNamingAKnownProvidersServerGiveThatProvider() {
    dns.srv("_imaps._tcp.example.org", srv(0, 993, "imap.ionos.de"))
        .srv("_submissions._tcp.example.org", srv(0, 465, "smtp.ionos.de"));

    DiscoveryResult result = discovery().build().discover("bob@example.org");

    assertThat(result.method()).isEqualTo(DiscoveryMethod.SRV);
    assertThat(result.isKnownProvider()).isTrue();
    assertThat(result.provider().id()).isEqualTo("ionos");
    assertThat(result.provider().region()).hasValueSatisfying(r -> assertThat(r.id()).isEqualTo("de"));
    assertThat(result.provider().isCustomDomain()).isTrue();
  }

  @Test
  void srvWithTheNoServiceTargetOrForImapAloneFallsThroughToGuesses() {
    dns.srv("_imaps._tcp.example.org", srv(0, 993, "mail.example.org"))
        .srv("_submissions._tcp.example.org", new SrvRecord(0, 0, 0, "", FakeDnsResolver.TTL));

    DiscoveryResult result = discovery().build().discover("bob@example.org");

    assertThat(result.method()).isEqualTo(DiscoveryMethod.GUESS);
    assertThat(result.steps().get(2)).satisfies(step -> {
      assertThat(step.method()).isEqualTo(DiscoveryMethod.SRV);
      assertThat(step.outcome()).isEqualTo(Outcome.NOT_FOUND);
      assertThat(step.detail()).isEqualTo("SRV records for IMAP only");
    });
    assertThat(result.steps().get(3).outcome()).isEqualTo(Outcome.SKIPPED);
  }

  @Test
  void guessesAreConventionalHostsOnEncryptedPortsOnlyAndMustBeProbed() {
    DiscoveryResult result = discovery().build().discover("bob@example.org");

    assertThat(result.method()).isEqualTo(DiscoveryMethod.GUESS);
    assertThat(result.needsProbe()).isTrue();
    assertThat(result.isKnownProvider()).isFalse();
    assertThat(result.candidates(Protocol.IMAP)).first()
        .isEqualTo(ServerEndpoint.of("imap.example.org", 993, Security.SSL_TLS));
    assertThat(result.candidates(Protocol.SMTP)).first()
        .isEqualTo(ServerEndpoint.of("smtp.example.org", 465, Security.SSL_TLS));
    assertThat(result.candidates(Protocol.IMAP)).hasSize(3)
        .allMatch(e -> e.security().isEncrypted() && e.port() == 993);
    assertThat(result.candidates(Protocol.SMTP)).hasSize(6)
        .allMatch(e -> e.security().isEncrypted() && (e.port() == 465 || e.port() == 587));
    assertThat(methods(result)).containsExactly(DiscoveryMethod.DOMAIN, DiscoveryMethod.MX,
        DiscoveryMethod.SRV, DiscoveryMethod.AUTOCONFIG, DiscoveryMethod.GUESS);
    assertThat(dns.queries()).containsExactlyInAnyOrder("MX example.org",
        "SRV _imaps._tcp.example.org", "SRV _imap._tcp.example.org",
        "SRV _submissions._tcp.example.org", "SRV _submission._tcp.example.org");
  }

  @Test
  void slowDnsTimesOutWithinTheDnsTimeoutAndDiscoveryStillAnswers() {
    dns.delay(Duration.ofSeconds(120));
    Discovery discovery = discovery().dnsTimeout(Duration.ofMillis(300))
        .deadline(Duration.ofSeconds(120)).build();

    long started = System.nanoTime();
    DiscoveryResult result = discovery.discover("bob@example.org");
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    // 300 ms time-out plus a wide margin for a busy machine; ignoring it would take 120 s.
    assertThat(took).isLessThan(Duration.ofSeconds(10));
    assertThat(result.method()).isEqualTo(DiscoveryMethod.GUESS);
    assertThat(result.steps().get(1).outcome()).isEqualTo(Outcome.TIMED_OUT);
    assertThat(result.steps().get(1).detail()).startsWith("DNS gave no answer in");
    assertThat(result.steps().get(2).outcome()).isEqualTo(Outcome.TIMED_OUT);
  }

  @Test
  void theDeadlineCutsEveryStepShort() {
    dns.delay(Duration.ofSeconds(120));
    Discovery discovery = Discovery.builder().resolver(dns).dnsTimeout(Duration.ofSeconds(120))
        .deadline(Duration.ofMillis(400)).build();

    long started = System.nanoTime();
    DiscoveryResult result = discovery.discover("bob@example.org");
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    // 400 ms deadline plus a wide margin for a busy machine; ignoring it would take 120 s.
    assertThat(took).isLessThan(Duration.ofSeconds(10));
    assertThat(result.method()).isEqualTo(DiscoveryMethod.GUESS);
    assertThat(result.steps().get(3)).satisfies(step -> {
      assertThat(step.method()).isEqualTo(DiscoveryMethod.AUTOCONFIG);
      assertThat(step.outcome()).isEqualTo(Outcome.SKIPPED);
      assertThat(step.detail()).contains("deadline");
    });
  }

  @Test
  void failingDnsIsRecordedWithItsReason() {
    dns.failWith(new DnsException("MX query for example.org failed: SERVFAIL", false, null));

    DiscoveryResult result = discovery().build().discover("bob@example.org");

    assertThat(result.steps().get(1).outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.steps().get(1).detail()).contains("SERVFAIL");
    assertThat(result.method()).isEqualTo(DiscoveryMethod.GUESS);
  }

  @Test
  void aMalformedAddressIsRefusedBeforeAnyQuery() {
    assertThatThrownBy(() -> discovery().build().discover("anna@@bakery.de"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> discovery().build().discover("not an address"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(dns.queries()).isEmpty();
  }

  @Test
  void discoversAsynchronouslyOnADaemonThread() throws Exception {
    dns.mx("bakery-anna.de", "mx00.ionos.de");

    DiscoveryResult result = discovery().build().discoverAsync("anna@bakery-anna.de")
        .get(10, TimeUnit.SECONDS);

    assertThat(result.method()).isEqualTo(DiscoveryMethod.MX);
  }

  @Test
  void resultsNameTheDomainButNeverTheLocalPart() {
    dns.mx("bakery-anna.de", "mx00.ionos.de");

    DiscoveryResult result = discovery().build().discover("anna.secret@bakery-anna.de");

    assertThat(result.toString()).contains("bakery-anna.de").doesNotContain("anna.secret");
    assertThat(result.steps()).allSatisfy(
        step -> assertThat(step.toString()).doesNotContain("anna.secret"));
  }

  @Test
  void theStandardAutoconfigLocationsAreThunderbirds() {
    assertThat(Discovery.standardAutoconfigUris(
        com.lumyvo.providers.EmailAddress.parse("anna+shop@bakery-anna.de")))
        .extracting(Object::toString).containsExactly(
            "https://autoconfig.bakery-anna.de/mail/config-v1.1.xml"
                + "?emailaddress=anna%2Bshop%40bakery-anna.de",
            "https://bakery-anna.de/.well-known/autoconfig/mail/config-v1.1.xml");
  }

  @Test
  void recordsNoHostCanBeAreSkippedNotThrown() {
    dns.mxRecords("example.org", new MxRecord(10, "192.0.2.1", FakeDnsResolver.TTL), null)
        .srv("_imaps._tcp.example.org", srv(0, 993, "1.2.3"), srv(1, 993, "127.0.0.1"),
            srv(2, 993, "192.168.1.10"), srv(3, 993, "mail.example.org"))
        .srv("_submissions._tcp.example.org", srv(0, 465, "mail.example.org"));

    DiscoveryResult result = discovery().build().discover("bob@example.org");

    assertThat(result.method()).isEqualTo(DiscoveryMethod.SRV);
    assertThat(result.candidates(Protocol.IMAP))
        .containsExactly(ServerEndpoint.of("mail.example.org", 993, Security.SSL_TLS));
    assertThat(result.steps().get(2).detail()).contains("\"1.2.3\" (not a host name)")
        .contains("127.0.0.1 (private or local)").contains("192.168.1.10 (private or local)");
    assertThatThrownBy(() -> new MxRecord(10, "mx_1.example.org", FakeDnsResolver.TTL))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aResolverThatThrowsIsAFailedStepNotAnException() {
    DnsResolver broken = new DnsResolver() {
      @Override
      public List<MxRecord> mx(String domain) {
        throw new IllegalStateException("resolver bug");
      }

      @Override
      public List<SrvRecord> srv(String name) {
        return null;
      }
    };

    DiscoveryResult result = Discovery.builder().resolver(broken).autoconfig(false).build()
        .discover("bob@example.org");

    assertThat(result.method()).isEqualTo(DiscoveryMethod.GUESS);
    assertThat(result.steps().get(1).outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.steps().get(1).detail()).contains("resolver bug");
    assertThat(result.steps().get(2).outcome()).isEqualTo(Outcome.NOT_FOUND);
  }

  @Test
  void aNullMxWarnsThatTheDomainTakesNoMail() {
    dns.mxRecords("example.com", new MxRecord(0, ".", FakeDnsResolver.TTL));

    DiscoveryResult result = discovery().build().discover("bob@example.com");

    assertThat(result.steps().get(1).detail()).isEqualTo("example.com accepts no mail (null MX)");
    assertThat(result.caution()).hasValueSatisfying(text -> assertThat(text)
        .contains("RFC 7505").contains("typing error"));
  }

  @Test
  void singleLabelDomainsAreRefusedUnlessPrivateAddressesAreAllowed() {
    assertThatThrownBy(() -> discovery().build().discover("anna@localhost"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("single label");
    assertThatThrownBy(() -> discovery().build().discoverAsync("anna@intranet"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(dns.queries()).isEmpty();

    DiscoveryResult result = discovery().allowPrivateAddresses(true).build()
        .discover("anna@intranet");
    assertThat(result.candidates(Protocol.IMAP)).first()
        .isEqualTo(ServerEndpoint.of("imap.intranet", 993, Security.SSL_TLS));
  }

  @Test
  void aLongDomainStillGetsTheGuessesThatAreHostNames() {
    String domain = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "."
        + "d".repeat(55) + ".de";

    DiscoveryResult result = discovery().build().discover("x@" + domain);

    assertThat(domain).hasSize(250);
    assertThat(result.candidates(Protocol.IMAP))
        .containsExactly(ServerEndpoint.of(domain, 993, Security.SSL_TLS));
    assertThat(result.candidates(Protocol.SMTP)).extracting(ServerEndpoint::host)
        .containsOnly(domain);
  }

  @Test
  void sharedImapHostsAreToldApartByTheSmtpHost() {
    dns.srv("_imaps._tcp.example.org", srv(0, 993, "outlook.office365.com"))
        .srv("_submission._tcp.example.org", srv(0, 587, "smtp.office365.com"))
        .srv("_imaps._tcp.example.net", srv(0, 993, "imap.zoho.eu"))
        .srv("_submissions._tcp.example.net", srv(0, 465, "smtppro.zoho.eu"))
        .srv("_imaps._tcp.example.com", srv(0, 993, "imap.zoho.eu"))
        .srv("_submissions._tcp.example.com", srv(0, 465, "smtp.zoho.eu"));
    Discovery discovery = discovery().build();

    assertThat(discovery.discover("a@example.org").provider().id()).isEqualTo("microsoft365");
    ProviderDescriptor org = discovery.discover("a@example.net").provider();
    assertThat(org.id()).isEqualTo("zoho");
    assertThat(org.region().map(r -> r.id())).contains("eu-org");
    assertThat(discovery.discover("a@example.com").provider().region().map(r -> r.id()))
        .contains("eu");
  }

  @Test
  void domainsThatLookAlikeAsIdsGetDifferentIds() {
    String plain = ProviderIds.forDomain("example.org");
    String hyphen = ProviderIds.forDomain("bakery-anna.de");
    String dotted = ProviderIds.forDomain("bakery.anna-de");
    String long1 = ProviderIds.forDomain("x".repeat(60) + ".example.org");
    String long2 = ProviderIds.forDomain("x".repeat(60) + ".example.net");

    assertThat(plain).isEqualTo("example-org");
    assertThat(hyphen).startsWith("bakery-anna-de-").isNotEqualTo(dotted);
    assertThat(long1).isNotEqualTo(long2).hasSizeLessThanOrEqualTo(64);
    for (String id : List.of(plain, hyphen, dotted, long1, long2)) {
      assertThat(ProviderDescriptor.builder(id)).isNotNull();
    }
  }

  @Test
  void abandonedDnsQueriesAreInterrupted() throws Exception {
    dns.delay(Duration.ofSeconds(30));

    discovery().dnsTimeout(Duration.ofMillis(200)).build().discover("bob@example.org");

    // Waits for the interruptions themselves; the 30 s only ends a failing wait.
    dns.awaitInterrupted(5, Duration.ofSeconds(30));
    assertThat(dns.interrupted()).isEqualTo(5);
  }

  @Test
  void timeoutsAreBoundedSoDeadlinesCannotOverflow() {
    assertThatThrownBy(() -> Discovery.builder().deadline(Duration.ofSeconds(Long.MAX_VALUE)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most an hour");
    assertThatThrownBy(() -> Discovery.builder().dnsTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void serversNamedForThisMachineAreDroppedUnlessAllowed() {
    dns.srv("_imaps._tcp.example.org", srv(0, 993, "localhost"), srv(1, 993, "mail.localhost"))
        .srv("_submissions._tcp.example.org", srv(0, 465, "intranet"));

    DiscoveryResult refused = discovery().build().discover("bob@example.org");
    DiscoveryResult allowed = discovery().allowPrivateAddresses(true).build()
        .discover("bob@example.org");

    assertThat(refused.method()).isEqualTo(DiscoveryMethod.GUESS);
    assertThat(refused.steps().get(2).detail()).contains("ignored [localhost (private or local),"
        + " mail.localhost (private or local), intranet (private or local)]");
    assertThat(allowed.method()).isEqualTo(DiscoveryMethod.SRV);
    assertThat(allowed.candidates(Protocol.IMAP)).extracting(ServerEndpoint::host)
        .containsExactly("localhost", "mail.localhost");
  }

  @Test
  void aHostileAnswerCannotMakeAStepDetailLong() {
    SrvRecord[] many = new SrvRecord[50];
    for (int i = 0; i < many.length; i++) {
      many[i] = srv(i, 993, "10.0.0." + i);
    }
    dns.srv("_imaps._tcp.example.org", many);

    DiscoveryResult result = discovery().build().discover("bob@example.org");

    assertThat(result.steps().get(2).detail()).contains("and 47 more").hasSizeLessThan(300);
  }

  @Test
  void aStillAmbiguousKnownHostGivesThePublishedServersNotAGuessedProvider() {
    dns.srv("_imaps._tcp.example.org", srv(0, 993, "outlook.office365.com"))
        .srv("_submissions._tcp.example.org", srv(0, 465, "smtp.example.org"));

    DiscoveryResult result = discovery().build().discover("a@example.org");

    assertThat(result.method()).isEqualTo(DiscoveryMethod.SRV);
    assertThat(result.isKnownProvider()).isFalse();
    assertThat(result.provider().imap().host()).isEqualTo("outlook.office365.com");
  }
}
