package com.lumyvo.providers.mail.testing;

import com.lumyvo.providers.Security;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The ESMTP side of a {@link HostileServer}: a minimal submission server (EHLO, STARTTLS, AUTH
 * PLAIN and LOGIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT) that accepts every message and forgets
 * it, until the trigger.
 */
final class SmtpSession extends HostileConnection {
  /** The most message data DATA takes before it answers 552 (it still reads to the end). */
  private static final long MAX_DATA = 32L << 20;

  /** The command being answered, for {@link Hostility#ECHO}. */
  private String said = "";

  SmtpSession(HostileServer server, Socket socket) {
    super(server, socket);
  }

  @Override
  void greet() throws IOException {
    write("220 localhost ESMTP Lumyvo hostile server\r\n");
  }

  @Override
  void flood(Hostility hostility, boolean atGreeting) throws IOException {
    String code = atGreeting ? "220" : "250";
    switch (hostility) {
      case ENDLESS_LINE:
      case HUGE_LITERAL:
        flood(code + " ", Flood.letters());
        break;
      case ENDLESS_CONTINUATION:
        flood(null, Flood.repeating("334 VXNlcm5hbWU6\r\n"));
        break;
      case ENDLESS_UNTAGGED:
      case ENDLESS_FETCH:
        flood(null, Flood.repeating(code + "-still here\r\n"));
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
    String line;
    while ((line = readText()) != null) {
      server.record(line);
      said = line;
      String[] words = line.trim().split(" ", 3);
      String verb = words[0].toUpperCase(Locale.ROOT);
      if (verb.equals("STARTTLS") && server.hostility() == Hostility.STARTTLS_THEN_SILENCE
          && offersStartTls()) {
        write("220 2.0.0 Ready to start TLS\r\n");
        silenceAfterStartTls();
        return;
      }
      if (isTrigger(words[0], words.length > 1 ? words[1] : "") && misbehave()) {
        return;
      }
      if (!answer(verb, words)) {
        return;
      }
      flush();
    }
  }

  /** Answers one command; false when the session ends. */
  private boolean answer(String verb, String[] words) throws IOException {
    switch (verb) {
      case "EHLO":
        ehlo();
        return true;
      case "HELO":
        reply("250", null, "localhost");
        return true;
      case "STARTTLS":
        if (!offersStartTls()) {
          reply("502", "5.5.1", "STARTTLS not offered here");
          return true;
        }
        reply("220", "2.0.0", "Ready to start TLS");
        startTls();
        return true;
      case "AUTH":
        auth(words);
        return true;
      case "MAIL":
        reply("250", "2.1.0", "Sender OK");
        return true;
      case "RCPT":
        reply("250", "2.1.5", "Recipient OK");
        return true;
      case "DATA":
        return data();
      case "RSET":
      case "NOOP":
        reply("250", "2.0.0", "OK");
        return true;
      case "VRFY":
        reply("252", "2.0.0", "Cannot verify, but will try");
        return true;
      case "QUIT":
        reply("221", "2.0.0", "Bye");
        flush();
        return false;
      default:
        reply("500", "5.5.2", "Command not recognized");
        return true;
    }
  }

  private boolean offersStartTls() {
    return server.security() == Security.STARTTLS && !isTls();
  }

  private void ehlo() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("localhost");
    if (echoing()) {
      lines.add("you said: " + said);
    }
    if (offersStartTls()) {
      lines.add("STARTTLS");
    }
    lines.add("AUTH PLAIN LOGIN");
    lines.add("8BITMIME");
    lines.add("ENHANCEDSTATUSCODES");
    for (int i = 0; i < lines.size(); i++) {
      write("250" + (i == lines.size() - 1 ? " " : "-") + lines.get(i) + "\r\n");
    }
  }

  private void auth(String[] words) throws IOException {
    String mechanism = words.length > 1 ? words[1].toUpperCase(Locale.ROOT) : "";
    String initial = words.length > 2 ? words[2].trim() : null;
    String login;
    String secret;
    if (mechanism.equals("PLAIN")) {
      String response = initial != null ? initial : challenge("");
      if (response == null) {
        return;
      }
      String[] parts = decode(response).split("\u0000", -1);
      if (parts.length != 3) {
        reply("501", "5.5.2", "Malformed PLAIN response");
        return;
      }
      login = parts[1];
      secret = parts[2];
    } else if (mechanism.equals("LOGIN")) {
      String name = initial != null ? initial : challenge("VXNlcm5hbWU6");
      String password = name == null ? null : challenge("UGFzc3dvcmQ6");
      if (password == null) {
        return;
      }
      login = decode(name);
      secret = decode(password);
    } else {
      reply("504", "5.5.4", "Unrecognized authentication type");
      return;
    }
    boolean ok = server.acceptsLogin(login, secret) && !(echoing() && server.echoLoginFails());
    if (ok) {
      reply("235", "2.7.0", "Authentication successful");
    } else {
      reply("535", "5.7.8", "Authentication credentials invalid");
    }
  }

  /** Sends {@code 334 challenge}; returns the client's answer, or null if it cancelled. */
  private String challenge(String challenge) throws IOException {
    write("334 " + challenge + "\r\n");
    flush();
    String answer = readText();
    if (answer == null) {
      throw new java.io.EOFException("the client left during AUTH");
    }
    server.record(answer);
    said = said + " " + answer;
    if (answer.trim().equals("*")) {
      reply("501", "5.7.0", "Authentication cancelled");
      return null;
    }
    return answer.trim();
  }

  private static String decode(String base64) {
    try {
      return new String(Base64.getDecoder().decode(base64.equals("=") ? "" : base64),
          StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "\u0000invalid base64\u0000";
    }
  }

  /** DATA: takes the message up to the lone dot; false if the client left. */
  private boolean data() throws IOException {
    reply("354", null, "End data with <CR><LF>.<CR><LF>");
    flush();
    long size = 0;
    byte[] line;
    while ((line = readLine()) != null) {
      if (line.length == 1 && line[0] == '.') {
        if (size > MAX_DATA) {
          reply("552", "5.3.4", "Message too big");
        } else {
          reply("250", "2.0.0", "OK queued");
        }
        return true;
      }
      size += line.length + 2;
    }
    return false;
  }

  /** One reply line; under ECHO its text is what the client said. */
  private void reply(String code, String enhanced, String text) throws IOException {
    String shown = echoing() ? "you said: " + said : text;
    write(code + " " + (enhanced != null ? enhanced + " " : "") + shown + "\r\n");
  }
}
