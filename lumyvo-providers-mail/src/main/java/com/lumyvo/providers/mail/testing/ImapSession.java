package com.lumyvo.providers.mail.testing;

import com.lumyvo.providers.Security;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IMAP4rev1 side of a {@link HostileServer}: a minimal server with INBOX (three messages)
 * and a few empty folders, enough for Jakarta Mail's IMAPStore, IMAPFolder and IMAPMessage,
 * until the trigger. The mailbox lives as long as the connection.
 */
final class ImapSession extends HostileConnection {
  /** The largest literal a client may send; a larger one ends the connection. */
  private static final int MAX_LITERAL = 1 << 20;
  /** The longest command, literals included; a longer one ends the connection. */
  private static final int MAX_COMMAND = 4 << 20;
  private static final Pattern LITERAL = Pattern.compile("\\{(\\d{1,10})(\\+?)\\}$");
  private static final Pattern SEQUENCE_SET = Pattern.compile("[0-9*:,]+");
  private static final Pattern PARTIAL = Pattern.compile("<(\\d{1,10})\\.(\\d{1,10})>$");
  private static final String SYSTEM_FLAGS = "\\Answered \\Flagged \\Deleted \\Seen \\Draft";

  /** One folder of this connection's mailbox. */
  private static final class Folder {
    final String name;
    final String attributes;
    final long uidValidity;
    final List<ImapMessage> messages = new ArrayList<>();
    long uidNext = 1;

    Folder(String name, String attributes, long uidValidity) {
      this.name = name;
      this.attributes = attributes;
      this.uidValidity = uidValidity;
    }
  }

  private final Map<String, Folder> folders = new LinkedHashMap<>();
  private Folder selected;
  private boolean readOnly;
  /** The command being answered, for {@link Hostility#ECHO}. */
  private String said = "";

  ImapSession(HostileServer server, Socket socket) {
    super(server, socket);
    Folder inbox = add("INBOX", "");
    inbox.messages.addAll(ImapMessage.inbox());
    inbox.uidNext = 4;
    add("Sent", "\\Sent");
    add("Drafts", "\\Drafts");
    add("Trash", "\\Trash");
    add("Junk", "\\Junk");
    add("Archive", "\\Archive");
    for (String name : server.folders()) {
      add(name, "");
    }
  }

  private Folder add(String name, String specialUse) {
    String attributes = "\\HasNoChildren" + (specialUse.isEmpty() ? "" : " " + specialUse);
    Folder folder = new Folder(name, attributes, 1000L + folders.size());
    folders.put(name, folder);
    return folder;
  }

  @Override
  void greet() throws IOException {
    write("* OK [CAPABILITY " + capabilities() + "] Lumyvo hostile IMAP server ready\r\n");
  }

  @Override
  void flood(Hostility hostility, boolean atGreeting) throws IOException {
    switch (hostility) {
      case ENDLESS_LINE:
        flood("* OK ", Flood.letters());
        break;
      case ENDLESS_CONTINUATION:
        flood(null, Flood.repeating("+ go ahead\r\n"));
        break;
      case ENDLESS_UNTAGGED:
        flood(null, Flood.repeating("* 3 EXISTS\r\n* OK still here\r\n"));
        break;
      case ENDLESS_FETCH:
        flood(null, Flood.countingFetches());
        break;
      case HUGE_LITERAL:
        flood("* 1 FETCH (UID 1 BODY[] {" + server.literalSize() + "}\r\n",
            Flood.repeating("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do "
                + "eiusmod tempor incididunt.\r\n"));
        break;
      case GARBAGE:
        flood(null, Flood.garbage());
        break;
      default:
        throw new IllegalStateException("no flood for " + hostility);
    }
  }

