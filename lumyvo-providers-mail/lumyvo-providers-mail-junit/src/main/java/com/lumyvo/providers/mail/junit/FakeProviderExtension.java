package com.lumyvo.providers.mail.junit;

import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.mail.testing.FakeProvider;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a {@link FakeProvider} for a JUnit 5 test class and stops it afterwards; every fault is
 * switched off before each test. Register it on a static field for one fake per class, or on an
 * instance field for one per test:
 *
 * <pre>{@code
 * @RegisterExtension
 * static FakeProviderExtension fake = FakeProviderExtension.mimicking(yahoo);
 * }</pre>
 */
public final class FakeProviderExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private final Supplier<FakeProvider> factory;
  private FakeProvider provider;
  private boolean perClass;

  private FakeProviderExtension(Supplier<FakeProvider> factory) {
    this.factory = factory;
  }

  /** The fake's own provider. */
  public static FakeProviderExtension create() {
    return new FakeProviderExtension(FakeProvider::start);
  }

  /** A fake that plays {@code provider}. */
  public static FakeProviderExtension mimicking(ProviderDescriptor provider) {
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
    perClass = true;
    provider = factory.get();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (provider == null) {
      provider = factory.get();
    } else {
      provider.healAll();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass && provider != null) {
      provider.close();
      provider = null;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (provider != null) {
      provider.close();
      provider = null;
    }
  }
}
