package com.lumyvo.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The built-in providers against every IMAP and SMTP row Thunderbird's ISPDB and Delta Chat's
 * provider database hold for them ({@code provider-databases.tsv}). A row agrees when its domain
 * finds the provider of its file, one of that provider's servers for the protocol (in the region
 * the domain resolves to) is the row's host, port and socket, and the login name is the row's
 * template. Everything else must be a deliberate difference with a reason in {@code
 * provider-database-differences.tsv}; a difference no row needs any more fails the test too.
 */
class ProviderDatabaseAgreementTest {
  private static final String ROWS = "provider-databases.tsv";
  private static final String DIFFERENCES = "provider-database-differences.tsv";
  private static final String NONE = "-";

  /** Which of our providers each database file describes. */
  private static final Map<String, String> PROVIDER_OF_FILE = Map.ofEntries(
      Map.entry("ispdb/gmx.net.xml", "gmx"),
      Map.entry("ispdb/gmx.com.xml", "gmx"),
      Map.entry("_providers/gmx.net.md", "gmx"),
      Map.entry("ispdb/yahoo.com.xml", "yahoo"),
      Map.entry("ispdb/yahoo.co.jp.xml", "yahoo"),
      Map.entry("_providers/yahoo.md", "yahoo"),
      Map.entry("ispdb/1und1.de.xml", "ionos"),
      Map.entry("ispdb/ionos.com", "ionos"),
      Map.entry("ispdb/ionos.co.uk", "ionos"),
      Map.entry("ispdb/ionos.de", "ionos"),
      Map.entry("ispdb/ionos.fr", "ionos"),
      Map.entry("ispdb/ionos.es", "ionos"),
      Map.entry("ispdb/ionos.it", "ionos"),
      Map.entry("ispdb/ionos.mx", "ionos"),
      Map.entry("ispdb/me.com.xml", "icloud"),
      Map.entry("_providers/icloud.md", "icloud"),
      Map.entry("ispdb/zoho.com.xml", "zoho"),
      Map.entry("ispdb/zoho.eu.xml", "zoho"),
      Map.entry("ispdb/zoho.in.xml", "zoho"),
      Map.entry("ispdb/zoho.com.au.xml", "zoho"),
      Map.entry("ispdb/zoho.jp.xml", "zoho"),
      Map.entry("ispdb/zohocloud.ca.xml", "zoho"),
      Map.entry("_providers/zoho.md", "zoho"),
      Map.entry("ispdb/googlemail.com.xml", "gmail"),
      Map.entry("_providers/gmail.md", "gmail"),
      Map.entry("ispdb/hotmail.com.xml", "outlook"),
      Map.entry("_providers/outlook.com.md", "outlook"),
      Map.entry("ispdb/office365.com.xml", "microsoft365"),
      Map.entry("ispdb/aol.com.xml", "aol"),
      Map.entry("_providers/aol.md", "aol"),
      Map.entry("ispdb/messagingengine.com.xml", "fastmail"),
      Map.entry("_providers/fastmail.md", "fastmail"),
      Map.entry("ispdb/web.de.xml", "webde"),
      Map.entry("_providers/web.de.md", "webde"),
      Map.entry("ispdb/mail.com.xml", "mailcom"));

  /**
   * Registry domains that are in neither database, with the source that names them instead. None
   * at present: ionos.de, from FairEmail's providers.xml ("Ionos (1und1)"), is in TB ispdb/ionos.de
   * of pull request #23 too.
   */
  private static final Map<String, String> DOMAINS_FROM_ELSEWHERE = Map.of();

  private final ProviderRegistry registry = ProviderRegistry.defaults();

  /** One server row of a database. */
  record Row(String source, String commit, String path, String domain, Protocol protocol,
      String host, int port, Security security, String username) {
    String cite() {
      return source + "@" + commit + " " + path + " " + domain + " " + protocol + " " + host + ":"
          + port + " " + security.label() + " " + username;
    }
  }

  /**
   * A deliberate difference. {@code *} in domain, protocol, host or port matches anything. Kinds:
   * {@code mx}, the "domain" is a mail-exchanger domain that lookupMx finds, {@code ours} being
   * the provider and region ({@code ionos/de}); {@code provider}, the domain is not the file's
   * provider here, {@code ours} being the one it is or {@code -} for none; {@code endpoint}, we
   * do not offer that server; {@code login}, our login name differs from the row's template.
   */
  record Difference(String source, String path, String domain, String protocol, String host,
      String port, String kind, String ours, String reason) {
    boolean matches(Row row) {
      return source.equals(row.source()) && path.equals(row.path())
          && any(domain, row.domain()) && any(protocol, row.protocol().name())
          && any(host, row.host()) && any(port, String.valueOf(row.port()));
    }

    private static boolean any(String pattern, String value) {
      return pattern.equals("*") || pattern.equals(value);
    }

    @Override
    public String toString() {
      return String.join(" ", source, path, domain, protocol, host, port, kind, ours);
    }
  }

