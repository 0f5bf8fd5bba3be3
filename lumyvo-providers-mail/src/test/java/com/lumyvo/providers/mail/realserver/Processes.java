package com.lumyvo.providers.mail.realserver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** Process, port and log chores shared by the Dovecot and Postfix instances. */
final class Processes {
  private Processes() {}

  /** A free TCP port on 127.0.0.1 (free when asked; the server binds it moments later). */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    }
  }

  /** The result of a short command. */
  record Result(int exit, String output) {}

  /** Runs a command to completion, output and errors together; never longer than the timeout. */
  static Result run(List<String> command, long timeoutSeconds) throws IOException {
    return run(command, new byte[0], timeoutSeconds);
  }

  /** Runs a command with {@code input} on its standard input. */
  static Result run(List<String> command, byte[] input, long timeoutSeconds) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(input);
    }
    try {
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("timed out: " + command);
      }
      return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + command, e);
    }
  }

  /**
   * Waits until the server on the port sends a greeting starting with {@code prefix}, over TLS
   * when {@code trustStore} is given (implicit TLS), in plain text otherwise.
   *
   * @throws IOException with the last failure when the deadline passes
   */
  static void awaitGreeting(String what, int port, KeyStore trustStore, String prefix,
      long deadlineNanos, ProcessHandle server) throws IOException {
    Exception last = null;
    while (System.nanoTime() < deadlineNanos) {
      if (server != null && !server.isAlive()) {
        throw new IOException(what + " exited before it listened on port " + port);
      }
      try {
        String greeting = greeting(port, trustStore);
        if (greeting != null && greeting.startsWith(prefix)) {
          return;
        }
        last = new IOException("unexpected greeting: " + greeting);
      } catch (IOException | RuntimeException e) {
        last = e;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for " + what, e);
      }
    }
    throw new IOException(what + " did not greet on port " + port + ": " + last, last);
  }

  private static String greeting(int port, KeyStore trustStore) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
      socket.setSoTimeout(5_000);
      if (trustStore != null) {
        SSLSocket tls = (SSLSocket) sslContext(trustStore).getSocketFactory()
            .createSocket(socket, "localhost", port, true);
        tls.startHandshake();
        socket = tls;
      }
      BufferedReader reader = new BufferedReader(
          new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      return reader.readLine();
    } finally {
      socket.close();
    }
  }

  static SSLContext sslContext(KeyStore trustStore) {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trustStore);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Starts {@code command} under a small {@code sh} guard that stops it (SIGTERM) as soon as
   * the guard's standard input closes: when {@link #stopGuarded} closes it, and also when this
   * JVM dies in any way, even by SIGKILL, since the kernel then closes the pipe. The guard exits
   * when the command does, so its liveness is the command's.
   */
  static Process startGuarded(List<String> command, Path output) throws IOException {
    List<String> guarded = new ArrayList<>(List.of("/bin/sh", "-c", String.join("\n",
        "exec 3<&0",
        "\"$@\" 3<&- </dev/null &",
        "child=$!",
        "{ read -r _ <&3; kill -TERM \"$child\" 2>/dev/null; } &",
        "wait \"$child\""), "guard"));
    guarded.addAll(command);
    return new ProcessBuilder(guarded).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
  }

  /**
   * Starts a guard that runs {@code command} once its standard input closes (when the harness
   * stops, or when this JVM dies): for servers that put themselves in the background.
   */
  static Process startOnExit(List<String> command, Path output) throws IOException {
    List<String> guarded =
        new ArrayList<>(List.of("/bin/sh", "-c", "read -r _; exec \"$@\"", "on-exit"));
    guarded.addAll(command);
    return new ProcessBuilder(guarded).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
  }

  /**
   * Closes a guard's standard input and waits for it to finish; kills what is left of its tree
   * after the grace period.
   */
  static void stopGuarded(Process guard, long graceMillis) {
    List<ProcessHandle> tree = new ArrayList<>(guard.toHandle().descendants().toList());
    try {
      guard.getOutputStream().close();
    } catch (IOException e) {
      // the guard is gone already
    }
    try {
      if (!guard.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
        terminateTree(guard.toHandle(), 1_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
    for (ProcessHandle p : tree) {
      while (p.isAlive() && System.nanoTime() < end) {
        sleepQuietly(20);
      }
      p.destroyForcibly();
    }
  }

  /** SIGKILL to a process and everything below it, at once: for leftovers of a dead run. */
  static void killTree(ProcessHandle root) {
    List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
    root.destroyForcibly();
    tree.forEach(ProcessHandle::destroyForcibly);
    try {
      root.onExit().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // nothing more to do
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The last lines of a log file, for failure messages; empty text if it does not exist. */
  static String tail(Path log, int lines) {
    try {
      if (!Files.isRegularFile(log)) {
        return "";
      }
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
      return "\n--- last " + last.size() + " lines of " + log + " ---\n" + String.join("\n", last);
    } catch (IOException | RuntimeException e) {
      return "\n(cannot read " + log + ": " + e + ")";
    }
  }

  /** The process whose id is in the file, if it is alive and its command contains the name. */
  static Optional<ProcessHandle> fromPidFile(Path pidFile, String commandContains) {
    try {
      if (!Files.isRegularFile(pidFile)) {
        return Optional.empty();
      }
      long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
          .filter(p -> p.info().command().map(c -> c.contains(commandContains)).orElse(false));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Stops a process tree: SIGTERM to the root, a grace period, then SIGKILL to whatever of the
   * tree (as it was before the root died and its children were re-parented) still runs.
   */
  static void terminateTree(ProcessHandle root, long graceMillis) {
    List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
    root.destroy();
    try {
      root.onExit().get(graceMillis, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      root.destroyForcibly();
    }
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
    for (ProcessHandle child : tree) {
      while (child.isAlive() && System.nanoTime() < end) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      child.destroyForcibly();
    }
  }
}
