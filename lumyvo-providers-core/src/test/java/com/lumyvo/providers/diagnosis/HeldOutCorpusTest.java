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
 * Replies the rules were never written from: {@code classification-held-out-6.tsv}.
 *
 * <p>It was gathered by two people working apart from the rules (they read only the {@link
 * FailureKind} Javadoc and {@code LABELLING.md}, never the classifier or its tests), and it was
 * read only after the rules were frozen at commit {@value #FROZEN_AT}. None of its sources is a
 * source of the main corpus. It has 270 rows (77 SMTP, 58 IMAP, 135 exceptions) from 111
 * sources: the big mailbox providers' replies as trackers, forums and help pages quote them, and
 * servers, gateways and clients not used before (Lumisoft, Thunderbird, Evolution, Geary, KDE's
 * IMAP and SMTP libraries, net-imap-server, hoodiecrow, .NET, SmtpServer). The rules frozen at
 * {@value #FROZEN_AT} score 192 of 270 (71.1 %); on the same rows the rules frozen at e2bc9df
 * scored 189 (70.0 %), at 71e2646 184 (68.1 %), at ebf9544 180 (66.7 %), and the rules before
 * the first rewrite (a3f41ac) 168 (62.2 %). Its expected kinds follow {@code LABELLING.md}, written before any
 * held-out set it labels was gathered.
 *
 * <p>Five earlier held-out sets measured the rules blind and then joined the main corpus, which
 * holds their rows with a note saying so:
 * <ul>
 *   <li>set 1 (182 rows; Postfix, Exim, OpenSMTPD, mox, Google's SMTP reference, OpenJDK): 144
 *       (79.1 %) on the rules frozen at 683acb6;
 *   <li>set 2 (209 rows; hMailServer, Sendmail, Courier, Haraka, notqmail, SendGrid, SES, Zoho,
 *       Fastmail, clients' trackers): 142 (67.9 %) on the same rules;
 *   <li>set 3 (315 rows from 114 sources; Apache James, maddy, chasquid, go-smtp, aiosmtpd,
 *       Zimbra, Citadel, Archiveopteryx, Panda IMAP, providers' pages, clients' trackers): 247
 *       (78.4 %) on the rules frozen at ebf9544, which were rewritten from sets 1 and 2; the
 *       rules before that rewrite scored 216 (68.6 %) on it. A second person labelled set 3
 *       again, blind to the first labels and to the rules: the two agreed on 305 of 315 rows
 *       (96.8 %), and the rules were right on 246 of those 305 (80.7 %), so the gap to 95 % is
 *       in the rules, not in the labels.
 *   <li>set 4 (295 rows from 110 sources; gromox, nodemailer's smtp-server, Postal, mailpit,
 *       Proton's gluon, SubEthaSMTP, dbmail, qpsmtpd, Kopano, QQ and NetEase users' trackers,
 *       applications' trackers): 232 (78.6 %) on the rules frozen at 71e2646, rewritten from sets
 *       1 to 3; on the same rows the rules frozen at ebf9544 scored 220 (74.6 %) and those
 *       before the first rewrite (a3f41ac) 197 (66.8 %). A second blind
 *       labeller agreed with its labels on 283 of 295 rows (95.9 %); the rules were right on 228
 *       of those 283 (80.6 %).
 *   <li>set 5 (288 rows from 98 sources; Twisted, inbucket, dma, nullmailer, MailHog, nginx's
 *       mail proxy, magma, go-guerrilla, perdition, Alibaba, NetEase, Coremail, Nifty, QQ, Aruba
 *       and other providers' pages outside the English-speaking world, applications' trackers):
 *       193 (67.0 %) on the rules frozen at e2bc9df; on the same rows the rules frozen at
 *       71e2646 scored 188 (65.3 %), at ebf9544 181 (62.8 %), at a3f41ac 165 (57.3 %). A second
 *       blind labeller agreed on 268 of 288 rows (93.1 %); the rules were right on 187 of those
 *       (69.8 %). Many of its rows are bare provider codes ("421 HL:ICC") whose kind only the
 *       provider's own code list gives.
 * </ul>
 *
 * <p>No rule may be changed for a row of the held-out set: a miss here is reported, not fixed.
 * A row expecting a kind {@link FailureKind} does not have counts as a miss.
 */
class HeldOutCorpusTest {
  private static final String FILE = "classification-held-out-6.tsv";
  /** The commit whose rules the held-out set measured first, before anybody read the set. */
  static final String FROZEN_AT = "30571da";

  /** A held-out row whose expected kind is kept as written, known to {@link FailureKind} or not. */
  record HeldOutRow(int line, String protocol, String provider, String text, String expected,
      String source, SignInMethod signIn) {
    Optional<FailureKind> expectedKind() {
      return Arrays.stream(FailureKind.values()).filter(k -> k.name().equals(expected))
          .findFirst();
    }

    ClassificationCorpusTest.Row asCorpusRow(FailureKind kind) {
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
   * The main corpus and the held-out set, every run, with a floor for the held-out set at what
   * the frozen rules first measured on it, rounded down, so that a loss shows. Issue 15's target
   * is 95 %.
   */
  @Test
  void accuraciesOfTheMainCorpusAndTheHeldOutSetArePrintedSeparately() {
    double main = ClassificationCorpusTest.accuracy("main corpus",
        ClassificationCorpusTest.rows());
    Result held = measure("held-out 6", FILE);
    System.out.printf(Locale.ROOT,
        "accuracy: main corpus %.1f %%, held-out 6 %.1f %% (%d of %d); issue 15's target: 95 %%%n",
        100 * main, 100 * held.accuracy(), held.right(), held.total());
    assertThat(held.accuracy()).as("held-out 6 accuracy of the frozen rules")
        .isGreaterThanOrEqualTo(FLOOR);
  }

  /**
   * The rows of the held-out set from providers the SDK has built in (Gmail, Outlook.com, Yahoo,
   * iCloud, GMX, Zoho, …), measured on their own: what a Lumyvo user meets most.
   */
  @Test
  void builtInProvidersRowsOfTheHeldOutSetAreMeasuredOnTheirOwn() {
    com.lumyvo.providers.ProviderRegistry registry = com.lumyvo.providers.ProviderRegistry
        .defaults();
    List<HeldOutRow> rows = heldOutRows(FILE).stream()
        .filter(row -> registry.byId(row.provider()).isPresent()).toList();
    Result result = measure("held-out 6, built-in providers", rows);
    assertThat(rows).hasSizeGreaterThanOrEqualTo(50);
    assertThat(result.accuracy()).as("held-out 6 accuracy on built-in providers' rows")
        .isGreaterThanOrEqualTo(BUILT_IN_FLOOR);
  }

  /**
   * What the rules frozen at {@link #FROZEN_AT} scored on set 6's 96 rows from built-in
   * providers: 80 (83.3 %), rounded down.
   */
  private static final double BUILT_IN_FLOOR = 0.83;

  /** What the rules frozen at {@link #FROZEN_AT} scored on set 6, rounded down. */
  private static final double FLOOR = 0.71;

  /**
   * The held-out set is large, sourced and separate: no text and no source of the main corpus
   * (which holds sets 1 to 5), at most 25 rows from one source, IMAP, exception and token rows
   * among them.
   */
  @Test
  void heldOutSetIsManySourcedAndRepeatsNothingOfTheMainCorpus() {
    List<HeldOutRow> rows = heldOutRows(FILE);
    assertThat(rows).hasSizeGreaterThanOrEqualTo(150);
    assertThat(rows).allSatisfy(row -> assertThat(row.source()).isNotBlank());
    Set<String> texts = mainTexts();
    assertThat(rows).noneMatch(row -> texts.contains(row.text().toLowerCase(Locale.ROOT)));
    Set<String> sources = mainSources();
    assertThat(rows).noneMatch(row -> sources.contains(row.source().split(" ")[0]));
    Map<String, Long> perSource = rows.stream().collect(
        Collectors.groupingBy(row -> row.source().split("[ #]")[0], Collectors.counting()));
    assertThat(perSource.values()).allMatch(count -> count <= 25);
    assertThat(rows.stream().map(HeldOutRow::text).map(t -> t.toLowerCase(Locale.ROOT))
        .distinct().count()).isEqualTo(rows.size());
    assertThat(rows).filteredOn(row -> row.protocol().equals("IMAP")).hasSizeGreaterThanOrEqualTo(
        40);
    assertThat(rows).filteredOn(row -> row.protocol().equals("EXCEPTION")).isNotEmpty();
    assertThat(rows).filteredOn(row -> row.expected().startsWith("TOKEN_")).isNotEmpty();
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
