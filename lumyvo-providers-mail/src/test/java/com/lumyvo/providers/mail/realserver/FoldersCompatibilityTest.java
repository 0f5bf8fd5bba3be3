package com.lumyvo.providers.mail.realserver;

import com.lumyvo.providers.mail.mailbox.MailboxSession;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.mailbox.MessageSummary;
import com.lumyvo.providers.mail.mailbox.MailFolder;
import com.lumyvo.providers.mail.mailbox.SpecialUse;
import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Folders on Dovecot: {@code folders()} lists INBOX, folders made by the server side and by
 * {@code createFolder}; {@code createFolder} says true, then false for the same name; names
 * with non-ASCII characters and {@code &} (modified UTF-7 on the wire) round-trip, as Dovecot
 * itself names them; special use by well-known name when Dovecot announces none.
 */
class FoldersCompatibilityTest extends RealServerTest {
  private static final List<String> UNUSUAL = List.of("Entwürfe alt", "Réunion & co",
      "会議の議事録", "Счета", "Ärger&Ümlaut");

  @Test
  void foldersListsInboxAndCreatedFoldersAndCreateFolderSaysWhetherItCreated() {
    MailAccount account = servers.newAccount();
    servers.createFolder(account, "Made by the server");
    try (MailboxSession session = connector.open(account)) {
      assertThat(session.createFolder("Projects")).isTrue();
      assertThat(session.createFolder("Projects")).isFalse();
      assertThat(session.folders()).extracting(MailFolder::name)
          .contains("INBOX", "Made by the server", "Projects");
      // After a folder is selected, on the same connection.
      session.sync("INBOX", SyncCursor.beginning());
      assertThat(session.createFolder("Later")).isTrue();
      assertThat(session.createFolder("Later")).isFalse();
      assertThat(session.createFolder("INBOX")).isFalse();
      assertThat(session.folders()).extracting(MailFolder::name)
          .contains("INBOX", "Made by the server", "Projects", "Later");
    }
    assertThat(mailboxesOnServer(account)).contains("Projects", "Later");
  }

  @Test
  void nonAsciiNamesRoundTrip() {
    MailAccount account = servers.newAccount();
    try (MailboxSession session = connector.open(account)) {
      for (String name : UNUSUAL) {
        assertThat(session.createFolder(name)).as(name).isTrue();
        assertThat(session.createFolder(name)).as(name).isFalse();
      }
      assertThat(session.folders()).extracting(MailFolder::name).containsAll(UNUSUAL);
    }
    // Dovecot decodes modified UTF-7: it has exactly these names, not their encoded forms.
    assertThat(mailboxesOnServer(account)).containsAll(UNUSUAL);
    String batch = servers.seed(account, "会議の議事録", 2);
    try (MailboxSession session = connector.open(account)) {
      List<MessageSummary> messages = session.sync("会議の議事録", SyncCursor.beginning())
          .messages();
      assertThat(messages).extracting(m -> m.messageId().orElseThrow())
          .containsExactly(SeedMessages.messageId(batch, 1), SeedMessages.messageId(batch, 2));
      assertThat(session.move("会議の議事録", List.of(messages.get(0).uid()), "Réunion & co"))
          .isEqualTo(1);
      assertThat(session.count("Réunion & co")).isEqualTo(1);
    }
    assertThat(Suite.subjectsOnServer(servers, account, "Réunion & co"))
        .containsExactly(SeedMessages.subject(1));
  }

  @Test
  void specialUseByWellKnownNameWhenDovecotAnnouncesNone() {
    MailAccount account = servers.newAccount();
    try (MailboxSession session = connector.open(account)) {
      assertThat(session.folder(SpecialUse.SENT)).isEmpty();
      session.createFolder("Sent");
      session.createFolder("Papierkorb");
      Optional<MailFolder> sent = session.folder(SpecialUse.SENT);
      assertThat(sent).hasValueSatisfying(f -> {
        assertThat(f.name()).isEqualTo("Sent");
        assertThat(f.announced()).isFalse();
      });
      assertThat(session.folder(SpecialUse.TRASH)).map(MailFolder::name).contains("Papierkorb");
      assertThat(session.folders()).filteredOn(f -> f.name().equals("INBOX"))
          .singleElement().satisfies(f -> assertThat(f.specialUse()).isEmpty());
    }
  }

  private static List<String> mailboxesOnServer(MailAccount account) {
    return List.of(servers.doveadm(account, List.of("mailbox", "list")).split("\\n"));
  }
}
