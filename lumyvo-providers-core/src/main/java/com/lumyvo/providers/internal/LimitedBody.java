package com.lumyvo.providers.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An HTTP response body read into memory up to a limit, for the core's two HTTP clients
 * (autoconfig discovery and the OAuth token helper). A server that declares a longer body is
 * refused before a byte is read, and one that sends more than it may is cut off at once: a
 * hostile or broken server costs at most {@code maxBytes} of heap. Buffers are asked for one
 * batch at a time, so nothing runs ahead of the limit check.
 */
public final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
  private final int maxBytes;
  private final long declared;
  private final String what;
  private final ByteArrayOutputStream collected = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  /**
   * @param maxBytes the most bytes kept
   * @param declared the body's declared length (Content-Length), or -1 if none
   * @param what what the body is, for the failure's message ("autoconfig file")
   */
  public LimitedBody(int maxBytes, long declared, String what) {
    this.maxBytes = maxBytes;
    this.declared = declared;
    this.what = what;
  }

  /** A handler that reads every response's body this way, its declared length included. */
  public static HttpResponse.BodyHandler<byte[]> handler(int maxBytes, String what) {
    return info -> new LimitedBody(maxBytes,
        info.headers().firstValueAsLong("Content-Length").orElse(-1), what);
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    if (declared > maxBytes) {
      subscription.cancel();
      result.completeExceptionally(tooLarge());
      return;
    }
    subscription.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer buffer : buffers) {
      if (collected.size() + buffer.remaining() > maxBytes) {
        subscription.cancel();
        result.completeExceptionally(tooLarge());
        return;
      }
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      collected.write(bytes, 0, bytes.length);
    }
    subscription.request(1);
  }

  @Override
  public void onError(Throwable throwable) {
    result.completeExceptionally(throwable);
  }

  @Override
  public void onComplete() {
    result.complete(collected.toByteArray());
  }

  private IOException tooLarge() {
    return new IOException(what + " longer than " + maxBytes + " bytes");
  }
}