  @Override
  void serve() throws IOException {
    String command;
    while ((command = readCommand()) != null) {
      server.record(command);
      said = command;
      ImapArguments args = new ImapArguments(command);
      String tag;
      String verb;
      try {
        tag = args.atom();
        verb = args.atom().toUpperCase(Locale.ROOT);
      } catch (IllegalArgumentException e) {
        write("* BAD Malformed command\r\n");
        flush();
        continue;
      }
      String[] words = command.split(" ", 4);
      String next = words.length > 2 ? words[2] : "";
      if (verb.equals("STARTTLS") && server.hostility() == Hostility.STARTTLS_THEN_SILENCE
          && offersStartTls()) {
        write(tag + " OK Begin TLS negotiation now\r\n");
        silenceAfterStartTls();
        return;
      }
      if (isTrigger(verb, next) && misbehave()) {
        return;
      }
      if (echoing() && !verb.equals("LOGIN") && !verb.equals("AUTHENTICATE")) {
        write("* OK you said: " + flat(said) + "\r\n");
      }
      boolean goOn = true;
      try {
        goOn = execute(tag, verb, args);
      } catch (IllegalArgumentException e) {
        tagged(tag, "BAD", null, "Invalid arguments: " + e.getMessage());
      }
      flush();
      if (!goOn) {
        return;
      }
    }
  }

  /** One command with its literals, or null at the end of the stream. */
  private String readCommand() throws IOException {
    StringBuilder command = new StringBuilder();
    while (true) {
      String line = readText();
      if (line == null) {
        if (command.length() == 0) {
          return null;
        }
        throw new EOFException("the client left in the middle of a command");
      }
      command.append(line);
      if (command.length() > MAX_COMMAND) {
        throw new IOException("command too long");
      }
      Matcher literal = LITERAL.matcher(line);
      if (!literal.find()) {
        return command.toString();
      }
      long size = Long.parseLong(literal.group(1));
      if (size > MAX_LITERAL) {
        throw new IOException("literal too large");
      }
      if (literal.group(2).isEmpty()) {
        write("+ Ready for literal data\r\n");
        flush();
      }
      command.append("\r\n")
          .append(new String(readBytes((int) size), StandardCharsets.ISO_8859_1));
    }
  }

  /** Carries out one command; false when the session ends. */
  private boolean execute(String tag, String verb, ImapArguments args) throws IOException {
    switch (verb) {
      case "CAPABILITY":
        write("* CAPABILITY " + capabilities() + "\r\n");
        tagged(tag, "OK", null, "CAPABILITY completed");
        return true;
      case "NOOP":
      case "CHECK":
        tagged(tag, "OK", null, verb + " completed");
        return true;
      case "LOGOUT":
        write("* BYE Logging out\r\n");
        tagged(tag, "OK", null, "LOGOUT completed");
        return false;
      case "STARTTLS":
        if (!offersStartTls()) {
          tagged(tag, "BAD", null, "STARTTLS not offered here");
          return true;
        }
        tagged(tag, "OK", null, "Begin TLS negotiation now");
        startTls();
        return true;
      case "LOGIN":
        login(tag, utf8(args.astring()), utf8(args.astring()));
        return true;
      case "AUTHENTICATE":
        authenticate(tag, args);
        return true;
      case "SELECT":
      case "EXAMINE":
        select(tag, verb, args.astring());
        return true;
      case "CREATE":
        create(tag, args.astring());
        return true;
      case "DELETE":
        delete(tag, args.astring());
        return true;
      case "SUBSCRIBE":
      case "UNSUBSCRIBE":
        args.astring();
        tagged(tag, "OK", null, verb + " completed");
        return true;
      case "LIST":
      case "LSUB":
        list(tag, verb, args.astring(), args.astring());
        return true;
      case "STATUS":
        status(tag, args.astring(), args.list());
        return true;
      case "IDLE":
        idle(tag);
        return true;
      case "UID":
        String command = args.atom().toUpperCase(Locale.ROOT);
        if (!List.of("FETCH", "STORE", "SEARCH", "COPY", "MOVE", "EXPUNGE").contains(command)) {
          tagged(tag, "BAD", null, "Unknown UID command");
          return true;
        }
        return selected(tag, command, true, args);
      case "FETCH":
      case "STORE":
      case "SEARCH":
      case "COPY":
      case "MOVE":
      case "EXPUNGE":
      case "CLOSE":
      case "UNSELECT":
        return selected(tag, verb, false, args);
      default:
        tagged(tag, "BAD", null, "Unknown command");
        return true;
    }
  }

