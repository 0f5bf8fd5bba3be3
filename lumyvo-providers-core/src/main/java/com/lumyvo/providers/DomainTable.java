package com.lumyvo.providers;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An immutable open-addressing table from lower-case ASCII domains to values, probed with a range
 * of any string compared case-insensitively (ASCII only). {@link ProviderRegistry#lookup(String)}
 * uses it to find a domain inside the caller's string without lower-casing it into a new one.
 */
final class DomainTable<V> {
  /** Enough seeds that hundreds of domains find a multiplier with at most two probes. */
  private static final int SEEDS_TO_TRY = 2048;

  private final String[] keys;
  /** The keys' characters, compared without {@link String#charAt}'s checks on the hot path. */
  private final byte[][] asciiKeys;
  private final Object[] values;
  private final int mask;
  /** 32 minus the table's bits: slots come from the top bits of the product, the mixed ones. */
  private final int shift;
  private final long multiplier;

  DomainTable(Map<String, V> entries) {
    int capacity = Integer.highestOneBit(Math.max(8, entries.size() * 4)) << 1;
    mask = capacity - 1;
    shift = Integer.numberOfLeadingZeros(capacity) + 1;
    // The keys are known now and lookups are many: spend a little here on a multiplier that
    // gives the fewest probes for the worst key. A few dozen domains nearly always fit with one
    // probe each within the first seeds; hundreds cannot, and two (the next slot, usually in
    // the same cache line) is what more seeds are tried for.
    int best = 0;
    int fewestProbes = Integer.MAX_VALUE;
    for (int seed = 0; seed < SEEDS_TO_TRY && fewestProbes > (seed < 256 ? 1 : 2); seed++) {
      int probes = longestProbe(entries.keySet(), multiplierFor(seed), capacity, shift);
      if (probes < fewestProbes) {
        fewestProbes = probes;
        best = seed;
      }
    }
    multiplier = multiplierFor(best);
    keys = new String[capacity];
    asciiKeys = new byte[capacity][];
    values = new Object[capacity];
    entries.forEach((key, value) -> {
      int slot = slot(key, 0, key.length(), multiplier, shift);
      while (keys[slot] != null) {
        slot = (slot + 1) & mask;
      }
      keys[slot] = key;
      asciiKeys[slot] = key.getBytes(StandardCharsets.US_ASCII);
      values[slot] = value;
    });
  }

  private static long multiplierFor(int seed) {
    return (0x9E3779B97F4A7C15L ^ seed * 0x632BE59BD9B4E019L) | 1; // odd: multiplying loses no bits
  }

  private static int longestProbe(
      Iterable<String> keys, long multiplier, int capacity, int shift) {
    boolean[] used = new boolean[capacity];
    int longest = 0;
    for (String key : keys) {
      int slot = slot(key, 0, key.length(), multiplier, shift);
      int probes = 1;
      while (used[slot]) {
        slot = (slot + 1) & (capacity - 1);
        probes++;
      }
      used[slot] = true;
      longest = Math.max(longest, probes);
    }
    return longest;
  }

  /** The most slots any key's lookup inspects; 1 when no key collides. For tests. */
  int longestProbe() {
    int longest = 0;
    for (String key : keys) {
      if (key != null) {
        longest = Math.max(longest, probes(key));
      }
    }
    return longest;
  }

  /** How many slots a lookup of the key {@code key} inspects. For tests. */
  int probes(String key) {
    int slot = slot(key, 0, key.length(), multiplier, shift);
    int probes = 1;
    while (!key.equals(keys[slot])) {
      if (keys[slot] == null) {
        throw new IllegalArgumentException("not a key: " + key);
      }
      slot = (slot + 1) & mask;
      probes++;
    }
    return probes;
  }

  /** The value for the lower-case ASCII domain {@code key}, or null if absent. */
  V get(String key) {
    return get(key, 0, key.length());
  }

  /** The value for {@code s[from, to)}, lower-cased as ASCII, or null if absent. */
  @SuppressWarnings("unchecked")
  V get(String s, int from, int to) {
    int length = to - from;
    for (int slot = slot(s, from, to, multiplier, shift); ; slot = (slot + 1) & mask) {
      String key = keys[slot];
      if (key == null) {
        return null;
      }
      if (key.length() == length && regionEquals(key, s, from)) {
        return (V) values[slot];
      }
    }
  }

  /**
   * The value for {@code s[from, to)} if it equals a key exactly, but for the case of letters;
   * unlike {@link #get(String, int, int)}, the range needs no checking first, since only a
   * well-formed key can match.
   */
  @SuppressWarnings("unchecked")
  V getExact(String s, int from, int to) {
    int length = to - from;
    for (int slot = slot(s, from, to, multiplier, shift); ; slot = (slot + 1) & mask) {
      byte[] key = asciiKeys[slot];
      if (key == null) {
        return null;
      }
      if (key.length == length && regionEqualsExactly(key, s, from)) {
        return (V) values[slot];
      }
    }
  }

  /**
   * Whether {@code s} holds the lower-case key from {@code from}, letters in either case. Other
   * characters must be equal: folding by {@code | 0x20} alone would let a control character
   * (0x0D) stand for a hyphen (0x2D).
   */
  private static boolean regionEqualsExactly(byte[] key, String s, int from) {
    for (int i = 0; i < key.length; i++) {
      byte k = key[i];
      char c = s.charAt(from + i);
      if (c != k && ((c | 0x20) != k || k < 'a')) {
        return false;
      }
    }
    return true;
  }

  private static boolean regionEquals(String key, String s, int from) {
    for (int i = 0; i < key.length(); i++) {
      if (key.charAt(i) != toLower(s.charAt(from + i))) {
        return false;
      }
    }
    return true;
  }

  private static char toLower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c | 0x20) : c;
  }

  /**
   * The first slot to probe for {@code s[from, to)}: a multiplicative hash of the length and six
   * characters (the first three, the one before a four-character ending such as {@code .com},
   * and the last two) instead of all of them, because a polynomial over every character is a
   * chain of multiplications that costs more than the rest of a lookup, and keys that collide
   * here still differ in the full comparison. These six tell every built-in domain apart, mail.com's
   * look-alikes ({@code compuserve.com}, {@code consultant.com}) included; the four read before
   * did not. Characters are folded by setting bit 0x20, which lower-cases ASCII letters and keeps
   * every other character of a valid domain; anything it folds wrongly only shares a slot and then
   * fails to compare.
   */
  private static int slot(String s, int from, int to, long multiplier, int shift) {
    int last = to - 1;
    long packed = (s.charAt(from) | 0x20)
        | (s.charAt(Math.min(from + 1, last)) | 0x20) << 8
        | (s.charAt(Math.min(from + 2, last)) | 0x20) << 16
        | (long) (s.charAt(Math.max(from, to - 5)) | 0x20) << 24
        | (long) (s.charAt(Math.max(from, to - 2)) | 0x20) << 32
        | (long) (s.charAt(last) | 0x20) << 40;
    return (int) (((packed ^ (long) (to - from) << 48) * multiplier) >>> (shift + 32));
  }

}
