package com.lumyvo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.ProviderRegistry;
import com.lumyvo.providers.RegionalVariant;
import com.lumyvo.providers.ServerEndpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's table of supported providers says what the registry holds, row by row. */
class ReadmeProviderTableTest {
  @Test
  void everyProviderHasARowThatMatchesItsDescriptor() throws Exception {
    String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
    String table = readme.substring(readme.indexOf("## Supported providers"));
    List<String[]> rows = new ArrayList<>();
    for (String line : table.lines().skip(1).toList()) {
      if (line.startsWith("## ")) {
        break;
      }
      if (line.startsWith("| `")) {
        rows.add(line.substring(1, line.length() - 1).split("\\|"));
      }
    }
    List<ProviderDescriptor> providers = ProviderRegistry.defaults().all();
    assertThat(rows).hasSameSizeAs(providers);
    for (int i = 0; i < providers.size(); i++) {
      ProviderDescriptor p = providers.get(i);
      String[] row = rows.get(i);
      assertThat(row[0].trim()).isEqualTo("`" + p.id() + "`");
      assertThat(row[1].trim()).isEqualTo(p.displayName());
      assertThat(row[2].trim()).isEqualTo(endpoint(p.imap()));
      ServerEndpoint first = p.smtp().get(0);
      String smtp = endpoint(first) + p.smtp().stream().skip(1)
          .map(e -> ", " + (e.host().equals(first.host()) ? e.port() + " " + e.security().label()
              : endpoint(e)))
          .collect(Collectors.joining());
      assertThat(row[3].trim()).isEqualTo(smtp);
      for (RegionalVariant region : p.regions()) {
        assertThat(row[4]).contains("`" + region.id() + "`");
      }
      if (p.regions().isEmpty()) {
        assertThat(row[4].trim()).isEqualTo("—");
      }
    }
  }

  private static String endpoint(ServerEndpoint e) {
    return e.host() + ":" + e.port() + " " + e.security().label();
  }
}