  /** The commands of the selected state. */
  private boolean selected(String tag, String verb, boolean uid, ImapArguments args)
      throws IOException {
    if (selected == null) {
      tagged(tag, "BAD", null, "No mailbox selected");
      return true;
    }
    switch (verb) {
      case "FETCH":
        fetch(tag, uid, messages(args.atom(), uid), args.list());
        break;
      case "STORE":
        store(tag, uid, messages(args.atom(), uid), args.atom(), args.list());
        break;
      case "SEARCH":
        search(tag, uid, args.rest());
        break;
      case "COPY":
      case "MOVE":
        copy(tag, verb, uid, messages(args.atom(), uid), args.astring());
        break;
      case "EXPUNGE":
        expunge(tag, uid ? messages(args.atom(), true) : null);
        break;
      default: // CLOSE, UNSELECT
        if (verb.equals("CLOSE") && !readOnly) {
          selected.messages.removeIf(m -> m.flags.contains("\\Deleted"));
        }
        selected = null;
        tagged(tag, "OK", null, verb + " completed");
        break;
    }
    return true;
  }

  private void login(String tag, String user, String password) throws IOException {
    if (server.acceptsLogin(user, password) && !(echoing() && server.echoLoginFails())) {
      tagged(tag, "OK", null, "LOGIN completed");
    } else {
      tagged(tag, "NO", "AUTHENTICATIONFAILED", "Invalid credentials");
    }
  }

  private void authenticate(String tag, ImapArguments args) throws IOException {
    String mechanism = args.atom();
    if (!mechanism.equalsIgnoreCase("PLAIN")) {
      tagged(tag, "NO", null, "Unsupported authentication mechanism");
      return;
    }
    String response;
    if (args.atEnd()) {
      write("+ \r\n");
      flush();
      response = readText();
      if (response == null) {
        throw new EOFException("the client left during AUTHENTICATE");
      }
      server.record(response);
      said = said + " " + response;
    } else {
      response = args.atom();
    }
    if (response.trim().equals("*")) {
      tagged(tag, "BAD", null, "AUTHENTICATE cancelled");
      return;
    }
    String[] parts;
    try {
      String decoded = new String(
          Base64.getDecoder().decode(response.trim().equals("=") ? "" : response.trim()),
          StandardCharsets.UTF_8);
      parts = decoded.split("\u0000", -1);
    } catch (IllegalArgumentException e) {
      tagged(tag, "BAD", null, "Invalid base64");
      return;
    }
    if (parts.length != 3) {
      tagged(tag, "BAD", null, "Malformed PLAIN response");
      return;
    }
    if (server.acceptsLogin(parts[1], parts[2]) && !(echoing() && server.echoLoginFails())) {
      tagged(tag, "OK", null, "AUTHENTICATE completed");
    } else {
      tagged(tag, "NO", "AUTHENTICATIONFAILED", "Invalid credentials");
    }
  }

  private void select(String tag, String verb, String name) throws IOException {
    Folder folder = folder(name);
    selected = null;
    if (folder == null) {
      tagged(tag, "NO", "NONEXISTENT", "No such mailbox");
      return;
    }
    selected = folder;
    readOnly = verb.equals("EXAMINE");
    write("* FLAGS (" + SYSTEM_FLAGS + ")\r\n");
    write("* OK [PERMANENTFLAGS (" + SYSTEM_FLAGS + " \\*)] Flags permitted\r\n");
    write("* " + folder.messages.size() + " EXISTS\r\n");
    write("* 0 RECENT\r\n");
    write("* OK [UIDVALIDITY " + folder.uidValidity + "] UIDs valid\r\n");
    write("* OK [UIDNEXT " + folder.uidNext + "] Predicted next UID\r\n");
    tagged(tag, "OK", readOnly ? "READ-ONLY" : "READ-WRITE", verb + " completed");
  }

