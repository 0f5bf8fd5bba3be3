/**
 * {@link com.lumyvo.providers.mail.junit.FakeProviderExtension}: a {@link
 * com.lumyvo.providers.mail.testing.FakeProvider} for each test class or test, started and
 * stopped by JUnit Jupiter. Everything is non-null unless documented otherwise.
 */
package com.lumyvo.providers.mail.junit;
