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
    try {
      MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
        @Override
        protected void updateMessageID() throws MessagingException {
          setHeader("Message-ID", "<test-" + n + "@fake.example>");
        }
      };
      message.setFrom(new InternetAddress("sender" + n + "@example.org"));
      message.setRecipient(Message.RecipientType.TO, new InternetAddress("anna@fake.example"));
      message.setSubject("Message " + n);
      message.setText("Body of message " + n);
      message.saveChanges();
      return message;
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
