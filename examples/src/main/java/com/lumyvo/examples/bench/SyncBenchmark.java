package com.lumyvo.examples.bench;

import com.lumyvo.providers.mail.mailbox.MailboxSession;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.mailbox.SyncBatch;
import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
import com.lumyvo.providers.mail.testing.FakeProvider;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Listing a whole folder of 10,000 messages over TLS, three ways in one run, each from a fresh
 * connection through login to the last summary:
 *
 * <ol>
 *   <li>{@code sdk}: {@link MailboxSession#sync} until no more (batched FETCH);
 *   <li>{@code naive}: plain Jakarta Mail, {@code folder.getMessages()} then {@code getSubject()}
 *       and {@code getFrom()} per message (a round trip each);
 *   <li>{@code floor}: one raw {@code UID FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE)}
 *       over a TLS socket, read to the end: the least any client can do.
 * </ol>
 *
 * <p>A main rather than JMH: each measurement is seconds of network I/O, where a median of
 * repeated runs after warm-up says what JMH would. Run: {@code java -jar lumyvo-examples.jar
 * bench-sync [messages] [runs] [naive sample]}.
 */
public final class SyncBenchmark {
  private static final String ADDRESS = "bench@fake.example";
  private static final AppPassword PASSWORD = AppPassword.of("bench-app-password");

  private SyncBenchmark() {}

  public static void run(String[] args, PrintStream out) throws Exception {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    // The naive loop pays one round trip per message, and on GreenMail each of those FETCHes
    // scans the whole folder (about 1 s at 10,000 messages): hours for the whole folder. It runs
    // over the first messages only and is scaled to the folder, which the output says.
    int naiveSample = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    try (FakeProvider fake = FakeProvider.start()) {
      MailAccount account = fake.addAccount(ADDRESS, PASSWORD);
      out.printf("delivering %,d messages to the fake provider …%n", messages);
      for (int n = 1; n <= messages; n++) {
        fake.deliver(ADDRESS, message(n));
      }
      // Timeouts long enough for the naive loop's 20,000 round trips.
      MailConnector patient = fake.connectorBuilder()
          .deadline(java.time.Duration.ofMinutes(10)).build();
      List<Long> sdk = new ArrayList<>();
      List<Long> sdkOneBatch = new ArrayList<>();
      List<Long> naive = new ArrayList<>();
      List<Long> floor = new ArrayList<>();
      for (int run = -1; run < runs; run++) { // run -1 warms up
        sdk.add(time(() -> check(messages, sdk(patient, account, 1_000))));
        sdkOneBatch.add(time(() -> check(messages, sdk(patient, account, messages))));
        floor.add(time(() -> check(messages, floor(fake))));
        out.printf("run %d: sdk %,d ms, sdk in one batch %,d ms, floor %,d ms%n", run + 1,
            last(sdk), last(sdkOneBatch), last(floor));
      }
      sdk.remove(0);
      sdkOneBatch.remove(0);
      floor.remove(0);
      if (naiveSample > 0) {
        int sample = Math.min(naiveSample, messages);
        naive.add(time(() -> check(sample, naive(fake, sample))) * messages / sample);
        out.printf("naive loop over the first %,d messages, scaled to %,d: %,d ms%n", sample,
            messages, last(naive));
      }
      long a1 = median(sdk);
      long a = median(sdkOneBatch);
      long b = naive.isEmpty() ? -1 : median(naive);
      long c = median(floor);
      out.printf("%n%,d messages over TLS, median of %d runs after a warm-up:%n", messages, runs);
      out.printf("  (a) sdk sync     %,8d ms   in batches of 1,000: %,d ms (GreenMail scans the"
          + " folder once per message of every FETCH, so each batch costs as much as a full"
          + " one)%n", a, a1);
      if (b > 0) {
        out.printf("  (b) naive loop   %,8d ms   (a) is %.0fx faster (target: at least 10x);"
            + " measured on the first %,d messages and scaled%n", b, (double) b / a,
            Math.min(naiveSample, messages));
      } else {
        out.println("  (b) naive loop   skipped");
      }
      out.printf("  (c) raw floor    %,8d ms   (a) takes %.2fx the floor (target: at most 1.5x)%n",
          c, (double) a / c);
    }
  }

