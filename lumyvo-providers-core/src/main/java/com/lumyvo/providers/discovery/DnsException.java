package com.lumyvo.providers.discovery;

import java.io.IOException;

/**
 * A DNS query that got no usable answer: the server failed, the query timed out, or the reply
 * was malformed. A name that does not exist or has no records of the type asked is not an error;
 * resolvers answer it with an empty list.
 */
public final class DnsException extends IOException {
  private static final long serialVersionUID = 1L;

  private final boolean timedOut;

  /** A failure; {@code timedOut} says whether it was a time-out. */
  public DnsException(String message, boolean timedOut, Throwable cause) {
    super(message, cause);
    this.timedOut = timedOut;
  }

  /** Whether the query got no answer in time, as opposed to a failure answer. */
  public boolean timedOut() {
    return timedOut;
  }
}
