package com.lumyvo.providers.mail.internal;

import com.lumyvo.providers.diagnosis.CredentialRedactor;
import java.lang.reflect.Constructor;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Copies of exceptions with every message redacted, for the causes the SDK hands out. Jakarta
 * Mail puts the server's reply into its exception messages, and a server that echoes the login
 * line puts the password there; a service logs causes with their stack traces.
 *
 * <p>A copy has the original's type where that type has a public constructor taking a message,
 * and otherwise is a {@link RedactedException} that names the type. Either way it has the
 * original's stack trace, and its causes and suppressed exceptions are copied the same way.
 */
public final class RedactedCause {
  private static final int MAX_DEPTH = 16;

  private RedactedCause() {}

  /** A redacted copy of {@code error} and its causes, or null for null. */
  public static Throwable of(Throwable error, CredentialRedactor redactor) {
    return copy(error, redactor, new IdentityHashMap<>(), 0);
  }

  private static Throwable copy(Throwable error, CredentialRedactor redactor,
      Map<Throwable, Throwable> done, int depth) {
    if (error == null || depth > MAX_DEPTH) {
      return null;
    }
    Throwable seen = done.get(error);
    if (seen != null) {
      return seen;
    }
    String message = error.getMessage() == null ? null : redactor.redact(error.getMessage());
    Throwable copy = sameType(error.getClass(), message);
    if (copy == null) {
      copy = new RedactedException(error.getClass().getName()
          + (message == null ? "" : ": " + message));
    }
    done.put(error, copy);
    copy.setStackTrace(error.getStackTrace());
    Throwable cause = copy(error.getCause(), redactor, done, depth + 1);
    if (cause != null) {
      try {
        copy.initCause(cause);
      } catch (IllegalStateException | IllegalArgumentException e) {
        copy.addSuppressed(cause); // a type that set its own cause keeps ours beside it
      }
    }
    for (Throwable suppressed : error.getSuppressed()) {
      Throwable s = copy(suppressed, redactor, done, depth + 1);
      if (s != null) {
        copy.addSuppressed(s);
      }
    }
    return copy;
  }

  private static Throwable sameType(Class<? extends Throwable> type, String message) {
    try {
      Constructor<? extends Throwable> constructor = type.getConstructor(String.class);
      Throwable copy = constructor.newInstance(message);
      // A constructor may decorate the message (or set a cause); only an exact copy will do.
      return java.util.Objects.equals(copy.getMessage(), message) && copy.getCause() == null
          ? copy : null;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }

  /** Stands in for an exception whose type cannot be copied; its message names that type. */
  static final class RedactedException extends Exception {
    private static final long serialVersionUID = 1L;

    RedactedException(String message) {
      super(message);
    }
  }
}
