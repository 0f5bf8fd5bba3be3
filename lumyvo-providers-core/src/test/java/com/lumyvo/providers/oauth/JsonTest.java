package com.lumyvo.providers.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
  @Test
  void readsTopLevelStringsAndNumbersAndSkipsTheRest() {
    Map<String, Object> members = Json.object(" {\"a\":\"x\\\"y\\u0041\\n\",\"n\":3599,"
        + "\"f\":1.5e2,\"o\":{\"a\":\"inner\"},\"l\":[1,[2,{}]],\"t\":true,\"z\":null,"
        + "\"a\":\"second\"} ");
    assertThat(members).containsEntry("a", "x\"yA\n").containsEntry("n", 3599.0)
        .containsEntry("f", 150.0).containsEntry("o", null).containsEntry("t", null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "[]", "{", "{\"a\"}", "{\"a\":}", "{\"a\":\"b\"} x",
      "{\"a\":\"\u0001\"}", "{\"a\":\"\\q\"}", "{\"a\":\"\\u12\"}", "{\"a\":1-}", "\"s\"",
      "{\"a\":[1,2}", "{\"a\":tru}"})
  void refusesWhatIsNotOneObjectWithoutQuotingIt(String text) {
    assertThatThrownBy(() -> Json.object(text)).isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\\q"));
  }

  @Test
  void refusesNestingDeeperThanSixteen() {
    String deep = "{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}";
    assertThatThrownBy(() -> Json.object(deep)).hasMessageContaining("deeper");
  }

  @Property(tries = 1000)
  void anyTextIsAnObjectOrAnIllegalArgumentNeverAnotherFailure(@ForAll String text) {
    try {
      assertThat(Json.object(text)).isNotNull();
    } catch (IllegalArgumentException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
