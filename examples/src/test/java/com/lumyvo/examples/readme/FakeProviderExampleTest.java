package com.lumyvo.examples.readme;

import com.lumyvo.providers.mail.verify.VerificationResult;
import com.lumyvo.providers.mail.mailbox.MailboxSession;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.ProviderRegistry;
import com.lumyvo.providers.diagnosis.FailureKind;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
import com.lumyvo.providers.mail.MailOperationException;
import com.lumyvo.providers.mail.testing.HostileServer;
import com.lumyvo.providers.mail.testing.Hostility;
import com.lumyvo.providers.mail.junit.FakeProviderExtension;
import com.lumyvo.providers.mail.testing.Fault;
import com.lumyvo.providers.mail.testing.RecordedCommand;
import com.lumyvo.providers.mail.mailbox.SyncBatch;
import com.lumyvo.providers.mail.watch.FolderWatch;
import com.lumyvo.providers.mail.watch.WatchOptions;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
    fake.get().inject(Fault.APP_PASSWORD_REQUIRED);        // a reply with Yahoo's (#AUTH005) code
    MailAccount regular = MailAccount.builder("anna@yahoo.com", AppPassword.of("Summer2024!"))
        .provider(fake.get().descriptor()).build();
    VerificationResult result = fake.get().connector().verify(regular);
    assertThat(result.smtp().diagnosis().orElseThrow().kind()).isEqualTo(FailureKind.APP_PASSWORD_REQUIRED);
    assertThat(account.login(com.lumyvo.providers.Protocol.IMAP)).isEqualTo("anna@yahoo.com");
  }

  /** The README's example of the journal and of waiting for a watch, run as it stands there. */
  @Test
  void watchesTheInboxAndNeverShowsThePassword() throws Exception {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
    message.setFrom(new InternetAddress("bob@example.org"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress("anna@yahoo.com"));
    message.setSubject("Hello");
    message.setText("Hello Anna");
    MailAccount account = fake.get().addAccount("anna@yahoo.com", AppPassword.of("abcd efgh ijkl mnop"));
    BlockingQueue<SyncBatch> batches = new LinkedBlockingQueue<>();
    try (FolderWatch watch = fake.get().connector().watch(account, "INBOX", SyncCursor.beginning(),
        batches::add, WatchOptions.defaults())) {
      assertThat(fake.get().awaitIdle("anna@yahoo.com", "INBOX", Duration.ofSeconds(10))).isTrue();
      fake.get().deliver("anna@yahoo.com", message);                     // the watch hears at once
      assertThat(batches.poll(10, TimeUnit.SECONDS).messages()).hasSize(1);
      assertThat(watch.isRunning()).isTrue();
    }
    List<RecordedCommand> commands = fake.get().takeCommands();        // what the client sent
    assertThat(commands).extracting(RecordedCommand::name).containsSubsequence("LOGIN", "SELECT", "IDLE", "DONE");
    assertThat(commands).extracting(RecordedCommand::line)
        .anyMatch(line -> line.endsWith(" LOGIN anna@yahoo.com [redacted]"))   // tags vary
        .noneMatch(line -> line.contains("abcdefghijklmnop"));
  }

  /** The README's hostile-server example, run as it stands there. */
  @Test
  void aServerThatNeverEndsItsFetchIsAProtocolError() {
    boolean[] failed = {false};
    try (HostileServer server = HostileServer.imap(Hostility.ENDLESS_FETCH).onCommand("FETCH").start()) {
      MailConnector connector = MailConnector.builder().trustStore(server.trustStore()).build();
      MailAccount account = MailAccount.builder("anna@example.org", AppPassword.of("any-password-1"))
          .imap(server.endpoint()).smtp(server.endpoint()).build();   // localhost, SSL/TLS
      try (MailboxSession session = connector.open(account)) {      // login and SELECT work
        session.sync("INBOX", SyncCursor.beginning());              // the FETCH never ends: cut at 8 MiB
      } catch (MailOperationException e) {
        assertThat(e.diagnosis().kind()).isEqualTo(FailureKind.PROTOCOL_ERROR);
        failed[0] = true;
      }
    }
    assertThat(failed[0]).as("the sync failed").isTrue();
  }
}
