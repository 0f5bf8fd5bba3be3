package com.lumyvo.providers.diagnosis;

import com.lumyvo.providers.SignInMethod;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Replies the rules were never written from, in two sets, each measured on its own.
 *
 * <p>{@code classification-held-out.tsv} was gathered after the rules were frozen (commit
 * 56855bc), from sources the main corpus does not use: Postfix, Exim, OpenSMTPD and mox sources,
 * Google's SMTP error reference, OpenJDK.
 *
 * <p>{@code classification-held-out-2.tsv} was gathered after the rules were frozen again (commit
 * 683acb6) and committed on its own (7d451c8) before this test or any rule was read: hMailServer,
 * Sendmail, Courier, Haraka and notqmail sources, SendGrid, Amazon SES, Zoho and Fastmail help,
 * and the Delta Chat, FreeScout, Zammad, osTicket, n8n, Symfony, go-imap and net-imap trackers,
 * OAuth failures among them. Some of its rows expect the token kinds ({@code TOKEN_EXPIRED},
 * {@code TOKEN_REVOKED}, {@code TOKEN_SCOPE_MISSING}) that {@link FailureKind} may not have yet:
 * such a row counts as a miss and is printed as one, so the figure is honest on every branch and
 * nothing is skipped. Its optional eighth column, {@code sign_in}, was filled in after the set
 * was first measured, from each row's own source and note (OAUTH2 where the attempt sent a token,
 * blank where it is not shown): the classifier is told what a real attempt would tell it, as for
 * the main corpus. Without the column the set scored 139 of 209 (66.5 %), with it 142 (67.9 %).
 *
 * <p>In both sets the expected kinds were written before the classifier saw a row, and no rule may
 * be changed for a row: a miss here is reported, not fixed.
 */
class HeldOutCorpusTest {
  private static final String FILE = "classification-held-out.tsv";
  private static final String FILE_2 = "classification-held-out-2.tsv";

  /** A held-out row whose expected kind is kept as written, known to {@link FailureKind} or not. */
  record HeldOutRow(int line, String protocol, String provider, String text, String expected,
      String source, SignInMethod signIn) {
    Optional<FailureKind> expectedKind() {
      return Arrays.stream(FailureKind.values()).filter(k -> k.name().equals(expected))
          .findFirst();
    }

    ClassificationCorpusTest.Row asCorpusRow(FailureKind kind) {
      // The sign-in method where the row's source shows it (set 2's optional eighth column,
      // filled in from each source after the set was first measured: see the class comment).
      return new ClassificationCorpusTest.Row(line, protocol, provider, text, kind, List.of(),
          source, signIn);
    }

    @Override
    public String toString() {
      return "line " + line + " " + provider + " " + expected + ": "
          + text.substring(0, Math.min(70, text.length())).replace('\n', ' ');
    }
  }

  /** The share of a held-out file's rows classified as expected, with what was missed. */
  record Result(String name, int right, int total, Map<String, List<String>> missesByCause) {
    double accuracy() {
      return (double) right / total;
    }
  }

  /**
   * Both held-out figures and the main corpus, every run, with a floor per held-out file at what
   * the rules frozen at 683acb6 measured on it, rounded down, so that a loss shows: set 1 144 of
   * 182 (79.1 %; 143 at 56855bc), set 2 142 of 209 (67.9 %; 139 without its sign-in column).
   * Issue 15's target is 95 %: reached on neither set, and no rule may be tuned to a held-out row
   * to reach it.
   */
  @Test
  void accuraciesOfTheMainCorpusAndEachHeldOutSetArePrintedSeparately() {
    double main = ClassificationCorpusTest.accuracy("main corpus",
        ClassificationCorpusTest.rows());
    Result first = measure("held-out", FILE);
    Result second = measure("held-out 2", FILE_2);
    System.out.printf(Locale.ROOT,
        "accuracy: main corpus %.1f %%, held-out %.1f %% (%d of %d), held-out 2 %.1f %% (%d of %d)"
            + "; issue 15's target: 95 %%%n",
        100 * main, 100 * first.accuracy(), first.right(), first.total(),
        100 * second.accuracy(), second.right(), second.total());
    assertThat(first.accuracy()).as("held-out accuracy of the frozen rules").isGreaterThanOrEqualTo(
        SET_1_FLOOR);
    assertThat(second.accuracy()).as("held-out 2 accuracy of the frozen rules")
        .isGreaterThanOrEqualTo(SET_2_FLOOR);
  }

  /** What the rules frozen at 683acb6 scored on set 1: 144 of 182 (79.1 %), rounded down. */
  private static final double SET_1_FLOOR = 0.79;

  /**
   * What the rules scored on set 2 with its sign-in column: 142 of 209 (67.9 %), rounded down
   * (139, 66.5 %, when first measured without the column).
   */
  private static final double SET_2_FLOOR = 0.67;

  /**
   * No text of set 1 is in the main corpus. One was for a while: the development set (2c664d5)
   * appended Dovecot's "500 5.5.1 Unknown command", which set 1 holds from mox (line 123); it
   * left the main corpus again, but the rules frozen at 683acb6 were written with it in view, so
   * that one row of set 1 is not wholly unseen. It still counts in the set's figure.
   */
  @Test
  void heldOutRowsAreManySourcedAndNoneRepeatsTheMainCorpus() {
    List<ClassificationCorpusTest.Row> rows = ClassificationCorpusTest.rows(FILE);
    assertThat(rows).hasSizeGreaterThanOrEqualTo(150);
    assertThat(rows).allSatisfy(row -> assertThat(row.source()).isNotBlank());
    Set<String> main = mainTexts();
    List<String> repeated = rows.stream().map(row -> row.text().toLowerCase(Locale.ROOT))
        .filter(main::contains).toList();
    repeated.forEach(text -> System.out.println("held-out text also in the main corpus: " + text));
    assertThat(repeated).isEmpty();
    Set<String> mainSources = mainSources();
    assertThat(rows).noneMatch(row -> mainSources.contains(row.source().split(" ")[0]));
  }

