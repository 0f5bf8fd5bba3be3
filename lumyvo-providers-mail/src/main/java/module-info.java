/**
 * Mailbox connectors of the Lumyvo Providers SDK, on Jakarta Mail (Eclipse Angus Mail). They adapt
 * Jakarta Mail to the core model, which this module re-exports.
 *
 * <p>{@code com.lumyvo.providers.mail.testing} holds fake providers for tests; it needs GreenMail
 * and JUnit Jupiter, which are optional dependencies that only tests bring in. Both are required
 * {@code static} and not {@code transitive}: a module that requires this one compiles and runs
 * without them, and a module that uses the fakes requires {@code org.junit.jupiter.api} (and, on
 * the module path, {@code greenmail}) itself.
 */
@SuppressWarnings("requires-automatic") // GreenMail has no module name of its own
module com.lumyvo.providers.mail {
  requires transitive com.lumyvo.providers;
  requires transitive jakarta.mail;
  requires org.eclipse.angus.mail; // IMAP extensions: UIDs, MOVE, UID EXPUNGE, IDLE
  requires org.slf4j;
  requires java.security.sasl; // AUTHENTICATE PLAIN with SASL-IR through the JDK's SASL client
  // Static and not transitive: what the fakes need must cost nothing to those that do not use
  // them (a "requires static transitive" made every module that requires this one need JUnit).
  requires static greenmail;
  requires static org.junit.jupiter.api;

  exports com.lumyvo.providers.mail;
  exports com.lumyvo.providers.mail.verify;
  exports com.lumyvo.providers.mail.mailbox;
  exports com.lumyvo.providers.mail.watch;
  exports com.lumyvo.providers.mail.testing;
  // com.lumyvo.providers.mail.internal stays unexported: Angus Mail plumbing, no API.
}
