package com.lumyvo.providers.mail;

import com.lumyvo.providers.mail.verify.VerificationResult;
import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.ProviderRegistry;
import com.lumyvo.providers.Security;
import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.diagnosis.FailureKind;
import com.lumyvo.providers.mail.testing.FakeProvider;
import com.lumyvo.providers.mail.testing.Fault;
import org.junit.jupiter.api.Test;

/** A fake that plays a real provider keeps its rules and fails with its words. */
class MimickedProviderTest {
  private final ProviderRegistry registry = ProviderRegistry.defaults();

  @Test
  void yahooAnswersARegularPasswordLikeAWrongOneOnImapAndWithAuth005OnSmtp() {
    try (FakeProvider yahoo = FakeProvider.mimicking(registry.byId("yahoo").orElseThrow())) {
      yahoo.addAccount("anna@yahoo.com", AppPassword.of("abcd efgh ijkl mnop"));
      yahoo.inject(Fault.APP_PASSWORD_REQUIRED);
      MailAccount regular = MailAccount.builder("anna@yahoo.com", AppPassword.of("Summer2024!"))
          .provider(yahoo.descriptor()).build();
      VerificationResult result = yahoo.connector().verify(regular);
      Diagnosis imap = result.imap().diagnosis().orElseThrow();
      assertThat(imap.kind()).isEqualTo(FailureKind.INVALID_CREDENTIALS);
      assertThat(imap.alternatives()).contains(FailureKind.APP_PASSWORD_REQUIRED);
      assertThat(imap.providerHints()).anyMatch(h -> h.contains("login.yahoo.com"));
      assertThat(result.smtp().diagnosis().orElseThrow().kind())
          .isEqualTo(FailureKind.APP_PASSWORD_REQUIRED);
    }
  }

  @Test
  void icloudLogsInToImapWithTheLocalPartAndSendsOverStartTlsFirst() {
    try (FakeProvider icloud = FakeProvider.mimicking(registry.byId("icloud").orElseThrow())) {
      MailAccount account = icloud.addAccount("emily@icloud.com", AppPassword.of("abcd-efgh-ijkl-mnop"));
      assertThat(account.login(Protocol.IMAP)).isEqualTo("emily");
      assertThat(account.login(Protocol.SMTP)).isEqualTo("emily@icloud.com");
      VerificationResult result = icloud.connector().verify(account);
      assertThat(result.ok()).as("%s", result).isTrue();
      assertThat(result.smtp().endpoint().security()).isEqualTo(Security.STARTTLS);
    }
  }

  @Test
  void gmxWithImapSwitchedOffSaysOnlyAuthenticationFailedAndTheHintsSayWhy() {
    try (FakeProvider gmx = FakeProvider.mimicking(registry.byId("gmx").orElseThrow())) {
      MailAccount account = gmx.addAccount("anna@gmx.com", AppPassword.of("abcdefghijklmnop"));
      gmx.inject(Fault.IMAP_ACCESS_DISABLED);
      Diagnosis imap = gmx.connector().verify(account).imap().diagnosis().orElseThrow();
      assertThat(imap.kind()).isEqualTo(FailureKind.INVALID_CREDENTIALS);
      assertThat(imap.alternatives()).contains(FailureKind.ACCESS_DISABLED);
      assertThat(imap.providerHints()).anyMatch(h -> h.contains("POP3 & IMAP"));
    }
  }
}