  /**
   * Set 2 is as large, sourced and separate: no text of the main corpus or of set 1, no source of
   * either, at most 40 rows from one source, IMAP and OAuth replies among them.
   */
  @Test
  void secondHeldOutSetIsManySourcedAndRepeatsNeitherTheCorpusNorTheFirstSet() {
    List<HeldOutRow> rows = heldOutRows(FILE_2);
    assertThat(rows).hasSizeGreaterThanOrEqualTo(150);
    assertThat(rows).allSatisfy(row -> assertThat(row.source()).isNotBlank());
    Set<String> texts = mainTexts();
    ClassificationCorpusTest.rows(FILE).forEach(
        row -> texts.add(row.text().toLowerCase(Locale.ROOT)));
    assertThat(rows).noneMatch(row -> texts.contains(row.text().toLowerCase(Locale.ROOT)));
    Set<String> sources = mainSources();
    ClassificationCorpusTest.rows(FILE).forEach(row -> sources.add(row.source().split(" ")[0]));
    assertThat(rows).noneMatch(row -> sources.contains(row.source().split(" ")[0]));
    Map<String, Long> perSource = rows.stream().collect(
        Collectors.groupingBy(row -> row.source().split("[ #]")[0], Collectors.counting()));
    assertThat(perSource.values()).allMatch(count -> count <= 40);
    assertThat(rows).filteredOn(row -> row.protocol().equals("IMAP")).hasSizeGreaterThanOrEqualTo(
        40);
    assertThat(rows).filteredOn(row -> row.expected().startsWith("TOKEN_"))
        .isNotEmpty();
  }

  /**
   * A row expecting a kind {@link FailureKind} does not have is a miss, never a skip: the
   * classifier cannot have answered it.
   */
  @Test
  void aRowExpectingAnUnknownKindCountsAsAMiss() {
    HeldOutRow row = new HeldOutRow(2, "SMTP", "generic", "535 5.7.8 Authentication failed",
        "NO_SUCH_KIND", "test", null);
    Result result = measure("unknown kind", List.of(row));
    assertThat(result.right()).isZero();
    assertThat(result.total()).isOne();
    assertThat(result.missesByCause()).containsKey("NO_SUCH_KIND (unknown kind) <- any");
  }

  private static Result measure(String name, String file) {
    return measure(name, heldOutRows(file));
  }

  /** Classifies every row, prints each miss and the misses grouped by expected and got kind. */
  private static Result measure(String name, List<HeldOutRow> rows) {
    int right = 0;
    Map<String, List<String>> misses = new TreeMap<>();
    for (HeldOutRow row : rows) {
      Optional<FailureKind> expected = row.expectedKind();
      if (expected.isEmpty()) {
        misses.computeIfAbsent(row.expected() + " (unknown kind) <- any", k -> new ArrayList<>())
            .add(row + " [" + row.source() + "]");
        System.out.println(name + " miss: " + row.expected() + " is not a FailureKind here, for "
            + row + " [" + row.source() + "]");
        continue;
      }
      FailureKind got = ClassificationCorpusTest.classify(row.asCorpusRow(expected.get())).kind();
      if (got == expected.get()) {
        right++;
      } else {
        misses.computeIfAbsent(expected.get() + " <- " + got, k -> new ArrayList<>())
            .add(row + " [" + row.source() + "]");
        System.out.println(name + " miss: got " + got + " for " + row + " [" + row.source()
            + "]");
      }
    }
    Result result = new Result(name, right, rows.size(), misses);
    System.out.printf(Locale.ROOT, "%s accuracy: %d of %d = %.1f %%%n", name, right, rows.size(),
        100 * result.accuracy());
    misses.forEach((cause, list) -> System.out.printf(Locale.ROOT, "%s misses, expected <- got %s:"
        + " %d%n", name, cause, list.size()));
    return result;
  }

  /** The rows of a held-out file, their expected kind kept as text. */
  static List<HeldOutRow> heldOutRows(String file) {
    List<HeldOutRow> rows = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
        HeldOutCorpusTest.class.getResourceAsStream(file), file), StandardCharsets.UTF_8))) {
      in.readLine();
      String line;
      int number = 1;
      while ((line = in.readLine()) != null) {
        number++;
        String[] f = line.split("\t", -1);
        SignInMethod signIn = f.length > 7 && !f[7].isBlank()
            ? SignInMethod.valueOf(f[7].trim()) : null;
        rows.add(new HeldOutRow(number, f[0], f[1], f[2].replace("\\n", "\n"), f[3].trim(),
            f[5], signIn));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  private static Set<String> mainTexts() {
    return ClassificationCorpusTest.rows().stream()
        .map(row -> row.text().toLowerCase(Locale.ROOT))
        .collect(Collectors.toCollection(HashSet::new));
  }

  private static Set<String> mainSources() {
    return ClassificationCorpusTest.rows().stream()
        .map(row -> row.source().split(" ")[0]).collect(Collectors.toCollection(HashSet::new));
  }
}
