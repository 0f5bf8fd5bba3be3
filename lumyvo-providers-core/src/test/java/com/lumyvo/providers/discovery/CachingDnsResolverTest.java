package com.lumyvo.providers.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachingDnsResolverTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final AtomicInteger asked = new AtomicInteger();

  private DnsResolver answering(List<MxRecord> records) {
    return new DnsResolver() {
      @Override
      public List<MxRecord> mx(String domain) {
        asked.incrementAndGet();
        return records;
      }

      @Override
      public List<SrvRecord> srv(String name) throws DnsException {
        asked.incrementAndGet();
        throw new DnsException("SERVFAIL", false, null);
      }
    };
  }

  private void advance(Duration by) {
    now.addAndGet(by.toNanos());
  }

  @Test
  void keepsAnAnswerForItsSmallestTtlThenAsksAgain() throws Exception {
    CachingDnsResolver cache = new CachingDnsResolver(answering(List.of(
        new MxRecord(10, "mx1.example.com", Duration.ofSeconds(300)),
        new MxRecord(20, "mx2.example.com", Duration.ofSeconds(60)))), now::get, 16);

    List<MxRecord> first = cache.mx("example.com");
    advance(Duration.ofSeconds(59));
    assertThat(cache.mx("example.com")).isEqualTo(first);
    assertThat(asked).hasValue(1);

    advance(Duration.ofSeconds(1));
    cache.mx("example.com");
    assertThat(asked).hasValue(2);
  }

  @Test
  void keepsAnEmptyAnswerForAMinuteAndAZeroTtlNotAtAll() throws Exception {
    CachingDnsResolver empty = new CachingDnsResolver(answering(List.of()), now::get, 16);
    empty.mx("nothing.example");
    advance(CachingDnsResolver.NEGATIVE_TTL.minusNanos(1));
    empty.mx("nothing.example");
    assertThat(asked).hasValue(1);
    advance(Duration.ofNanos(1));
    empty.mx("nothing.example");
    assertThat(asked).hasValue(2);

    CachingDnsResolver zero = new CachingDnsResolver(answering(List.of(
        new MxRecord(10, "mx.example.com", Duration.ZERO))), now::get, 16);
    zero.mx("example.com");
    zero.mx("example.com");
    assertThat(asked).hasValue(4);
  }

  @Test
  void capsATtlAtADay() throws Exception {
    CachingDnsResolver cache = new CachingDnsResolver(answering(List.of(
        new MxRecord(10, "mx.example.com", Duration.ofDays(365)))), now::get, 16);
    cache.mx("example.com");
    advance(CachingDnsResolver.MAX_TTL);
    cache.mx("example.com");
    assertThat(asked).hasValue(2);
  }

  @Test
  void neverCachesAFailure() {
    CachingDnsResolver cache = new CachingDnsResolver(answering(List.of()), now::get, 16);
    assertThatThrownBy(() -> cache.srv("_imaps._tcp.example.com"))
        .isInstanceOf(DnsException.class);
    assertThatThrownBy(() -> cache.srv("_imaps._tcp.example.com"))
        .isInstanceOf(DnsException.class);
    assertThat(asked).hasValue(2);
  }

  @Test
  void dropsTheLeastRecentlyUsedAnswerWhenFull() throws Exception {
    CachingDnsResolver cache = new CachingDnsResolver(answering(List.of(
        new MxRecord(10, "mx.example.com", Duration.ofHours(1)))), now::get, 2);
    cache.mx("a.example");
    cache.mx("b.example");
    cache.mx("a.example");
    cache.mx("c.example");
    assertThat(asked).hasValue(3);
    cache.mx("a.example");
    assertThat(asked).hasValue(3);
    cache.mx("b.example");
    assertThat(asked).hasValue(4);
  }
}
