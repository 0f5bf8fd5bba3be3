package com.lumyvo.providers.mail.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.testing.FakeProvider;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** On an instance field every test gets a fake of its own, stopped after the test. */
class FakeProviderPerTestExtensionTest {
  private static final List<FakeProvider> SEEN = new ArrayList<>();

  @RegisterExtension
  final FakeProviderExtension fake = FakeProviderExtension.create();

  @RepeatedTest(2)
  void eachTestHasAFakeOfItsOwn() {
    assertThat(SEEN).doesNotContain(fake.get());
    SEEN.add(fake.get());
    fake.get().addAccount("anna@fake.example", AppPassword.of("abcdefghijklmnop"));
  }

  @AfterAll
  static void theFakesWereStopped() {
    assertThat(SEEN).hasSize(2).allSatisfy(stopped -> {
      MailAccount anna = MailAccount.builder("anna@fake.example",
          AppPassword.of("abcdefghijklmnop")).provider(stopped.descriptor()).build();
      assertThat(stopped.connector().verify(anna).ok()).as("a stopped fake answers no login")
          .isFalse();
    });
  }
}
