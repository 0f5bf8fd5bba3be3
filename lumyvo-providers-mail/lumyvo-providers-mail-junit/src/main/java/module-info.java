/**
 * The JUnit Jupiter extension for the mail module's fake providers: {@link
 * com.lumyvo.providers.mail.junit.FakeProviderExtension}. A module of its own so that JUnit's
 * API is needed only by the tests that use it, never by a service that requires the mail module.
 */
module com.lumyvo.providers.mail.junit {
  requires transitive com.lumyvo.providers.mail;
  requires transitive org.junit.jupiter.api;

  exports com.lumyvo.providers.mail.junit;
}
