package com.lumyvo.examples.bench;

import com.lumyvo.providers.mail.mailbox.MailboxSession;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.mailbox.SyncBatch;
import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
import com.lumyvo.providers.mail.realserver.RealMailServers;
import jakarta.mail.Address;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * Listing a folder of 10,000 messages over IMAPS from real Dovecot (the mail module's
 * real-server harness), in one run, each contender from a fresh connection through login to
 * the last summary and logout:
 *
 * <ul>
 *   <li>(a) the SDK: {@link MailConnector#open}, {@link MailboxSession#sync} in batches of
 *       1,000 to the end, close; (a') the same in one batch of 10,000;
 *   <li>(b) a raw TLS client ({@link RawImapsClient}) asking the same items with the same
 *       commands: AUTHENTICATE PLAIN, SELECT, UID SEARCH, UID FETCH per 1,000 UIDs, LOGOUT;
 *   <li>(c) hand-tuned Jakarta Mail: one {@code folder.fetch} with a FetchProfile of the same
 *       items, then reading from each message what a summary holds.
 * </ul>
 *
 * <p>Warm-up rounds first (Dovecot builds its index cache in the first), then timed rounds,
 * interleaved, each round in another order; medians and minimums. Then one untimed pass of each
 * through a {@link CountingRelay} for the round trips. Run: {@code java -jar
 * lumyvo-examples.jar bench-dovecot [rounds] [messages] [warm-up rounds] [only]}, where
 * {@code only} (a, a', b or c) runs one contender alone, for profiling.
 */
public final class DovecotSyncBenchmark {
  /** What the SDK's SummaryReader asks: the same items for the raw client. */
  /** The SDK's summary items; the relay pass checks that the SDK really asks these. */
  static final String ITEMS = "(UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[HEADER.FIELDS"
      + " (FROM TO SUBJECT MESSAGE-ID IN-REPLY-TO REFERENCES)])";
  private static final int BATCH = 1_000;
  private static final String HOST = "localhost";

  private DovecotSyncBenchmark() {}

  /** One listing: total from connect to logout, and the part after login. */
  record Sample(long totalNanos, long listingNanos, int count, int commands) {}

  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private interface Contender {
    Sample run(int port) throws Exception;
  }

  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int messages = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    RealMailServers servers;
    try {
      out.println("starting Dovecot (real-server harness) …");
      servers = RealMailServers.shared();
    } catch (IllegalStateException e) {
      err.println("bench-dovecot: Dovecot could not start, so there is nothing to measure: "
          + e.getMessage());
      return 1;
    }
    MailAccount account = servers.account("bench");
    String user = account.address().toString();
    String password = servers.password(account);
    int port = servers.imaps().port();
    long seedStart = System.nanoTime();
    servers.seed(account, "INBOX", messages);
    out.printf("seeded %,d messages into INBOX of %s in %,d ms; Dovecot IMAPS on %s:%d%n",
        messages, user, (System.nanoTime() - seedStart) / 1_000_000, HOST, port);

    SSLContext tls = tls(servers.trustStore());
    MailConnector connector = servers.connectorBuilder().deadline(Duration.ofMinutes(5)).build();
    Map<String, Contender> contenders = new LinkedHashMap<>();
    contenders.put("(a)  SDK sync, batches of 1,000",
        p -> sdk(connector, servers.on(imaps(p), account), BATCH));
    contenders.put("(a') SDK sync, one batch",
        p -> sdk(connector, servers.on(imaps(p), account), messages));
    contenders.put("(b)  raw TLS client", p -> raw(p, tls, user, password));
    contenders.put("(c)  Jakarta FetchProfile", p -> jakarta(p, tls, user, password));
    if (args.length > 3) {
      // Only the contenders whose letter is given, e.g. "a" for the SDK in batches: for
      // profiling one of them in a run of its own; no comparison then.
      String only = "(" + args[3];
      contenders.keySet().removeIf(name -> !name.startsWith(only + ")")
          && !name.startsWith(only + " "));
      if (contenders.isEmpty()) {
        err.println("bench-dovecot: no contender " + args[3] + " (a, a', b or c)");
        return 2;
      }
    }
    List<String> names = new ArrayList<>(contenders.keySet());

    Map<String, List<Sample>> samples = new LinkedHashMap<>();
    names.forEach(name -> samples.put(name, new ArrayList<>()));
    // CPU time of the calling thread, where each contender reads and parses its responses (the
    // SDK logs in on a thread of its own, which this leaves out).
    Map<String, List<Long>> cpuTimes = new LinkedHashMap<>();
    names.forEach(name -> cpuTimes.put(name, new ArrayList<>()));
    for (int round = -warmups; round < rounds; round++) {
      StringBuilder line = new StringBuilder(round < 0 ? "warm-up" : "round " + (round + 1));
      int shift = Math.floorMod(round, names.size());
      for (int i = 0; i < names.size(); i++) {
        String name = names.get((i + shift) % names.size());
        System.gc();
        long cpu = THREADS.getCurrentThreadCpuTime();
        Sample sample = contenders.get(name).run(port);
        cpu = THREADS.getCurrentThreadCpuTime() - cpu;
        if (sample.count() != messages) {
          throw new IllegalStateException(name + " listed " + sample.count() + " of " + messages);
        }
        if (round >= 0) {
          samples.get(name).add(sample);
          cpuTimes.get(name).add(cpu);
        }
        line.append(String.format(Locale.ROOT, "  %s %,d ms", name.substring(0, 4).trim(),
            sample.totalNanos() / 1_000_000));
      }
      out.println(line);
    }

    if (names.size() < contenders.size() || names.size() < 4) {
      for (String name : names) {
        out.printf("%s: median %,d ms, min %,d ms; after login median %,d ms, min %,d ms%n",
            name, ms(median(samples.get(name), true)), ms(min(samples.get(name), true)),
            ms(median(samples.get(name), false)), ms(min(samples.get(name), false)));
      }
      return 0;
    }
    out.println("counting commands through a TLS-terminating relay (untimed) …");
    Map<String, CountingRelay.Counts> trips = new LinkedHashMap<>();
    Map<String, Integer> ownCount = new LinkedHashMap<>();
    Path tlsDir = servers.logDirectory().getParent().resolve("tls");
    try (CountingRelay relay = new CountingRelay(port, tlsDir.resolve("cert.pem"),
        tlsDir.resolve("key.pem"), tls)) {
      for (String name : names) {
        relay.reset();
        Sample sample = contenders.get(name).run(relay.port());
        Thread.sleep(200); // the relay's pumps see the connection's last bytes
        trips.put(name, relay.reset());
        ownCount.put(name, sample.commands());
      }
    } catch (java.io.IOException | java.security.GeneralSecurityException e) {
      err.println("round trips not measured: the relay could not use the harness's certificate"
          + " in " + tlsDir + ": " + e);
    }

    out.printf("%n%,d summaries over IMAPS from Dovecot, %d timed rounds after %d warm-up"
        + " rounds, interleaved; each from a fresh connection (connect, TLS, login) to logout:%n%n",
        messages, rounds, warmups);
    out.printf("%-32s %9s %7s %14s %7s %7s %11s %8s%n", "", "median ms", "min ms",
        "after login ms", "min ms", "CPU ms", "round trips", "commands");
    for (String name : names) {
      List<Sample> s = samples.get(name);
      CountingRelay.Counts c = trips.get(name);
      String own = ownCount.getOrDefault(name, 0) > 0
          ? " (own count " + ownCount.get(name) + ")" : "";
      out.printf("%-32s %,9d %,7d %,14d %,7d %,7d %11s %8s%s%n", name, ms(median(s, true)),
          ms(min(s, true)), ms(median(s, false)), ms(min(s, false)),
          ms(medianOf(cpuTimes.get(name))),
          c == null ? "n/m" : Integer.toString(c.flights()),
          c == null ? "n/m" : Integer.toString(c.commands().size()), own);
    }
    out.println();
    CountingRelay.Counts sdk = trips.get(names.get(0));
    // The relay shortens long command lines the same way for both: compare what they show of
    // each UID FETCH after its UID set.
    CountingRelay.Counts raw = trips.get(names.get(2));
    if (sdk != null && raw != null && !fetchItems(sdk).equals(fetchItems(raw))) {
      err.println("the SDK asks other items than the raw client; the comparison is unfair: "
          + fetchItems(sdk) + " vs " + fetchItems(raw));
      return 1;
    }
    for (Map.Entry<String, CountingRelay.Counts> e : trips.entrySet()) {
      out.printf("%s, %d connection(s): %s%n", e.getKey().trim(), e.getValue().connections(),
          summarize(e.getValue().commands()));
    }
    long a = median(samples.get(names.get(0)), true);
    long aLoop = median(samples.get(names.get(0)), false);
    long a1 = median(samples.get(names.get(1)), true);
    long b = median(samples.get(names.get(2)), true);
    long bLoop = median(samples.get(names.get(2)), false);
    long c = median(samples.get(names.get(3)), true);
    long cLoop = median(samples.get(names.get(3)), false);
    out.println();
    out.printf(Locale.ROOT, "(a)  / (b) raw:      %.2fx  (target: at most 1.25x) %s%n",
        (double) a / b, (double) a / b <= 1.25 ? "met" : "MISSED");
    out.printf(Locale.ROOT, "(a)  / (c) Jakarta:  %.2fx  (target: below 1.00x) %s%n",
        (double) a / c, a < c ? "met" : "MISSED");
    out.printf(Locale.ROOT, "(a') / (b) raw:      %.2fx;  (a') / (c) Jakarta: %.2fx%n",
        (double) a1 / b, (double) a1 / c);
    out.printf(Locale.ROOT, "after login only: (a) sync loop / (b) %.2fx, / (c) %.2fx%n",
        (double) aLoop / bLoop, (double) aLoop / cLoop);
    out.println("CPU ms: median CPU time of the calling thread (the SDK's login runs on another"
        + " thread and is left out)");
    out.println("round trips: how often the client spoke after the server had; commands: command"
        + " lines (both seen in clear by the relay)");
    return 0;
  }

  /** The distinct item lists (as the relay shows them) of a client's UID FETCH commands. */
  private static java.util.Set<String> fetchItems(CountingRelay.Counts counts) {
    java.util.Set<String> items = new java.util.TreeSet<>();
    for (String command : counts.commands()) {
      int at = command.indexOf("UID FETCH ");
      if (at >= 0) {
        String rest = command.substring(at + "UID FETCH ".length());
        int space = rest.indexOf(' ');
        items.add(space < 0 ? "" : rest.substring(space + 1));
      }
    }
    return items;
  }

  /** The commands in order, runs of the same command word joined: {@code UID FETCH ... x10}. */
  private static String summarize(List<String> commands) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < commands.size()) {
      String verb = verb(commands.get(i));
      int j = i;
      while (j + 1 < commands.size() && verb(commands.get(j + 1)).equals(verb)) {
        j++;
      }
      if (out.length() > 0) {
        out.append(" | ");
      }
      out.append(j > i ? verb + " x" + (j - i + 1) : commands.get(i));
      i = j + 1;
    }
    return out.toString();
  }

  private static String verb(String command) {
    String[] words = command.split(" ");
    return words[0].equals("UID") && words.length > 1 ? "UID " + words[1] : words[0];
  }

  private static ServerEndpoint imaps(int port) {
    return ServerEndpoint.of(HOST, port, Security.SSL_TLS);
  }

  /** (a) open, sync to the end, close. */
  private static Sample sdk(MailConnector connector, MailAccount account, int batch) {
    long start = System.nanoTime();
    long listing;
    int count = 0;
    try (MailboxSession session = connector.open(account)) {
      long loop = System.nanoTime();
      SyncCursor cursor = SyncCursor.beginning();
      while (true) {
        SyncBatch next = session.sync("INBOX", cursor, batch);
        count += next.messages().size();
        cursor = next.next();
        if (!next.more()) {
          break;
        }
      }
      listing = System.nanoTime() - loop;
    }
    return new Sample(System.nanoTime() - start, listing, count, 0);
  }

  /** (b) the same commands on a bare TLS socket. */
  private static Sample raw(int port, SSLContext tls, String user, String password)
      throws Exception {
    long start = System.nanoTime();
    RawImapsClient client = RawImapsClient.connect(HOST, port, tls);
    int count = 0;
    long listing;
    try {
      client.authenticatePlain(user, password);
      long loop = System.nanoTime();
      client.run("SELECT INBOX");
      long[] uids = client.searchUids("UID 1:*");
      for (int from = 0; from < uids.length; from += BATCH) {
        int to = Math.min(uids.length, from + BATCH);
        count += client.run("UID FETCH " + RawImapsClient.uidSet(uids, from, to) + " " + ITEMS);
      }
      listing = System.nanoTime() - loop;
      client.logout();
    } finally {
      client.close();
    }
    return new Sample(System.nanoTime() - start, listing, count, client.commands());
  }

  /** (c) one FetchProfile fetch of the same items, then what a summary holds, per message. */
  private static Sample jakarta(int port, SSLContext tls, String user, String password)
      throws Exception {
    long start = System.nanoTime();
    Properties props = new Properties();
    props.put("mail.imaps.ssl.socketFactory", tls.getSocketFactory());
    props.put("mail.imaps.ssl.checkserveridentity", "true");
    props.put("mail.imaps.peek", "true");
    props.put("mail.imaps.connectiontimeout", "10000");
    props.put("mail.imaps.timeout", "120000");
    IMAPStore store = (IMAPStore) Session.getInstance(props).getStore("imaps");
    store.connect(HOST, port, user, password);
    int count = 0;
    long listing;
    try {
      long loop = System.nanoTime();
      IMAPFolder folder = (IMAPFolder) store.getFolder("INBOX");
      folder.open(Folder.READ_ONLY);
      Message[] messages = folder.getMessages();
      FetchProfile fp = new FetchProfile();
      fp.add(UIDFolder.FetchProfileItem.UID);
      fp.add(FetchProfile.Item.ENVELOPE);
      fp.add(FetchProfile.Item.FLAGS);
      fp.add(IMAPFolder.FetchProfileItem.INTERNALDATE);
      fp.add(FetchProfile.Item.SIZE);
      fp.add("References");
      folder.fetch(messages, fp);
      long check = 0;
      for (Message message : messages) {
        IMAPMessage m = (IMAPMessage) message;
        long uid = folder.getUID(m);
        Flags flags = m.getFlags();
        java.util.Date received = m.getReceivedDate();
        int size = m.getSize();
        List<String> from = addresses(m.getFrom());
        List<String> to = addresses(m.getRecipients(Message.RecipientType.TO));
        String subject = m.getSubject();
        String messageId = m.getMessageID();
        String inReplyTo = m.getInReplyTo();
        String[] references = m.getHeader("References");
        if (uid > 0 && flags != null && received != null && size > 0 && !from.isEmpty()
            && !to.isEmpty() && subject != null && messageId != null) {
          count++;
        }
        check += (inReplyTo != null ? 1 : 0) + (references != null ? references.length : 0);
      }
      if (check < 0) {
        throw new AssertionError();
      }
      folder.close(false);
      listing = System.nanoTime() - loop;
    } finally {
      store.close();
    }
    return new Sample(System.nanoTime() - start, listing, count, 0);
  }

  private static List<String> addresses(Address[] addresses) {
    if (addresses == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>(addresses.length);
    for (Address address : addresses) {
      out.add(address instanceof InternetAddress a ? a.getAddress() : address.toString());
    }
    return out;
  }

  static SSLContext tls(KeyStore trust) throws Exception {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  private static long median(List<Sample> samples, boolean total) {
    List<Long> values = new ArrayList<>();
    samples.forEach(s -> values.add(total ? s.totalNanos() : s.listingNanos()));
    Collections.sort(values);
    int n = values.size();
    return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
  }

  private static long medianOf(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static long min(List<Sample> samples, boolean total) {
    return samples.stream().mapToLong(s -> total ? s.totalNanos() : s.listingNanos()).min()
        .orElse(0);
  }

  private static long ms(long nanos) {
    return Math.round(nanos / 1e6);
  }
}
