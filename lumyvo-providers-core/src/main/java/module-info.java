/**
 * The core of the Lumyvo Providers SDK: what a mail provider is, how an address finds its
 * provider, and how a pasted app password is cleaned. It depends on nothing but {@code java.base}.
 */
module com.lumyvo.providers {
  exports com.lumyvo.providers;
  exports com.lumyvo.providers.diagnosis;
}
