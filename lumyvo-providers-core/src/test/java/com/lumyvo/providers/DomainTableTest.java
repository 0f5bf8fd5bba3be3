package com.lumyvo.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DomainTableTest {
  private static Map<String, String> domains() {
    Map<String, String> entries = new LinkedHashMap<>();
    ProviderRegistry.defaults().all()
        .forEach(p -> p.domains().forEach(d -> entries.put(d, p.id())));
    return entries;
  }

  /**
   * Over five hundred domains share a table of a few thousand slots, so a few must share a first
   * slot; the multiplier the table picks keeps every lookup within two probes (the second slot is
   * the next one, usually in the same cache line), and the providers added first, whose addresses
   * are most common, keep their first slots.
   */
  @Test
  void everyDomainIsFoundWithinTwoProbesAndTheMostUsedOnesWithOne() {
    DomainTable<String> table = new DomainTable<>(domains());
    assertThat(domains()).hasSizeGreaterThan(500);
    assertThat(table.longestProbe()).isLessThanOrEqualTo(2);
    java.util.List<String> first = new java.util.ArrayList<>();
    ProviderRegistry.defaults().all().subList(0, 6).forEach(p -> first.addAll(p.domains()));
    assertThat(first).hasSizeGreaterThan(60).allSatisfy(
        domain -> assertThat(table.probes(domain)).as(domain).isEqualTo(1));
  }

  @Test
  void findsEveryKeyInAnyCaseAndNothingElse() {
    DomainTable<String> table = new DomainTable<>(domains());
    domains().forEach((domain, id) -> {
      assertThat(table.get(domain)).isEqualTo(id);
      String upper = domain.toUpperCase(java.util.Locale.ROOT);
      assertThat(table.get(upper, 0, upper.length())).isEqualTo(id);
      String inside = "x@" + upper;
      assertThat(table.getExact(inside, 2, inside.length())).isEqualTo(id);
    });
    assertThat(table.get("gmx.dd")).isNull();
    assertThat(table.get("g")).isNull();
  }

  @Test
  void exactMatchDoesNotFoldControlCharactersOntoPunctuation() {
    DomainTable<String> table = new DomainTable<>(Map.of("a-b.de", "x"));
    // U+000D | 0x20 is '-', U+000E | 0x20 is '.': same slot, but not the same domain.
    assertThat(table.getExact("a\rb.de", 0, 6)).isNull();
    assertThat(table.getExact("a-b\u000Ede", 0, 6)).isNull();
    assertThat(table.getExact("A-B.DE", 0, 6)).isEqualTo("x");
  }

  @Test
  void manyKeysStillResolveWhenSlotsCollide() {
    Map<String, Integer> many = new LinkedHashMap<>();
    for (int i = 0; i < 2000; i++) {
      many.put("d" + i + ".example", i);
    }
    DomainTable<Integer> table = new DomainTable<>(many);
    many.forEach((domain, value) -> assertThat(table.get(domain)).isEqualTo(value));
    assertThat(table.get("d2000.example")).isNull();
  }
}
