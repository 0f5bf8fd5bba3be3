package com.lumyvo.providers.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary FETCH read straight from the connection: items, skipped items, other news. */
class FetchReaderTest {
  /** Every chunk size, down to one byte a read, so that tokens straddle buffer refills. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2, 3, 7, 64, 65536})
  void readsItemsSkipsOthersAndHandsBackEveryOtherResponse(int chunk) throws Exception {
    String header = "From: a@x\r\nSubject: Hi\r\n\r\n";
    String answer = "* 1 FETCH (UID 7 FLAGS (\\Seen $Label) INTERNALDATE \" 2-Dec-2026 10:00:07 +0100\""
        + " RFC822.SIZE 264 MODSEQ (12) BODY[HEADER.FIELDS (FROM TO SUBJECT)] {"
        + header.length() + "}\r\n" + header + ")\r\n"
        + "* 3 EXISTS\r\n"
        + "* 2 FETCH (FLAGS () UID 8 X-EXTRA \"a \\\"q\\\" b\" BODY[HEADER.FIELDS (FROM)] NIL"
        + " RFC822.SIZE 1)\r\n"
        + "* OK [ALERT] still here\r\n"
        + "A9 OK Fetch completed.\r\n";
    List<FetchReader.Item> items = new ArrayList<>();
    List<byte[]> sections = new ArrayList<>();
    List<String> others = new ArrayList<>();
    // A section may lie in the reader's buffer: it holds only while the consumer runs.
    new FetchReader(chunked(answer, chunk)).read("A9", item -> {
      items.add(item);
      sections.add(item.section());
    }, others);
    assertThat(items).hasSize(2);
    assertThat(items.get(0).uid).isEqualTo(7);
    assertThat(items.get(0).flags).containsExactly("\\Seen", "$Label");
    assertThat(items.get(0).size).isEqualTo(264);
    assertThat(items.get(0).internalDate).hasToString("2026-12-02T09:00:07Z");
    assertThat(new String(sections.get(0), StandardCharsets.UTF_8)).isEqualTo(header);
    assertThat(items.get(1).uid).isEqualTo(8);
    assertThat(sections.get(1)).isNull();
    assertThat(others).containsExactly("* 3 EXISTS", "* OK [ALERT] still here",
        "A9 OK Fetch completed.");
  }

  @Test
  void brokenAnswersAreProtocolErrorsNotHangs() {
    assertThatThrownBy(() -> new FetchReader(stream("* 1 FETCH (UID x)\r\nA1 OK\r\n"))
        .read("A1", item -> { }, new ArrayList<>()))
        .isInstanceOf(java.net.ProtocolException.class);
    assertThatThrownBy(() -> new FetchReader(stream("* 1 FETCH (UID 1"))
        .read("A1", item -> { }, new ArrayList<>()))
        .isInstanceOf(java.io.EOFException.class);
    assertThat(FetchReader.internalDate("31-Foo-2026 10:00:00 +0000")).isNull();
  }

  private static InputStream chunked(String text, int chunk) {
    return new java.io.FilterInputStream(stream(text)) {
      @Override
      public int read(byte[] b, int off, int len) throws java.io.IOException {
        return super.read(b, off, Math.min(len, chunk));
      }
    };
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
