package com.lumyvo.providers.mail.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How a connection reads the lines it relays, for exchanges GreenMail cannot play: SASL
 * challenges on lines of their own (GreenMail's IMAP answers AUTHENTICATE PLAIN with NO at once),
 * and logins by SASL for {@link FakeProvider#awaitIdle}.
 */
class ClientConnectionTest {
  private static final ServerEndpoint IMAP = ServerEndpoint.of("localhost", 993, Security.SSL_TLS);
  private static final String PASSWORD = "Sasl-Secret-9911zz";

  private final CommandJournal journal = new CommandJournal();
  private final ClientConnection.Observer ignored = new ClientConnection.Observer() {
    @Override
    public void accepted(byte[] message) {}

    @Override
    public void changed(ClientConnection connection) {}
  };

  @Test
  void saslResponsesOnLinesOfTheirOwnAreRedactedUntilTheServerAnswersTheCommand()
      throws Exception {
    ClientConnection imap = new ClientConnection(Protocol.IMAP, IMAP, 1, journal, ignored);

    client(imap, "c1 AUTHENTICATE PLAIN");
    server(imap, "+ ");
    client(imap, plain("anna", PASSWORD));
    server(imap, "c1 NO wrong");
    client(imap, "c2 AUTHENTICATE LOGIN");
    server(imap, "+ VXNlcm5hbWU6");
    client(imap, base64("anna"));
    server(imap, "+ UGFzc3dvcmQ6");
    client(imap, "*"); // cancelled
    server(imap, "c2 BAD cancelled");
    client(imap, "c3 NOOP");

    assertThat(lines()).containsExactly("c1 AUTHENTICATE PLAIN", "[redacted]",
        "c2 AUTHENTICATE LOGIN", "[redacted]", "*", "c3 NOOP");
  }

  @Test
  void aLoginByAuthenticatePlainCountsForIdle() {
    ClientConnection imap = new ClientConnection(Protocol.IMAP, IMAP, 1, journal, ignored);

    client(imap, "a1 AUTHENTICATE PLAIN " + plain("anna@fake.example", PASSWORD));
    server(imap, "a1 OK");
    client(imap, "a2 SELECT \"Entw&APw-rfe\"");
    server(imap, "a2 OK");
    client(imap, "a3 IDLE");
    server(imap, "+ idling");
    imap.sentToClient("+ idling\r\n".getBytes(StandardCharsets.US_ASCII));

    assertThat(imap.idlesIn("anna@fake.example", "Entwürfe")).isTrue();
    assertThat(imap.idlesIn("bob@fake.example", "Entwürfe")).isFalse();
  }

  private static void client(ClientConnection connection, String line) {
    connection.fromClient((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
  }

  private static void server(ClientConnection connection, String line) {
    connection.fromServer((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
  }

  private List<String> lines() throws InterruptedException {
    List<String> lines = new ArrayList<>();
    Optional<RecordedCommand> next;
    while ((next = journal.take(Duration.ZERO)).isPresent()) {
      lines.add(next.get().line());
    }
    return lines;
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  private static String plain(String user, String password) {
    return base64("\0" + user + "\0" + password);
  }
}
