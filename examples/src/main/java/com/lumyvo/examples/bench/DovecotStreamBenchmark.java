package com.lumyvo.examples.bench;

import com.lumyvo.providers.mail.mailbox.MailboxSession;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
import com.lumyvo.providers.mail.realserver.RealMailServers;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * Streams a 100 MB message from real Dovecot (the mail module's real-server harness) in a JVM
 * started with {@code -Xmx64m}: the SDK's {@link MailboxSession#writeMessage} next to a raw TLS
 * client fetching {@code BODY.PEEK[]} in pieces of 1 MB (the SDK's fetch size), both into a
 * counting SHA-256 stream, checked against the appended bytes. Run: {@code java -Xmx64m -jar
 * lumyvo-examples.jar bench-dovecot-stream [megabytes] [rounds]}.
 *
 * <p>The message is generated as a stream and appended with {@code APPEND} (LITERAL+) over the
 * harness's IMAPS: the harness's {@code append(account, folder, byte[])} needs the whole
 * message in memory, which a 64 MB heap cannot hold.
 */
public final class DovecotStreamBenchmark {
  private static final String HOST = "localhost";
  private static final int PIECE = 1 << 20;
  private static final int LINE = 76;
  private static final byte[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
          .getBytes(StandardCharsets.US_ASCII);
  private static final Pattern APPENDUID = Pattern.compile("\\[APPENDUID (\\d+) (\\d+)\\]");

  private DovecotStreamBenchmark() {}

  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    long maxHeap = Runtime.getRuntime().maxMemory();
    out.printf("heap limit %,d MB%s%n", maxHeap >> 20,
        maxHeap > (96L << 20) ? " (start with -Xmx64m to show the message never fits)" : "");
    RealMailServers servers;
    try {
      out.println("starting Dovecot (real-server harness) …");
      servers = RealMailServers.shared();
    } catch (IllegalStateException e) {
      err.println("bench-dovecot-stream: Dovecot could not start, so there is nothing to"
          + " measure: " + e.getMessage());
      return 1;
    }
    MailAccount account = servers.account("stream");
    String user = account.address().toString();
    String password = servers.password(account);
    int port = servers.imaps().port();
    SSLContext tls = DovecotSyncBenchmark.tls(servers.trustStore());

    BigMessage message = new BigMessage(megabytes, user);
    Digesting appended = new Digesting();
    long uid;
    long appendStart = System.nanoTime();
    RawImapsClient client = RawImapsClient.connect(HOST, port, tls);
    try {
      client.authenticatePlain(user, password);
      String completion = client.append("INBOX", message.size(), body -> {
        OutputStream both = tee(body, appended);
        message.writeTo(both);
      });
      Matcher m = APPENDUID.matcher(completion);
      if (!m.find()) {
        throw new IllegalStateException("no APPENDUID in " + completion);
      }
      uid = Long.parseLong(m.group(2));
      client.logout();
    } finally {
      client.close();
    }
    long appendNanos = System.nanoTime() - appendStart;
    String expected = appended.hex();
    out.printf(Locale.ROOT, "appended a %,d-byte message (body %,d bytes) as UID %d in %,d ms;"
        + " SHA-256 %s%n", message.size(), message.bodySize(), uid, appendNanos / 1_000_000,
        expected.substring(0, 16));

    MailConnector connector = servers.connectorBuilder().deadline(Duration.ofMinutes(5)).build();
    List<Long> sdk = new ArrayList<>();
    List<Long> raw = new ArrayList<>();
    long sdkPeak = 0;
    long rawPeak = 0;
    int rawCommands = 0;
    for (int round = -1; round < rounds; round++) { // round -1 warms up
      for (int i = 0; i < 2; i++) {
        boolean sdkTurn = (i + Math.floorMod(round, 2)) % 2 == 0;
        System.gc();
        resetPeaks();
        Digesting sink = new Digesting();
        long start = System.nanoTime();
        if (sdkTurn) {
          try (MailboxSession session = connector.open(account)) {
            long written = session.writeMessage("INBOX", uid, sink);
            if (written != message.size()) {
              throw new IllegalStateException("writeMessage returned " + written);
            }
          }
        } else {
          rawCommands = rawFetch(port, tls, user, password, uid, sink);
        }
        long nanos = System.nanoTime() - start;
        long peak = peakHeap();
        if (sink.count != message.size() || !sink.hex().equals(expected)) {
          throw new IllegalStateException((sdkTurn ? "SDK" : "raw") + " read " + sink.count
              + " bytes with SHA-256 " + sink.hex() + ", not the appended " + message.size()
              + " bytes " + expected);
        }
        if (round >= 0) {
          (sdkTurn ? sdk : raw).add(nanos);
          if (sdkTurn) {
            sdkPeak = Math.max(sdkPeak, peak);
          } else {
            rawPeak = Math.max(rawPeak, peak);
          }
        }
        out.printf(Locale.ROOT, "%-8s %-4s %,6d ms  %6.1f MB/s  bytes and SHA-256 match;"
            + " heap peak %,d MB%n", round < 0 ? "warm-up" : "round " + (round + 1),
            sdkTurn ? "SDK" : "raw", nanos / 1_000_000, mbPerSecond(message.size(), nanos),
            peak >> 20);
      }
    }
    long s = median(sdk);
    long r = median(raw);
    out.printf(Locale.ROOT, "%n%,d bytes (%d MB body) from Dovecot over IMAPS, heap limit %,d MB,"
        + " median of %d rounds after a warm-up, connect to logout:%n", message.size(),
        megabytes, maxHeap >> 20, rounds);
    out.printf(Locale.ROOT, "  SDK writeMessage               %,6d ms  %6.1f MB/s"
        + "  (min %,d ms); heap peak %,d MB%n", s / 1_000_000, mbPerSecond(message.size(), s),
        Collections.min(sdk) / 1_000_000, sdkPeak >> 20);
    out.printf(Locale.ROOT, "  raw BODY.PEEK[] in 1 MB pieces %,6d ms  %6.1f MB/s"
        + "  (min %,d ms); heap peak %,d MB; %d commands%n", r / 1_000_000, mbPerSecond(message.size(), r),
        Collections.min(raw) / 1_000_000, rawPeak >> 20, rawCommands);
    out.printf(Locale.ROOT, "  SDK / raw: %.2fx%n", (double) s / r);
    return 0;
  }

  /** Login, SELECT, {@code UID FETCH uid BODY.PEEK[]<offset.1048576>} until a short piece. */
  private static int rawFetch(int port, SSLContext tls, String user, String password, long uid,
      OutputStream sink) throws IOException {
    RawImapsClient client = RawImapsClient.connect(HOST, port, tls);
    try {
      client.authenticatePlain(user, password);
      client.run("SELECT INBOX");
      long[] piece = {0};
      OutputStream counting = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          sink.write(b);
          piece[0]++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          sink.write(b, off, len);
          piece[0] += len;
        }
      };
      for (long offset = 0; ; offset += PIECE) {
        piece[0] = 0;
        if (client.run("UID FETCH " + uid + " BODY.PEEK[]<" + offset + "." + PIECE + ">",
            counting) != 1) {
          throw new IOException("no FETCH response for UID " + uid);
        }
        if (piece[0] < PIECE) {
          break;
        }
      }
      client.logout();
      return client.commands();
    } finally {
      client.close();
    }
  }

  private static OutputStream tee(OutputStream a, OutputStream b) {
    return new OutputStream() {
      @Override
      public void write(int x) throws IOException {
        a.write(x);
        b.write(x);
      }

      @Override
      public void write(byte[] x, int off, int len) throws IOException {
        a.write(x, off, len);
        b.write(x, off, len);
      }
    };
  }

  /** Counts and hashes what is written to it; keeps nothing. */
  private static final class Digesting extends OutputStream {
    private final MessageDigest digest;
    long count;

    Digesting() {
      try {
        digest = MessageDigest.getInstance("SHA-256");
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void write(int b) {
      digest.update((byte) b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      digest.update(b, off, len);
      count += len;
    }

    String hex() {
      return HexFormat.of().formatHex(digest.digest());
    }
  }

  /**
   * A message with a base64 attachment-like body of about {@code megabytes} MB of pseudo-random
   * lines, CRLF line ends (as IMAP returns them), generated while written: never in memory.
   */
  private static final class BigMessage {
    private final byte[] header;
    private final long lines;

    BigMessage(int megabytes, String to) {
      header = ("From: Archive <archive@example.org>\r\n"
          + "To: " + to + "\r\n"
          + "Subject: A 100 MB body\r\n"
          + "Date: Fri, 1 Mar 2024 09:00:00 +0100\r\n"
          + "Message-ID: <big-" + megabytes + "@lumyvo.test>\r\n"
          + "MIME-Version: 1.0\r\n"
          + "Content-Type: application/octet-stream; name=big.bin\r\n"
          + "Content-Disposition: attachment; filename=big.bin\r\n"
          + "Content-Transfer-Encoding: base64\r\n"
          + "\r\n").getBytes(StandardCharsets.US_ASCII);
      lines = ((long) megabytes << 20) / (LINE + 2);
    }

    long bodySize() {
      return lines * (LINE + 2);
    }

    long size() {
      return header.length + bodySize();
    }

    void writeTo(OutputStream out) throws IOException {
      out.write(header);
      SplittableRandom random = new SplittableRandom(7);
      byte[] chunk = new byte[(LINE + 2) * 840];
      int at = 0;
      for (long n = 0; n < lines; n++) {
        long bits = 0;
        for (int i = 0; i < LINE; i++) {
          if (i % 10 == 0) {
            bits = random.nextLong();
          }
          chunk[at++] = ALPHABET[(int) (bits & 63)];
          bits >>>= 6;
        }
        chunk[at++] = '\r';
        chunk[at++] = '\n';
        if (at == chunk.length) {
          out.write(chunk, 0, at);
          at = 0;
        }
      }
      out.write(chunk, 0, at);
    }
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** The sum of the heap pools' peaks since the last reset: an upper bound of the heap used. */
  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private static double mbPerSecond(long bytes, long nanos) {
    return bytes / 1e6 / (nanos / 1e9);
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
