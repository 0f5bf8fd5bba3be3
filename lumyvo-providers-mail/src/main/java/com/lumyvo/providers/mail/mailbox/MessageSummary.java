package com.lumyvo.providers.mail.mailbox;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a sorter or an assistant needs of a message without its body, fetched in batches.
 * Addresses and subject are decoded; a header a server or sender mangled is kept as it came
 * rather than dropping the message.
 *
 * @param uid the message's UID in its folder
 * @param flags its flags: system flags as {@code \Seen}, {@code \Answered} …, then keywords
 * @param internalDate when the server received it
 * @param size its size in bytes as the server counts it
 * @param from the From addresses
 * @param to the To addresses
 * @param subject the subject, or empty
 * @param messageId the Message-ID, if it has one
 * @param inReplyTo the In-Reply-To, if it has one
 * @param references the Message-IDs of References, oldest first
 */
public record MessageSummary(long uid, Set<String> flags, Optional<Instant> internalDate,
    long size, List<String> from, List<String> to, String subject, Optional<String> messageId,
    Optional<String> inReplyTo, List<String> references) {

  /** Validates and copies. */
  public MessageSummary {
    if (uid <= 0) {
      throw new IllegalArgumentException("uid must be positive, was " + uid);
    }
    flags = Set.copyOf(flags);
    Objects.requireNonNull(internalDate, "internalDate");
    from = List.copyOf(from);
    to = List.copyOf(to);
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(inReplyTo, "inReplyTo");
    references = List.copyOf(references);
  }
}
