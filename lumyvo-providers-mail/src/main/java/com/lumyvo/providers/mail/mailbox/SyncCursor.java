package com.lumyvo.providers.mail.mailbox;

import java.util.Objects;

/**
 * How far a service has handled a folder: the folder's UIDVALIDITY and the highest UID handled.
 * Store {@link #toString()} in a database and {@link #parse} it back after a restart.
 *
 * <p>UIDs are only comparable within one UIDVALIDITY (RFC 3501 section 2.3.1.1): when the
 * server changes it, the cursor no longer says anything, and a sync reports that instead of
 * guessing.
 *
 * @param uidValidity the folder's UIDVALIDITY, or 0 before the first sync
 * @param lastUid the highest UID handled, or 0 for none
 */
public record SyncCursor(long uidValidity, long lastUid) {
  private static final String PREFIX = "imap-cursor:v1:";

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if a value is negative or above 2^32 - 1, or a UID is
   *     given without a UIDVALIDITY
   */
  public SyncCursor {
    checkUnsigned32(uidValidity, "uidValidity");
    checkUnsigned32(lastUid, "lastUid");
    if (uidValidity == 0 && lastUid != 0) {
      throw new IllegalArgumentException("a UID without a UIDVALIDITY means nothing");
    }
  }

  /** A cursor before the first message: the first sync starts at the oldest one. */
  public static SyncCursor beginning() {
    return new SyncCursor(0, 0);
  }

  /**
   * Reads {@link #toString()}'s form, {@code imap-cursor:v1:<uidvalidity>:<lastuid>}.
   *
   * @throws IllegalArgumentException if {@code text} is not such a form
   */
  public static SyncCursor parse(String text) {
    Objects.requireNonNull(text, "text");
    if (!text.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a sync cursor: " + quote(text));
    }
    String[] parts = text.substring(PREFIX.length()).split(":", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException("not a sync cursor: " + quote(text));
    }
    try {
      return new SyncCursor(parseUnsigned(parts[0]), parseUnsigned(parts[1]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a sync cursor: " + quote(text), e);
    }
  }

  /**
   * This cursor moved on to {@code summary}, once the caller has handled it.
   *
   * @throws IllegalStateException if this cursor has no UIDVALIDITY yet ({@link #beginning()}):
   *     use {@link SyncBatch#cursorAfter}, which knows the folder's
   */
  public SyncCursor after(MessageSummary summary) {
    Objects.requireNonNull(summary, "summary");
    if (uidValidity == 0) {
      throw new IllegalStateException("a cursor before the first sync has no UIDVALIDITY;"
          + " use SyncBatch.cursorAfter(message)");
    }
    return new SyncCursor(uidValidity, Math.max(lastUid, summary.uid()));
  }

  /** The stable text form: {@code imap-cursor:v1:<uidvalidity>:<lastuid>}. */
  @Override
  public String toString() {
    return PREFIX + uidValidity + ":" + lastUid;
  }

  private static long parseUnsigned(String digits) {
    if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(Character::isDigit)) {
      throw new NumberFormatException(digits);
    }
    return Long.parseLong(digits);
  }

  private static void checkUnsigned32(long value, String name) {
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(name + " must be between 0 and 4294967295, was " + value);
    }
  }

  private static String quote(String text) {
    return "'" + (text.length() > 64 ? text.substring(0, 64) + "…" : text) + "'";
  }
}
