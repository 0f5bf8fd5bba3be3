package com.lumyvo.examples.bench;

import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.ProviderRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link ProviderRegistry#lookup(String)} of a full address next to the floor it is measured
 * against: a bare {@link HashMap#get} of the domain, already lower-cased, in a map from every
 * registered domain to its descriptor. The target is a lookup within 3 times the floor.
 *
 * <p>Run: {@code java -jar examples/target/lumyvo-examples.jar bench LookupBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class LookupBenchmark {
  @Param({"Alice.Smith+news@GMX.de", "bob@icloud.com", "carol@zohomail.eu"})
  public String address;

  private ProviderRegistry registry;
  private Map<String, ProviderDescriptor> byDomain;
  private String lowerCaseDomain;

  @Setup
  public void setUp() {
    registry = ProviderRegistry.defaults();
    byDomain = new HashMap<>();
    for (ProviderDescriptor provider : registry.all()) {
      provider.domains().forEach(domain -> byDomain.put(domain, provider));
    }
    lowerCaseDomain = address.substring(address.indexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
  }

  @Benchmark
  public Optional<ProviderDescriptor> registryLookup() {
    return registry.lookup(address);
  }

  @Benchmark
  public ProviderDescriptor hashMapGetOfLowerCaseDomain() {
    return byDomain.get(lowerCaseDomain);
  }
}
