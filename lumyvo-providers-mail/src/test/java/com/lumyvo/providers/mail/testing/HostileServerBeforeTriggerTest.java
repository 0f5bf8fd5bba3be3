package com.lumyvo.providers.mail.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lumyvo.providers.Security;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.Test;

/**
 * Until the trigger, the hostile servers pass for correct ones, with Jakarta Mail itself as the
 * client. The triggers here never come.
 */
class HostileServerBeforeTriggerTest {

  private static Session session(HostileServer server, String protocol) {
    Properties properties = new Properties();
    String prefix = "mail." + protocol + ".";
    properties.put(prefix + "ssl.socketFactory", RawClient.tls(server.trustStore()));
    properties.put(prefix + "ssl.checkserveridentity", "true");
    properties.put(prefix + "connectiontimeout", "10000");
    properties.put(prefix + "timeout", "10000");
    properties.put(prefix + "writetimeout", "10000");
    if (server.endpoint().security() == Security.STARTTLS) {
      properties.put(prefix + "starttls.enable", "true");
      properties.put(prefix + "starttls.required", "true");
    }
    properties.put(prefix + "auth", "true");
    return Session.getInstance(properties);
  }

  @Test
  void jakartaReadsEnvelopesAndABodyOverImplicitTls() throws MessagingException, IOException {
    try (HostileServer server = HostileServer.imap(Hostility.ENDLESS_LINE)
        .onCommand("NEVER").start()) {
      Store store = session(server, "imaps").getStore("imaps");
      store.connect("localhost", server.endpoint().port(), "anna@fake.example", "secret");
      try {
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        Message[] messages = inbox.getMessages();
        assertThat(messages).hasSize(3);
        FetchProfile profile = new FetchProfile();
        profile.add(FetchProfile.Item.ENVELOPE);
        profile.add(FetchProfile.Item.FLAGS);
        profile.add(UIDFolder.FetchProfileItem.UID);
        inbox.fetch(messages, profile);
        List<String> subjects = new ArrayList<>();
        for (Message message : messages) {
          subjects.add(message.getSubject());
        }
        assertThat(subjects).containsExactly("Hostile test message 1", "Hostile test message 2",
            "Hostile test message 3");
        assertThat(messages[0].getFrom()).containsExactly(
            new InternetAddress("Anna Example <anna@fake.example>"));
        assertThat(((UIDFolder) inbox).getUID(messages[2])).isEqualTo(3);
        assertThat(messages[1].getSize()).isPositive();
        assertThat(messages[1].getContent()).isEqualTo("Hello Ben,\r\n\r\nthis is message 2.\r\n"
            + "\r\nAnna\r\n");
        assertThat(inbox.search(new FlagTerm(new Flags(Flags.Flag.DELETED), false)))
            .hasSize(3);
        inbox.close(false);
      } finally {
        store.close();
      }
      assertThat(server.commandsReceived()).anyMatch(c -> c.endsWith(" AUTHENTICATE PLAIN"));
    }
  }

  @Test
  void jakartaListsCopiesMovesAndExpunges() throws MessagingException {
    try (HostileServer server = HostileServer.imap(Hostility.ENDLESS_LINE).onCommand("NEVER")
        .folders("Projects/2025").start()) {
      Store store = session(server, "imaps").getStore("imaps");
      store.connect("localhost", server.endpoint().port(), "anna", "secret");
      try {
        List<String> names = new ArrayList<>();
        for (Folder folder : store.getDefaultFolder().list("*")) {
          names.add(folder.getFullName());
        }
        assertThat(names).contains("INBOX", "Sent", "Trash", "Archive", "Projects/2025");
        IMAPFolder sent = (IMAPFolder) store.getFolder("Sent");
        assertThat(sent.getAttributes()).contains("\\Sent");
        IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        Folder archive = store.getFolder("Archive");
        AppendUID[] copied = inbox.copyUIDMessages(new Message[] {inbox.getMessage(1)}, archive);
        assertThat(copied[0].uid).isEqualTo(1);
        Message moved = inbox.getMessage(2);
        inbox.moveMessages(new Message[] {moved}, archive);
        assertThat(moved.isExpunged()).isTrue();
        inbox.getMessage(1).setFlag(Flags.Flag.DELETED, true);
        inbox.expunge();
        assertThat(inbox.getMessageCount()).isEqualTo(1);
        assertThat(inbox.getUID(inbox.getMessage(1))).isEqualTo(3);
        inbox.close(false);
        archive.open(Folder.READ_ONLY);
        assertThat(archive.getMessageCount()).isEqualTo(2);
        archive.close(false);
        Folder created = store.getFolder("Later");
        assertThat(created.create(Folder.HOLDS_MESSAGES)).isTrue();
        assertThat(created.exists()).isTrue();
      } finally {
        store.close();
      }
    }
  }

