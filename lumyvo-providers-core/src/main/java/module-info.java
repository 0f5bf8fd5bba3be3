/**
 * The core of the Lumyvo Providers SDK: what a mail provider is, how an address finds its
 * provider (offline, or through DNS and autoconfig), how a pasted app password is cleaned, what
 * an OAuth 2.0 token source gives, and how a failure becomes a diagnosis. It depends on nothing
 * but JDK modules.
 */
module com.lumyvo.providers {
  // Discovery only: JNDI for MX and SRV records, the HTTP client and XML parser for autoconfig.
  requires java.naming;
  requires java.net.http;
  requires java.xml;

  exports com.lumyvo.providers;
  exports com.lumyvo.providers.diagnosis;
  exports com.lumyvo.providers.discovery;
  exports com.lumyvo.providers.oauth;
}
