package com.lumyvo.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.ProviderRegistry;
import com.lumyvo.providers.diagnosis.FailureKind;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.VerificationResult;
import com.lumyvo.providers.mail.testing.FakeProviderExtension;
import com.lumyvo.providers.mail.testing.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's example of a service's test on a fake provider, run as it stands there. */
class FakeProviderExampleTest {
  @RegisterExtension
  static FakeProviderExtension fake =
      FakeProviderExtension.mimicking(ProviderRegistry.defaults().byId("yahoo").orElseThrow());

  @Test
  void tellsTheUserToUseAnAppPassword() {
    MailAccount account = fake.get().addAccount("anna@yahoo.com", AppPassword.of("abcd efgh ijkl mnop"));
    fake.get().inject(Fault.APP_PASSWORD_REQUIRED);        // Yahoo's own (#AUTH005) reply
    MailAccount regular = MailAccount.builder("anna@yahoo.com", AppPassword.of("Summer2024!"))
        .provider(fake.get().descriptor()).build();
    VerificationResult result = fake.get().connector().verify(regular);
    assertThat(result.smtp().diagnosis().orElseThrow().kind()).isEqualTo(FailureKind.APP_PASSWORD_REQUIRED);
    assertThat(account.login(com.lumyvo.providers.Protocol.IMAP)).isEqualTo("anna@yahoo.com");
  }
}