  private interface Timed {
    void run() throws Exception;
  }

  private static long time(Timed timed) throws Exception {
    long start = System.nanoTime();
    timed.run();
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static long last(List<Long> values) {
    return values.get(values.size() - 1);
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static void check(int expected, int actual) {
    if (expected != actual) {
      throw new IllegalStateException("listed " + actual + " of " + expected + " messages");
    }
  }

  private static int sdk(MailConnector connector, MailAccount account, int batch) {
    int count = 0;
    try (MailboxSession session = connector.open(account)) {
      SyncCursor cursor = SyncCursor.beginning();
      while (true) {
        SyncBatch next = session.sync("INBOX", cursor, batch);
        count += next.messages().size();
        cursor = next.next();
        if (!next.more()) {
          return count;
        }
      }
    }
  }

  private static int naive(FakeProvider fake, int limit) throws Exception {
    Properties props = new Properties();
    props.put("mail.imaps.ssl.socketFactory", tls(fake.trustStore()).getSocketFactory());
    props.put("mail.imaps.ssl.checkserveridentity", "true");
    props.put("mail.imaps.timeout", "30000");
    props.put("mail.imaps.connectiontimeout", "10000");
    Store store = Session.getInstance(props).getStore("imaps");
    store.connect("localhost", fake.descriptor().imap().port(), ADDRESS, PASSWORD.reveal());
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      int count = 0;
      for (Message message : inbox.getMessages(1, limit)) {
        if (message.getSubject() != null && message.getFrom() != null) {
          count++;
        }
      }
      inbox.close(false);
      return count;
    } finally {
      store.close();
    }
  }

  /** Greeting, LOGIN, SELECT, one UID FETCH read to its tagged OK, LOGOUT. */
  private static int floor(FakeProvider fake) throws Exception {
    SSLContext tls = tls(fake.trustStore());
    try (SSLSocket socket = (SSLSocket) tls.getSocketFactory()
        .createSocket("localhost", fake.descriptor().imap().port())) {
      javax.net.ssl.SSLParameters params = socket.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(params);
      InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
      OutputStream out = socket.getOutputStream();
      readUntil(in, "* OK");
      command(out, "a LOGIN " + ADDRESS + " " + PASSWORD.reveal());
      readUntil(in, "a OK");
      command(out, "b SELECT INBOX");
      readUntil(in, "b OK");
      command(out, "c UID FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE)");
      int fetched = readUntil(in, "c OK");
      command(out, "d LOGOUT");
      return fetched;
    }
  }

  private static void command(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Reads lines until one starts with {@code prefix}; returns how many were FETCH responses. */
  private static int readUntil(InputStream in, String prefix) throws IOException {
    StringBuilder line = new StringBuilder();
    int fetches = 0;
    int b;
    while ((b = in.read()) >= 0) {
      if (b != '\n') {
        line.append((char) b);
        continue;
      }
      String text = line.toString();
      line.setLength(0);
      if (text.startsWith("* ") && text.contains(" FETCH ")) {
        fetches++;
      }
      if (text.startsWith(prefix)) {
        return fetches;
      }
      if (text.startsWith(prefix.substring(0, 2)) && !text.startsWith("* ")) {
        throw new IOException("unexpected reply: " + text);
      }
    }
    throw new IOException("connection closed before " + prefix);
  }

  private static SSLContext tls(KeyStore trust) throws Exception {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  private static MimeMessage message(int n) throws Exception {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
    message.setFrom(new InternetAddress("Customer " + n + " <customer" + n + "@example.org>"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(ADDRESS));
    message.setSubject("Order " + n + ": question about delivery");
    message.setHeader("References", "<order-" + n + "@shop.example>");
    message.setText("Hello,\n\nwhere is my order " + n + "?\n\n" + "Regards\n".repeat(20));
    message.saveChanges();
    return message;
  }
}
