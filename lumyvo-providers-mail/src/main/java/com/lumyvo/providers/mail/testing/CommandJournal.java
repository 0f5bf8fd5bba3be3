package com.lumyvo.providers.mail.testing;

import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.ServerEndpoint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines clients sent to one fake, in the order its endpoints read them, with secrets
 * redacted before they are stored: what {@link FakeProvider#takeCommand()} hands out.
 * Thread-safe.
 *
 * <p>Two layers of redaction. By syntax: the password of IMAP {@code LOGIN} and the initial
 * response of {@code AUTHENTICATE} and SMTP {@code AUTH} (SASL responses on lines of their own
 * are redacted whole by the connection, which knows when one is due). By value, for what syntax
 * misses (a client that puts a password where no password belongs): every password of the
 * fake's accounts, in clear, IMAP-quoted, and in base64 at any of the three byte offsets, so
 * inside any base64 blob.
 *
 * <p>It holds at most {@value #LIMIT} lines: a fake left running in a long test, or a client in
 * a loop, must not fill the heap. Past that the oldest line is dropped, and the first drop is
 * logged, since a test that takes commands then misses some.
 */
final class CommandJournal {
  static final int LIMIT = 10_000;
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(FakeProvider.class);

  private static final Pattern IMAP_LOGIN = Pattern.compile(
      "^(\\S+ LOGIN (?:\"(?:[^\"\\\\]|\\\\.)*\"|\\{\\d+\\+?}|[^\\s\"{]+))( .*)$",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern IMAP_AUTHENTICATE =
      Pattern.compile("^(\\S+ AUTHENTICATE \\S+)( .*)$", Pattern.CASE_INSENSITIVE);
  private static final Pattern SMTP_AUTH =
      Pattern.compile("^(AUTH \\S+)( .*)$", Pattern.CASE_INSENSITIVE);
  /** Shorter base64 runs than this would match innocent text too often to be worth redacting. */
  private static final int MIN_FINGERPRINT = 4;

  private final BlockingQueue<RecordedCommand> commands = new LinkedBlockingQueue<>();
  private final AtomicInteger recorded = new AtomicInteger();
  private final List<Secret> secrets = new CopyOnWriteArrayList<>();

  /** Redacts {@code secret} wherever it shows up from now on. */
  void addSecret(String secret) {
    if (!secret.isEmpty() && secrets.stream().noneMatch(s -> s.clear.equals(secret))) {
      secrets.add(new Secret(secret));
    }
  }

  /** Records a line an IMAP client sent: a command, or a line that continues or answers one. */
  void imap(ServerEndpoint endpoint, int connection, String line) {
    String redacted = replace(IMAP_LOGIN, line);
    redacted = replace(IMAP_AUTHENTICATE, redacted);
    record(Protocol.IMAP, endpoint, connection, redacted);
  }

  /** Records a command an SMTP client sent. */
  void smtp(ServerEndpoint endpoint, int connection, String line) {
    record(Protocol.SMTP, endpoint, connection, replace(SMTP_AUTH, line));
  }

  /** Records a line that answers a SASL challenge: nothing of it but that it came. */
  void saslResponse(Protocol protocol, ServerEndpoint endpoint, int connection, String line) {
    // "*" cancels the exchange and carries nothing secret.
    record(protocol, endpoint, connection,
        line.equals("*") ? line : RecordedCommand.REDACTED);
  }

  private void record(Protocol protocol, ServerEndpoint endpoint, int connection, String line) {
    commands.add(new RecordedCommand(protocol, endpoint, connection, scrub(line)));
    recorded.incrementAndGet();
    while (commands.size() > LIMIT && commands.poll() != null) {
      if (!droppedAny) {
        droppedAny = true;
        LOG.warn("the fake's command journal holds {} lines; the oldest are dropped from now on"
            + " (takeCommands() empties it)", LIMIT);
      }
    }
  }

  private volatile boolean droppedAny;

  /** The first argument after group 1 onwards becomes {@value RecordedCommand#REDACTED}. */
  private static String replace(Pattern pattern, String line) {
    Matcher m = pattern.matcher(line);
    return m.matches() ? m.group(1) + " " + RecordedCommand.REDACTED : line;
  }

  /** The line with every known password, in any of its forms, redacted. */
  private String scrub(String line) {
    String scrubbed = line;
    for (Secret secret : secrets) {
      scrubbed = secret.scrub(scrubbed);
    }
    return scrubbed;
  }

  Optional<RecordedCommand> take(Duration timeout) throws InterruptedException {
    return Optional.ofNullable(commands.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
  }

  List<RecordedCommand> takeAll() {
    List<RecordedCommand> taken = new ArrayList<>();
    commands.drainTo(taken);
    return List.copyOf(taken);
  }

  int count() {
    return recorded.get();
  }

  /** Forgets every line; the passwords stay known. */
  void clear() {
    commands.clear();
    recorded.set(0);
    droppedAny = false;
  }

  /** Forgets the passwords too. */
  void forgetSecrets() {
    secrets.clear();
  }

  /** A password and the forms in which a line may carry it. */
  private static final class Secret {
    private final String clear;
    private final String quoted;
    private final List<String> fingerprints = new ArrayList<>();

    Secret(String clear) {
      this.clear = clear;
      this.quoted = clear.replace("\\", "\\\\").replace("\"", "\\\"");
      byte[] bytes = clear.getBytes(StandardCharsets.UTF_8);
      for (int offset = 0; offset < 3; offset++) {
        addFingerprint(Base64.getEncoder(), bytes, offset);
        addFingerprint(Base64.getUrlEncoder(), bytes, offset);
      }
    }

    /**
     * The base64 characters that depend on the password's bytes alone when they start {@code
     * offset} bytes into a 3-byte group: whatever surrounds the password in a blob, these
     * characters appear in its encoding.
     */
    private void addFingerprint(Base64.Encoder encoder, byte[] bytes, int offset) {
      byte[] shifted = new byte[offset + bytes.length];
      System.arraycopy(bytes, 0, shifted, offset, bytes.length);
      String encoded = encoder.encodeToString(shifted);
      int firstGroup = (offset + 2) / 3; // the first 3-byte group that holds password bytes only
      int endGroup = (offset + bytes.length) / 3;
      if (endGroup > firstGroup) {
        String fingerprint = encoded.substring(firstGroup * 4, endGroup * 4);
        if (fingerprint.length() >= MIN_FINGERPRINT && !fingerprints.contains(fingerprint)) {
          fingerprints.add(fingerprint);
        }
      }
    }

    String scrub(String line) {
      String scrubbed = line.replace(clear, RecordedCommand.REDACTED);
      if (!quoted.equals(clear)) {
        scrubbed = scrubbed.replace(quoted, RecordedCommand.REDACTED);
      }
      StringBuilder out = new StringBuilder(scrubbed.length());
      for (String token : scrubbed.split("(?<= )|(?= )")) {
        out.append(carriesFingerprint(token) ? RecordedCommand.REDACTED : token);
      }
      return out.toString();
    }

    private boolean carriesFingerprint(String token) {
      for (String fingerprint : fingerprints) {
        if (token.contains(fingerprint)) {
          return true;
        }
      }
      return false;
    }
  }
}
