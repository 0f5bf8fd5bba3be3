package com.lumyvo.providers.mail.testing;

import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.ServerEndpoint;
import java.util.Locale;
import java.util.Objects;

/**
 * One line a client sent to a {@link FakeProvider}, as the client sent it but with every secret
 * replaced by {@value #REDACTED}: an IMAP command with its tag, an SMTP command, or a line that
 * answers the server inside a command (IMAP's {@code DONE}, a SASL response). Taken with {@link
 * FakeProvider#takeCommand()}, like MockWebServer's {@code takeRequest()}.
 *
 * <p>What is left out or redacted: the password of IMAP {@code LOGIN}; the initial response of
 * IMAP {@code AUTHENTICATE} and SMTP {@code AUTH}, and every SASL response after them; anything
 * that matches the password of an account of the fake, in clear, IMAP-quoted or in base64 at any
 * offset; the data of IMAP literals (the {@code {n}} that announces them stays); the message an
 * SMTP client sends after {@code DATA} (see {@link FakeProvider#received()}). Line endings are
 * removed.
 *
 * <p>Immutable.
 *
 * @param protocol the protocol of the endpoint
 * @param endpoint the endpoint of the fake's {@link FakeProvider#descriptor()} that got the line
 * @param connection which connection sent it: 1 for the first one the fake accepted since it
 *     started or was {@linkplain FakeProvider#reset() reset}, 2 for the next, and so on
 * @param line the line, redacted, without its line ending
 */
public record RecordedCommand(Protocol protocol, ServerEndpoint endpoint, int connection,
    String line) {
  /** What stands in a recorded line where a secret was. */
  public static final String REDACTED = "[redacted]";

  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException if {@code connection} is less than 1
   */
  public RecordedCommand {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(line, "line");
    if (connection < 1) {
      throw new IllegalArgumentException("connection must be 1 or more: " + connection);
    }
  }

  /**
   * The command's name in upper case. IMAP: the word after the tag, with its {@code UID} prefix
   * ({@code LOGIN}, {@code UID FETCH}); a line of one word such as {@code DONE} is its own name.
   * SMTP: the first word ({@code EHLO}, {@code AUTH}, {@code MAIL}). A SASL response has none:
   * {@code ""}.
   */
  public String name() {
    String[] words = line.trim().split(" +");
    if (words.length == 1) {
      String word = words[0];
      return word.chars().allMatch(Character::isLetter) ? word.toUpperCase(Locale.ROOT) : "";
    }
    if (protocol == Protocol.SMTP) {
      return words[0].toUpperCase(Locale.ROOT);
    }
    String name = words[1].toUpperCase(Locale.ROOT);
    return name.equals("UID") && words.length > 2
        ? name + " " + words[2].toUpperCase(Locale.ROOT) : name;
  }

  @Override
  public String toString() {
    return protocol + " #" + connection + " " + endpoint.host() + ":" + endpoint.port() + " "
        + line;
  }
}
