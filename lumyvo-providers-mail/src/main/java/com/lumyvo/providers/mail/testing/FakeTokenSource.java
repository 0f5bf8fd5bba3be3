package com.lumyvo.providers.mail.testing;

import com.lumyvo.providers.oauth.AccessToken;
import com.lumyvo.providers.oauth.TokenSource;
import com.lumyvo.providers.oauth.TokenUnavailableException;
import com.lumyvo.providers.oauth.TokenUnavailableException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's token source does, against a fake's token endpoint: holds a refresh token,
 * caches the access token until it expires, and refreshes over HTTP when asked. {@link
 * #toString()} shows neither token. Thread-safe.
 */
final class FakeTokenSource implements TokenSource {
  private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\":\"([^\"]+)\"");
  private static final Pattern EXPIRES_IN = Pattern.compile("\"expires_in\":(\\d+)");
  private static final Pattern ERROR = Pattern.compile("\"error\":\"([^\"]+)\"");

  private final URI endpoint;
  private final String refreshToken;
  private final String address;
  private AccessToken cached;

  FakeTokenSource(URI endpoint, String refreshToken, String address) {
    this.endpoint = endpoint;
    this.refreshToken = refreshToken;
    this.address = address;
  }

  @Override
  public synchronized AccessToken token() throws TokenUnavailableException {
    if (cached == null || !cached.expiresAt().orElseThrow().isAfter(Instant.now())) {
      cached = fetch();
    }
    return cached;
  }

  @Override
  public synchronized AccessToken refresh(AccessToken rejected) throws TokenUnavailableException {
    if (cached != null && !cached.equals(rejected)) {
      return cached; // another caller refreshed since this one was handed out
    }
    cached = fetch();
    return cached;
  }

  private AccessToken fetch() throws TokenUnavailableException {
    try {
      HttpURLConnection http = (HttpURLConnection) endpoint.toURL().openConnection();
      http.setConnectTimeout(5_000);
      http.setReadTimeout(5_000);
      http.setRequestMethod("POST");
      http.setDoOutput(true);
      http.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
      try (OutputStream out = http.getOutputStream()) {
        out.write(("grant_type=refresh_token&client_id=fake-client&refresh_token="
            + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8));
      }
      int status = http.getResponseCode();
      String body;
      try (InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream()) {
        body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Matcher token = ACCESS_TOKEN.matcher(body);
      Matcher expires = EXPIRES_IN.matcher(body);
      if (status == 200 && token.find() && expires.find()) {
        return AccessToken.of(token.group(1),
            Instant.now().plusSeconds(Long.parseLong(expires.group(1))));
      }
      Matcher error = ERROR.matcher(body);
      String code = error.find() ? error.group(1) : "HTTP " + status;
      throw new TokenUnavailableException(
          code.equals("invalid_grant") ? Reason.REVOKED : Reason.MISCONFIGURED,
          "the fake token endpoint answered " + code);
    } catch (IOException e) {
      throw new TokenUnavailableException(Reason.TEMPORARY,
          "the fake token endpoint could not be reached: " + e.getClass().getSimpleName(), e);
    }
  }

  @Override
  public String toString() {
    return "FakeTokenSource[" + address + " at " + endpoint + "]";
  }
}
