package com.lumyvo.providers.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
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

  /**
   * Both figures, every run, and a floor at what the frozen rules measured (143 of 182, 78.6 %),
   * so that a loss shows. Issue 15's target is 95 %: not reached, and no rule may be tuned to a
   * held-out row to reach it; rules written without looking at this file, and then a fresh
   * held-out set, are the way there. No skipped test stands in for the target.
   */
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
