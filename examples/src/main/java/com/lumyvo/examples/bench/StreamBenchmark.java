package com.lumyvo.examples.bench;

import com.lumyvo.providers.mail.mailbox.MailboxSession;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
import com.lumyvo.providers.mail.Timeouts;
import com.lumyvo.providers.mail.testing.FakeProvider;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Random;

/**
 * Streams a message with a 100 MB attachment from a fake provider to a file in a separate JVM
 * limited to {@code -Xmx64m}: the message is bigger than the whole heap, so only a streaming
 * read can succeed. Run: {@code java -jar lumyvo-examples.jar bench-stream [megabytes]}.
 */
public final class StreamBenchmark {
  private static final String ADDRESS = "big@fake.example";
  private static final String PASSWORD = "stream-app-password";
  private static final char[] STORE_PASSWORD = "bench".toCharArray();

  private StreamBenchmark() {}

  public static void run(String[] args, PrintStream out) throws Exception {
    int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    Path dir = Files.createTempDirectory("lumyvo-stream");
    Path trust = dir.resolve("trust.p12");
    Path target = dir.resolve("message.eml");
    try (FakeProvider fake = FakeProvider.start()) {
      fake.addAccount(ADDRESS, AppPassword.of(PASSWORD));
      MimeMessage big = withAttachment(megabytes);
      fake.deliver(ADDRESS, big);
      try (OutputStream file = Files.newOutputStream(trust)) {
        fake.trustStore().store(file, STORE_PASSWORD);
      }
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String classPath = System.getProperty("java.class.path");
      List<String> command = List.of(java, "-Xmx64m", "-cp", classPath,
          StreamBenchmark.class.getName(), Integer.toString(fake.descriptor().imap().port()),
          trust.toString(), target.toString());
      out.printf("streaming a %d MB attachment in a JVM with -Xmx64m …%n", megabytes);
      long start = System.nanoTime();
      Process child = new ProcessBuilder(command).inheritIO().start();
      int exit = child.waitFor();
      long millis = (System.nanoTime() - start) / 1_000_000;
      long size = Files.exists(target) ? Files.size(target) : -1;
      out.printf("child exit %d; wrote %,d bytes in %,d ms (%.0f MB/s, JVM start included)%n",
          exit, size, millis, size / 1e6 / (millis / 1000.0));
      if (exit != 0 || size < (long) megabytes << 20) {
        throw new IllegalStateException("streaming failed");
      }
    } finally {
      Files.deleteIfExists(target);
      Files.deleteIfExists(trust);
      Files.deleteIfExists(dir);
    }
  }

  /** The child: {@code <imap port> <trust store> <target file>}. */
  public static void main(String[] args) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
      trust.load(in, STORE_PASSWORD);
    }
    MailConnector connector = MailConnector.builder().trustStore(trust)
        .timeouts(Timeouts.builder().connect(Duration.ofSeconds(5)).read(Duration.ofSeconds(60))
            .write(Duration.ofSeconds(60)).build())
        .build();
    MailAccount account = MailAccount.builder(ADDRESS, AppPassword.of(PASSWORD))
        .imap(com.lumyvo.providers.ServerEndpoint.of("localhost", Integer.parseInt(args[0]),
            com.lumyvo.providers.Security.SSL_TLS))
        .smtp(com.lumyvo.providers.ServerEndpoint.of("localhost", 1,
            com.lumyvo.providers.Security.SSL_TLS))
        .build();
    try (MailboxSession session = connector.open(account);
        OutputStream file = Files.newOutputStream(Path.of(args[2]))) {
      long uid = session.sync("INBOX", SyncCursor.beginning()).messages().get(0).uid();
      long written = session.writeMessage("INBOX", uid, file);
      System.out.printf("child: %,d bytes written; heap max %,d MB%n", written,
          Runtime.getRuntime().maxMemory() >> 20);
    }
  }

  private static MimeMessage withAttachment(int megabytes) throws Exception {
    byte[] data = new byte[megabytes << 20];
    new Random(7).nextBytes(data);
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
    message.setFrom(new InternetAddress("archive@example.org"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(ADDRESS));
    message.setSubject("A big attachment");
    MimeBodyPart text = new MimeBodyPart();
    text.setText("See the attachment.");
    MimeBodyPart attachment = new MimeBodyPart();
    attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(data,
        "application/octet-stream")));
    attachment.setFileName("big.bin");
    message.setContent(new MimeMultipart(text, attachment));
    message.saveChanges();
    return message;
  }
}
