package com.lumyvo.examples.readme;

import com.lumyvo.providers.mail.verify.VerificationResult;
import com.lumyvo.providers.mail.verify.ProbeResult;
import com.lumyvo.providers.mail.mailbox.MailboxSession;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.mailbox.SyncBatch;
import com.lumyvo.providers.mail.mailbox.MessageSummary;
import com.lumyvo.providers.mail.mailbox.SpecialUse;
import com.lumyvo.providers.mail.watch.FolderWatch;
import com.lumyvo.providers.mail.watch.WatchOptions;
import com.lumyvo.providers.mail.watch.MailboxListener;
import com.lumyvo.providers.mail.watch.MailboxWatcher;
import com.lumyvo.providers.mail.watch.WatchedMailbox;
import com.lumyvo.providers.mail.watch.WatcherEventListener;
import com.lumyvo.providers.mail.watch.WatcherOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.AppPasswordCheck;
import com.lumyvo.providers.EmailAddress;
import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.ProviderRegistry;
import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.diagnosis.ErrorClassifier;
import com.lumyvo.providers.diagnosis.FailureKind;
import com.lumyvo.providers.discovery.Discovery;
import com.lumyvo.providers.discovery.DiscoveryMethod;
import com.lumyvo.providers.discovery.DiscoveryResult;
import com.lumyvo.providers.discovery.DnsResolver;
import com.lumyvo.providers.discovery.StaticDnsResolver;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
import com.lumyvo.providers.mail.Timeouts;
import com.lumyvo.providers.OAuthSupport;
import com.lumyvo.providers.oauth.OAuthClient;
import com.lumyvo.providers.oauth.TokenSource;
import java.util.function.Consumer;
import jakarta.mail.internet.MimeMessage;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The README's Java snippets as code the build compiles; {@link ReadmeSnippetsTest} checks that
 * every line of the README's blocks stands here. The core tour also runs, with its claims checked.
 */
class ApiTourSnippets {
  @Test
  void coreTour() {
    ProviderRegistry registry = ProviderRegistry.defaults();

    ProviderDescriptor gmx = registry.lookup("Anna.Schmidt+shop@GMX.de").orElseThrow();
    assertThat(gmx.imap().host()).isEqualTo("imap.gmx.net");
    gmx.smtp();
    assertThat(gmx.region()).isPresent();
    gmx.prerequisites();
    gmx.setupGuide();

    assertThat(registry.lookup("someone@example.org")).isEmpty();
    assertThatThrownBy(() -> registry.lookup("a@@gmx.de"))
        .hasMessage("'a@@gmx.de' has more than one '@'");

    ProviderDescriptor icloud = registry.byId("icloud").orElseThrow();
    EmailAddress emily = EmailAddress.parse("Emily.Parker@icloud.com");
    assertThat(icloud.login(Protocol.IMAP, emily)).isEqualTo("Emily.Parker");
    assertThat(icloud.login(Protocol.SMTP, emily)).isEqualTo("Emily.Parker@icloud.com");

    assertThat(registry.byId("ionos").flatMap(p -> p.inRegion("uk")).orElseThrow().imap().host())
        .isEqualTo("imap.ionos.co.uk");

    AppPassword password = AppPassword.of("abcd efgh\u00A0ijkl mnop\n");
    assertThat(password.reveal()).isEqualTo("abcdefghijklmnop");
    assertThat(password.removedCharacters()).isEmpty();
    assertThat(password.toString()).isEqualTo("AppPassword[redacted]");

    AppPasswordCheck check = icloud.checkAppPassword(AppPassword.of("Summer2024!"));
    assertThat(check.shouldWarn()).isTrue();
    check.warnings();

    Diagnosis d = ErrorClassifier.defaults().classifyResponse(
        Protocol.IMAP, "a1 NO [AUTHENTICATIONFAILED] Authentication failed", gmx);
    assertThat(d.kind()).isEqualTo(FailureKind.INVALID_CREDENTIALS);
    assertThat(d.alternatives())
        .containsExactly(FailureKind.APP_PASSWORD_REQUIRED, FailureKind.ACCESS_DISABLED);
    assertThat(d.isRetryable()).isFalse();
    d.solutions();
    assertThat(d.providerHints()).anyMatch(h -> h.startsWith("GMX: Allow POP3 & IMAP access"));
    assertThat(d.serverReply()).contains("a1 NO [AUTHENTICATIONFAILED] Authentication failed");
    assertThat(d.exceptionType()).isEmpty();
    assertThat(ErrorClassifier.defaults().classify(new java.net.ConnectException("Connection refused"), gmx)
        .kind()).isEqualTo(FailureKind.CONNECTION_REFUSED);

    ProviderRegistry mine = registry.toBuilder()
        .add(ProviderDescriptor.builder("acme").displayName("ACME Mail").domains("acme.example")
            .imap(ServerEndpoint.of("imap.acme.example", 993, Security.SSL_TLS))
            .smtp(ServerEndpoint.of("smtp.acme.example", 465, Security.SSL_TLS))
            .build())
        .build();
    assertThat(mine.lookup("x@acme.example")).isPresent();

    Locale austria = Locale.forLanguageTag("de-AT");
    assertThat(d.in(austria).summary())
        .isEqualTo("Der Server hat den Benutzernamen oder das Passwort nicht angenommen.");
    assertThat(d.in(austria).locale()).isEqualTo(Locale.GERMAN);
    assertThat(d.in(austria).kind()).isEqualTo(d.kind());
    assertThat(d.in(austria).serverReply()).isEqualTo(d.serverReply());
    assertThat(d.in(austria).retryAfter()).isEqualTo(d.retryAfter());
    assertThat(gmx.setupGuide(austria).appPasswordSteps().get(0))
        .isEqualTo("Melden Sie sich im Webbrowser bei GMX an.");
    assertThat(gmx.prerequisites(austria)).hasSameSizeAs(gmx.prerequisites())
        .first().extracting(p -> p.description())
        .isEqualTo("Schalten Sie die Zwei-Faktor-Authentifizierung für Ihr GMX-Konto ein.");
    assertThat(icloud.checkAppPassword(AppPassword.of("Summer2024!"), Locale.FRENCH).warnings())
        .anyMatch(w -> w.startsWith(
            "Le mot de passe contient d'autres caractères que des lettres minuscules : "));
    // The default locale does not choose: a language the SDK lacks gets English.
    assertThat(d.in(Locale.JAPANESE).summary()).isEqualTo(d.summary());
  }

