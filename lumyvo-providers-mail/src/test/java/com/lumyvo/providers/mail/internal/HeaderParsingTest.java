package com.lumyvo.providers.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.eclipse.angus.mail.iap.ByteArray;
import org.junit.jupiter.api.Test;

/** The summary's own header parsing: addresses, ids, folded fields, encoded words. */
class HeaderParsingTest {
  @Test
  void addressesWithoutDisplayNamesCommentsOrGroups() {
    assertThat(Addresses.of("\"Doe, John\" <john@example.org>, bob@example.net"))
        .containsExactly("john@example.org", "bob@example.net");
    assertThat(Addresses.of("Anna (work, Berlin) <anna@gmx.de>")).containsExactly("anna@gmx.de");
    assertThat(Addresses.of("bob@example.net (Bob)")).containsExactly("bob@example.net");
    assertThat(Addresses.of("undisclosed-recipients:;")).isEmpty();
    assertThat(Addresses.of("team: a@x.org, b@y.org;, c@z.org"))
        .containsExactly("a@x.org", "b@y.org", "c@z.org");
    assertThat(Addresses.of("=?UTF-8?B?w4RyZ2Vy?= <aerger@example.org>"))
        .containsExactly("aerger@example.org");
    assertThat(Addresses.of("Anna Schmidt anna@gmx.de")).containsExactly("anna@gmx.de");
    assertThat(Addresses.of("\"unterminated <x@y>")).isEmpty();
    assertThat(Addresses.of("<broken@example.org")).containsExactly("broken@example.org");
    assertThat(Addresses.of("")).isEmpty();
    assertThat(Addresses.of(null)).isEmpty();
  }

  @Test
  void headerBlocksUnfoldAndKeepTheFirstOfEachField() {
    String block = "From: Anna <anna@gmx.de>\r\nSubject: a long\r\n subject\r\n\tfolded\r\n"
        + "References: <1@x>\r\n <2@x>\r\nSubject: second\r\nMessage-ID: <m@x>\r\n\r\n";
    SummaryReader.HeaderBlock headers = SummaryReader.HeaderBlock.parse(bytes(block));
    assertThat(headers.value("subject")).isEqualTo("a long subject folded");
    assertThat(headers.value("from")).isEqualTo("Anna <anna@gmx.de>");
    assertThat(headers.ids("references")).containsExactly("<1@x>", "<2@x>");
    assertThat(headers.firstId("message-id")).contains("<m@x>");
    assertThat(headers.firstId("in-reply-to")).isEmpty();
    assertThat(headers.addresses("from")).containsExactly("anna@gmx.de");
    assertThat(SummaryReader.HeaderBlock.parse(bytes("Message-ID: bare-id@x\r\n\r\n"))
        .firstId("message-id")).contains("bare-id@x");
  }

  @Test
  void encodedWordsDecodeAndUnknownOnesStay() {
    assertThat(EncodedWords.decode("=?UTF-8?Q?Gr=C3=BC=C3=9Fe?= aus =?ISO-8859-1?Q?K=F6ln?="))
        .isEqualTo("Grüße aus Köln");
    assertThat(EncodedWords.decode("=?UTF-8?B?w4Q=?= =?UTF-8?B?w7Y=?=")).isEqualTo("Äö");
    assertThat(EncodedWords.decode("=?x-unknown?Q?abc?= plain")).isEqualTo("=?x-unknown?Q?abc?= plain");
    assertThat(EncodedWords.decode("=?UTF-8?Q?broken=Z?=")).isEqualTo("=?UTF-8?Q?broken=Z?=");
    assertThat(EncodedWords.decode(null)).isEmpty();
  }

  private static ByteArray bytes(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return new ByteArray(b, 0, b.length);
  }
}
