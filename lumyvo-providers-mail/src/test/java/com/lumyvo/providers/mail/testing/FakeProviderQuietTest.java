package com.lumyvo.providers.mail.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A fake never writes to standard output or error, not even when GreenMail's connection handler
 * fails because a client vanished: that goes to SLF4J (here the trace file of the tests'
 * logging configuration).
 */
class FakeProviderQuietTest {
  private static final Path TRACE = Path.of("target/sdk-trace.log");

  @Test
  void aClientThatHangsUpMidCommandLeavesNothingOnStandardOutputOrError() throws Exception {
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
    List<Thread> handlers;
    try (FakeProvider fake = FakeProvider.start()) {
      Set<Thread> before = Thread.getAllStackTraces().keySet();
      RawClient imap = RawClient.connect(fake.descriptor().imap(), fake.trustStore());
      imap.lineStartingWith("* OK"); // GreenMail's greeting: its handler thread runs
      handlers = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> !before.contains(t) && t.getName().startsWith("imap:")).toList();
      assertThat(handlers).as("GreenMail's handler for this client").hasSize(1);

      imap.sendRaw("a1 NOOP"); // no line ending: the server is mid-command
      imap.hangUp();

      // GreenMail's handler ends with "Can not handle IMAP connection" when the stream ends in
      // the middle of a command; once its thread is gone, the JVM has dealt with that
      // exception, wherever it went.
      handlers.get(0).join(10_000);
      assertThat(handlers.get(0).isAlive()).isFalse();
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
    assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(Files.readString(TRACE)).as("the handler's end, logged")
        .contains(handlers.get(0).getName() + " ended: the client went away");
  }
}
