package com.lumyvo.providers.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The wording rules are families, not the phrases of single corpus rows. */
class TextRulesTest {
  @Test
  void noFamilyMatchesExactlyOneCorpusRowAndEveryFixedTextNamesItsSource() {
    List<String> texts = ClassificationCorpusTest.rows().stream()
        .map(row -> row.text().toLowerCase(Locale.ROOT)).toList();
    List<TextRules.Rule> rules = new ArrayList<>(TextRules.DECISIVE);
    rules.addAll(TextRules.GENERAL);
    for (TextRules.Rule rule : rules) {
      long matched = texts.stream().filter(t -> rule.pattern().matcher(t).find()).count();
      if (rule.fixedTextSource() == null) {
        assertThat(matched).as("family %s matches a single row: fitted, not general",
            rule.pattern()).isNotEqualTo(1L);
      } else {
        assertThat(rule.fixedTextSource()).as("%s", rule.pattern()).isNotBlank();
      }
    }
  }
}
