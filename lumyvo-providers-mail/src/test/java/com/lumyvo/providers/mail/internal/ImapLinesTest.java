package com.lumyvo.providers.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The watcher's line cutter: lines, skipped literals and its bounds, fed in any pieces. */
class ImapLinesTest {
  private static final long BUDGET = 1 << 20;

  @ParameterizedTest(name = "{0} bytes at a time")
  @ValueSource(ints = {1, 2, 3, 7, 64, 4096})
  void linesComeWholeWhateverThePiecesAndLiteralsStandAsEmptyStrings(int piece)
      throws Exception {
    String server = "* OK [CAPABILITY IMAP4rev1 IDLE] ready\r\n"
        + "* 3 EXISTS\n"                                   // a bare LF ends a line too
        + "* 1 FETCH (BODY[] {5}\r\nhello FLAGS (\\Seen))\r\n"
        + "* 2 FETCH (BODY[] {0+}\r\n)\r\n"
        + "W1 OK done\r\n";

    List<String> lines = feed(new ImapLines(BUDGET), server, piece);

    assertThat(lines).containsExactly("* OK [CAPABILITY IMAP4rev1 IDLE] ready", "* 3 EXISTS",
        "* 1 FETCH (BODY[] \"\" FLAGS (\\Seen))", "* 2 FETCH (BODY[] \"\")", "W1 OK done");
  }

  @Test
  void aLineLongerThanTheLimitIsAProtocolErrorNotAnEndlessBuffer() {
    ImapLines lines = new ImapLines(BUDGET);
    String endless = "* OK " + "x".repeat(ImapLines.MAX_LINE);

    assertThatThrownBy(() -> feed(lines, endless, 4096))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("longer than");
  }

  @Test
  void theServerMaySendOnlyTheBudgetBetweenTwoClientWritesCountingEachLine() throws Exception {
    ImapLines lines = new ImapLines(10_000);
    // 40 short lines fit; each also costs a line charge, so a flood of them does not.
    assertThat(feed(lines, "* 1 EXISTS\r\n".repeat(40), 64)).hasSize(40);
    lines.clientWrote();
    assertThatThrownBy(() -> feed(lines, "* 1 EXISTS\r\n".repeat(1000), 64))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("without waiting");
  }

  @Test
  void aLiteralLargerThanWhatIsLeftIsRefusedBeforeItsBytesAreRead() {
    ImapLines lines = new ImapLines(10_000);

    assertThatThrownBy(() -> feed(lines, "* 1 FETCH (BODY[] {20000}\r\n", 64))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("literal of 20000 bytes");
    ImapLines huge = new ImapLines(BUDGET);
    assertThatThrownBy(() -> feed(huge, "* 1 FETCH (BODY[] {99999999999999999}\r\n", 64))
        .isInstanceOf(ProtocolException.class);
  }

  @Test
  void pauseLeavesTheRestOfTheBytesForTheNextFeed() throws Exception {
    ImapLines lines = new ImapLines(BUDGET);
    ByteBuffer in = ByteBuffer.wrap("+ idling\r\n* 4 EXISTS\r\n".getBytes(StandardCharsets.UTF_8));
    List<String> seen = new ArrayList<>();

    lines.feed(in, line -> {
      seen.add(line);
      lines.pause();
    });

    assertThat(seen).containsExactly("+ idling");
    assertThat(lines.atLineStart()).isTrue();
    lines.feed(in, seen::add);
    assertThat(seen).containsExactly("+ idling", "* 4 EXISTS");
    assertThat(in.hasRemaining()).isFalse();
  }

  @Test
  void halfALineOrALiteralIsPending() throws Exception {
    ImapLines lines = new ImapLines(BUDGET);
    feed(lines, "* 1 FETCH (BODY[] {10}\r\nabc", 64);
    assertThat(lines.atLineStart()).isFalse();
    assertThat(feed(lines, "defghij)\r\n", 64)).containsExactly("* 1 FETCH (BODY[] \"\")");
    assertThat(lines.atLineStart()).isTrue();
  }

  @ParameterizedTest(name = "{0} bytes at a time")
  @ValueSource(ints = {1, 7, 4096})
  void aCapturedAnswerKeepsEveryByteLiteralsIncludedForTheFetchReader(int piece)
      throws Exception {
    String answer = "* 1 FETCH (UID 7 BODY[HEADER.FIELDS (SUBJECT)] {13}\r\nSubject: hi\r\n)\r\n"
        + "W4 OK done\r\n";
    ImapLines lines = new ImapLines(BUDGET);
    ImapLines.Capture capture = new ImapLines.Capture();
    lines.capture(capture);

    List<String> cut = feed(lines, answer, piece);

    assertThat(cut).containsExactly("* 1 FETCH (UID 7 BODY[HEADER.FIELDS (SUBJECT)] \"\")",
        "W4 OK done");
    assertThat(new String(capture.stream().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo(answer);
    List<String> others = new ArrayList<>();
    List<Long> uids = new ArrayList<>();
    new FetchReader(capture.stream()).read("W4", item -> uids.add(item.uid), others);
    assertThat(uids).containsExactly(7L);
    assertThat(others).containsExactly("W4 OK done");
  }

  @Test
  void aCapturedLineMayBeLongerThanTheLineLimitAndKeepsItsTagAndItsLiteral() throws Exception {
    StringBuilder search = new StringBuilder("* SEARCH");
    for (long uid = 1_000_000_000L; search.length() < 3 * ImapLines.MAX_LINE; uid++) {
      search.append(' ').append(uid);
    }
    String answer = search + "\r\n* 1 FETCH (BODY[] {3}\r\nabc)\r\nW9 OK SEARCH done\r\n";
    ImapLines lines = new ImapLines(BUDGET);
    ImapLines.Capture capture = new ImapLines.Capture();
    lines.capture(capture);

    List<String> cut = feed(lines, answer, 4096);

    assertThat(cut).hasSize(3);
    assertThat(cut.get(0)).startsWith("* SEARCH 1000000000 ").hasSizeLessThan(1024);
    assertThat(cut.get(1)).isEqualTo("* 1 FETCH (BODY[] \"\")");
    assertThat(cut.get(2)).isEqualTo("W9 OK SEARCH done");
    assertThat(capture.length()).isEqualTo(answer.length());
    List<String> others = new ArrayList<>();
    new FetchReader(capture.stream()).read("W9", item -> { }, others);
    assertThat(IMAPCommands.searched(others)).hasSize(search.toString().split(" ").length - 2);
  }

  @Test
  void aCapturedAnswerStillHasTheBudget() {
    ImapLines lines = new ImapLines(10_000);
    lines.capture(new ImapLines.Capture());

    assertThatThrownBy(() -> feed(lines, "* SEARCH" + " 12345".repeat(5_000) + "\r\n", 4096))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("without waiting");
  }

  private static List<String> feed(ImapLines lines, String text, int piece) throws Exception {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < bytes.length; i += piece) {
      ByteBuffer in = ByteBuffer.wrap(bytes, i, Math.min(piece, bytes.length - i));
      lines.feed(in, out::add);
    }
    return out;
  }
}
