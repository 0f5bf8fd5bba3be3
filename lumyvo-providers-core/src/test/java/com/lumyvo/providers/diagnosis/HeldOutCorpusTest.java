package com.lumyvo.providers.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Replies the rules were never written from. {@code classification-held-out.tsv} was gathered
 * after the rules were frozen (commit 56855bc), from sources the main corpus does not use:
 * Postfix, Exim, OpenSMTPD and mox sources, Google's SMTP error reference, OpenJDK. Its
 * expected kinds were written before the classifier saw a row, and no rule may be changed for a
 * row of it: a miss here is reported, not fixed.
 */
class HeldOutCorpusTest {
  private static final String FILE = "classification-held-out.tsv";

  /** Both figures, every run, and a floor at what the frozen rules measured so a loss shows. */
  @Test
  void accuraciesOfTheMainCorpusAndTheHeldOutSetArePrintedSeparately() {
    double main = ClassificationCorpusTest.accuracy("main corpus",
        ClassificationCorpusTest.rows());
    double heldOut = ClassificationCorpusTest.accuracy("held-out",
        ClassificationCorpusTest.rows(FILE));
    System.out.printf(Locale.ROOT, "accuracy: main corpus %.1f %%, held-out %.1f %%%n",
        100 * main, 100 * heldOut);
    assertThat(heldOut).as("held-out accuracy of the frozen rules").isGreaterThanOrEqualTo(0.78);
  }

  /**
   * Issue 15's target. The rules frozen at 56855bc classify 143 of the 182 held-out rows
   * (78.6 %): below it. Rules may not be tuned to held-out rows, so this stays off until rules
   * written without looking at this file reach it; then it is switched on, and a new held-out
   * set gathered.
   */
  @Disabled("held-out accuracy is 78.6 % (143 of 182) with the rules frozen at 56855bc")
  @Test
  void heldOutAccuracyIsAtLeastNinetyFivePercent() {
    assertThat(ClassificationCorpusTest.accuracy("held-out", ClassificationCorpusTest.rows(FILE)))
        .isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void heldOutRowsAreManySourcedAndNoneRepeatsTheMainCorpus() {
    List<ClassificationCorpusTest.Row> rows = ClassificationCorpusTest.rows(FILE);
    assertThat(rows).hasSizeGreaterThanOrEqualTo(150);
    assertThat(rows).allSatisfy(row -> assertThat(row.source()).isNotBlank());
    Set<String> main = ClassificationCorpusTest.rows().stream()
        .map(row -> row.text().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    assertThat(rows).noneMatch(row -> main.contains(row.text().toLowerCase(Locale.ROOT)));
    Set<String> mainSources = ClassificationCorpusTest.rows().stream()
        .map(row -> row.source().split(" ")[0]).collect(Collectors.toSet());
    assertThat(rows).noneMatch(row -> mainSources.contains(row.source().split(" ")[0]));
  }
}
