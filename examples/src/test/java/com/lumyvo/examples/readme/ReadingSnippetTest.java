package com.lumyvo.examples.readme;

import com.lumyvo.providers.mail.mailbox.MailboxSession;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.mailbox.MessageSummary;
import com.lumyvo.providers.mail.watch.FolderWatch;
import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.testing.FakeProvider;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's "Reading, sorting and watching" snippet, run as it stands against a fake provider
 * from the beginning of a folder of more than one batch, with what it claims checked: every
 * message handled once, oldest first; the stored cursor moving only as far as handled; the whole
 * message streamed and read as a MimeMessage without being marked seen; the move; and the watch
 * delivering mail that arrives afterwards.
 */
class ReadingSnippetTest {
  private static final String ANNA = "anna@fake.example";
  private static final int MESSAGES = 1_205; // more than one default batch of 1,000

  @Test
  void theSyncLoopFromTheBeginningHandlesEveryMessageOnceAndTheRestWorks() throws Exception {
    try (FakeProvider fake = FakeProvider.start()) {
      MailAccount account = fake.addAccount(ANNA, AppPassword.of("anna-app-password"));
      for (int n = 1; n <= MESSAGES; n++) {
        fake.deliver(ANNA, message(n));
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      FolderWatch watch = ApiTourSnippets.reading(fake.connector(), account,
          SyncCursor.beginning().toString(), 7, out);
      try {
        List<MessageSummary> handled = new ArrayList<>(ApiTourSnippets.handled);
        assertThat(handled).hasSize(MESSAGES);
        assertThat(handled).extracting(MessageSummary::uid).isSorted().doesNotHaveDuplicates();
        assertThat(handled.get(0).subject()).isEqualTo("Order 1");
        List<SyncCursor> stored = new ArrayList<>(ApiTourSnippets.stored);
        assertThat(stored).extracting(SyncCursor::lastUid).isSorted();
        assertThat(stored.get(0).uidValidity()).isPositive();
        assertThat(stored.get(stored.size() - 1).lastUid())
            .isEqualTo(handled.get(handled.size() - 1).uid());
        assertThat(ApiTourSnippets.forgotten.get()).isZero();

        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
            .contains("Subject: Order 7").contains("Body of order 7");
        MimeMessage original = ApiTourSnippets.replies.peek();
        assertThat(original).isNotNull();
        assertThat(original.getSubject()).isEqualTo("Order 7");

        try (MailboxSession session = fake.connector().open(account)) {
          assertThat(session.count("Orders")).as("moved").isEqualTo(1);
          assertThat(session.count("INBOX")).isEqualTo(MESSAGES - 1);
          assertThat(session.sync("INBOX", SyncCursor.beginning(), 10).messages())
              .allSatisfy(m -> assertThat(m.flags()).doesNotContain("\\Seen"));
        }

        fake.deliver(ANNA, message(MESSAGES + 1));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ApiTourSnippets.watched.isEmpty() && System.nanoTime() < end) {
          Thread.sleep(20);
        }
        assertThat(ApiTourSnippets.watched).isNotEmpty();
        assertThat(ApiTourSnippets.watched.peek().messages()).extracting(MessageSummary::subject)
            .containsExactly("Order " + (MESSAGES + 1));
      } finally {
        watch.close();
      }
    }
  }

  private static MimeMessage message(int n) throws Exception {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
    message.setFrom(new InternetAddress("shop" + n + "@example.org"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(ANNA));
    message.setSubject("Order " + n);
    message.setText("Body of order " + n);
    return message;
  }
}
