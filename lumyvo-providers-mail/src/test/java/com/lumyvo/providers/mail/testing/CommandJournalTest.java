package com.lumyvo.providers.mail.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The journal's own bounds, without a fake around it. */
class CommandJournalTest {
  private static final ServerEndpoint SMTP = ServerEndpoint.of("localhost", 465, Security.SSL_TLS);

  @Test
  void aJournalNobodyTakesFromKeepsTheNewestLinesUpToItsLimit() {
    CommandJournal journal = new CommandJournal();
    for (int i = 0; i < CommandJournal.LIMIT + 5; i++) {
      journal.smtp(SMTP, 1, "NOOP " + i);
    }

    List<RecordedCommand> kept = journal.takeAll();

    assertThat(kept).hasSize(CommandJournal.LIMIT);
    assertThat(kept.get(0).line()).isEqualTo("NOOP 5");
    assertThat(kept.get(kept.size() - 1).line()).isEqualTo("NOOP " + (CommandJournal.LIMIT + 4));
  }
}
