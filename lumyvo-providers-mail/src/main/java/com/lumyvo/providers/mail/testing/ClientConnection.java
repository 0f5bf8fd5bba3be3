package com.lumyvo.providers.mail.testing;

import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.ServerEndpoint;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@link FrontEnd} follows of one client connection while it relays it: every line the
 * client sends goes to the fake's {@link CommandJournal}; for IMAP, who logged in, which folder is
 * selected and whether the connection idles (for {@link FakeProvider#awaitIdle}); for SMTP, the
 * messages the server accepted (for {@link FakeProvider#received()}).
 *
 * <p>The client's lines are seen on the front end's upstream thread, the server's on its
 * downstream thread. The protocols order the two: a client sends a SASL response or message data
 * only after the server's continuation, and its next command only after the server's answer, so
 * a flag that the downstream side sets before it forwards a line is seen by the upstream side
 * when the client's reaction arrives.
 */
final class ClientConnection {
  private static final Pattern LITERAL_AT_END = Pattern.compile("\\{(\\d+)\\+?}$");
  private static final Pattern TAGGED = Pattern.compile("^(\\S+) (?:UID )?(\\S+)(?: (.*))?$");
  private static final Pattern ASTRING =
      Pattern.compile("^(\"(?:[^\"\\\\]|\\\\.)*\"|[^\\s\"]+)(?: (.*))?$");

  /** What the fake learns from a connection. */
  interface Observer {
    /** The SMTP server accepted {@code message}, as the client sent it after DATA. */
    void accepted(byte[] message);

    /** An IMAP connection started or stopped idling, selected a folder, or closed. */
    void changed(ClientConnection connection);
  }

  private final Protocol protocol;
  private final ServerEndpoint endpoint;
  private final int number;
  private final CommandJournal journal;
  private final Observer observer;

  // IMAP, upstream only: the command being read, and literal bytes still to come.
  private StringBuilder command;
  private long literal;
  // IMAP, both sides.
  private volatile String saslTag;
  private volatile String idleTag;
  private volatile boolean idling;
  private volatile String login;
  private volatile String selected;
  private volatile boolean closed;

  // SMTP, both sides.
  private volatile boolean sasl;
  private volatile boolean inData;
  private ByteArrayOutputStream data;
  private volatile byte[] pending;

  ClientConnection(Protocol protocol, ServerEndpoint endpoint, int number,
      CommandJournal journal, Observer observer) {
    this.protocol = protocol;
    this.endpoint = endpoint;
    this.number = number;
    this.journal = journal;
    this.observer = observer;
  }

  /**
   * Follows a line from the client, line ending included.
   *
   * @return whether the line starts a command (or is a line of its own, such as {@code DONE});
   *     false for the rest of a command after a literal, literal data and message data
   */
  boolean fromClient(byte[] line) {
    return protocol == Protocol.IMAP ? imapFromClient(line) : smtpFromClient(line);
  }

  /** Follows a line from the server before it is forwarded to the client. */
  void fromServer(byte[] line) {
    String text = bare(new String(line, StandardCharsets.ISO_8859_1));
    if (protocol == Protocol.IMAP) {
      String sasling = saslTag;
      if (sasling != null && text.startsWith(sasling + " ")) {
        saslTag = null;
      }
      String idle = idleTag;
      if (idle != null && text.startsWith(idle + " ")) {
        idleTag = null;
        idling = false;
        observer.changed(this);
      }
      return;
    }
    boolean last = text.length() < 4 || text.charAt(3) != '-';
    if (text.startsWith("354")) {
      data = new ByteArrayOutputStream();
      inData = true;
    } else if (last) {
      sasl = sasl && text.startsWith("334");
      byte[] message = pending;
      if (message != null) {
        pending = null;
        if (text.startsWith("2")) {
          observer.accepted(message);
        }
      }
    }
  }

  /** Follows a line from the server once it has been sent on to the client. */
  void sentToClient(byte[] line) {
    if (protocol == Protocol.IMAP && idleTag != null && !idling && line.length > 0
        && line[0] == '+') {
      idling = true; // IDLE's continuation is on its way: the server waits for DONE
      observer.changed(this);
    }
  }

  /** The connection has ended, however. */
  void close() {
    closed = true;
    idling = false;
    observer.changed(this);
  }

  boolean isClosed() {
    return closed;
  }

  /** Whether this is an IMAP connection of {@code imapLogin} idling in {@code folder}. */
  boolean idlesIn(String imapLogin, String folder) {
    String user = login;
    String box = selected;
    return !closed && idling && user != null && box != null
        && user.equalsIgnoreCase(imapLogin) && sameFolder(box, folder);
  }

  private static boolean sameFolder(String a, String b) {
    return a.equals(b) || a.equalsIgnoreCase("INBOX") && b.equalsIgnoreCase("INBOX");
  }

  private boolean imapFromClient(byte[] line) {
    boolean starts = command == null && literal == 0;
    int from = 0;
    if (literal > 0) {
      from = (int) Math.min(literal, line.length);
      literal -= from;
      if (from == line.length) {
        return false; // literal data only
      }
    }
    String segment = bare(new String(line, from, line.length - from, StandardCharsets.ISO_8859_1));
    if (command == null) {
      command = new StringBuilder();
    }
    command.append(segment);
    Matcher announced = LITERAL_AT_END.matcher(segment);
    if (announced.find()) {
      literal = Long.parseLong(announced.group(1));
      return starts;
    }
    String whole = command.toString();
    command = null;
    imapCommand(whole);
    return starts;
  }

  private void imapCommand(String line) {
    if (saslTag != null) {
      if (login == null) {
        plainUser(line).or(() -> oauthUser(line)).ifPresent(user -> login = user);
      }
      journal.saslResponse(Protocol.IMAP, endpoint, number, line);
      return;
    }
    if (idleTag != null && line.equalsIgnoreCase("DONE")) {
      idling = false;
      observer.changed(this);
    }
    Matcher tagged = TAGGED.matcher(line);
    if (tagged.matches()) {
      String tag = tagged.group(1);
      String name = tagged.group(2).toUpperCase(Locale.ROOT);
      String arguments = tagged.group(3) == null ? "" : tagged.group(3);
      switch (name) {
        case "LOGIN" -> firstAstring(arguments).ifPresent(user -> login = user);
        case "AUTHENTICATE" -> {
          saslTag = tag;
          String[] parts = arguments.split(" ", 2);
          if (parts.length == 2 && parts[0].equalsIgnoreCase("PLAIN")) {
            plainUser(parts[1]).ifPresent(user -> login = user);
          } else if (parts.length == 2) {
            OAuthLogin.parse(parts[0], parts[1]).ifPresent(sasl -> login = sasl.user());
          }
        }
        case "SELECT", "EXAMINE" -> {
          firstAstring(arguments).map(ModifiedUtf7::decode).ifPresent(box -> selected = box);
          observer.changed(this);
        }
        case "CLOSE", "UNSELECT" -> selected = null;
        case "IDLE" -> idleTag = tag;
        default -> {
          // nothing to follow
        }
      }
    }
    journal.imap(endpoint, number, line);
  }

  private boolean smtpFromClient(byte[] line) {
    if (inData) {
      String text = new String(line, StandardCharsets.ISO_8859_1);
      if (text.equals(".\r\n") || text.equals(".\n")) {
        inData = false;
        pending = data.toByteArray();
        data = null;
      } else {
        int from = line.length > 1 && line[0] == '.' && line[1] == '.' ? 1 : 0; // dot-stuffing
        data.write(line, from, line.length - from);
      }
      return false;
    }
    String text = bare(new String(line, StandardCharsets.ISO_8859_1));
    if (sasl) {
      journal.saslResponse(Protocol.SMTP, endpoint, number, text);
      return true;
    }
    if (text.regionMatches(true, 0, "AUTH ", 0, 5)) {
      sasl = true;
    }
    journal.smtp(endpoint, number, text);
    return true;
  }

  /** The authentication identity of a SASL PLAIN response, if the line is one. */
  private static Optional<String> plainUser(String base64) {
    try {
      String decoded = new String(Base64.getDecoder().decode(base64.trim()),
          StandardCharsets.UTF_8);
      String[] parts = decoded.split("\0", -1);
      return parts.length == 3 ? Optional.of(parts[1]) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // not base64: not a PLAIN response
    }
  }

  /** The login name of an XOAUTH2 or OAUTHBEARER response, if the line is one. */
  private static Optional<String> oauthUser(String base64) {
    return OAuthLogin.parse("XOAUTH2", base64).or(() -> OAuthLogin.parse("OAUTHBEARER", base64))
        .map(OAuthLogin::user);
  }

  /** The first IMAP astring of {@code arguments}, unquoted. */
  private static Optional<String> firstAstring(String arguments) {
    Matcher m = ASTRING.matcher(arguments);
    if (!m.matches()) {
      return Optional.empty();
    }
    String value = m.group(1);
    if (value.startsWith("\"")) {
      value = value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
    }
    return Optional.of(value);
  }

  private static String bare(String line) {
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
      end--;
    }
    return line.substring(0, end);
  }
}
