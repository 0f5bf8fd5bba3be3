package com.lumyvo.providers.mail.testing;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fake's OAuth 2.0 token endpoint on a loopback port: {@code POST /token} with the
 * refresh-token grant (RFC 6749 §6), answered as RFC 6749 §5.1 and §5.2 say ({@code
 * access_token}, {@code token_type}, {@code expires_in}; or {@code 400} with {@code error}).
 * Plain HTTP/1.1, one request per connection, on this machine only: a few lines of the JDK
 * rather than {@code jdk.httpserver}, so that the fakes need no module beyond {@code java.base}.
 */
final class FakeTokenEndpoint implements Closeable {
  private static final int MAX_REQUEST = 64 * 1024;

  private final FakeTokens tokens;
  private final ServerSocket server;
  private final AtomicInteger grants = new AtomicInteger();

  FakeTokenEndpoint(FakeTokens tokens) throws IOException {
    this.tokens = tokens;
    server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    FakeThreads.daemon("fake-token-endpoint-" + server.getLocalPort(), this::accept).start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/token");
  }

  /** How many refresh-token grants the endpoint has answered, successful or not. */
  int grantsAnswered() {
    return grants.get();
  }

  void reset() {
    grants.set(0);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        FakeThreads.daemon("fake-token-request", () -> serve(client)).start();
      } catch (IOException e) {
        return; // closed with the fake
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      client.setSoTimeout(10_000);
      InputStream in = client.getInputStream();
      String head = readHead(in);
      String[] lines = head.split("\r\n");
      String[] request = lines[0].split(" ");
      int length = 0;
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0 && lines[i].substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
          length = Integer.parseInt(lines[i].substring(colon + 1).trim());
        }
      }
      if (request.length < 2 || !request[0].equals("POST") || !request[1].equals("/token")
          || length < 0 || length > MAX_REQUEST) {
        respond(client.getOutputStream(), 404, "{\"error\":\"not_found\"}");
        return;
      }
      Map<String, String> form = form(new String(in.readNBytes(length), StandardCharsets.UTF_8));
      if (!"refresh_token".equals(form.get("grant_type"))) {
        respond(client.getOutputStream(), 400, "{\"error\":\"unsupported_grant_type\"}");
        return;
      }
      grants.incrementAndGet();
      FakeTokens.Answer answer = tokens.refresh(form.get("refresh_token"));
      if (answer.accessToken().isPresent()) {
        respond(client.getOutputStream(), 200, "{\"access_token\":\"" + answer.accessToken().get()
            + "\",\"token_type\":\"Bearer\",\"expires_in\":" + answer.expiresInSeconds() + "}");
      } else {
        respond(client.getOutputStream(), 400, "{\"error\":\"" + answer.error().orElseThrow()
            + "\",\"error_description\":\"The grant is no longer valid\"}");
      }
    } catch (IOException | RuntimeException e) {
      // A client that went away or sent nonsense: nothing to answer.
    }
  }

  /** The request line and headers, up to the empty line that ends them. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last4 = 0;
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      last4 = (last4 << 8) | b;
      if (last4 == 0x0D0A0D0A) { // CR LF CR LF
        break;
      }
      if (head.size() > MAX_REQUEST) {
        throw new IOException("request head too long");
      }
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8)
                .toLowerCase(Locale.ROOT),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  private static void respond(OutputStream out, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    String reason = status == 200 ? "OK" : status == 400 ? "Bad Request" : "Not Found";
    out.write(("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/json\r\n"
        + "Cache-Control: no-store\r\nContent-Length: " + body.length
        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