  @Test
  void everyDatabaseRowAgreesWithTheRegistryOrIsAnExplainedDifference() throws IOException {
    List<Row> rows = readRows();
    List<Difference> differences = readDifferences();
    Set<Difference> used = Collections.newSetFromMap(new IdentityHashMap<>());
    List<String> problems = new ArrayList<>();
    int matched = 0;
    int explained = 0;
    for (Row row : rows) {
      List<Difference> applying = differences.stream().filter(d -> d.matches(row)).toList();
      List<String> rowProblems = new ArrayList<>();
      check(row, applying, used, rowProblems);
      rowProblems.forEach(p -> problems.add(row.cite() + ": " + p));
      if (applying.isEmpty()) {
        matched++;
      } else {
        explained++;
      }
    }
    for (Difference difference : differences) {
      if (!used.contains(difference)) {
        problems.add("stale difference, no row needs it: " + difference);
      }
    }
    System.out.printf("provider databases: %d rows checked, %d agree, %d explained by %d"
        + " differences%n", rows.size(), matched, explained, differences.size());
    assertThat(problems).as("rows that disagree with the registry").isEmpty();
    assertThat(rows).as("rows read").hasSize(1790);
  }

  private void check(Row row, List<Difference> applying, Set<Difference> used,
      List<String> problems) {
    String expectedId = PROVIDER_OF_FILE.get(row.path());
    if (expectedId == null) {
      problems.add("no provider is mapped to the file " + row.path());
      return;
    }
    Optional<Difference> mx = kind(applying, "mx");
    Optional<Difference> provider = kind(applying, "provider");
    ProviderDescriptor resolved;
    if (mx.isPresent()) {
      used.add(mx.get());
      if (registry.lookup(row.domain()).isPresent()) {
        problems.add("listed as an MX domain, but it is an address domain of "
            + registry.lookup(row.domain()).get().id());
      }
      Optional<ProviderDescriptor> hosted = registry.lookupMx(row.domain());
      if (hosted.isEmpty()) {
        problems.add("lookupMx finds no provider for this MX domain");
        return;
      }
      resolved = hosted.get();
      String found = resolved.id() + resolved.region().map(r -> "/" + r.id()).orElse("");
      if (!found.equals(mx.get().ours()) || !resolved.id().equals(expectedId)) {
        problems.add("lookupMx gives " + found + ", the differences file says "
            + mx.get().ours() + " and the file is " + expectedId + "'s");
      }
    } else if (provider.isPresent()) {
      used.add(provider.get());
      Optional<ProviderDescriptor> found = registry.lookup(row.domain());
      String foundId = found.map(ProviderDescriptor::id).orElse(NONE);
      if (!foundId.equals(provider.get().ours()) || foundId.equals(expectedId)) {
        problems.add("lookup gives " + foundId + ", the differences file says "
            + provider.get().ours() + " instead of " + expectedId);
      }
      if (found.isEmpty()) {
        return;
      }
      resolved = found.get();
    } else {
      Optional<ProviderDescriptor> found = registry.lookup(row.domain());
      if (found.isEmpty() || !found.get().id().equals(expectedId)) {
        problems.add("lookup gives " + found.map(ProviderDescriptor::id).orElse("nothing")
            + ", expected " + expectedId);
        return;
      }
      resolved = found.get();
    }

    ServerEndpoint endpoint = ServerEndpoint.of(row.host(), row.port(), row.security());
    boolean offered = resolved.endpoints(row.protocol()).contains(endpoint);
    Optional<Difference> endpointDifference = kind(applying, "endpoint");
    if (endpointDifference.isPresent()) {
      used.add(endpointDifference.get());
      if (offered) {
        problems.add("explained as a server we do not offer, but " + resolved + " offers it");
      }
    } else if (!offered) {
      problems.add("not one of our " + row.protocol() + " servers " + resolved.endpoints(
          row.protocol()) + (resolved.region().map(r -> " (region " + r.id() + ")").orElse("")));
    }

    LoginName template = loginName(row.username());
    LoginName ours = resolved.loginName(row.protocol());
    Optional<Difference> loginDifference = kind(applying, "login");
    if (loginDifference.isPresent()) {
      used.add(loginDifference.get());
      if (ours == template) {
        problems.add("explained as a different login name, but ours is " + ours + " too");
      }
    } else if (ours != template) {
      problems.add("login name " + row.username() + " but ours is " + ours
          + (resolved.isCustomDomain() ? " (custom domain)" : ""));
    }
  }

