package com.lumyvo.providers.diagnosis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Reads an error and its causes defensively: chains may be cyclic or thousands deep, and a
 * hostile or broken {@link Throwable} may throw from {@code getMessage} or {@code getCause}.
 */
final class CauseChain {
  /** Real chains are a handful deep; past this, the rest adds nothing. */
  static final int MAX_DEPTH = 32;
  private static final int MAX_MESSAGE = 4_096;

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