  /** Compiled, not run: it needs a real mailbox. */
  static void connecting(String pasted, MimeMessage original) {
    MailConnector connector = MailConnector.builder()
        .timeouts(Timeouts.defaults())
        .deadline(Duration.ofSeconds(60))
        .build();

    MailAccount account = MailAccount.builder("anna@gmx.de", AppPassword.of(pasted)).build();

    VerificationResult result = connector.verify(account);
    result.ok();
    result.smtp().attempts();
    result.imap().failedStep();
    result.imap().diagnosis();
    result.diagnosis();

    MimeMessage reply = connector.reply(account, original, "Thanks, it ships today.");
    connector.send(account, reply);
  }

  /**
   * The README's token account, compiled, not run: it needs Microsoft. What it claims is shown
   * elsewhere: the client built from Outlook.com's facts ({@code OAuthClientTest
   * aProvidersFactsConfigureTheClient}, {@code BuiltInProvidersTest}), rotated refresh tokens
   * handed back ({@code aRotatedRefreshTokenIsHandedBack}), caching and one refresh for many
   * callers ({@code RefreshingTokenSourceTest}), XOAUTH2 at a fake Outlook.com ({@code OAuthTest}
   * in the mail module) and the demo's refresh ({@code DemoCommandTest}).
   */
  static void tokens(MailConnector connector, String storedRefreshToken,
      Consumer<String> saveRefreshToken) {
    OAuthSupport oauth = ProviderRegistry.defaults().byId("outlook").orElseThrow().oauth().orElseThrow();
    OAuthClient microsoft = OAuthClient.builder(oauth, "your-app-id").build();
    TokenSource samsTokens = microsoft.tokenSource(storedRefreshToken, oauth.scopes(), saveRefreshToken);
    MailAccount sam = MailAccount.builder("sam@outlook.com", samsTokens).build();
    VerificationResult samsResult = connector.verify(sam);
    assertThat(samsResult).isNotNull();
  }

  /** What the README's token snippet builds, before anything goes to Microsoft. */
  @Test
  void theOutlookTokenSnippetTalksToMicrosoftsConsumersTenantForTheMailScopes() {
    OAuthSupport oauth = ProviderRegistry.defaults().byId("outlook").orElseThrow().oauth().orElseThrow();
    OAuthClient microsoft = OAuthClient.builder(oauth, "your-app-id").build();
    assertThat(microsoft).hasToString(
        "OAuthClient[https://login.microsoftonline.com/consumers/oauth2/v2.0/token]");
    assertThat(oauth.scopes()).containsExactly("https://outlook.office.com/IMAP.AccessAsUser.All",
        "offline_access", "https://outlook.office.com/SMTP.Send");
    // The source's text never shows the refresh token it holds.
    TokenSource samsTokens = microsoft.tokenSource("stored-refresh-token", oauth.scopes(),
        rotated -> { });
    assertThat(samsTokens.toString()).doesNotContain("stored-refresh-token");
  }

