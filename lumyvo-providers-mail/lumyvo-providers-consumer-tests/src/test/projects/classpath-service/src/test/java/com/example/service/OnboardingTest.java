package com.example.service;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.junit.FakeProviderExtension;
import com.lumyvo.providers.mail.verify.VerificationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A service's test on the SDK's fake provider, with only what the README says to add. */
class OnboardingTest {
  @RegisterExtension
  static FakeProviderExtension fake = FakeProviderExtension.create();

  @Test
  void anAccountWithItsAppPasswordVerifies() {
    MailAccount account =
        fake.get().addAccount("anna@fake.example", AppPassword.of("abcd efgh ijkl mnop"));
    VerificationResult result = fake.get().connector().verify(account);
    assertTrue(result.ok(), result::toString);
  }
}
