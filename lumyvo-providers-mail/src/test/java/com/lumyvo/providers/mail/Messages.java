package com.lumyvo.providers.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/** Test messages with known Message-IDs. */
final class Messages {
  private Messages() {}

  static MimeMessage numbered(int n) {
    return numbered(n, "<test-" + n + "@fake.example>", "Body of message " + n);
  }

  /** Message {@code n} with {@code messageId} (none if null) and {@code body}. */
  static MimeMessage numbered(int n, String messageId, String body) {
    try {
      MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
        @Override
        protected void updateMessageID() throws MessagingException {
          if (messageId != null) {
            setHeader("Message-ID", messageId);
          } else {
            removeHeader("Message-ID");
          }
        }
      };
      message.setFrom(new InternetAddress("sender" + n + "@example.org"));
      message.setRecipient(Message.RecipientType.TO, new InternetAddress("anna@fake.example"));
      message.setSubject("Message " + n);
      message.setText(body);
      message.saveChanges();
      return message;
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
