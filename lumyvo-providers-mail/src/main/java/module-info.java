/**
 * Mailbox connectors of the Lumyvo Providers SDK, on Jakarta Mail (Eclipse Angus Mail). They adapt
 * Jakarta Mail to the core model, which this module re-exports.
 */
module com.lumyvo.providers.mail {
  requires transitive com.lumyvo.providers;
  requires transitive jakarta.mail;
  requires org.slf4j;

  exports com.lumyvo.providers.mail;
}
