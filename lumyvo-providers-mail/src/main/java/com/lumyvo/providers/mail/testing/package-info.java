/**
 * Fake mail providers for tests of services that use the SDK: GreenMail behind TLS endpoints
 * with real certificate checks, providers' own failure replies, and faults on demand, with a
 * journal of what clients sent ({@link com.lumyvo.providers.mail.testing.RecordedCommand}), the
 * mail their SMTP accepted and a wait for watches that idle; and
 * {@link com.lumyvo.providers.mail.testing.HostileServer}s that misbehave the way broken servers
 * and networks do (endless replies, huge literals, drip, silence, echoed secrets), without
 * GreenMail.
 */
package com.lumyvo.providers.mail.testing;