  @Test
  void jakartaLogsInWithLoginAfterStartTls() throws MessagingException {
    try (HostileServer server = HostileServer.imap(Hostility.SILENCE).onCommand("NEVER")
        .security(Security.STARTTLS).withoutCapabilities("AUTH=PLAIN", "SASL-IR")
        .credentials("anna", "p\"w\\").start()) {
      Store store = session(server, "imap").getStore("imap");
      store.connect("localhost", server.endpoint().port(), "anna", "p\"w\\");
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      assertThat(inbox.getMessageCount()).isEqualTo(3);
      inbox.close(false);
      store.close();
      assertThat(server.commandsReceived()).anyMatch(c -> c.endsWith(" STARTTLS"))
          .anyMatch(c -> c.contains(" LOGIN anna "));

      Store wrong = session(server, "imap").getStore("imap");
      assertThatThrownBy(() -> wrong.connect("localhost", server.endpoint().port(), "anna",
          "wrong")).isInstanceOf(AuthenticationFailedException.class);
    }
  }

  @Test
  void idleWaitsForDone() throws IOException {
    try (HostileServer server = HostileServer.imap(Hostility.SILENCE).onCommand("NEVER")
        .start();
        RawClient client = RawClient.connect(server)) {
      client.line();
      client.send("a1 LOGIN anna secret");
      client.line();
      client.send("a2 SELECT INBOX");
      assertThat(client.lineStartingWith("a2 ")).isEqualTo("a2 OK [READ-WRITE] SELECT completed");
      client.send("a3 IDLE");
      assertThat(client.line()).startsWith("+ ");
      client.send("DONE");
      assertThat(client.line()).isEqualTo("a3 OK IDLE terminated");
      client.send("a4 LOGOUT");
      assertThat(client.line()).startsWith("* BYE");
      assertThat(client.line()).isEqualTo("a4 OK LOGOUT completed");
      client.send("a5 XYZZY");
    }
  }

  @Test
  void authenticatePlainTakesAnInitialResponseAndChecksCredentials() throws IOException {
    Base64.Encoder base64 = Base64.getEncoder();
    try (HostileServer server = HostileServer.imap(Hostility.SILENCE).onCommand("NEVER")
        .credentials("anna", "pw").security(Security.PLAIN).start();
        RawClient client = RawClient.connect(server)) {
      client.line();
      client.send("a1 AUTHENTICATE PLAIN " + base64.encodeToString(
          "\u0000anna\u0000wrong".getBytes(StandardCharsets.UTF_8)));
      assertThat(client.line()).isEqualTo("a1 NO [AUTHENTICATIONFAILED] Invalid credentials");
      client.send("a2 AUTHENTICATE PLAIN " + base64.encodeToString(
          "\u0000anna\u0000pw".getBytes(StandardCharsets.UTF_8)));
      assertThat(client.line()).isEqualTo("a2 OK AUTHENTICATE completed");
      client.send("a3 LIST \"\" \"\"");
      assertThat(client.line()).isEqualTo("* LIST (\\Noselect) \"/\" \"\"");
      assertThat(client.line()).isEqualTo("a3 OK LIST completed");
      client.send("a4 STATUS Sent (MESSAGES UIDNEXT)");
      assertThat(client.line()).isEqualTo("* STATUS \"Sent\" (MESSAGES 0 UIDNEXT 1)");
      client.send("a5 FETCH 1 UID");
      assertThat(client.lineStartingWith("a5 ")).isEqualTo("a5 BAD No mailbox selected");
    }
  }

  @Test
  void jakartaSendsOverImplicitTls() throws MessagingException {
    try (HostileServer server = HostileServer.smtp(Hostility.ENDLESS_LINE).onCommand("NEVER")
        .start()) {
      send(server, "smtps", "secret");
      assertThat(server.commandsReceived()).anyMatch(c -> c.startsWith("AUTH "))
          .anyMatch(c -> c.startsWith("MAIL FROM:")).contains("DATA");
    }
  }

  @Test
  void jakartaSendsAfterStartTlsAndFailsWithAWrongPassword() throws MessagingException {
    try (HostileServer server = HostileServer.smtp(Hostility.ENDLESS_LINE).onCommand("NEVER")
        .security(Security.STARTTLS).credentials("anna@fake.example", "secret").start()) {
      send(server, "smtp", "secret");
      assertThat(server.commandsReceived()).contains("STARTTLS");
      assertThatThrownBy(() -> send(server, "smtp", "wrong"))
          .isInstanceOf(AuthenticationFailedException.class);
    }
  }

  private static void send(HostileServer server, String protocol, String password)
      throws MessagingException {
    Session session = session(server, protocol);
    MimeMessage message = new MimeMessage(session);
    message.setFrom("anna@fake.example");
    message.setRecipients(Message.RecipientType.TO, "ben@fake.example");
    message.setSubject("Hello");
    message.setText("Hello Ben\n.\nA line with only a dot, above.\n");
    try (Transport transport = session.getTransport(protocol)) {
      transport.connect("localhost", server.endpoint().port(), "anna@fake.example", password);
      transport.sendMessage(message, message.getAllRecipients());
    }
  }
}
