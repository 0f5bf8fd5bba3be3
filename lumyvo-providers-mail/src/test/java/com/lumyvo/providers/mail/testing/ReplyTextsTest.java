package com.lumyvo.providers.mail.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The fakes' replies are their own words: no reply is a row of the classification corpus. */
class ReplyTextsTest {
  private static final Path CORPORA = Path.of(System.getProperty("basedir", "."))
      .resolve("../lumyvo-providers-core/src/test/resources/com/lumyvo/providers/diagnosis");

  private static List<String> corpusTexts() throws IOException {
    List<String> texts = new java.util.ArrayList<>();
    List<Path> files;
    try (Stream<Path> listed = Files.list(CORPORA)) {
      files = listed.filter(f -> f.getFileName().toString().matches("classification-.*\\.tsv"))
          .sorted().toList();
    }
    assertThat(files).extracting(f -> f.getFileName().toString())
        .contains("classification-corpus.tsv");
    for (Path path : files) {
      String file = path.getFileName().toString();
      try (Stream<String> lines = Files.lines(CORPORA.resolve(file), StandardCharsets.UTF_8)) {
        lines.skip(1).map(line -> line.split("\t", -1)[2].replace("\\n", "\n"))
            .map(ReplyTextsTest::normalized).forEach(texts::add);
      }
    }
    return texts;
  }

  /** Without tag, case and surrounding space: "a1 NO x" and "NO x" are the same reply. */
  private static String normalized(String text) {
    return text.strip().replaceFirst("^[A-Za-z0-9.]+ (?=(?i:NO|BAD|BYE) )", "")
        .toLowerCase(Locale.ROOT);
  }

  @Test
  void noFakeReplyIsACorpusRowNorContainsOne() throws IOException {
    List<String> corpus = corpusTexts();
    assertThat(corpus).hasSizeGreaterThan(300);
    for (ReplyTexts replies : ReplyTexts.all()) {
      for (String text : replies.texts()) {
        String reply = normalized(text);
        assertThat(corpus).as(text).noneMatch(row -> row.equals(reply)
            || (row.length() > 20 && reply.contains(row)) || row.contains(reply));
      }
    }
  }
}