  private void create(String tag, String name) throws IOException {
    if (folder(name) != null) {
      tagged(tag, "NO", "ALREADYEXISTS", "Mailbox exists");
      return;
    }
    add(name, "");
    tagged(tag, "OK", null, "CREATE completed");
  }

  private void delete(String tag, String name) throws IOException {
    Folder folder = folder(name);
    if (folder == null || folder.name.equals("INBOX")) {
      tagged(tag, "NO", null, "Cannot delete that mailbox");
      return;
    }
    folders.remove(folder.name);
    if (selected == folder) {
      selected = null;
    }
    tagged(tag, "OK", null, "DELETE completed");
  }

  private void list(String tag, String verb, String reference, String pattern)
      throws IOException {
    if (pattern.isEmpty()) {
      write("* " + verb + " (\\Noselect) \"/\" \"\"\r\n");
      tagged(tag, "OK", null, verb + " completed");
      return;
    }
    String full = reference + pattern;
    StringBuilder regex = new StringBuilder();
    for (char c : full.toCharArray()) {
      regex.append(c == '*' ? ".*" : c == '%' ? "[^/]*" : Pattern.quote(String.valueOf(c)));
    }
    Pattern matcher = Pattern.compile(regex.toString());
    Pattern inbox = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    for (Folder folder : folders.values()) {
      boolean matches = folder.name.equals("INBOX")
          ? inbox.matcher(folder.name).matches() : matcher.matcher(folder.name).matches();
      if (matches) {
        write("* " + verb + " (" + folder.attributes + ") \"/\" " + quote(folder.name) + "\r\n");
      }
    }
    tagged(tag, "OK", null, verb + " completed");
  }

  private void status(String tag, String name, List<String> items) throws IOException {
    Folder folder = folder(name);
    if (folder == null) {
      tagged(tag, "NO", "NONEXISTENT", "No such mailbox");
      return;
    }
    List<String> values = new ArrayList<>();
    for (String item : items) {
      String upper = item.toUpperCase(Locale.ROOT);
      switch (upper) {
        case "MESSAGES":
          values.add(upper + " " + folder.messages.size());
          break;
        case "RECENT":
          values.add(upper + " 0");
          break;
        case "UIDNEXT":
          values.add(upper + " " + folder.uidNext);
          break;
        case "UIDVALIDITY":
          values.add(upper + " " + folder.uidValidity);
          break;
        case "UNSEEN":
          values.add(upper + " "
              + folder.messages.stream().filter(m -> !m.flags.contains("\\Seen")).count());
          break;
        default:
          break;
      }
    }
    write("* STATUS " + quote(folder.name) + " (" + String.join(" ", values) + ")\r\n");
    tagged(tag, "OK", null, "STATUS completed");
  }

  private void idle(String tag) throws IOException {
    if (!hasCapability("IDLE")) {
      tagged(tag, "BAD", null, "Unknown command");
      return;
    }
    write("+ idling\r\n");
    flush();
    String line;
    while ((line = readText()) != null) {
      server.record(line);
      if (line.trim().equalsIgnoreCase("DONE")) {
        tagged(tag, "OK", null, "IDLE terminated");
        return;
      }
    }
    throw new EOFException("the client left while idling");
  }

