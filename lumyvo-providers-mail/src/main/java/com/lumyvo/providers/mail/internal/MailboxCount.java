package com.lumyvo.providers.mail.internal;

/**
 * What the server told the session about the selected folder's size since the last listing of
 * new messages: whether mail arrived after it (an EXISTS above the count the listing saw, net
 * of EXPUNGEs). That decides whether a sync that finished its listing has {@code more}.
 */
final class MailboxCount {
  private long exists;
  private long atListing;
  private boolean arrived;

  void selected(long total) {
    exists = total;
    atListing = total;
    arrived = false;
  }

  /** A new listing was made: it holds everything the server has announced so far. */
  void listed() {
    atListing = exists;
    arrived = false;
  }

  void exists(long total) {
    if (total > atListing) {
      arrived = true;
    }
    exists = total;
  }

  void expunged() {
    exists = Math.max(0, exists - 1);
    atListing = Math.max(0, atListing - 1);
  }

  boolean arrivedSinceListing() {
    return arrived;
  }
}
