package com.lumyvo.examples.bench;

import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
import com.lumyvo.providers.mail.mailbox.SyncBatch;
import com.lumyvo.providers.mail.realserver.RealMailServers;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.watch.MailboxListener;
import com.lumyvo.providers.mail.watch.MailboxWatcher;
import com.lumyvo.providers.mail.watch.WatchState;
import com.lumyvo.providers.mail.watch.WatchedMailbox;
import com.lumyvo.providers.mail.watch.WatcherEventListener;
import com.lumyvo.providers.mail.watch.WatcherOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Watches N mailboxes on real Dovecot (the mail module's real-server harness) with one {@link
 * MailboxWatcher}, and reports in one run: the SDK's threads, the heap retained per watched
 * mailbox (after GC), the time until all are listening, the delay from delivery to the listener
 * for new mail in 100 random mailboxes next to a raw IDLE client on the same mailboxes (the
 * server's own notification delay), and the time until all listen again after Dovecot restarts,
 * with the mail delivered while it was down. Run: {@code java -jar lumyvo-examples.jar
 * bench-watch [N] [samples]}.
 */
public final class WatchBenchmark {
  private static final String SUBJECT = "watch-bench ";

  private WatchBenchmark() {}

  /** Arrival times per mailbox and subject, and how often the mailbox became ready. */
  private static final class Listener implements MailboxListener {
    final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    final AtomicInteger readies = new AtomicInteger();
    final AtomicInteger messages = new AtomicInteger();

    @Override
    public void onMessages(SyncBatch batch) {
      long now = System.nanoTime();
      batch.messages().forEach(m -> arrivals.putIfAbsent(m.subject(), now));
      messages.addAndGet(batch.messages().size());
    }

    @Override
    public void onReady() {
      readies.incrementAndGet();
    }
  }

  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int samples = Math.min(n, args.length > 1 ? Integer.parseInt(args[1]) : 100);
    RealMailServers servers;
    try {
      out.println("starting Dovecot (real-server harness) …");
      servers = RealMailServers.shared();
    } catch (IllegalStateException e) {
      err.println("bench-watch: Dovecot could not start, so there is nothing to measure: "
          + e.getMessage());
      return 1;
    }
    out.printf("creating %,d accounts …%n", n);
    List<MailAccount> accounts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      accounts.add(servers.account("watch" + i));
    }
    MailConnector connector = servers.connectorBuilder().build();
    Map<String, Long> notified = new ConcurrentHashMap<>();
    WatcherOptions options = WatcherOptions.builder().maxConcurrentHandshakes(32)
        .eventListener(new WatcherEventListener() {
          @Override
          public void notified(WatchedMailbox mailbox, long messages) {
            notified.put(mailbox.account().address().toString(), System.nanoTime());
          }
        }).build();
    List<Listener> listeners = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      listeners.add(new Listener());
    }
    long heapBefore = usedHeapAfterGc();
    int threadsBefore = Thread.activeCount();
    List<WatchedMailbox> watched = new ArrayList<>();
    long start = System.nanoTime();
    try (MailboxWatcher watcher = connector.watcher(options)) {
      for (int i = 0; i < n; i++) {
        watched.add(watcher.add(accounts.get(i), "INBOX", SyncCursor.beginning(),
            listeners.get(i)));
      }
      if (!await(120, () -> watched.stream().allMatch(w -> w.state() == WatchState.LISTENING))) {
        err.println("bench-watch: not all listening after 120 s: " + watcher.stats());
        return 1;
      }
      long ready = System.nanoTime() - start;
      // The catch-up fetch after each mailbox became ready: wait for those to end.
      await(120, () -> watcher.stats().fetches() >= n && idleFetchers());
      long heapAfter = usedHeapAfterGc();
      out.printf("%,d mailboxes listening after %,d ms (%d handshakes at once)%n", n,
          ready / 1_000_000, options.maxConcurrentHandshakes());
      out.printf("threads: watcher %d, all SDK (lumyvo-*) %d, JVM %d (before: %d)%n",
          watcher.stats().threads(), sdkThreads(), Thread.activeCount(), threadsBefore);
      out.printf("retained heap: %,d KiB per watched mailbox (%,d MiB for %,d, after GC)%n",
          (heapAfter - heapBefore) / n / 1024, (heapAfter - heapBefore) >> 20, n);

      latency(servers, accounts, listeners, notified, samples, out);
      restart(servers, accounts, listeners, watched, samples, out, err);
      out.println(watcher.stats());
    }
    return 0;
  }

  private static void latency(RealMailServers servers, List<MailAccount> accounts,
      List<Listener> listeners, Map<String, Long> notified, int samples, PrintStream out)
      throws Exception {
    SSLContext tls = DovecotSyncBenchmark.tls(servers.trustStore());
    List<Integer> chosen = pick(accounts.size(), samples, 1);
    List<RawIdle> raws = new ArrayList<>();
    for (int i : chosen) {
      raws.add(RawIdle.start(servers, accounts.get(i), tls));
    }
    List<Long> raw = new ArrayList<>();
    List<Long> own = new ArrayList<>();
    List<Long> sdk = new ArrayList<>();
    List<Long> beyond = new ArrayList<>();
    int lost = 0;
    for (int k = 0; k < chosen.size(); k++) {
      int i = chosen.get(k);
      String subject = SUBJECT + "latency " + k;
      RawIdle client = raws.get(k);
      long before = client.exists();
      long t0 = System.nanoTime();
      servers.append(accounts.get(i), "INBOX", message(accounts.get(i), subject));
      Listener listener = listeners.get(i);
      boolean arrived = await(10, () -> listener.arrivals.containsKey(subject)
          && client.exists() > before);
      if (!arrived) {
        lost++;
        continue;
      }
      long tRaw = client.lastExistsAt() - t0;
      long tSdk = listener.arrivals.get(subject) - t0;
      long tOwn = notified.getOrDefault(accounts.get(i).address().toString(), t0) - t0;
      raw.add(tRaw);
      own.add(tOwn);
      sdk.add(tSdk);
      beyond.add(tSdk - tOwn);
    }
    for (RawIdle client : raws) {
      client.close();
    }
    out.printf("new mail in %d random mailboxes (from doveadm save to the listener):%n",
        chosen.size());
    out.printf("  server's EXISTS, raw IDLE client    p50 %s  p99 %s  max %s%n", ms(raw, 50),
        ms(raw, 99), ms(raw, 100));
    out.printf("  server's EXISTS, watcher's own IDLE p50 %s  p99 %s  max %s%n", ms(own, 50),
        ms(own, 99), ms(own, 100));
    out.printf("  delivered to the watcher's listener p50 %s  p99 %s  max %s%n", ms(sdk, 50),
        ms(sdk, 99), ms(sdk, 100));
    out.printf("  listener beyond the server's EXISTS p50 %s  p99 %s  max %s%s%n", ms(beyond, 50),
        ms(beyond, 99), ms(beyond, 100), lost == 0 ? "" : "  (" + lost + " not within 10 s)");
  }

  private static void restart(RealMailServers servers, List<MailAccount> accounts,
      List<Listener> listeners, List<WatchedMailbox> watched, int samples, PrintStream out,
      PrintStream err) throws Exception {
    int[] readiesBefore = listeners.stream().mapToInt(l -> l.readies.get()).toArray();
    servers.stopDovecot();
    List<Integer> chosen = pick(accounts.size(), samples, 2);
    for (int k = 0; k < chosen.size(); k++) {
      int i = chosen.get(k);
      servers.deliverToInbox(accounts.get(i), message(accounts.get(i),
          SUBJECT + "while down " + k));
    }
    long start = System.nanoTime();
    servers.startDovecot();
    long greeted = System.nanoTime() - start;
    boolean back = await(180, () -> {
      for (int i = 0; i < listeners.size(); i++) {
        if (listeners.get(i).readies.get() <= readiesBefore[i]
            || watched.get(i).state() != WatchState.LISTENING) {
          return false;
        }
      }
      return true;
    });
    long allBack = System.nanoTime() - start;
    boolean delivered = await(60, () -> {
      for (int k = 0; k < chosen.size(); k++) {
        if (!listeners.get(chosen.get(k)).arrivals.containsKey(SUBJECT + "while down " + k)) {
          return false;
        }
      }
      return true;
    });
    long allDelivered = System.nanoTime() - start;
    out.printf("Dovecot restart: greeting after %,d ms; all %,d listening again after %,d ms%s;"
        + " the %d messages delivered while down all reached their listeners after %,d ms%s%n",
        greeted / 1_000_000, listeners.size(), allBack / 1_000_000, back ? "" : " (NOT ALL)",
        chosen.size(), allDelivered / 1_000_000, delivered ? "" : " (NOT ALL)");
    int duplicates = 0;
    for (Listener l : listeners) {
      duplicates += l.messages.get() - l.arrivals.size();
    }
    out.printf("messages delivered twice: %d%n", duplicates);
    if (!back || !delivered) {
      err.println("bench-watch: recovery incomplete");
    }
  }

  private static boolean idleFetchers() {
    return Thread.getAllStackTraces().entrySet().stream()
        .filter(e -> e.getKey().getName().contains("-fetch-"))
        .allMatch(e -> e.getKey().getState() != Thread.State.RUNNABLE);
  }

  private static long sdkThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("lumyvo-") && t.isAlive()).count();
  }

  private static List<Integer> pick(int n, int samples, long seed) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(i);
    }
    Collections.shuffle(all, new Random(seed));
    return all.subList(0, samples);
  }

  private static byte[] message(MailAccount to, String subject) {
    String text = "From: bench@lumyvo.test\r\nTo: " + to.address() + "\r\nSubject: " + subject
        + "\r\nMessage-ID: <" + System.nanoTime() + "@lumyvo.test>\r\n\r\nhello\r\n";
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static boolean await(int seconds, BooleanSupplier condition)
      throws InterruptedException {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  private static String ms(List<Long> nanos, int percentile) {
    if (nanos.isEmpty()) {
      return "-";
    }
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return String.format("%.1f ms", sorted.get(Math.max(0, index)) / 1e6);
  }

  /** A plain blocking IDLE client: the server's own notification delay, for comparison. */
  private static final class RawIdle implements AutoCloseable {
    private final SSLSocket socket;
    private volatile long exists = -1;
    private volatile long lastExistsAt;

    private RawIdle(SSLSocket socket) {
      this.socket = socket;
    }

    static RawIdle start(RealMailServers servers, MailAccount account, SSLContext tls)
        throws IOException {
      SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("localhost",
          servers.imaps().port());
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(parameters);
      socket.setTcpNoDelay(true);
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
          StandardCharsets.US_ASCII));
      OutputStream out = socket.getOutputStream();
      in.readLine(); // greeting
      String plain = Base64.getEncoder().encodeToString(("\0" + account.address() + "\0"
          + servers.password(account)).getBytes(StandardCharsets.UTF_8));
      command(in, out, "a AUTHENTICATE PLAIN " + plain, "a ");
      RawIdle client = new RawIdle(socket);
      client.exists = Long.parseLong(command(in, out, "b EXAMINE INBOX", "b ")
          .replaceAll("(?s).*\\* (\\d+) EXISTS.*", "$1"));
      out.write("c IDLE\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      client.startReading(in);
      return client;
    }

    private void startReading(BufferedReader in) {
      Thread t = new Thread(() -> read(in), "bench-raw-idle");
      t.setDaemon(true);
      t.start();
    }

    private static String command(BufferedReader in, OutputStream out, String command,
        String tag) throws IOException {
      out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      StringBuilder all = new StringBuilder();
      String line;
      while ((line = in.readLine()) != null) {
        all.append(line).append('\n');
        if (line.startsWith(tag)) {
          if (!line.startsWith(tag + "OK")) {
            throw new IOException("raw client: " + line);
          }
          return all.toString();
        }
      }
      throw new IOException("raw client: connection closed");
    }

    private void read(BufferedReader in) {
      try {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.startsWith("* ") && line.endsWith(" EXISTS")) {
            lastExistsAt = System.nanoTime();
            exists = Long.parseLong(line.substring(2, line.length() - " EXISTS".length()));
          }
        }
      } catch (IOException | RuntimeException e) {
        // closed
      }
    }

    long exists() {
      return exists;
    }

    long lastExistsAt() {
      return lastExistsAt;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
