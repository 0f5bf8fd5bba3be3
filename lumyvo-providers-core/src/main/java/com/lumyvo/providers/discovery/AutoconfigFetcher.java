package com.lumyvo.providers.discovery;

import com.lumyvo.providers.discovery.DiscoveryStep.Outcome;
import com.lumyvo.providers.internal.LimitedBody;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * Fetches one autoconfig file over HTTPS from a server nobody vetted: HTTPS only (redirects
 * too), certificate and host name checked by the JDK, at most {@link #MAX_REDIRECTS} redirects
 * and no loops, a size limit enforced while reading, and one deadline over all of it, so a server
 * that drips a byte a second still ends in time.
 */
final class AutoconfigFetcher {
  static final int MAX_REDIRECTS = 3;

  private final HttpClient client;
  private final int maxBytes;
  private final boolean allowPrivateAddresses;

  /**
   * What a fetch ended with: a body, or why not.
   *
   * @param detail where the body came from, or why there is none; URLs without their query,
   *     which holds the address
   */
  record Fetched(Outcome outcome, Optional<byte[]> body, String detail) {
    Fetched {
      // A last guard: whatever a server or the JDK put in a message, no query (which carries
      // the address) reaches a step's detail.
      detail = detail.replaceAll("\\?[^\\s\"]*", "?…");
    }
  }

  AutoconfigFetcher(SSLContext sslContext, Duration connectTimeout, int maxBytes,
      boolean allowPrivateAddresses, Executor executor) {
    this.client = HttpClient.newBuilder()
        .sslContext(sslContext)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(executor)
        .build();
    this.maxBytes = maxBytes;
    this.allowPrivateAddresses = allowPrivateAddresses;
  }

  /**
   * {@code https://host:port/path}, without the query, which carries the person's address; for a
   * redirect target, which a server chose and may have built from the address, the host only.
   */
  static String shown(URI uri, boolean ours) {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
        + (ours && uri.getRawPath() != null ? uri.getRawPath() : "/…");
  }

  /** Fetches {@code uri}, following redirects, all within {@code deadlineNanos}. */
  Fetched fetch(URI uri, long deadlineNanos) {
    Set<URI> seen = new HashSet<>();
    URI current = uri;
    for (int hop = 0; ; hop++) {
      boolean ours = hop == 0;
      if (current.getHost() == null) {
        return new Fetched(Outcome.FAILED, Optional.empty(),
            "a redirect from " + uri.getHost() + " without a host name");
      }
      if (!"https".equalsIgnoreCase(current.getScheme())) {
        return new Fetched(Outcome.FAILED, Optional.empty(),
            "refused to follow a redirect from HTTPS to " + DnsNames.quote(shown(current, ours)));
      }
      if (!seen.add(current)) {
        return new Fetched(Outcome.FAILED, Optional.empty(),
            "redirect loop at " + DnsNames.quote(shown(current, ours)));
      }
      long remaining = deadlineNanos - System.nanoTime();
      if (remaining <= 0) {
        return new Fetched(Outcome.TIMED_OUT, Optional.empty(),
            "no time left for " + shown(current, ours));
      }
      if (!allowPrivateAddresses) {
        try {
          PublicAddresses.requirePublic(current.getHost());
        } catch (java.net.UnknownHostException e) {
          return new Fetched(Outcome.NOT_FOUND, Optional.empty(),
              "no web server " + current.getHost());
        } catch (IOException e) {
          return new Fetched(Outcome.FAILED, Optional.empty(), e.getMessage());
        }
      }
      HttpResponse<byte[]> response;
      CompletableFuture<HttpResponse<byte[]>> pending = null;
      try {
        HttpRequest request = HttpRequest.newBuilder(current)
            .timeout(Duration.ofNanos(remaining))
            .header("Accept", "application/xml, text/xml")
            .header("User-Agent", "lumyvo-providers")
            .GET().build();
        pending = client.sendAsync(request, this::bodyHandler);
        response = pending.get(remaining, TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        pending.cancel(true);
        return new Fetched(Outcome.TIMED_OUT, Optional.empty(),
            "no complete answer from " + current.getHost() + " in time");
      } catch (InterruptedException e) {
        if (pending != null) {
          pending.cancel(true);
        }
        Thread.currentThread().interrupt();
        return new Fetched(Outcome.FAILED, Optional.empty(), "interrupted");
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        boolean timedOut = cause instanceof java.net.http.HttpTimeoutException;
        // Most domains have no autoconfig host at all: that is "not found", not a failure.
        boolean absent = cause instanceof java.net.ConnectException
            && !(cause instanceof java.net.http.HttpConnectTimeoutException);
        return new Fetched(timedOut ? Outcome.TIMED_OUT : absent ? Outcome.NOT_FOUND
            : Outcome.FAILED, Optional.empty(), current.getHost() + ": " + describe(cause));
      } catch (IllegalArgumentException e) {
        // The JDK's message quotes the whole URL, query included.
        return new Fetched(Outcome.FAILED, Optional.empty(),
            "an unusable URL at " + current.getHost());
      }
      int status = response.statusCode();
      if (status == 200) {
        return new Fetched(Outcome.FOUND, Optional.of(response.body()), shown(current, ours));
      }
      if (isRedirect(status)) {
        Optional<String> location = response.headers().firstValue("Location");
        if (location.isEmpty()) {
          return new Fetched(Outcome.FAILED, Optional.empty(),
              "redirect " + status + " without a Location from " + current.getHost());
        }
        if (hop == MAX_REDIRECTS) {
          return new Fetched(Outcome.FAILED, Optional.empty(),
              "more than " + MAX_REDIRECTS + " redirects from " + uri.getHost());
        }
        try {
          current = current.resolve(location.get());
        } catch (IllegalArgumentException e) {
          return new Fetched(Outcome.FAILED, Optional.empty(),
              "a malformed redirect from " + current.getHost());
        }
        continue;
      }
      return new Fetched(status == 404 || status == 410 ? Outcome.NOT_FOUND : Outcome.FAILED,
          Optional.empty(), "HTTP " + status + " from " + shown(current, ours));
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private HttpResponse.BodySubscriber<byte[]> bodyHandler(HttpResponse.ResponseInfo info) {
    if (info.statusCode() != 200) {
      return new DiscardedBody();
    }
    long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
    return new LimitedBody(maxBytes, declared, "autoconfig file");
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : " " + message);
  }

  /**
   * A body nobody reads (a redirect's, an error page's): cancelled at once rather than drained,
   * so that an endless one costs nothing.
   */
  private static final class DiscardedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.cancel();
      result.complete(new byte[0]);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
      // Cancelled already.
    }

    @Override
    public void onError(Throwable throwable) {
      result.complete(new byte[0]);
    }

    @Override
    public void onComplete() {
      result.complete(new byte[0]);
    }
  }
}
