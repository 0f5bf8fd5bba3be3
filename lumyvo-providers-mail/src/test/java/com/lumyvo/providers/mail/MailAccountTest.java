package com.lumyvo.providers.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.ProviderRegistry;
import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import org.junit.jupiter.api.Test;

/** Accounts whose login names or sign-in the provider's rules make special. */
class MailAccountTest {
  private static final AppPassword PASSWORD = AppPassword.of("abcd-efgh-ijkl-mnop");

  private static ProviderDescriptor icloudCustomDomain() {
    return ProviderRegistry.defaults().lookupMx("mx01.mail.icloud.com").orElseThrow();
  }

  @Test
  void anIcloudCustomDomainNeedsTheAppleAccountAddressGivenExplicitly() {
    assertThatThrownBy(() -> MailAccount.builder("anna@bakery-anna.de", PASSWORD)
        .provider(icloudCustomDomain()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("iCloud Mail signs bakery-anna.de addresses in to IMAP")
        .hasMessageContaining("login(IMAP, ...)")
        .hasMessageNotContaining(PASSWORD.reveal());

    MailAccount account = MailAccount.builder("anna@bakery-anna.de", PASSWORD)
        .provider(icloudCustomDomain())
        .login(Protocol.IMAP, "anna.bakes")
        .login(Protocol.SMTP, "anna.bakes@icloud.com").build();

    assertThat(account.login(Protocol.IMAP)).isEqualTo("anna.bakes");
    assertThat(account.login(Protocol.SMTP)).isEqualTo("anna.bakes@icloud.com");
    assertThat(account.imap().host()).isEqualTo("imap.mail.me.com");
  }

  @Test
  void replacingTheServersKeepsTheCustomDomainLoginRule() {
    assertThatThrownBy(() -> MailAccount.builder("anna@bakery-anna.de", PASSWORD)
        .provider(icloudCustomDomain())
        .imap(ServerEndpoint.of("imap.proxy.example", 993, Security.SSL_TLS))
        .login(Protocol.IMAP, "anna.bakes").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("to SMTP");
  }

  @Test
  void anOauthOnlyProviderIsRefusedWithTheReason() {
    ProviderDescriptor outlook = ProviderRegistry.defaults().lookup("hotmail.com").orElseThrow();
    assertThat(outlook.appPasswordPolicy().oauthOnly()).isTrue();

    assertThatThrownBy(() -> MailAccount.builder("sam@hotmail.com", PASSWORD).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(outlook.displayName() + " accepts only OAuth 2.0 sign-in")
        .hasMessageContaining("cannot connect hotmail.com addresses");
  }
}
