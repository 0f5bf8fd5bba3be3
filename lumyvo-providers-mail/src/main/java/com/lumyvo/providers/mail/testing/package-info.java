/**
 * Fake mail providers for tests of services that use the SDK: GreenMail behind TLS endpoints
 * with real certificate checks, providers' own failure replies, and faults on demand; and
 * {@link com.lumyvo.providers.mail.testing.HostileServer}s that misbehave the way broken servers
 * and networks do (endless replies, huge literals, drip, silence, echoed secrets), without
 * GreenMail.
 */
package com.lumyvo.providers.mail.testing;