  private void fetch(String tag, boolean uid, List<ImapMessage> messages, List<String> items)
      throws IOException {
    List<String> wanted = new ArrayList<>();
    for (String item : items) {
      switch (item.toUpperCase(Locale.ROOT)) {
        case "ALL":
          wanted.addAll(List.of("FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE"));
          break;
        case "FAST":
          wanted.addAll(List.of("FLAGS", "INTERNALDATE", "RFC822.SIZE"));
          break;
        case "FULL":
          wanted.addAll(List.of("FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE", "BODY"));
          break;
        default:
          wanted.add(item);
          break;
      }
    }
    if (uid && wanted.stream().noneMatch("UID"::equalsIgnoreCase)) {
      wanted.add(0, "UID");
    }
    // The whole answer first: an unknown item then ends in BAD, not in half a response.
    ByteArrayOutputStream response = new ByteArrayOutputStream();
    for (ImapMessage message : messages) {
      int number = selected.messages.indexOf(message) + 1;
      response.writeBytes(ascii("* " + number + " FETCH ("));
      for (int i = 0; i < wanted.size(); i++) {
        if (i > 0) {
          response.write(' ');
        }
        fetchItem(response, message, wanted.get(i));
      }
      response.writeBytes(ascii(")\r\n"));
    }
    write(response.toByteArray());
    tagged(tag, "OK", null, (uid ? "UID " : "") + "FETCH completed");
  }

  private void fetchItem(ByteArrayOutputStream out, ImapMessage message, String item) {
    String upper = item.toUpperCase(Locale.ROOT);
    switch (upper) {
      case "UID":
        out.writeBytes(ascii("UID " + message.uid));
        return;
      case "FLAGS":
        out.writeBytes(ascii("FLAGS " + message.flagList()));
        return;
      case "INTERNALDATE":
        out.writeBytes(ascii("INTERNALDATE " + message.internalDate()));
        return;
      case "RFC822.SIZE":
        out.writeBytes(ascii("RFC822.SIZE " + message.whole().length));
        return;
      case "ENVELOPE":
        out.writeBytes(ascii("ENVELOPE " + message.envelope()));
        return;
      case "BODY":
      case "BODYSTRUCTURE":
        out.writeBytes(ascii(upper + " " + message.bodyStructure()));
        return;
      case "RFC822":
        literal(out, upper, message.whole());
        return;
      case "RFC822.HEADER":
        literal(out, upper, message.header());
        return;
      case "RFC822.TEXT":
        literal(out, upper, message.text());
        return;
      default:
        break;
    }
    int open = item.indexOf('[');
    int close = item.lastIndexOf(']');
    String name = open < 0 ? "" : upper.substring(0, open);
    if (close < open || !(name.equals("BODY") || name.equals("BODY.PEEK"))) {
      throw new IllegalArgumentException("unknown FETCH item " + item);
    }
    String section = item.substring(open + 1, close);
    byte[] data = section(message, section);
    String shown = "BODY[" + section + "]";
    Matcher partial = PARTIAL.matcher(item.substring(close + 1));
    if (partial.find()) {
      int origin = (int) Math.min(Long.parseLong(partial.group(1)), data.length);
      long count = Long.parseLong(partial.group(2));
      data = Arrays.copyOfRange(data, origin, (int) Math.min(data.length, origin + count));
      shown += "<" + origin + ">";
    } else if (close + 1 < item.length()) {
      throw new IllegalArgumentException("malformed partial " + item);
    }
    if (name.equals("BODY") && !readOnly) {
      message.flags.add("\\Seen");
    }
    literal(out, shown, data);
  }

  private static byte[] section(ImapMessage message, String section) {
    String upper = section.toUpperCase(Locale.ROOT).trim();
    if (upper.isEmpty()) {
      return message.whole();
    }
    if (upper.equals("HEADER") || upper.equals("MIME") || upper.equals("1.MIME")) {
      return message.header();
    }
    if (upper.equals("TEXT") || upper.equals("1")) {
      return message.text();
    }
    if (upper.startsWith("HEADER.FIELDS")) {
      boolean not = upper.startsWith("HEADER.FIELDS.NOT");
      int open = section.indexOf('(');
      int close = section.lastIndexOf(')');
      if (open < 0 || close < open) {
        throw new IllegalArgumentException("malformed section " + section);
      }
      List<String> names = new ArrayList<>();
      for (String name : section.substring(open + 1, close).trim().split("\\s+")) {
        names.add(name.replace("\"", ""));
      }
      return message.headerFields(names, not);
    }
    throw new IllegalArgumentException("unknown section " + section);
  }

