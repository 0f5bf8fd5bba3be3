package com.lumyvo.providers.mail.realserver;

import com.lumyvo.providers.oauth.AccessToken;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * JSON Web Tokens (RFC 7519) signed with HMAC-SHA256 (RFC 7518 §3.2), as much of them as the
 * OAuth 2.0 Dovecot of the harness checks: {@code typ} JWT, {@code alg} HS256, and {@code sub},
 * {@code email}, {@code iss}, {@code iat}, {@code exp}.
 */
final class Jwt {
  private Jwt() {}

  static AccessToken hs256(byte[] key, String issuer, String address, Instant expiresAt) {
    long exp = expiresAt.getEpochSecond();
    long iat = exp - 3600;
    String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    String body = "{\"sub\":\"" + address + "\",\"email\":\"" + address + "\",\"iss\":\""
        + issuer + "\",\"iat\":" + iat + ",\"exp\":" + exp + "}";
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String signed = url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
        + url.encodeToString(body.getBytes(StandardCharsets.UTF_8));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      String signature = url.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
      return AccessToken.of(signed + "." + signature, expiresAt);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no HmacSHA256", e);
    }
  }
}
