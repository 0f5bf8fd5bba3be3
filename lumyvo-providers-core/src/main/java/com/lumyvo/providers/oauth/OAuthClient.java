package com.lumyvo.providers.oauth;

import com.lumyvo.providers.internal.LimitedBody;
import com.lumyvo.providers.oauth.TokenUnavailableException.Reason;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * An optional helper that gets OAuth 2.0 access tokens from a provider's token endpoint with the
 * JDK's HTTP client alone: the refresh-token grant (RFC 6749 section 6) and the device-code grant
 * (RFC 8628), and a caching {@link TokenSource} on top. A service with its own OAuth library does
 * not need it.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Endpoints must be {@code https}, except on a loopback host (for tests and local
 *       proxies). Redirects are not followed: a token request carries secrets.
 *   <li>Every exchange, answer included, is bounded by {@link Builder#timeout} (default 30
 *       seconds) and answers by {@link Builder#maxResponseBytes} (default 64 KiB).
 *   <li>Failures are {@link TokenUnavailableException}s whose {@link Reason} follows the
 *       endpoint's {@code error}: {@code invalid_grant}, {@code access_denied} and {@code
 *       expired_token} are {@link Reason#REVOKED}; {@code invalid_client}, {@code
 *       unauthorized_client}, {@code invalid_scope}, {@code unsupported_grant_type}, {@code
 *       invalid_request}, any other 4xx and answers that are no token response are {@link
 *       Reason#MISCONFIGURED}; network failures, timeouts, 5xx, 429, {@code
 *       temporarily_unavailable} and an interrupt are {@link Reason#TEMPORARY}.
 *   <li>Messages name the endpoint's error code and HTTP status only, never a token, a secret, a
 *       device code or the endpoint's free text; causes are network exceptions, which hold none.
 *   <li>The client secret, when given, goes in the request body ({@code client_secret_post},
 *       RFC 6749 section 2.3.1); public clients (Microsoft's native apps) have none.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * OAuthClient oauth = OAuthClient.builder(URI.create(
 *         "https://login.microsoftonline.com/consumers/oauth2/v2.0/token"), clientId).build();
 * TokenSource source = oauth.tokenSource(storedRefreshToken, store::saveRefreshToken);
 * }</pre>
 */
public final class OAuthClient {
  static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
  /** RFC 8628 section 3.5: the interval when the endpoint names none, and slow_down's step. */
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

  /** How the device-code loop waits; a test replaces it to run without waiting. */
  interface Pause {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final URI tokenEndpoint;
  private final URI deviceEndpoint;
  private final String clientId;
  private final String clientSecret;
  private final Duration timeout;
  private final int maxResponseBytes;
  private final HttpClient http;
  private final Clock clock;
  private final Pause pause;
  private final LongSupplier nanoTime;

  private OAuthClient(Builder b) {
    this.tokenEndpoint = b.tokenEndpoint;
    this.deviceEndpoint = b.deviceEndpoint;
    this.clientId = b.clientId;
    this.clientSecret = b.clientSecret;
    this.timeout = b.timeout;
    this.maxResponseBytes = b.maxResponseBytes;
    this.http = b.http != null ? b.http : HttpClient.newBuilder()
        .connectTimeout(b.timeout).followRedirects(HttpClient.Redirect.NEVER)
        .proxy(java.net.ProxySelector.getDefault() != null ? java.net.ProxySelector.getDefault()
            : HttpClient.Builder.NO_PROXY).build();
    this.clock = b.clock;
    this.pause = b.pause;
    this.nanoTime = b.nanoTime;
  }

  /**
   * A builder for a client of {@code tokenEndpoint}, registered as {@code clientId}.
   *
   * @throws IllegalArgumentException if the endpoint is not {@code https} on a non-loopback host,
   *     or the client id is blank
   */
  public static Builder builder(URI tokenEndpoint, String clientId) {
    return new Builder(checkedEndpoint(tokenEndpoint, "tokenEndpoint"), clientId);
  }

  /**
   * A builder for a client of a provider's token endpoint, with its device-authorization
   * endpoint when it has one ({@code ProviderDescriptor.oauth()} gives {@code support}).
   *
   * @throws IllegalArgumentException if the client id is blank
   */
  public static Builder builder(com.lumyvo.providers.OAuthSupport support, String clientId) {
    Objects.requireNonNull(support, "support");
    Builder builder = builder(support.tokenEndpoint(), clientId);
    support.deviceAuthorizationEndpoint().ifPresent(builder::deviceAuthorizationEndpoint);
    return builder;
  }

