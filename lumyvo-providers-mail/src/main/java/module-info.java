/**
 * Mailbox connectors of the Lumyvo Providers SDK, on Jakarta Mail (Eclipse Angus Mail). They adapt
 * Jakarta Mail to the core model, which this module re-exports.
 *
 * <p>{@code com.lumyvo.providers.mail.testing} holds fake providers for tests; they need GreenMail,
 * an optional dependency that only tests bring in (required {@code static}, not {@code
 * transitive}: a module that requires this one compiles and runs without it). Their JUnit
 * extension lives in the module {@code com.lumyvo.providers.mail.junit}, so that this module
 * does not name JUnit at all.
 */
@SuppressWarnings("requires-automatic") // GreenMail has no module name of its own
module com.lumyvo.providers.mail {
  requires transitive com.lumyvo.providers;
  requires transitive jakarta.mail;
  requires org.eclipse.angus.mail; // IMAP extensions: UIDs, MOVE, UID EXPUNGE, IDLE
  requires org.slf4j;
  requires java.security.sasl; // AUTHENTICATE PLAIN with SASL-IR through the JDK's SASL client
  // Static and not transitive: what the fakes need must cost nothing to those that do not use
  // them. No JUnit here, not even static: Surefire puts a module's static requirements on the
  // module path whenever a test has them, and JUnit there, away from its launcher on the class
  // path, fails every test run of a modular service.
  requires static greenmail;

  exports com.lumyvo.providers.mail;
  exports com.lumyvo.providers.mail.verify;
  exports com.lumyvo.providers.mail.mailbox;
  exports com.lumyvo.providers.mail.watch;
  exports com.lumyvo.providers.mail.testing;
  // com.lumyvo.providers.mail.internal stays unexported: Angus Mail plumbing, no API.
}
