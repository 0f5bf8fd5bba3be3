package com.lumyvo.examples;

import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.ProviderRegistry;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.testing.FakeProvider;
import com.lumyvo.providers.mail.testing.RecordedCommand;
import com.lumyvo.providers.mail.verify.VerificationResult;
import com.lumyvo.providers.oauth.TokenSource;
import com.lumyvo.providers.oauth.TokenUnavailableException;
import java.util.List;

/**
 * The demo's OAuth 2.0 account, next to its app-password ones: an Outlook.com mailbox (which
 * takes nothing but tokens) on a fake Outlook.com of its own, verified with a token source that
 * gets its tokens from the fake's token endpoint, as a service's source gets them from
 * Microsoft's. The source's cached token has expired by the time of the login, so the story
 * shows the one refresh the SDK asks for when a server refuses a token. No token is printed.
 *
 * <p>One instance per demo run; not thread-safe.
 */
final class OAuthDemo {
  static final String ADDRESS = "sam@outlook.com";
  static final String TITLE = "The same with an OAuth 2.0 token: " + ADDRESS
      + " at a fake Outlook.com";

  private int tokenRequests = -1;
  private List<String> mechanisms = List.of();

  /** Runs the verification on a fake Outlook.com started and stopped here. */
  VerificationResult verify() {
    ProviderDescriptor outlook = ProviderRegistry.defaults().byId("outlook").orElseThrow();
    try (FakeProvider fake = FakeProvider.mimicking(outlook)) {
      fake.addTokenAccount(ADDRESS);
      TokenSource tokens = fake.tokenSource(ADDRESS);
      int before = fake.tokenRequests();
      try {
        tokens.token(); // the service got a token an hour ago and keeps it cached
      } catch (TokenUnavailableException e) {
        throw new IllegalStateException("the fake token endpoint gave no token: "
            + e.getMessage());
      }
      fake.expireTokens(ADDRESS); // the server has seen the hour pass; the cache has not
      MailAccount sam = MailAccount.builder(ADDRESS, tokens).provider(fake.descriptor()).build();
      fake.takeCommands();
      VerificationResult result = fake.connector().verify(sam);
      tokenRequests = fake.tokenRequests() - before;
      // What the client sent, as the fake recorded it (the SASL blob itself redacted).
      mechanisms = fake.takeCommands().stream().map(RecordedCommand::line)
          .map(line -> line.toUpperCase(java.util.Locale.ROOT))
          .flatMap(line -> java.util.stream.Stream.of("XOAUTH2", "OAUTHBEARER")
              .filter(m -> line.startsWith("AUTHENTICATE " + m) || line.startsWith("AUTH " + m)
                  || line.contains(" AUTHENTICATE " + m)))
          .distinct().sorted().toList();
      return result;
    }
  }

  /**
   * How many times the token endpoint was asked during {@link #verify()}: the first token, then
   * the refreshes; -1 before.
   */
  int tokenRequests() {
    return tokenRequests;
  }

  /** What happened to the token, in a sentence; never the token. */
  String story() {
    int refreshes = tokenRequests - 1;
    String signedIn = "signed in with SASL " + (mechanisms.isEmpty() ? "?"
        : String.join(" and ", mechanisms));
    if (refreshes < 1) {
      return "Token: accepted without a refresh (" + signedIn + "); no token is printed.";
    }
    return "Token: the one the service had cached had expired; the server refused it, the token"
        + " source refreshed "
        + (refreshes == 1 ? "once" : refreshes + " times") + " at the token endpoint and the"
        + " new token was accepted (" + signedIn + "); no token is printed.";
  }
}
