package com.lumyvo.providers;

import java.util.Map;

/**
 * An immutable open-addressing table from lower-case ASCII domains to values, probed with a range
 * of any string compared case-insensitively (ASCII only). {@link ProviderRegistry#lookup(String)}
 * uses it to find a domain inside the caller's string without lower-casing it into a new one.
 */
final class DomainTable<V> {
  private final String[] keys;
  private final Object[] values;
  private final int mask;

  DomainTable(Map<String, V> entries) {
    int capacity = Integer.highestOneBit(Math.max(4, entries.size() * 3)) << 1;
    keys = new String[capacity];
    values = new Object[capacity];
    mask = capacity - 1;
    entries.forEach((key, value) -> {
      int slot = hash(key, 0, key.length()) & mask;
      while (keys[slot] != null) {
        slot = (slot + 1) & mask;
      }
      keys[slot] = key;
      values[slot] = value;
    });
  }

  /** The value for the lower-case ASCII domain {@code key}, or null if absent. */
  V get(String key) {
    return get(key, 0, key.length());
  }

  /** The value for {@code s[from, to)}, lower-cased as ASCII, or null if absent. */
  @SuppressWarnings("unchecked")
  V get(String s, int from, int to) {
    int length = to - from;
    for (int slot = hash(s, from, to) & mask; ; slot = (slot + 1) & mask) {
      String key = keys[slot];
      if (key == null) {
        return null;
      }
      if (key.length() == length && regionEquals(key, s, from)) {
        return (V) values[slot];
      }
    }
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
   * A hash of the length and four characters (first two, last two) instead of all of them: a
   * polynomial over every character is a chain of multiplications that costs more than the rest
   * of a lookup, and keys that collide here still differ in the full comparison.
   */
  private static int hash(String s, int from, int to) {
    int length = to - from;
    int h = length;
    h = 31 * h + toLower(s.charAt(from));
    h = 31 * h + toLower(s.charAt(from + Math.min(1, length - 1)));
    h = 31 * h + toLower(s.charAt(to - Math.min(2, length)));
    h = 31 * h + toLower(s.charAt(to - 1));
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
