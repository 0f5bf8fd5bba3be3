package com.lumyvo.providers.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeoutsTest {
  @Test
  void defaultsAreFinite() {
    assertThat(Timeouts.defaults()).isEqualTo(
        new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30)));
  }

  @Test
  void rejectsZeroNegativeAndOverlongTimeoutsNamingWhichOne() {
    Duration ok = Duration.ofSeconds(1);
    assertThatThrownBy(() -> new Timeouts(Duration.ZERO, ok, ok))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("connect timeout must be positive, was PT0S");
    assertThatThrownBy(() -> new Timeouts(ok, Duration.ofSeconds(-1), ok))
        .hasMessage("read timeout must be positive, was PT-1S");
    assertThatThrownBy(() -> new Timeouts(ok, ok, Duration.ofDays(30)))
        .hasMessageStartingWith("write timeout must be at most 2147483647 ms");
    assertThatThrownBy(() -> new Timeouts(ok, ok, Duration.ofSeconds(Long.MAX_VALUE)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Timeouts(null, ok, ok)).hasMessage("connect");
  }
}
