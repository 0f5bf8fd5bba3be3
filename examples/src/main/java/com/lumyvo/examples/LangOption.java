package com.lumyvo.examples;

import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code --lang <tag>} for the commands that print the SDK's texts for people (diagnoses, setup
 * steps, password warnings): the {@link Locale} handed to the SDK's {@code Locale} API. The
 * command's own labels stay English.
 */
final class LangOption {
  @Option(names = "--lang", paramLabel = "<tag>", converter = Values.LanguageTag.class,
      description = "Language of the SDK's texts (diagnoses, setup steps, password warnings): a"
          + " language tag such as de, de-AT, fr, es or it. Default: en; a language the SDK does"
          + " not speak gets English. The command's own labels stay English.")
  Locale locale = Locale.ENGLISH;
}
