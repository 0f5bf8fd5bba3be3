package com.lumyvo.providers.discovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A resolver that answers from a fixed table and never touches the network: for tests of code
 * that discovers (the domains' records are whatever the test says), and for services that keep
 * their customers' mail settings in their own records. Names not in the table have no records.
 *
 * <pre>{@code
 * DnsResolver dns = StaticDnsResolver.builder()
 *     .mx("bakery-anna.de", "mx00.ionos.de", "mx01.ionos.de")
 *     .srv("_imaps._tcp.example.org", 0, 993, "mail.example.org")
 *     .build();
 * Discovery discovery = Discovery.builder().resolver(dns).autoconfig(false).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class StaticDnsResolver implements DnsResolver {
  /** The TTL every record of the table carries. */
  public static final Duration TTL = Duration.ofMinutes(5);

  private final Map<String, List<MxRecord>> mx;
  private final Map<String, List<SrvRecord>> srv;

  private StaticDnsResolver(Builder builder) {
    this.mx = copy(builder.mx);
    this.srv = copy(builder.srv);
  }

  /** An empty table. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public List<MxRecord> mx(String domain) {
    return mx.getOrDefault(key(domain), List.of());
  }

  @Override
  public List<SrvRecord> srv(String name) {
    return srv.getOrDefault(key(name), List.of());
  }

  private static String key(String name) {
    Objects.requireNonNull(name, "name");
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  private static <T> Map<String, List<T>> copy(Map<String, List<T>> table) {
    Map<String, List<T>> copy = new HashMap<>();
    table.forEach((name, records) -> copy.put(name, List.copyOf(records)));
    return Map.copyOf(copy);
  }

  @Override
  public String toString() {
    return "StaticDnsResolver{" + mx.size() + " MX names, " + srv.size() + " SRV names}";
  }

  /** Builds a {@link StaticDnsResolver}; not thread-safe. */
  public static final class Builder {
    private final Map<String, List<MxRecord>> mx = new HashMap<>();
    private final Map<String, List<SrvRecord>> srv = new HashMap<>();

    private Builder() {}

    /**
     * MX records for {@code domain}, preferences 10, 20, … in the order given; adds to any
     * given before.
     *
     * @throws IllegalArgumentException if a host is not a host name
     */
    public Builder mx(String domain, String... hosts) {
      List<MxRecord> records = mx.computeIfAbsent(key(domain), d -> new ArrayList<>());
      for (String host : hosts) {
        records.add(new MxRecord(10 * (records.size() + 1), host, TTL));
      }
      return this;
    }

    /**
     * One SRV record at {@code name}, such as {@code _imaps._tcp.example.org}, with weight 1;
     * adds to any given before.
     *
     * @throws IllegalArgumentException if a number is outside 0 to 65535 or the target is not
     *     a host name
     */
    public Builder srv(String name, int priority, int port, String target) {
      srv.computeIfAbsent(key(name), n -> new ArrayList<>())
          .add(new SrvRecord(priority, 1, port, target, TTL));
      return this;
    }

    /** An immutable resolver answering from the table so far. */
    public StaticDnsResolver build() {
      return new StaticDnsResolver(this);
    }
  }
}
