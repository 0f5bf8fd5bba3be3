package com.lumyvo.providers.mail.mailbox;

/**
 * A message is larger than the caller allowed it to be held in memory; stream it with {@link
 * MailboxSession#writeMessage} instead.
 */
public final class MessageTooLargeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long size;
  private final long limit;

  MessageTooLargeException(long uid, long size, long limit) {
    super("message " + uid + " has " + size + " bytes, more than the " + limit + " allowed");
    this.size = size;
    this.limit = limit;
  }

  /** The message's size as the server counts it. */
  public long size() {
    return size;
  }

  /** The limit the caller set. */
  public long limit() {
    return limit;
  }
}
