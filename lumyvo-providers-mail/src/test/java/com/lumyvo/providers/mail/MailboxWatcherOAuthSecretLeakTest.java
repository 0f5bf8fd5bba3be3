package com.lumyvo.providers.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.ProviderRegistry;
import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.testing.FakeProvider;
import com.lumyvo.providers.mail.testing.RecordedCommand;
import com.lumyvo.providers.mail.watch.MailboxWatcher;
import com.lumyvo.providers.mail.watch.WatchState;
import com.lumyvo.providers.mail.watch.WatchedMailbox;
import com.lumyvo.providers.mail.watch.WatcherEventListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Token accounts in the many-mailbox watcher, watched, expired mid-watch, without the mail scope
 * and revoked, on the fake's own provider, Gmail's and Microsoft's: no access token shows up,
 * in clear or as the base64 SASL blob at any alignment, in the SDK's trace-level log, on
 * standard output or error, in the diagnoses the listener and the event listener get, in the
 * mailboxes', the watcher's or its counters' {@code toString}, nor in the fakes' journal.
 */
class MailboxWatcherOAuthSecretLeakTest {
  private static final Path TRACE = Path.of("target/sdk-trace.log");

  /** Every diagnosis the event listener hears of. */
  private static final class Diagnoses implements WatcherEventListener {
    final List<Diagnosis> seen = new CopyOnWriteArrayList<>();

    @Override
    public void failed(WatchedMailbox mailbox, Diagnosis diagnosis) {
      seen.add(diagnosis);
    }

    @Override
    public void gaveUp(WatchedMailbox mailbox, Diagnosis diagnosis) {
      seen.add(diagnosis);
    }
  }

  @Test
  void noTokenInAnyOutputOfTheWatcher() throws Exception {
    List<String> outputs = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    outputs.add(LeakChecks.console(() -> {
      run(FakeProvider.start(), "tess@fake.example", outputs, tokens);
      run(FakeProvider.mimicking(ProviderRegistry.defaults().lookup("gmail.com").orElseThrow()),
          "tess@gmail.com", outputs, tokens);
      run(FakeProvider.mimicking(ProviderRegistry.defaults().lookup("outlook.com").orElseThrow()),
          "tess@outlook.com", outputs, tokens);
    }));
    String log = Files.readString(TRACE, StandardCharsets.UTF_8);
    outputs.add(log);

    // The log covered the watcher's refusals and stops, or this test would prove nothing.
    assertThat(log).contains("refused the access token of tess@")
        .contains("stopped for good: TOKEN_REVOKED");
    assertThat(tokens).hasSizeGreaterThanOrEqualTo(6);
    for (String output : outputs) {
      for (String token : tokens) {
        for (String form : LeakChecks.tokenForms(token)) {
          assertThat(output).doesNotContain(form);
        }
      }
    }
  }

  private static void run(FakeProvider started, String address, List<String> outputs,
      List<String> tokens) throws Exception {
    try (FakeProvider fake = started) {
      fake.addTokenAccount(address);
      OAuthTest.Counting source = new OAuthTest.Counting(fake.tokenSource(address));
      MailAccount account =
          MailAccount.builder(address, source).provider(fake.descriptor()).build();
      Diagnoses diagnoses = new Diagnoses();
      MailboxWatcherTest.Recorder recorder = new MailboxWatcherTest.Recorder();
      fake.deliver(address, Messages.numbered(1));
      try (MailboxWatcher watcher = fake.connector().watcher(
          MailboxWatcherOAuthTest.fast().eventListener(diagnoses).build())) {
        WatchedMailbox inbox = watcher.add(account, "INBOX", SyncCursor.beginning(), recorder);
        assertThat(recorder.next()).isEqualTo("Message 1");
        MailboxWatcherOAuthTest.await("listening", () -> inbox.state() == WatchState.LISTENING);

        fake.expireTokens(address); // where the session ends, refused once and refreshed
        fake.deliver(address, Messages.numbered(2));
        assertThat(recorder.next()).isEqualTo("Message 2");
        outputs.add(inbox.toString());

        fake.withoutMailScope(address); // Gmail keeps sessions: a new one must log in
        fake.revokeTokens(address);
        fake.dropConnections();
        MailboxWatcherOAuthTest.await("stopped", () -> recorder.stoppedWith != null);

        outputs.add(inbox.toString());
        outputs.add(watcher.toString());
        outputs.add(watcher.stats().toString());
        outputs.add(watcher.mailboxes().toString());
      }
      List<Diagnosis> all = new ArrayList<>(diagnoses.seen);
      all.addAll(recorder.failures);
      assertThat(all).isNotEmpty();
      for (Diagnosis d : all) {
        outputs.add(LeakChecks.everything(d));
      }
      outputs.add(account.toString());
      for (RecordedCommand command : fake.takeCommands()) {
        outputs.add(command.toString());
      }
      tokens.addAll(source.handedOut);
    }
  }

}
