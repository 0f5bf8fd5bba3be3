package com.lumyvo.providers.mail.junit;

import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.mail.testing.FakeProvider;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link FakeProvider} for JUnit Jupiter tests, and every test starts on a clean one: no
 * accounts, no mail, no faults, an empty journal and nothing received.
 *
 * <pre>{@code
 * @RegisterExtension
 * static FakeProviderExtension fake = FakeProviderExtension.mimicking(yahoo);
 * }</pre>
 *
 * <p>On a static field the fake starts once for the class and is {@linkplain FakeProvider#reset()
 * reset} before each test: its endpoints and certificates stay, its state goes. On an instance
 * field each test gets a fake of its own. Both isolate tests; the static field is cheaper (a reset
 * takes about 0.1 ms, a start and a stop some 15 ms, the first in a JVM 130 ms) and keeps the
 * descriptor's ports for the whole class. Because of the reset, accounts belong in the test or in a
 * {@code @BeforeEach} method, not in {@code @BeforeAll}; and tests that run concurrently need a
 * fake each (an instance field).
 *
 * <p>Not thread-safe: JUnit calls it from one thread per test.
 */
public final class FakeProviderExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private final Supplier<FakeProvider> factory;
  private FakeProvider provider;
  /** How many classes (a test class and its nested ones) share the fake started in beforeAll. */
  private int classes;

  private FakeProviderExtension(Supplier<FakeProvider> factory) {
    this.factory = factory;
  }

  /** The fake's own provider, {@code fake}, for addresses at {@code fake.example}. */
  public static FakeProviderExtension create() {
    return new FakeProviderExtension(FakeProvider::start);
  }

  /** A fake that plays {@code provider}: its facts and rules, its replies, our servers. */
  public static FakeProviderExtension mimicking(ProviderDescriptor provider) {
    Objects.requireNonNull(provider, "provider");
    return new FakeProviderExtension(() -> FakeProvider.mimicking(provider));
  }

  /**
   * The running fake.
   *
   * @throws IllegalStateException outside a test
   */
  public FakeProvider get() {
    if (provider == null) {
      throw new IllegalStateException("the fake provider runs only during tests");
    }
    return provider;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    // Nested test classes run beforeAll again: they share the outer class's fake.
    if (classes++ == 0) {
      provider = factory.get();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (provider == null) {
      provider = factory.get();
    } else {
      provider.reset();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (classes == 0 && provider != null) {
      provider.close();
      provider = null;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (--classes == 0 && provider != null) {
      provider.close();
      provider = null;
    }
  }
}
