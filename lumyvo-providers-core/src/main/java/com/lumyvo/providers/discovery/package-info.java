/**
 * Finding the servers of any address, including addresses on a person's own domain: the
 * registry's domain table first, then the domain's MX records matched against known providers,
 * RFC 6186 SRV records, Mozilla-style autoconfig over HTTPS, and last conventional host-name
 * guesses that must be probed before use. Entry point: {@link
 * com.lumyvo.providers.discovery.Discovery}.
 *
 * <p>Unlike {@link com.lumyvo.providers.ProviderRegistry#lookup(String)}, discovery goes to the
 * network (DNS and HTTPS only, JDK only), so every step has a timeout and the whole has a
 * deadline; a step that fails or times out is recorded and the next one tried.
 */
package com.lumyvo.providers.discovery;
