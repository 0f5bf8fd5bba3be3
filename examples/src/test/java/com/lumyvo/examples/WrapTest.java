package com.lumyvo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WrapTest {
  @Test
  void breaksBetweenWordsOnly() {
    assertThat(Wrap.lines("one two three four five", 9))
        .containsExactly("one two", "three", "four five");
  }

  @Test
  void keepsAWordLongerThanTheWidthWholeOnItsOwnLine() {
    assertThat(Wrap.lines("see https://login.yahoo.com/account/security now", 10))
        .containsExactly("see", "https://login.yahoo.com/account/security", "now");
  }

  @Test
  void joinsRunsOfSpaceAndLineBreaks() {
    assertThat(Wrap.lines("  a \n  b\tc  ", 80)).containsExactly("a b c");
    assertThat(Wrap.lines("   ", 80)).isEmpty();
  }

  @Test
  void hangingIndentsTheContinuationUnderTheText() {
    String nl = System.lineSeparator();
    assertThat(Wrap.hanging("  Hint: ", "one two three four five six seven eight", 30))
        .isEqualTo("  Hint: one two three four" + nl
            + "        five six seven eight" + nl);
  }

  @Test
  void theWholeTextSurvivesWrapping() {
    String reply = "Couldn't connect to host, port: localhost, 38485; timeout 20000;"
        + " nested exception is: java.net.ConnectException: Connection refused";
    assertThat(String.join(" ", Wrap.lines(reply, 40))).isEqualTo(reply);
  }
}
