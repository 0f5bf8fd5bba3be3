package com.lumyvo.providers.mail.realserver;

import com.lumyvo.providers.mail.mailbox.MailboxSession;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.mailbox.SyncBatch;
import com.lumyvo.providers.mail.mailbox.MessageSummary;
import com.lumyvo.providers.mail.MailAccount;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/** Small helpers shared by the compatibility suite's test classes. */
final class Suite {
  /** How long anything that travels through Postfix or a watch may take before a test fails. */
  static final Duration ARRIVAL = Duration.ofSeconds(60);

  private Suite() {}

  /** Polls {@code found} (every 100 ms, no fixed sleep) until it is non-null or time is up. */
  static <T> T await(Duration limit, Supplier<T> found) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      T value = found.get();
      if (value != null || System.nanoTime() > deadline) {
        return value;
      }
      Thread.sleep(100);
    }
  }

  /** A message with LF line ends and the given headers, for the harness's append. */
  static byte[] rfc822(MailAccount to, String subject, String messageId) {
    return ("From: carol@example.org\nTo: " + to.address() + "\nSubject: " + subject + "\n"
        + (messageId == null ? "" : "Message-ID: " + messageId + "\n")
        + "Date: Mon, 4 Mar 2024 10:00:00 +0100\nMIME-Version: 1.0\n"
        + "Content-Type: text/plain; charset=UTF-8\n\nbody of " + subject + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A plain-text message from one account to another. */
  static MimeMessage mail(MailAccount from, MailAccount to, String subject, String text)
      throws MessagingException {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
    message.setFrom(new InternetAddress(from.address().toString()));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(to.address().toString()));
    message.setSubject(subject, "UTF-8");
    message.setText(text, "UTF-8");
    return message;
  }

  /**
   * Syncs until {@code more} is false, checking on the way that {@code more} is true on every
   * batch but the last and that no batch is larger than {@code limit}.
   *
   * @return every batch, in order
   */
  static List<SyncBatch> drain(MailboxSession session, String folder, SyncCursor cursor,
      int limit) {
    List<SyncBatch> batches = new ArrayList<>();
    SyncBatch batch;
    do {
      batch = session.sync(folder, cursor, limit);
      batches.add(batch);
      if (batch.messages().size() > limit) {
        throw new AssertionError("batch of " + batch.messages().size() + " above " + limit);
      }
      if (batches.size() > 100_000) {
        throw new AssertionError("sync does not end");
      }
      cursor = batch.next();
    } while (batch.more());
    return batches;
  }

  /** The Message-IDs of the batches' messages, in order ("-" for one without). */
  static List<String> ids(List<SyncBatch> batches) {
    List<String> ids = new ArrayList<>();
    for (SyncBatch b : batches) {
      for (MessageSummary m : b.messages()) {
        ids.add(m.messageId().orElse("-"));
      }
    }
    return ids;
  }

  /** Subjects of what Dovecot has in the folder, \Deleted ones included. */
  static List<String> subjectsOnServer(RealMailServers servers, MailAccount account,
      String folder) {
    return servers.fetch(account, folder, "uid", "hdr.subject").stream()
        .map(row -> row.get("hdr.subject")).toList();
  }

  /** Rows of what Dovecot has in the folder: uid, flags, Message-ID, subject. */
  static List<Map<String, String>> onServer(RealMailServers servers, MailAccount account,
      String folder) {
    return servers.fetch(account, folder, "uid", "flags", "hdr.message-id", "hdr.subject");
  }
}