  /**
   * Exchanges a refresh token for an access token.
   *
   * @param scopes the scopes to ask for; empty to get what the grant holds (Microsoft wants the
   *     mail scopes named again)
   * @throws TokenUnavailableException as the class documentation says
   */
  public TokenGrant refresh(String refreshToken, List<String> scopes)
      throws TokenUnavailableException {
    Objects.requireNonNull(refreshToken, "refreshToken");
    Objects.requireNonNull(scopes, "scopes");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", refreshToken);
    if (!scopes.isEmpty()) {
      form.put("scope", String.join(" ", scopes));
    }
    Answer answer = post(tokenEndpoint, form);
    if (answer.status / 100 != 2) {
      throw failure(answer, "refresh");
    }
    return grant(answer);
  }

  /**
   * Runs the device-code grant: asks for codes, hands them to {@code prompt} once to show the
   * person, then polls the token endpoint at the interval the provider names, five seconds
   * longer after each {@code slow_down}, until the person consents, declines, or the codes
   * expire. Blocks the calling thread for as long as that takes.
   *
   * @throws IllegalStateException if no device-authorization endpoint was configured
   * @throws TokenUnavailableException {@link Reason#REVOKED} when the person declines ({@code
   *     access_denied}) or the codes expire ({@code expired_token}, or their lifetime passed);
   *     otherwise as the class documentation says
   */
  public TokenGrant deviceCode(List<String> scopes, Consumer<DeviceAuthorization> prompt)
      throws TokenUnavailableException {
    Objects.requireNonNull(scopes, "scopes");
    Objects.requireNonNull(prompt, "prompt");
    if (deviceEndpoint == null) {
      throw new IllegalStateException("no deviceAuthorizationEndpoint configured");
    }
    Map<String, String> form = new LinkedHashMap<>();
    if (!scopes.isEmpty()) {
      form.put("scope", String.join(" ", scopes));
    }
    Answer start = post(deviceEndpoint, form);
    if (start.status / 100 != 2) {
      throw failure(start, "device authorization");
    }
    String deviceCode = text(start, "device_code");
    String userCode = text(start, "user_code");
    // Google names it verification_url, RFC 8628 verification_uri.
    String page = optionalText(start, "verification_uri")
        .or(() -> optionalText(start, "verification_url"))
        .orElseThrow(() -> misconfigured("device authorization answer has no verification_uri"));
    Duration expiresIn = Duration.ofSeconds(seconds(start, "expires_in").orElse(1800L));
    Duration interval = Duration.ofSeconds(seconds(start, "interval")
        .orElse(DEFAULT_INTERVAL.toSeconds()));
    URI pageUri;
    Optional<URI> complete;
    try {
      pageUri = URI.create(page);
      complete = optionalText(start, "verification_uri_complete").map(URI::create);
    } catch (IllegalArgumentException e) {
      throw misconfigured("device authorization answer has a malformed verification address");
    }
    prompt.accept(new DeviceAuthorization(userCode, pageUri, complete, expiresIn));
    long deadline = nanoTime.getAsLong() + expiresIn.toNanos();
    Map<String, String> poll = new LinkedHashMap<>();
    poll.put("grant_type", DEVICE_GRANT);
    poll.put("device_code", deviceCode);
    while (true) {
      try {
        pause.sleep(interval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TokenUnavailableException(Reason.TEMPORARY,
            "interrupted while waiting for the person to sign in");
      }
      // Checked after the wait: a poll past the codes' lifetime could only say expired_token.
      if (nanoTime.getAsLong() - deadline >= 0) {
        throw new TokenUnavailableException(Reason.REVOKED,
            "the device code expired before the person finished signing in");
      }
      Answer answer = post(tokenEndpoint, poll);
      if (answer.status / 100 == 2) {
        return grant(answer);
      }
      String error = errorCode(answer).orElse("");
      if (error.equals("authorization_pending")) {
        continue;
      }
      if (error.equals("slow_down")) {
        interval = interval.plus(DEFAULT_INTERVAL);
        continue;
      }
      throw failure(answer, "device code");
    }
  }

  /**
   * A token source that refreshes with {@code refreshToken}: it caches the access token until a
   * minute before it expires, refreshes once for any number of concurrent callers, and answers
   * {@link TokenSource#refresh(AccessToken)} with a token already newer than the rejected one
   * when there is one. The refresh token in use is replaced when the endpoint rotates it.
   *
   * @param scopes the scopes to name on each refresh, as {@link #refresh(String, List)} takes
   */
  public TokenSource tokenSource(String refreshToken, List<String> scopes) {
    return tokenSource(refreshToken, scopes, rotated -> { });
  }

  /**
   * As {@link #tokenSource(String, List)}, telling {@code rotated} each new refresh token the
   * endpoint issues, so that the service can store it (Microsoft rotates them).
   */
  public TokenSource tokenSource(String refreshToken, List<String> scopes,
      Consumer<String> rotated) {
    Objects.requireNonNull(refreshToken, "refreshToken");
    if (refreshToken.isBlank()) {
      throw new IllegalArgumentException("refreshToken is blank");
    }
    return new RefreshingTokenSource(this, refreshToken, List.copyOf(scopes),
        Objects.requireNonNull(rotated, "rotated"), clock);
  }

  @Override
  public String toString() {
    return "OAuthClient[" + tokenEndpoint + "]";
  }

  // ---- the exchange ----

  private record Answer(int status, Map<String, Object> json) {}

  private Answer post(URI endpoint, Map<String, String> fields) throws TokenUnavailableException {
    Map<String, String> form = new LinkedHashMap<>(fields);
    form.put("client_id", clientId);
    if (clientSecret != null) {
      form.put("client_secret", clientSecret);
    }
    StringBuilder body = new StringBuilder();
    form.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&")
        .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
        .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
    HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    CompletableFuture<HttpResponse<byte[]>> exchange =
        http.sendAsync(request, LimitedBody.handler(maxResponseBytes, "answer"));
    HttpResponse<byte[]> response;
    try {
      response = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw new TokenUnavailableException(Reason.TEMPORARY,
          "interrupted while waiting for " + endpoint.getHost());
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw new TokenUnavailableException(Reason.TEMPORARY, endpoint.getHost()
          + " did not answer within " + timeout.toSeconds() + " seconds");
    } catch (ExecutionException | CancellationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof IOException && cause.getMessage() != null
          && cause.getMessage().startsWith("answer longer than")) {
        throw misconfigured(endpoint.getHost() + " sent an answer longer than "
            + maxResponseBytes + " bytes: not a token response");
      }
      // Network exceptions name hosts and ports, never what was sent.
      throw new TokenUnavailableException(Reason.TEMPORARY,
          "could not reach " + endpoint.getHost() + ": " + cause.getClass().getSimpleName(),
          cause);
    }
    Map<String, Object> json;
    try {
      json = Json.object(new String(response.body(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      json = null;
    }
    return new Answer(response.statusCode(), json);
  }

  private TokenGrant grant(Answer answer) throws TokenUnavailableException {
    if (answer.json == null) {
      throw misconfigured("token endpoint answered HTTP " + answer.status
          + " without a JSON object");
    }
    String value = text(answer, "access_token");
    Optional<String> type = optionalText(answer, "token_type");
    if (type.isPresent() && !type.get().equalsIgnoreCase("bearer")) {
      throw misconfigured("token endpoint issued a token of type "
          + safeCode(type.get()) + ", not Bearer");
    }
    AccessToken token;
    try {
      Optional<Long> expiresIn = seconds(answer, "expires_in");
      token = expiresIn.isPresent()
          ? AccessToken.of(value, Instant.now(clock).plusSeconds(expiresIn.get()))
          : AccessToken.of(value);
    } catch (IllegalArgumentException e) {
      // AccessToken's message never holds the value, but say it in our own words anyway.
      throw misconfigured("token endpoint issued an access token that is not an RFC 6750"
          + " bearer token");
    }
    return new TokenGrant(token, optionalText(answer, "refresh_token").orElse(null),
        optionalText(answer, "scope").orElse(null));
  }

  private TokenUnavailableException failure(Answer answer, String what) {
    Optional<String> error = errorCode(answer);
    String said = what + ": the endpoint answered "
        + error.map(OAuthClient::safeCode).orElse("no error code") + " (HTTP " + answer.status
        + ")";
    String code = error.orElse("");
    Reason reason;
    switch (code) {
      case "invalid_grant", "access_denied", "expired_token", "authorization_declined" ->
          reason = Reason.REVOKED;
      case "temporarily_unavailable", "server_error" -> reason = Reason.TEMPORARY;
      case "invalid_client", "unauthorized_client", "invalid_scope", "unsupported_grant_type",
          "invalid_request" -> reason = Reason.MISCONFIGURED;
      default -> reason = answer.status / 100 == 5 || answer.status == 429
          ? Reason.TEMPORARY : Reason.MISCONFIGURED;
    }
    return new TokenUnavailableException(reason, said);
  }

  private static Optional<String> errorCode(Answer answer) {
    return answer.json == null ? Optional.empty() : optionalText(answer, "error");
  }

  /** An error code as the RFCs define them (%x20-21 / %x23-5B / %x5D-7E), else a placeholder. */
  private static String safeCode(String code) {
    return code.length() <= 64 && code.matches("[A-Za-z0-9_.:-]+") ? code : "an unreadable code";
  }

  private static String text(Answer answer, String name) throws TokenUnavailableException {
    return optionalText(answer, name).orElseThrow(
        () -> misconfigured("answer has no " + name));
  }

  private static Optional<String> optionalText(Answer answer, String name) {
    Object value = answer.json == null ? null : answer.json.get(name);
    return value instanceof String s && !s.isEmpty() ? Optional.of(s) : Optional.empty();
  }

  /** A number of seconds, given as a JSON number or (Microsoft's device flow) a string. */
  private static Optional<Long> seconds(Answer answer, String name)
      throws TokenUnavailableException {
    Object value = answer.json == null ? null : answer.json.get(name);
    if (value == null) {
      return Optional.empty();
    }
    try {
      double seconds = value instanceof Double d ? d : Double.parseDouble((String) value);
      if (seconds < 0 || seconds > 10L * 365 * 24 * 3600 || Double.isNaN(seconds)) {
        throw misconfigured("answer has an impossible " + name);
      }
      return Optional.of((long) seconds);
    } catch (NumberFormatException e) {
      throw misconfigured("answer has a malformed " + name);
    }
  }

  private static TokenUnavailableException misconfigured(String message) {
    return new TokenUnavailableException(Reason.MISCONFIGURED, message);
  }

  static URI checkedEndpoint(URI uri, String name) {
    Objects.requireNonNull(uri, name);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    if (host == null || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(name + " must be an absolute address without user info");
    }
    boolean loopback = host.equals("localhost") || host.equals("127.0.0.1")
        || host.equals("[::1]") || host.equals("::1");
    if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
      throw new IllegalArgumentException(name + " must be https (plain http only on loopback),"
          + " was " + uri.getScheme() + "://" + host);
    }
    return uri;
  }

  /** Builds an {@link OAuthClient}; not thread-safe, validates each setting at once. */
  public static final class Builder {
    private final URI tokenEndpoint;
    private final String clientId;
    private URI deviceEndpoint;
    private String clientSecret;
    private Duration timeout = Duration.ofSeconds(30);
    private int maxResponseBytes = 64 * 1024;
    private HttpClient http;
    private Clock clock = Clock.systemUTC();
    private Pause pause = duration -> Thread.sleep(duration.toMillis());
    private LongSupplier nanoTime = System::nanoTime;

    private Builder(URI tokenEndpoint, String clientId) {
      Objects.requireNonNull(clientId, "clientId");
      if (clientId.isBlank()) {
        throw new IllegalArgumentException("clientId is blank");
      }
      this.tokenEndpoint = tokenEndpoint;
      this.clientId = clientId;
    }

    /**
     * The device-authorization endpoint (RFC 8628), for {@link OAuthClient#deviceCode}.
     *
     * @throws IllegalArgumentException as for the token endpoint
     */
    public Builder deviceAuthorizationEndpoint(URI endpoint) {
      this.deviceEndpoint = checkedEndpoint(endpoint, "deviceAuthorizationEndpoint");
      return this;
    }

    /** The client secret of a confidential client. Default: none (a public client). */
    public Builder clientSecret(String clientSecret) {
      Objects.requireNonNull(clientSecret, "clientSecret");
      if (clientSecret.isEmpty()) {
        throw new IllegalArgumentException("clientSecret is empty");
      }
      this.clientSecret = clientSecret;
      return this;
    }

    /**
     * How long one exchange may take, answer included. Default 30 seconds.
     *
     * @throws IllegalArgumentException if zero or negative
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * The longest answer read. Default 64 KiB, far more than any token response.
     *
     * @throws IllegalArgumentException if below 1 KiB
     */
    public Builder maxResponseBytes(int maxResponseBytes) {
      if (maxResponseBytes < 1024) {
        throw new IllegalArgumentException("maxResponseBytes must be at least 1024, was "
            + maxResponseBytes);
      }
      this.maxResponseBytes = maxResponseBytes;
      return this;
    }

    /** The HTTP client to use, for tests; it should not follow redirects. */
    Builder httpClient(HttpClient http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    Builder pause(Pause pause, LongSupplier nanoTime) {
      this.pause = pause;
      this.nanoTime = nanoTime;
      return this;
    }

    /** The client. */
    public OAuthClient build() {
      return new OAuthClient(this);
    }
  }
}
