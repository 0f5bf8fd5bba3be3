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
   * The slot hash reads a domain's length and its first two and last two characters only, so
   * domains alike in those (mail.com's compuserve.com, consultant.com, computer4u.com and
   * counsellor.com) always share a first slot. The table must need no more probes than the largest
   * such group: every other collision is avoided by the multiplier it picks.
   */
  @Test
  void everyBuiltInDomainIsFoundWithinTheProbesItsHashForces() {
    Map<String, Integer> alike = new java.util.HashMap<>();
    domains().keySet().forEach(d -> alike.merge(
        d.length() + d.substring(0, 2) + d.substring(d.length() - 2), 1, Integer::sum));
    int largestGroup = alike.values().stream().mapToInt(Integer::intValue).max().orElse(1);
    assertThat(largestGroup).isEqualTo(4);
    assertThat(new DomainTable<>(domains()).longestProbe()).isEqualTo(largestGroup);
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