  private static void literal(ByteArrayOutputStream out, String name, byte[] data) {
    out.writeBytes(ascii(name + " {" + data.length + "}\r\n"));
    out.writeBytes(data);
  }

  private void store(String tag, boolean uid, List<ImapMessage> messages, String operation,
      List<String> flags) throws IOException {
    String upper = operation.toUpperCase(Locale.ROOT);
    boolean silent = upper.endsWith(".SILENT");
    String kind = silent ? upper.substring(0, upper.length() - ".SILENT".length()) : upper;
    if (!List.of("FLAGS", "+FLAGS", "-FLAGS").contains(kind)) {
      throw new IllegalArgumentException("unknown STORE operation " + operation);
    }
    if (readOnly) {
      tagged(tag, "NO", null, "Mailbox is read-only");
      return;
    }
    for (ImapMessage message : messages) {
      if (kind.equals("FLAGS")) {
        message.flags.clear();
      }
      if (kind.equals("-FLAGS")) {
        flags.forEach(message.flags::remove);
      } else {
        message.flags.addAll(flags);
      }
      if (!silent) {
        write("* " + (selected.messages.indexOf(message) + 1) + " FETCH (FLAGS "
            + message.flagList() + (uid ? " UID " + message.uid : "") + ")\r\n");
      }
    }
    tagged(tag, "OK", null, (uid ? "UID " : "") + "STORE completed");
  }

  /**
   * SEARCH with the criteria ALL, sequence sets, UID sets, SEEN, UNSEEN, DELETED and UNDELETED;
   * other criteria match every message.
   */
  private void search(String tag, boolean uid, String criteria) throws IOException {
    List<ImapMessage> found = new ArrayList<>(selected.messages);
    ImapArguments args = new ImapArguments(criteria.replace('(', ' ').replace(')', ' '));
    List<String> withArgument = List.of("BCC", "BEFORE", "BODY", "CC", "FROM", "KEYWORD",
        "LARGER", "ON", "SENTBEFORE", "SENTON", "SENTSINCE", "SINCE", "SMALLER", "SUBJECT",
        "TEXT", "TO", "UNKEYWORD", "CHARSET", "MODSEQ");
    while (!args.atEnd()) {
      String key = args.astring().toUpperCase(Locale.ROOT);
      if (withArgument.contains(key)) {
        args.astring();
      } else if (key.equals("HEADER")) {
        args.astring();
        args.astring();
      } else if (key.equals("UID")) {
        found.retainAll(messages(args.atom(), true));
      } else if (SEQUENCE_SET.matcher(key).matches()) {
        found.retainAll(messages(key, false));
      } else if (key.equals("SEEN") || key.equals("UNSEEN")) {
        found.removeIf(m -> m.flags.contains("\\Seen") != key.equals("SEEN"));
      } else if (key.equals("DELETED") || key.equals("UNDELETED")) {
        found.removeIf(m -> m.flags.contains("\\Deleted") != key.equals("DELETED"));
      }
    }
    StringBuilder line = new StringBuilder("* SEARCH");
    for (ImapMessage message : found) {
      line.append(' ').append(uid ? message.uid : selected.messages.indexOf(message) + 1);
    }
    write(line.append("\r\n").toString());
    tagged(tag, "OK", null, (uid ? "UID " : "") + "SEARCH completed");
  }

  private void copy(String tag, String verb, boolean uid, List<ImapMessage> messages,
      String destination) throws IOException {
    if (verb.equals("MOVE") && !hasCapability("MOVE")) {
      tagged(tag, "BAD", null, "Unknown command");
      return;
    }
    Folder target = folder(destination);
    if (target == null) {
      tagged(tag, "NO", "TRYCREATE", "No such mailbox");
      return;
    }
    if (verb.equals("MOVE") && readOnly) {
      tagged(tag, "NO", null, "Mailbox is read-only");
      return;
    }
    List<String> from = new ArrayList<>();
    List<String> to = new ArrayList<>();
    for (ImapMessage message : messages) {
      ImapMessage copy = message.copy(target.uidNext++);
      target.messages.add(copy);
      from.add(String.valueOf(message.uid));
      to.add(String.valueOf(copy.uid));
    }
    String copyUid = messages.isEmpty() || !hasCapability("UIDPLUS") ? null
        : "COPYUID " + target.uidValidity + " " + String.join(",", from) + " "
            + String.join(",", to);
    String done = (uid ? "UID " : "") + verb + " completed";
    if (verb.equals("COPY")) {
      tagged(tag, "OK", copyUid, done);
      return;
    }
    if (copyUid != null) {
      write("* OK [" + copyUid + "] Moved\r\n");
    }
    remove(messages);
    tagged(tag, "OK", null, done);
  }

