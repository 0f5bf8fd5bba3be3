package com.lumyvo.providers.oauth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A token endpoint on loopback that answers from a script, one answer per request, and records
 * every request's form fields. A path per endpoint: /token and /device.
 */
final class FakeTokenEndpoint implements AutoCloseable {
  record Answer(int status, String body, CountDownLatch hold) {}

  record Request(String path, Map<String, String> form) {}

  private final HttpServer server;
  private final Deque<Answer> script = new ArrayDeque<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private Function<Request, Answer> fallback;

  FakeTokenEndpoint() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  URI token() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
  }

  URI device() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/device");
  }

  synchronized FakeTokenEndpoint answer(int status, String body) {
    script.add(new Answer(status, body, null));
    return this;
  }

  synchronized FakeTokenEndpoint answerAfter(CountDownLatch hold, int status, String body) {
    script.add(new Answer(status, body, hold));
    return this;
  }

  /** What to answer once the script is used up. */
  synchronized FakeTokenEndpoint otherwise(Function<Request, Answer> fallback) {
    this.fallback = fallback;
    return this;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    Request request = new Request(exchange.getRequestURI().getPath(), form);
    requests.add(request);
    Answer answer;
    synchronized (this) {
      answer = script.poll();
      if (answer == null && fallback != null) {
        answer = fallback.apply(request);
      }
    }
    if (answer == null) {
      answer = new Answer(500, "{\"error\":\"server_error\"}", null);
    }
    if (answer.hold() != null) {
      try {
        answer.hold().await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    if (answer.status() / 100 == 3) {
      // A redirect back to this endpoint: a client that followed it would ask twice.
      exchange.getResponseHeaders().set("Location", token().toString());
    }
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
