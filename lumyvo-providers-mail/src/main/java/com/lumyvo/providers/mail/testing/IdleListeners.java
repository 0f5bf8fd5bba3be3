package com.lumyvo.providers.mail.testing;

import com.icegreen.greenmail.store.MailFolder;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How many IDLE commands GreenMail is serving in a folder, read from the folder's listeners.
 *
 * <p>Why: GreenMail's IDLE sends its continuation ({@code + idling}) first and only then
 * registers the listener that turns a new message into {@code * n EXISTS} (GreenMail 2.1's
 * {@code IdleCommand.doProcess}). Mail delivered between the two is announced only after DONE, so
 * a watch that looked ready idled on and a test waited in vain. {@link FakeProvider#awaitIdle}
 * therefore also waits for the listener. GreenMail has no public accessor for a folder's
 * listeners: this reads its private list by reflection, which the pinned GreenMail version (an
 * automatic module, open to reflection) allows; if a later GreenMail changes the field, {@link
 * #count} answers empty and the fake falls back to the continuation alone.
 */
final class IdleListeners {
  /** The simple name of GreenMail's listener class for an IDLE command. */
  private static final String IDLE_LISTENER = "IdleFolderListener";

  private IdleListeners() {}

  /** The IDLE listeners registered on {@code folder}, or empty if that cannot be read. */
  static Optional<Integer> count(MailFolder folder) {
    List<?> listeners = listenersOf(folder);
    if (listeners == null) {
      return Optional.empty();
    }
    List<Object> copy;
    synchronized (listeners) { // Collections.synchronizedList: iterate under its lock
      copy = new ArrayList<>(listeners);
    }
    int idle = 0;
    for (Object listener : copy) {
      if (listener != null && listener.getClass().getSimpleName().equals(IDLE_LISTENER)) {
        idle++;
      }
    }
    return Optional.of(idle);
  }

  private static List<?> listenersOf(MailFolder folder) {
    for (Class<?> type = folder.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField("_mailboxListeners");
        field.setAccessible(true);
        Object value = field.get(folder);
        return value instanceof List<?> ? (List<?>) value : null;
      } catch (NoSuchFieldException e) {
        // a subclass: look in its parent
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null; // not readable in this GreenMail: the continuation alone decides
      }
    }
    return null;
  }
}
