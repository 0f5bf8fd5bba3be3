package com.lumyvo.providers.mail;

import com.lumyvo.providers.mail.watch.WatchOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeoutsTest {
  @Test
  void defaultsAreFiniteAndNamed() {
    Timeouts defaults = Timeouts.defaults();
    assertThat(defaults.connect()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.read()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.write()).isEqualTo(Duration.ofSeconds(30));
    assertThat(Timeouts.builder().read(Duration.ofSeconds(5)).build())
        .isEqualTo(Timeouts.builder().read(Duration.ofSeconds(5)).build())
        .isNotEqualTo(defaults)
        .extracting(Timeouts::connect).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void refusesWhatJakartaMailCannotTake() {
    assertThatThrownBy(() -> Timeouts.builder().connect(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connect");
    assertThatThrownBy(() -> Timeouts.builder().read(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read");
    assertThatThrownBy(() -> Timeouts.builder().write(Duration.ofDays(30)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("write");
    assertThatThrownBy(() -> Timeouts.builder().connect(null)).hasMessage("connect");
  }

  @Test
  void watchOptionsKeepTheBackoffRangeInOrder() {
    assertThat(WatchOptions.defaults().idleRefresh()).isEqualTo(Duration.ofMinutes(2));
    assertThatThrownBy(() -> WatchOptions.builder().initialBackoff(Duration.ofMinutes(10)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBackoff");
    assertThatThrownBy(() -> WatchOptions.builder().pollInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pollInterval");
  }
}
