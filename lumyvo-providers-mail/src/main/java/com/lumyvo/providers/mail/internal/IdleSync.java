package com.lumyvo.providers.mail.internal;

import com.lumyvo.providers.mail.mailbox.MessageSummary;
import com.lumyvo.providers.mail.mailbox.SyncBatch;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder;

/**
 * {@link ImapSession#sync}'s work done over a watcher's {@link IdleConnection}, on a fetch
 * thread: EXAMINE the folder (a changed UIDVALIDITY ends the batch there, as sync says), list the
 * UIDs after the cursor with UID SEARCH, then UID FETCH them in batches with the items the sync
 * path asks for, read by the same {@link FetchReader} and {@link SummaryReader}. Each batch
 * leases the connection and releases it before the listener sees the batch, so the connection
 * idles again while the service handles it.
 *
 * <p>What one answer may take is the connector's response budget ({@code maxResponseBytes}),
 * enforced by the connection as the bytes arrive; a batch is at most {@link #BATCH} messages'
 * summaries (flags, dates, sizes and six header fields), far below it. A batch whose answer
 * went beyond it fails the connection (a {@link ResponseGuard.ResponseTooLargeException}); the
 * watcher then asks for smaller batches, down to one message. One instance per fetch run, for
 * one thread.
 */
final class IdleSync {
  /** Summaries per UID FETCH: a few hundred kB of headers at most, well within the budget. */
  static final int BATCH = 250;
  private static final Pattern UIDVALIDITY = Pattern.compile("\\[UIDVALIDITY (\\d+)\\]",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern MISSING_FOLDER = Pattern.compile(
      "\\[NONEXISTENT\\]|no such|not exist|nonexist|unknown mailbox|not found|doesn't exist",
      Pattern.CASE_INSENSITIVE);

  private final IdleConnection connection;
  private final String folder;
  /** How long to wait for the loop at most: the connection's own timers fail it sooner. */
  private final long waitNanos;
  private List<Long> listed;
  private int next;
  private long listedValidity;
  private long listedAfter;

  private final int batchSize;

  IdleSync(IdleConnection connection, String folder, int batchSize, long waitNanos) {
    this.connection = connection;
    this.folder = folder;
    this.batchSize = batchSize;
    this.waitNanos = waitNanos;
  }

  /** The next batch after {@code cursor}, as {@link ImapSession#sync} would give it. */
  SyncBatch next(SyncCursor cursor) throws Exception {
    await(connection.lease());
    try {
      IdleConnection.Answer examined = await(connection.exchange(
          "EXAMINE " + quoted(BASE64MailboxEncoder.encode(folder)), folder));
      List<String> lines = lines(examined, null);
      if (!examined.ok()) {
        if (examined.status().equals("NO") && MISSING_FOLDER.matcher(examined.text()).find()) {
          throw new FolderNotFoundException(null, "no folder " + folder + ": "
              + examined.text());
        }
        throw new MessagingException("the server refused to open " + folder + ": "
            + examined.text());
      }
      long validity = uidValidity(lines);
      if (cursor.uidValidity() != 0 && cursor.uidValidity() != validity) {
        listed = null;
        return new SyncBatch(folder, List.of(), new SyncCursor(validity, 0), true, false);
      }
      if (listed == null || listedValidity != validity || listedAfter != cursor.lastUid()) {
        IdleConnection.Answer search = await(connection.exchange(
            "UID SEARCH UID " + (cursor.lastUid() + 1) + ":*", null));
        List<String> found = lines(search, null);
        if (!search.ok()) {
          throw new MessagingException("the server refused UID SEARCH: " + search.text());
        }
        listed = new ArrayList<>(IMAPCommands.searched(found));
        // "n:*" matches the newest message even when its UID is below n (RFC 3501 6.4.8).
        listed.removeIf(uid -> uid <= cursor.lastUid());
        next = 0;
        listedValidity = validity;
      }
      int n = Math.min(batchSize, listed.size() - next);
      List<Long> batch = listed.subList(next, next + n);
      List<MessageSummary> summaries = List.of();
      if (n > 0) {
        IdleConnection.Answer fetched = await(connection.exchange("UID FETCH "
            + IMAPCommands.uidSet(batch) + " " + SummaryReader.ITEMS, null));
        SummaryReader.Collector collector = new SummaryReader.Collector(batch);
        lines(fetched, collector);
        if (!fetched.ok()) {
          throw new MessagingException("the server refused UID FETCH: " + fetched.text());
        }
        summaries = collector.summaries();
      }
      // Past every UID of the batch: one that vanished meanwhile cannot be handled later either.
      long last = n == 0 ? cursor.lastUid() : batch.get(n - 1);
      next += n;
      listedAfter = last;
      boolean more = next < listed.size();
      if (!more) {
        listed = null;
      }
      return new SyncBatch(folder, summaries, new SyncCursor(validity, last), false, more);
    } finally {
      connection.release();
    }
  }

  /** Reads an answer as the sync path does: FETCH items to {@code items}, the rest as lines. */
  private static List<String> lines(IdleConnection.Answer answer,
      java.util.function.Consumer<FetchReader.Item> items) throws IOException {
    List<String> lines = new ArrayList<>();
    new FetchReader(answer.bytes().stream()).read(answer.tag(),
        items == null ? item -> { } : items, lines);
    return lines;
  }

  private long uidValidity(List<String> lines) throws ProtocolException {
    for (String line : lines) {
      Matcher m = UIDVALIDITY.matcher(line);
      if (line.startsWith("* ") && m.find()) {
        return Long.parseLong(m.group(1));
      }
    }
    throw new ProtocolException("the server gave " + folder + " no UIDVALIDITY");
  }

  private <T> T await(CompletableFuture<T> future) throws Exception {
    try {
      return future.get(waitNanos, TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      throw e;
    } catch (TimeoutException e) {
      SocketTimeoutException timeout = new SocketTimeoutException("the watcher's connection"
          + " did not answer within " + TimeUnit.NANOSECONDS.toMillis(waitNanos) + " ms");
      connection.abort(timeout); // never left leased to no one
      throw timeout;
    }
  }

  private static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