  /** Run by {@link ReadingSnippetTest} against a fake provider, with its claims checked. */
  static FolderWatch reading(MailConnector connector, MailAccount account,
      String storedCursorText, long uid, OutputStream out) {
    SyncCursor cursor = SyncCursor.parse(storedCursorText);
    try (MailboxSession session = connector.open(account)) {
      SyncBatch batch;
      do {
        batch = session.sync("INBOX", cursor);
        if (batch.uidValidityChanged()) { forgetFolder(); }
        for (MessageSummary m : batch.messages()) {
          handle(m);
          store(batch.cursorAfter(m));
        }
        store(cursor = batch.next());
      } while (batch.more());
      session.writeMessage("INBOX", uid, out);
      MimeMessage original = session.message("INBOX", uid, 10 << 20).orElseThrow();
      replies.add(original);
      session.createFolder("Orders");
      session.move("INBOX", List.of(uid), "Orders");
      session.folder(SpecialUse.JUNK);
    }

    FolderWatch watch = connector.watch(account, "INBOX", cursor, batch -> handleAll(batch),
        WatchOptions.defaults());
    return watch;
  }

  /** Compiled, not run: the README's "Watching many mailboxes". */
  static SyncCursor watchingMany(MailConnector connector, MailAccount account,
      SyncCursor storedCursor, WatcherEventListener metrics) {
    MailboxWatcher watcher = connector.watcher(WatcherOptions.builder()
        .maxConcurrentHandshakes(32)
        .eventListener(metrics)
        .build());
    WatchedMailbox inbox = watcher.add(account, "INBOX", storedCursor, new MailboxListener() {
      public void onMessages(SyncBatch batch) { saveAll(batch); }
      public void onReady() { markLive(account); }
      public void onFailure(Diagnosis d, boolean stopped) { if (stopped) askUserToReconnect(d); }
    });
    SyncCursor handOver = watcher.remove(inbox);
    watcher.stats();
    watcher.close();
    return handOver;
  }

  private static void saveAll(SyncBatch batch) {
    watched.add(batch);
  }

  private static void markLive(MailAccount account) {
    java.util.Objects.requireNonNull(account);
  }

  private static void askUserToReconnect(Diagnosis diagnosis) {
    java.util.Objects.requireNonNull(diagnosis);
  }

  /** Compiled, not run: it asks the machine's DNS and the domain's web server. */
  static MailAccount discovering(MailConnector connector, String address, AppPassword password) {
    Discovery discovery = Discovery.builder().build();
    DiscoveryResult found = discovery.discover(address);
    found.method();
    found.provider();
    found.steps();
    found.caution();

    ProviderDescriptor provider = found.provider();
    if (!found.isKnownProvider()) {
      ProbeResult probe = connector.probe(found);
      provider = probe.provider().orElseThrow();
    }
    if (!provider.loginName(Protocol.IMAP).isDerivedFromAddress()) {
      /* ask the person for the address of their own account, then pass it with login(...) */
    }
    return MailAccount.builder(address, password).provider(provider).build();
  }

  @Test
  void discoveryTour() {
    DnsResolver dns = StaticDnsResolver.builder().mx("bakery-anna.de", "mx00.ionos.de").build();
    DiscoveryResult found = Discovery.builder().resolver(dns).autoconfig(false).build()
        .discover("anna@bakery-anna.de");
    assertThat(found.method()).isEqualTo(DiscoveryMethod.MX);
    assertThat(found.provider().id()).isEqualTo("ionos");
    assertThat(found.provider().region().orElseThrow().id()).isEqualTo("de");
    assertThat(found.provider().isCustomDomain()).isTrue();
    assertThat(found.steps().get(1).toString())
        .startsWith("MX FOUND \"MX mx00.ionos.de → IONOS (de), custom domain\"");
    assertThat(found.caution()).isEmpty();
    assertThat(found.needsProbe()).isFalse();
    assertThat(ProviderRegistry.defaults().lookupMx("mx01.mail.icloud.com").orElseThrow()
        .loginName(Protocol.IMAP).isDerivedFromAddress()).isFalse();
  }

  // What the snippets hand to the service, recorded for ReadingSnippetTest.
  static final java.util.Queue<MessageSummary> handled =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  static final java.util.Queue<SyncCursor> stored =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  static final java.util.Queue<SyncBatch> watched =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  static final java.util.Queue<MimeMessage> replies =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  static final java.util.concurrent.atomic.AtomicInteger forgotten =
      new java.util.concurrent.atomic.AtomicInteger();

  private static void handle(MessageSummary message) {
    handled.add(message);
  }

  private static void store(SyncCursor cursor) {
    stored.add(cursor);
  }

  private static void handleAll(SyncBatch batch) {
    watched.add(batch);
  }

  private static void forgetFolder() {
    forgotten.incrementAndGet();
  }
}