  /** Each kind may apply to a row once; two would make the file ambiguous. */
  private static Optional<Difference> kind(List<Difference> applying, String kind) {
    List<Difference> ofKind = applying.stream().filter(d -> d.kind().equals(kind)).toList();
    assertThat(ofKind).as("differences of kind " + kind + " for one row").hasSizeLessThan(2);
    return ofKind.stream().findFirst();
  }

  /** Every domain we list comes from one of the databases, for the same provider, or elsewhere. */
  @Test
  void everyRegistryDomainHasASource() throws IOException {
    List<Row> rows = readRows();
    List<String> unsourced = new ArrayList<>();
    for (ProviderDescriptor provider : registry.all()) {
      for (String domain : provider.domains()) {
        boolean inDatabase = rows.stream().anyMatch(r -> r.domain().equals(domain)
            && provider.id().equals(PROVIDER_OF_FILE.get(r.path())));
        boolean elsewhere = provider.id().equals(DOMAINS_FROM_ELSEWHERE.get(domain));
        if (!inDatabase && !elsewhere) {
          unsourced.add(provider.id() + ": " + domain);
        }
      }
    }
    // office365.com is in both files, TB's for Microsoft 365 and DC's for Outlook.com.
    assertThat(unsourced).as("registry domains no source lists for that provider").isEmpty();
    assertThat(DOMAINS_FROM_ELSEWHERE).allSatisfy((domain, id) -> assertThat(rows)
        .as(domain + " is said to be in no database").noneMatch(r -> r.domain().equals(domain)));
  }

  @Test
  void everyDifferenceHasAKnownKindAReasonAndIsListedOnce() throws IOException {
    List<Difference> differences = readDifferences();
    assertThat(differences).extracting(Difference::kind)
        .allMatch(k -> List.of("mx", "provider", "endpoint", "login").contains(k));
    assertThat(differences).allSatisfy(d -> assertThat(d.reason()).as(d.toString()).isNotBlank());
    assertThat(differences).extracting(Difference::toString).doesNotHaveDuplicates();
    assertThat(differences).filteredOn(d -> d.kind().equals("mx") || d.kind().equals("provider"))
        .allSatisfy(d -> assertThat(d.ours()).as(d.toString()).isNotEqualTo("*"));
  }

  private static LoginName loginName(String template) {
    return switch (template) {
      case "%EMAILADDRESS%" -> LoginName.EMAIL_ADDRESS;
      case "%EMAILLOCALPART%" -> LoginName.LOCAL_PART;
      default -> throw new IllegalArgumentException("unknown username template " + template);
    };
  }

  private static Security security(String socket) {
    return switch (socket) {
      case "SSL" -> Security.SSL_TLS;
      case "STARTTLS" -> Security.STARTTLS;
      case "PLAIN" -> Security.PLAIN;
      default -> throw new IllegalArgumentException("unknown socket type " + socket);
    };
  }

  private static List<Row> readRows() throws IOException {
    List<Row> rows = new ArrayList<>();
    for (String[] f : readTable(ROWS, 9)) {
      rows.add(new Row(f[0], f[1], f[2], f[3], Protocol.valueOf(f[4]), f[5],
          Integer.parseInt(f[6]), security(f[7]), f[8]));
    }
    return rows;
  }

  private static List<Difference> readDifferences() throws IOException {
    List<Difference> differences = new ArrayList<>();
    for (String[] f : readTable(DIFFERENCES, 9)) {
      differences.add(new Difference(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8]));
    }
    return differences;
  }

  /** The rows of a tab-separated resource, without # comments and the header line. */
  private static List<String[]> readTable(String name, int columns) throws IOException {
    List<String[]> table = new ArrayList<>();
    try (InputStream in = Objects.requireNonNull(
            ProviderDatabaseAgreementTest.class.getResourceAsStream(name), name);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      boolean header = true;
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        String[] fields = line.split("\t", -1);
        assertThat(fields).as(name + ": " + line).hasSize(columns);
        table.add(fields);
      }
    }
    return table;
  }
}
