package com.lumyvo.providers.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.Optional;
import java.util.PropertyResourceBundle;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts a person reads, in one of the languages we translate, read from the UTF-8 {@code
 * .properties} bundles next to this class ({@code diagnosis}, {@code providers}).
 *
 * <p>The language is chosen from the {@link Locale}'s language alone: {@code de_AT} and {@code
 * de_CH} get German, and a language we do not translate gets English. We choose it ourselves
 * rather than through {@link ResourceBundle#getBundle(String, Locale)}, whose fallback goes
 * through the JVM's default locale: a service on a German machine would answer a Japanese request
 * in German, and the default {@code ResourceBundle.Control} cannot be replaced in a named module.
 * A key missing in a translation falls back to its English text (the bundle test keeps every
 * translation complete, so this guards only a text added in a hurry).
 *
 * <p>Placeholders are {@code {0}}, {@code {1}}, … and nothing else: no {@link
 * java.text.MessageFormat}, so the apostrophes of French and Italian need no doubling.
 *
 * <p>Thread-safe; bundles are read once per language.
 */
public final class Texts {
  /** The languages with complete bundles, English first. */
  public static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.GERMAN,
      Locale.FRENCH, Locale.forLanguageTag("es"), Locale.ITALIAN);

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[0-9]}");
  private static final Map<String, ResourceBundle> LOADED = new ConcurrentHashMap<>();
  /**
   * The keys looked up on this thread while {@link #keysUsedBy(Runnable)} runs: how the bundle
   * test knows which keys the code uses. Null (and so free) at all other times.
   */
  private static final ThreadLocal<Set<String>> RECORDING = new ThreadLocal<>();

  private final String bundle;
  private final Locale language;
  private final ResourceBundle texts;
  private final ResourceBundle english;

  private Texts(String bundle, Locale language) {
    this.bundle = bundle;
    this.language = language;
    this.texts = load(bundle, language);
    this.english = load(bundle, Locale.ENGLISH);
  }

  /**
   * The texts of {@code bundle} in the language of {@code locale}.
   *
   * @param bundle {@code diagnosis} or {@code providers}
   */
  public static Texts of(String bundle, Locale locale) {
    Objects.requireNonNull(locale, "locale");
    return new Texts(bundle, language(locale));
  }

  /** The language we answer {@code locale} in: its language when we translate it, else English. */
  public static Locale language(Locale locale) {
    Objects.requireNonNull(locale, "locale");
    for (Locale language : LANGUAGES) {
      if (language.getLanguage().equals(locale.getLanguage())) {
        return language;
      }
    }
    return Locale.ENGLISH;
  }

  /** The language these texts are in. */
  public Locale language() {
    return language;
  }

  /**
   * The text for {@code key} with {@code {0}}, {@code {1}}, … replaced by {@code args}.
   *
   * @throws MissingResourceException if not even English has the key: a bug in this SDK
   */
  public String get(String key, Object... args) {
    String text = find(key).orElseThrow(() -> new MissingResourceException(
        "no text " + key + " in " + bundle, bundle, key));
    // One pass, so that an argument holding "{1}" (a provider name a service chose) stays as is.
    Matcher placeholder = PLACEHOLDER.matcher(text);
    StringBuilder filled = new StringBuilder();
    while (placeholder.find()) {
      int index = placeholder.group().charAt(1) - '0';
      placeholder.appendReplacement(filled, Matcher.quoteReplacement(
          index < args.length ? String.valueOf(args[index]) : placeholder.group()));
    }
    return placeholder.appendTail(filled).toString();
  }

  /** The text for {@code key}, or empty when English has no such key (for numbered lists). */
  public Optional<String> find(String key) {
    if (!english.containsKey(key)) {
      return Optional.empty();
    }
    Set<String> recording = RECORDING.get();
    if (recording != null) {
      recording.add(bundle + ":" + key);
    }
    return Optional.of(texts.containsKey(key) ? texts.getString(key) : english.getString(key));
  }

  /** {@code bundle:key} of every text that {@code walk} looked up, on this thread. */
  static Set<String> keysUsedBy(Runnable walk) {
    Set<String> keys = new HashSet<>();
    RECORDING.set(keys);
    try {
      walk.run();
    } finally {
      RECORDING.remove();
    }
    return Collections.unmodifiableSet(keys);
  }

  /** The bundle's own file for {@code language}, English without a suffix. */
  static ResourceBundle load(String bundle, Locale language) {
    return LOADED.computeIfAbsent(bundle + "_" + language.getLanguage(), k -> read(
        bundle + (language.equals(Locale.ENGLISH) ? "" : "_" + language.getLanguage())
            + ".properties"));
  }

  private static ResourceBundle read(String file) {
    try (InputStream in = Texts.class.getResourceAsStream(file)) {
      if (in == null) {
        throw new MissingResourceException("no " + file + " next to " + Texts.class.getName(),
            Texts.class.getName(), file);
      }
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        return new PropertyResourceBundle(reader);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
