package com.lumyvo.providers.oauth;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What to show a person during a device-code grant (RFC 8628 section 3.3): the code to type and
 * the page to type it on. The device code itself stays inside the helper.
 *
 * @param userCode the short code the person enters, such as {@code WDJB-MJHT}
 * @param verificationUri the page where they enter it
 * @param verificationUriComplete the page with the code filled in, when the provider gives one
 * @param expiresIn how long the codes are valid
 */
public record DeviceAuthorization(String userCode, URI verificationUri,
    Optional<URI> verificationUriComplete, Duration expiresIn) {
  /** Validates. */
  public DeviceAuthorization {
    Objects.requireNonNull(userCode, "userCode");
    Objects.requireNonNull(verificationUri, "verificationUri");
    Objects.requireNonNull(verificationUriComplete, "verificationUriComplete");
    Objects.requireNonNull(expiresIn, "expiresIn");
  }
}