  private void expunge(String tag, List<ImapMessage> among) throws IOException {
    if (among != null && !hasCapability("UIDPLUS")) {
      tagged(tag, "BAD", null, "Unknown command");
      return;
    }
    if (readOnly) {
      tagged(tag, "NO", null, "Mailbox is read-only");
      return;
    }
    List<ImapMessage> gone = new ArrayList<>();
    for (ImapMessage message : among != null ? among : selected.messages) {
      if (message.flags.contains("\\Deleted")) {
        gone.add(message);
      }
    }
    remove(gone);
    tagged(tag, "OK", null, (among != null ? "UID " : "") + "EXPUNGE completed");
  }

  /** Removes messages from the selected folder, announcing each, highest number first. */
  private void remove(List<ImapMessage> messages) throws IOException {
    for (int i = selected.messages.size() - 1; i >= 0; i--) {
      if (messages.contains(selected.messages.get(i))) {
        selected.messages.remove(i);
        write("* " + (i + 1) + " EXPUNGE\r\n");
      }
    }
  }

  /** The messages of the selected folder in a sequence set or UID set, in folder order. */
  private List<ImapMessage> messages(String set, boolean uid) {
    List<ImapMessage> all = selected.messages;
    long star = uid ? (all.isEmpty() ? 0 : all.get(all.size() - 1).uid) : all.size();
    List<long[]> ranges = new ArrayList<>();
    try {
      for (String part : set.split(",")) {
        String[] ends = part.split(":", 2);
        long first = ends[0].equals("*") ? star : Long.parseLong(ends[0]);
        long last = ends.length == 1 ? first
            : ends[1].equals("*") ? star : Long.parseLong(ends[1]);
        ranges.add(new long[] {Math.min(first, last), Math.max(first, last)});
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("malformed set " + set, e);
    }
    List<ImapMessage> chosen = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      long key = uid ? all.get(i).uid : i + 1;
      for (long[] range : ranges) {
        if (key >= range[0] && key <= range[1]) {
          chosen.add(all.get(i));
          break;
        }
      }
    }
    return chosen;
  }

  private Folder folder(String name) {
    return name.equalsIgnoreCase("INBOX") ? folders.get("INBOX") : folders.get(name);
  }

  private boolean offersStartTls() {
    return server.security() == Security.STARTTLS && !isTls();
  }

  private boolean hasCapability(String name) {
    return server.capabilities().stream().anyMatch(name::equalsIgnoreCase);
  }

  private String capabilities() {
    return String.join(" ", server.capabilities()) + (offersStartTls() ? " STARTTLS" : "");
  }

  /** A tagged reply; under ECHO its text is what the client said. */
  private void tagged(String tag, String status, String code, String text) throws IOException {
    String shown = echoing() ? "you said: " + flat(said) : text;
    write(tag + " " + status + " " + (code != null ? "[" + code + "] " : "") + shown + "\r\n");
  }

  /**
   * A command on one line: line breaks (after literal markers) become spaces, and a space
   * follows a closing brace at the end, lest the client read a literal marker.
   */
  private static String flat(String command) {
    String flat = command.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ');
    return flat.endsWith("}") ? flat + " " : flat;
  }

  /** Text read byte by byte (ISO 8859-1) as the UTF-8 it was sent in. */
  private static String utf8(String bytes) {
    return new String(bytes.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }

  private static String quote(String name) {
    return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
