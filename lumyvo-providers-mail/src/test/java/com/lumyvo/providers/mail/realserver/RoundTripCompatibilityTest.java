package com.lumyvo.providers.mail.realserver;

import com.lumyvo.providers.mail.mailbox.MailboxSession;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.mail.mailbox.SyncBatch;
import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * What a cold sync costs on the wire, counted by a {@link CuttingRelay} (which cuts nothing
 * here) in front of Dovecot's plain-text port: {@code open}, a sync of 10,000 messages in
 * batches of 1,000, {@code close}. After logging in and selecting the folder the SDK may send at
 * most one command per batch plus two (one UID SEARCH listing, the UID FETCHes, LOGOUT), and it
 * logs in with AUTHENTICATE PLAIN in one line (SASL-IR) where Dovecot offers SASL-IR.
 */
class RoundTripCompatibilityTest extends RealServerTest {

  @Test
  void coldSyncOfTenThousandCostsAtMostBatchesPlusTwoCommandsAfterLoginAndSelect()
      throws Exception {
    MailAccount account = servers.newAccount();
    servers.seed(account, "INBOX", 10_000);
    assertThat(preLoginCapabilities()).contains("SASL-IR", "AUTH=PLAIN");
    int batches = 0;
    int messages = 0;
    List<CuttingRelay.Line> lines;
    try (CuttingRelay relay = new CuttingRelay(servers.imapPlain())) {
      MailAccount through = servers.on(relay.endpoint(), account);
      try (MailboxSession session = connector.open(through)) {
        SyncCursor cursor = SyncCursor.beginning();
        SyncBatch batch;
        do {
          batch = session.sync("INBOX", cursor, 1_000);
          batches++;
          messages += batch.messages().size();
          cursor = batch.next();
        } while (batch.more());
      }
      lines = awaitLogout(relay);
      assertThat(relay.connections()).as("one connection for open, sync and close").isEqualTo(1);
    }
    List<String> trace = lines.stream().map(RoundTripCompatibilityTest::redacted).toList();
    System.out.println("Client commands of open + cold sync of 10,000 in batches of 1,000 +"
        + " close (" + batches + " batches):");
    trace.forEach(l -> System.out.println("  " + l));
    assertThat(messages).isEqualTo(10_000);
    assertThat(batches).isEqualTo(10);

    int login = indexOf(lines, "AUTHENTICATE", "LOGIN");
    assertThat(login).as("a login command in %s", trace).isNotNegative();
    CuttingRelay.Line auth = lines.get(login);
    assertThat(auth.command()).as("login by SASL with initial response (RFC 4959): %s", trace)
        .matches("AUTHENTICATE PLAIN \\S+");
    assertThat(lines.size()).isGreaterThan(login + 1);
    assertThat(isTagged(lines.get(login + 1)))
        .as("no continuation line after AUTHENTICATE: %s", trace).isTrue();

    List<String> afterLogin = new ArrayList<>();
    for (CuttingRelay.Line line : lines.subList(login + 1, lines.size())) {
      afterLogin.add(line.command());
    }
    List<String> beyondSelect = afterLogin.stream()
        .filter(c -> !c.startsWith("SELECT ")).toList();
    assertThat(afterLogin).as("%s", trace).anyMatch(c -> c.startsWith("SELECT "));
    assertThat(beyondSelect.stream().filter(c -> c.startsWith("UID SEARCH")).count())
        .as("one listing: %s", beyondSelect).isEqualTo(1);
    assertThat(beyondSelect.stream().filter(c -> c.startsWith("UID FETCH")).count())
        .as("one UID FETCH per batch: %s", beyondSelect).isEqualTo(batches);
    assertThat(beyondSelect).as("commands after login and SELECT (at most %d batches + 2)",
        batches).hasSizeLessThanOrEqualTo(batches + 2);
  }

  /** The LOGOUT comes from close(); wait until the relay has seen it. */
  private static List<CuttingRelay.Line> awaitLogout(CuttingRelay relay) throws Exception {
    List<CuttingRelay.Line> seen = Suite.await(Suite.ARRIVAL, () -> {
      List<CuttingRelay.Line> now = relay.lines();
      return now.stream().anyMatch(l -> l.command().equals("LOGOUT")) ? now : null;
    });
    return seen != null ? seen : relay.lines();
  }

  private static int indexOf(List<CuttingRelay.Line> lines, String... commands) {
    for (int i = 0; i < lines.size(); i++) {
      for (String c : commands) {
        if (lines.get(i).command().startsWith(c + " ")) {
          return i;
        }
      }
    }
    return -1;
  }

  private static boolean isTagged(CuttingRelay.Line line) {
    return line.text().matches("[A-Za-z0-9]+ [A-Za-z]+.*");
  }

  /** The trace without the SASL payload (it holds the password). */
  private static String redacted(CuttingRelay.Line line) {
    String text = line.text();
    if (text.toUpperCase(Locale.ROOT).matches("\\S+ AUTHENTICATE PLAIN \\S+")) {
      return "c" + line.connection() + " " + text.substring(0, text.lastIndexOf(' '))
          + " <initial response>";
    }
    if (text.toUpperCase(Locale.ROOT).matches("\\S+ LOGIN .*")) {
      return "c" + line.connection() + " " + text.split(" ")[0] + " LOGIN <credentials>";
    }
    return line.toString();
  }

  /** Dovecot's greeting capabilities on the plain port, from 127.0.0.1 (a secured client). */
  private static List<String> preLoginCapabilities() throws Exception {
    try (Socket imap = new Socket("127.0.0.1", servers.imapPlain().port())) {
      imap.setSoTimeout(30_000);
      BufferedReader in = new BufferedReader(
          new InputStreamReader(imap.getInputStream(), StandardCharsets.US_ASCII));
      String greeting = in.readLine();
      return List.of(greeting.toUpperCase(Locale.ROOT).replace("]", " ").split(" "));
    }
  }
}
