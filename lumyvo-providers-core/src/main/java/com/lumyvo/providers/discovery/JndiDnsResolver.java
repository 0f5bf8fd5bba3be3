package com.lumyvo.providers.discovery;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.function.Function;
import javax.naming.CommunicationException;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * DNS through the JDK's JNDI provider ({@code jdk.naming.dns}), the only resolver for MX and SRV
 * records the JDK has. It does not expose TTLs, so every answer carries the same assumed TTL.
 */
final class JndiDnsResolver implements DnsResolver {
  private final String providerUrl;
  private final Duration timeout;
  private final Duration assumedTtl;

  JndiDnsResolver(String providerUrl, Duration timeout, Duration assumedTtl) {
    this.providerUrl = providerUrl;
    this.timeout = requirePositive(timeout, "timeout");
    DnsNames.requireTtl(assumedTtl);
    this.assumedTtl = assumedTtl;
  }

  /** The machine's name servers, as the JDK reads them from the system. */
  static JndiDnsResolver system(Duration timeout, Duration assumedTtl) {
    return new JndiDnsResolver("dns:", timeout, assumedTtl);
  }

  /** One name server, such as {@code dns://127.0.0.1:5353}; for tests and split-horizon setups. */
  static JndiDnsResolver server(String host, int port, Duration timeout, Duration assumedTtl) {
    return new JndiDnsResolver("dns://" + host + ":" + port, timeout, assumedTtl);
  }

  @Override
  public List<MxRecord> mx(String domain) throws DnsException {
    return query(domain, "MX", value -> {
      String[] fields = value.trim().split("\\s+");
      if (fields.length != 2) {
        throw new IllegalArgumentException("MX record with " + fields.length + " fields");
      }
      return new MxRecord(Integer.parseInt(fields[0]), fields[1], assumedTtl);
    });
  }

  @Override
  public List<SrvRecord> srv(String name) throws DnsException {
    return query(name, "SRV", value -> {
      String[] fields = value.trim().split("\\s+");
      if (fields.length != 4) {
        throw new IllegalArgumentException("SRV record with " + fields.length + " fields");
      }
      return new SrvRecord(Integer.parseInt(fields[0]), Integer.parseInt(fields[1]),
          Integer.parseInt(fields[2]), fields[3], assumedTtl);
    });
  }

  private <T> List<T> query(String name, String type, Function<String, T> parse)
      throws DnsException {
    Hashtable<String, String> env = new Hashtable<>();
    env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
    env.put("java.naming.provider.url", providerUrl);
    // JNDI waits initial, then doubles it on each retry: a third plus two thirds is the timeout.
    long initial = Math.max(1, timeout.toMillis() / 3);
    env.put("com.sun.jndi.dns.timeout.initial", Long.toString(initial));
    env.put("com.sun.jndi.dns.timeout.retries", "2");
    DirContext context = null;
    try {
      context = new InitialDirContext(env);
      Attributes attributes = context.getAttributes(name, new String[] {type});
      Attribute attribute = attributes.get(type);
      List<T> records = new ArrayList<>();
      if (attribute == null) {
        return records;
      }
      NamingEnumeration<?> values = attribute.getAll();
      while (values.hasMore()) {
        Object value = values.next();
        try {
          records.add(parse.apply(String.valueOf(value)));
        } catch (IllegalArgumentException malformed) {
          // One broken record must not hide the good ones; an answer with none left is empty.
        }
      }
      return records;
    } catch (NameNotFoundException noSuchName) {
      return List.of();
    } catch (CommunicationException e) {
      boolean timedOut = e.getRootCause() instanceof SocketTimeoutException
          || String.valueOf(e.getMessage()).contains("timed out");
      throw new DnsException(type + " query for " + name
          + (timedOut ? " timed out (" + timeout.toMillis() + " ms per name server)"
          : " failed: " + e.getMessage()), timedOut, e);
    } catch (NamingException | RuntimeException e) {
      throw new DnsException(type + " query for " + name + " failed: " + e, false, e);
    } finally {
      if (context != null) {
        try {
          context.close();
        } catch (NamingException ignored) {
          // Nothing is held open between queries; closing is a formality.
        }
      }
    }
  }

  private static Duration requirePositive(Duration value, String name) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
    return value;
  }

  @Override
  public String toString() {
    return "JndiDnsResolver{" + providerUrl + ", timeout=" + timeout + '}';
  }
}
