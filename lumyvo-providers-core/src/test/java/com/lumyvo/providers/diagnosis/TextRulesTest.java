package com.lumyvo.providers.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The wording rules are families, not the phrases of single corpus rows: every phrase of every
 * family is counted against the main corpus, and none may match exactly one row. A phrase that
 * matches one row only is allowed in a {@code fixed} rule, which names the source showing that
 * the provider or library always sends that text.
 */
class TextRulesTest {
  private static List<String> corpusTexts() {
    return ClassificationCorpusTest.rows().stream()
        .map(row -> row.text().toLowerCase(Locale.ROOT)).toList();
  }

  private static List<TextRules.Rule> allRules() {
    List<TextRules.Rule> rules = new ArrayList<>(TextRules.PARTING);
    rules.addAll(TextRules.DECISIVE);
    rules.addAll(TextRules.GENERAL_SMTP);
    return rules;
  }

  @Test
  void noPhraseOfAFamilyMatchesExactlyOneCorpusRow() {
    List<String> texts = corpusTexts();
    List<String> fitted = new ArrayList<>();
    int phrases = 0;
    for (TextRules.Rule rule : allRules()) {
      if (rule.fixedTextSource() != null) {
        continue;
      }
      for (String phrase : rule.phrases()) {
        phrases++;
        Pattern pattern = Pattern.compile(phrase);
        long matched = texts.stream().filter(t -> pattern.matcher(t).find()).count();
        if (matched == 1) {
          fitted.add(phrase);
        }
      }
    }
    System.out.println("text rule phrases checked against the corpus: " + phrases);
    System.out.println("synonyms inside phrases that match a single corpus row (allowed, listed"
        + " for the closing note): " + singleRowSynonyms(texts).size() + " "
        + singleRowSynonyms(texts));
    assertThat(fitted).as("phrases that match a single corpus row: fitted, not general")
        .isEmpty();
  }

  /**
   * The top-level alternatives inside family phrases ("phishing|virus|malware") that match one
   * corpus row: a phrase counts as one wording, so these pass; they are printed so that the gap
   * between "no phrase" and "no string" stays visible.
   */
  private static List<String> singleRowSynonyms(List<String> texts) {
    List<String> single = new ArrayList<>();
    for (TextRules.Rule rule : allRules()) {
      if (rule.fixedTextSource() != null) {
        continue;
      }
      for (String phrase : rule.phrases()) {
        List<String> synonyms = topLevelAlternatives(phrase);
        if (synonyms.size() < 2) {
          continue;
        }
        for (String synonym : synonyms) {
          Pattern pattern = Pattern.compile(synonym);
          if (texts.stream().filter(t -> pattern.matcher(t).find()).count() == 1) {
            single.add(synonym);
          }
        }
      }
    }
    return single;
  }

  private static List<String> topLevelAlternatives(String regex) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        parts.add(regex.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(regex.substring(start));
    return parts;
  }

  @Test
  void everyFixedTextNamesItsSourceAndEveryFamilyPhraseIsItsOwnPattern() {
    for (TextRules.Rule rule : allRules()) {
      assertThat(rule.phrases()).as("%s", rule.pattern()).isNotEmpty();
      if (rule.fixedTextSource() != null) {
        assertThat(rule.fixedTextSource()).as("%s", rule.pattern()).isNotBlank();
      }
    }
  }

  @Test
  void imapReadsCredentialWordingBeforeMailboxWording() {
    assertThat(TextRules.first(TextRules.GENERAL_IMAP, "a1 no invalid user").kind())
        .isEqualTo(FailureKind.INVALID_CREDENTIALS);
    assertThat(TextRules.first(TextRules.GENERAL, "550 invalid user").kind())
        .isEqualTo(FailureKind.MAILBOX_NOT_FOUND);
    assertThat(TextRules.GENERAL_IMAP).hasSameSizeAs(TextRules.GENERAL)
        .containsExactlyInAnyOrderElementsOf(TextRules.GENERAL);
  }
}
