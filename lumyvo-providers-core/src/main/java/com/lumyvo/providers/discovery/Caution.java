package com.lumyvo.providers.discovery;

import java.util.List;

/**
 * One sentence for a person before their password goes anywhere, kept as its text key and
 * arguments so that {@link DiscoveryResult#caution(java.util.Locale)} can word it in any language.
 *
 * @param key the key in the {@code providers} bundle, {@code caution.*}
 * @param args host and domain names, never anything secret
 */
record Caution(String key, List<String> args) {
  Caution {
    args = List.copyOf(args);
  }
}
