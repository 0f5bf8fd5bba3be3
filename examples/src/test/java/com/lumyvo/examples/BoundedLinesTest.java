package com.lumyvo.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BoundedLinesTest {
  private static List<BoundedLines.Line> read(String text, int cap) throws IOException {
    BoundedLines lines = new BoundedLines(new StringReader(text), cap);
    List<BoundedLines.Line> all = new ArrayList<>();
    for (Optional<BoundedLines.Line> next = lines.next(); next.isPresent(); next = lines.next()) {
      all.add(next.get());
    }
    return all;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "a\\nb        | a,b",
      "a\\r\\nb     | a,b",
      "a\\rb        | a,b",
      "a\\n         | a",
      "a\\n\\n      | a,",
      "\\n\\na      | ,,a",
      "a\\r\\n\\r\\n | a,",
      "\\r\\r\\n    | ,",
  })
  void linesEndAsReadLineEndsThemBlankOnesIncluded(String escaped, String expected)
      throws Exception {
    String text = escaped.strip().replace("\\n", "\n").replace("\\r", "\r");
    assertThat(read(text, 100)).extracting(BoundedLines.Line::text)
        .containsExactly(expected.split(",", -1));
  }

  @Test
  void emptyInputHasNoLines() throws Exception {
    assertThat(read("", 10)).isEmpty();
  }

  @Test
  void anOverlongLineKeepsItsBeginningAndCountsItsFullLength() throws Exception {
    List<BoundedLines.Line> lines = read("abcdefghij\nabc\nabcd", 4);

    assertThat(lines).containsExactly(new BoundedLines.Line("abcd", 10),
        new BoundedLines.Line("abc", 3), new BoundedLines.Line("abcd", 4));
    assertThat(lines).extracting(BoundedLines.Line::isCut).containsExactly(true, false, false);
  }

  @Test
  void theCapMustBePositive() {
    assertThatThrownBy(() -> new BoundedLines(new StringReader(""), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cap must be 1 or more, not 0");
  }
}
