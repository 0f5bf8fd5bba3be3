package com.lumyvo.providers.mail.realserver;

import com.lumyvo.providers.mail.mailbox.MailboxSession;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.mailbox.MessageSummary;
import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code writeMessage} against Dovecot: a message of about 30 MB comes out byte for byte as it
 * was delivered (SHA-256 and length, the count returned included), a missing UID gives -1 and
 * writes nothing, and streaming marks nothing seen.
 */
class StreamingCompatibilityTest extends RealServerTest {

  @Test
  void thirtyMegabyteMessageStreamsExactlyTheBytesAppended() throws Exception {
    MailAccount account = servers.newAccount();
    byte[] message = bigMessage(account, 30 << 20);
    String expected = sha256(message);
    servers.append(account, "INBOX", message);
    try (CuttingRelay relay = new CuttingRelay(servers.imapPlain());
        MailboxSession session = connector.open(servers.on(relay.endpoint(), account))) {
      MessageSummary summary = session.sync("INBOX", SyncCursor.beginning()).messages().get(0);
      assertThat(summary.size()).isEqualTo(message.length);
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      CountingNull sink = new CountingNull();
      long written;
      try (DigestOutputStream out = new DigestOutputStream(sink, digest)) {
        written = session.writeMessage("INBOX", summary.uid(), out);
      }
      assertThat(written).isEqualTo(message.length);
      assertThat(sink.count).isEqualTo(message.length);
      assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(expected);
      // "Read in pieces of a megabyte": about one partial FETCH per megabyte, no whole fetch.
      List<String> fetches = relay.lines().stream().map(CuttingRelay.Line::command)
          .filter(c -> c.startsWith("UID FETCH") || c.startsWith("FETCH"))
          .filter(c -> c.contains("BODY.PEEK[]") || c.contains("BODY[]")
              || c.contains("RFC822)") || c.contains("RFC822 ") || c.contains("BINARY"))
          .toList();
      long megabytes = (message.length + (1 << 20) - 1) >> 20;
      assertThat(fetches).as("content fetches")
          .hasSizeBetween((int) megabytes, (int) megabytes + 1)
          .allMatch(c -> c.matches(".*(BODY|BINARY)\\.PEEK\\[\\]<\\d+\\.\\d+>.*"));
      System.out.printf("streamed %d bytes in %d partial fetches, e.g. %s%n", written,
          fetches.size(), fetches.get(0));

      ByteArrayOutputStream none = new ByteArrayOutputStream();
      assertThat(session.writeMessage("INBOX", summary.uid() + 1, none)).isEqualTo(-1);
      assertThat(none.size()).isZero();
      assertThat(session.isOpen()).isTrue();
    }
    assertThat(servers.fetch(account, "INBOX", "uid", "flags"))
        .noneMatch(r -> r.get("flags").contains("\\Seen"));
  }

  /** A text message of about {@code size} bytes with CRLF line ends, as IMAP serves them. */
  private static byte[] bigMessage(MailAccount to, int size) {
    StringBuilder m = new StringBuilder(size + 1024);
    m.append("From: carol@example.org\r\nTo: ").append(to.address())
        .append("\r\nSubject: big\r\nMessage-ID: <big@lumyvo.test>\r\nMIME-Version: 1.0\r\n")
        .append("Content-Type: application/octet-stream\r\n")
        .append("Content-Transfer-Encoding: base64\r\n\r\n");
    Random random = new Random(42);
    byte[] chunk = new byte[57];
    while (m.length() < size) {
      random.nextBytes(chunk);
      m.append(Base64.getEncoder().encodeToString(chunk)).append("\r\n");
    }
    return m.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /** Counts and drops what is written. */
  private static final class CountingNull extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
