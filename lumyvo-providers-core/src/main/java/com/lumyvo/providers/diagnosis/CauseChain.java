package com.lumyvo.providers.diagnosis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an error and its causes defensively: chains may be cyclic or thousands deep, and a
 * hostile or broken {@link Throwable} may throw from {@code getMessage} or {@code getCause}.
 */
final class CauseChain {
  /** Real chains are a handful deep; past this, the rest adds nothing. */
  static final int MAX_DEPTH = 32;
  private static final int MAX_MESSAGE = 4_096;
  /**
   * A Java class name as {@link Throwable#toString()} writes it before a message ({@code
   * jakarta.mail.AuthenticationFailedException: }), wherever it stands: a wrapper made with
   * {@code new RuntimeException(cause)} has its cause's whole {@code toString()} as its message,
   * and the JDK and Angus Mail quote causes inside messages. Only qualified names ending in
   * {@code Exception} or {@code Error} match, so a server's own "Error: " stays.
   */
  private static final Pattern CLASS_NAME = Pattern.compile(
      "(?<![\\w$.])(?:[A-Za-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)\\b(?::[ \t]*)?");

  private CauseChain() {}

  /** The error and its causes, outermost first, each once, at most {@link #MAX_DEPTH}. */
  static List<Throwable> of(Throwable error) {
    if (error == null) {
      return List.of();
    }
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = error; t != null && chain.size() < MAX_DEPTH && seen.add(t); t = cause(t)) {
      chain.add(t);
    }
    return chain;
  }

  private static Throwable cause(Throwable t) {
    try {
      return t.getCause();
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  /** The message, at most 4,096 characters, or an empty string if there is none or it throws. */
  static String message(Throwable t) {
    String message;
    try {
      message = t.getMessage();
    } catch (RuntimeException | LinkageError e) {
      return "";
    }
    if (message == null) {
      return "";
    }
    return message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
  }

  /**
   * What a person may read of a failure: the reply when there is one, since it is the server's
   * own account; otherwise each link's message on its own line, each once, which is where mail
   * libraries put the server's reply. Java class names are taken out of both (a reply copied
   * from a log has them too); a line left empty is dropped. At most {@code limit} characters.
   */
  static String shownText(String reply, Throwable error, int limit) {
    if (reply != null) {
      String shown = withoutClassNames(reply.length() > limit ? reply.substring(0, limit) : reply);
      if (!shown.isBlank()) {
        return shown;
      }
    }
    List<String> lines = new ArrayList<>();
    int length = 0;
    for (Throwable t : of(error)) {
      if (length >= limit) {
        break;
      }
      String line = withoutClassNames(message(t)).strip();
      // A wrapper repeats its cause's message (or its cause repeats it): once is enough.
      if (!line.isEmpty() && !lines.contains(line)) {
        lines.add(line);
        length += line.length() + 1;
      }
    }
    String text = String.join("\n", lines);
    return text.length() > limit ? text.substring(0, limit) : text;
  }

  /** {@code text} without {@code some.package.SomeException: } prefixes. */
  static String withoutClassNames(String text) {
    return CLASS_NAME.matcher(text).replaceAll("");
  }

  /** The error's class name, or null when there is no error. */
  static String typeName(Throwable error) {
    return error == null ? null : error.getClass().getName();
  }

  /**
   * The reply, then each link as {@code ClassName: message} on its own line, at most {@code
   * limit} characters: the shape Java prints, which text rules and people both read.
   */
  static String text(String reply, Throwable error, int limit) {
    StringBuilder text = new StringBuilder();
    if (reply != null) {
      text.append(reply, 0, Math.min(reply.length(), limit));
    }
    for (Throwable t : of(error)) {
      if (text.length() >= limit) {
        break;
      }
      if (text.length() > 0) {
        text.append('\n');
      }
      text.append(t.getClass().getName()).append(": ").append(message(t));
    }
    return text.length() > limit ? text.substring(0, limit) : text.toString();
  }
}
