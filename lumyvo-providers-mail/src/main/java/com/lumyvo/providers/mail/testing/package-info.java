/**
 * Fake mail providers for tests of services that use the SDK: GreenMail behind TLS endpoints
 * with real certificate checks, providers' own failure replies, and faults on demand.
 */
package com.lumyvo.providers.mail.testing;
