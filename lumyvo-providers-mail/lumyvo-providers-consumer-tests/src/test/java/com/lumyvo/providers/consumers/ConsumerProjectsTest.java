package com.lumyvo.providers.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Services built the way users build them: separate Maven projects (under {@code
 * src/test/projects}) whose dependencies and plugins are the README's snippets, taken from
 * README.md at test time so that the two cannot drift apart. They resolve the SDK's artifacts
 * from a repository of their own, where this module's build has just installed them, and
 * everything else from this build's local repository given as their only remote: no network.
 */
class ConsumerProjectsTest {
  private static final Path PROJECTS = Path.of("src/test/projects");
  private static final Path WORK = Path.of("target/consumers").toAbsolutePath();
  /** Far beyond the 10 to 30 seconds a consumer build takes; only a hung build meets it. */
  private static final long BUILD_LIMIT_MINUTES = 5;

  @Test
  void aServiceBuiltFromTheReadmeSnippetsRunsItsJUnitTestOnTheFakes() throws Exception {
    Path project = prepare("classpath-service");

    Run build = maven(project, "verify");

    assertThat(build.exitCode()).as("consumer build failed:%n%s", build.tail()).isZero();
    // Surefire 2.12.4, Maven 3.8's default, would pass without running a JUnit 5 test.
    assertThat(testsRun(project)).as(build.tail()).isEqualTo(1);
  }

  @Test
  void aModularServiceThatRequiresOnlyTheMailModuleRunsWithoutJUnitOrGreenMail() throws Exception {
    Path project = prepare("modular-service");

    Run build = maven(project, "verify");

    assertThat(build.exitCode()).as("consumer build failed:%n%s", build.tail()).isZero();
    // Its tests use the fakes, patched into the service's module by Surefire.
    assertThat(testsRun(project)).as(build.tail()).isEqualTo(2);
    Path jar = project.resolve("target/modular-service-1.jar");
    List<Path> runtime = runtimePath(jar);
    assertThat(runtime).extracting(p -> p.getFileName().toString())
        .anyMatch(name -> name.startsWith("lumyvo-providers-mail-"))
        .noneMatch(name -> name.contains("junit") || name.contains("greenmail")
            || name.contains("opentest4j") || name.contains("apiguardian"));

    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--module-path", jar + java.io.File.pathSeparator + join(runtime),
        "--module", "com.example.service/com.example.service.Main"));
    Run service = run(command, project, WORK.resolve("modular-service-run.log"));

    assertThat(service.exitCode()).as(service.tail()).isZero();
    assertThat(service.output()).as(service.tail())
        .containsOnlyOnce("com.example.service gmx CONNECTION_REFUSED")
        // The core module's resource bundles load on the module path, from a consumer's module.
        .contains("Der Server hat die Verbindung abgelehnt.");
  }

  @Test
  void theReadmeAsksForTheJUnitVersionThisBuildTestsWith() throws IOException {
    // The consumer builds resolve offline from this build's repository: a README that named
    // another JUnit would fail there for want of the jars, not for a reason a user would meet.
    String fakes = Readme.load().xmlBlocks("Fake providers for your tests").get(0);

    assertThat(fakes).contains("<version>" + System.getProperty("sdk.junitVersion") + "</version>");
  }

  /**
   * A fresh copy of {@code name} and of the service parent under target/consumers, with the
   * README's snippets in the POM: "Use it in a service" (BOM, dependency, plugins) and the test
   * dependencies of "Fake providers for your tests"; and the settings of an offline build.
   */
  private static Path prepare(String name) throws IOException {
    for (String part : List.of(name, "service-parent")) {
      Path target = WORK.resolve(part);
      deleteRecursively(target);
      copyRecursively(PROJECTS.resolve(part), target);
    }
    Readme readme = Readme.load();
    String service = String.join("\n", readme.xmlBlocks("Use it in a service"));
    List<String> fakes = readme.xmlBlocks("Fake providers for your tests");
    int end = service.lastIndexOf("</dependencies>");
    assertThat(end).as("the README's service snippet declares dependencies").isPositive();
    String snippets = service.substring(0, end) + fakes.get(0) + service.substring(end);

    Path pom = WORK.resolve(name).resolve("pom.xml");
    String template = Files.readString(pom, StandardCharsets.UTF_8);
    assertThat(template).contains("<!-- README -->");
    Files.writeString(pom, template.replace("<!-- README -->", snippets), StandardCharsets.UTF_8);

    String mirror = Path.of(System.getProperty("consumer.mirror")).toUri().toString();
    Files.writeString(WORK.resolve("settings.xml"), """
        <settings>
          <mirrors>
            <mirror>
              <id>sdk-build-repository</id>
              <mirrorOf>*</mirrorOf>
              <url>%s</url>
            </mirror>
          </mirrors>
        </settings>
        """.formatted(mirror), StandardCharsets.UTF_8);
    return WORK.resolve(name);
  }

  private static Run maven(Path project, String phase) throws Exception {
    String home = System.getProperty("maven.home", "");
    String mvn = home.isEmpty() || home.startsWith("${")
        ? "mvn" : Path.of(home, "bin", "mvn").toString();
    List<String> command = List.of(mvn, "-B", "-ntp", "-Dstyle.color=never",
        "-s", WORK.resolve("settings.xml").toString(),
        "-Dmaven.repo.local=" + Path.of(System.getProperty("consumer.repository")).toAbsolutePath(),
        phase);
    return run(command, project, WORK.resolve(project.getFileName() + "-build.log"));
  }

  private static Run run(List<String> command, Path directory, Path log) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process process = builder.start();
    if (!process.waitFor(BUILD_LIMIT_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(command + " still ran after " + BUILD_LIMIT_MINUTES + " min; "
          + "see " + log);
    }
    return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /** How many tests Surefire ran in {@code project}, from its XML reports. */
  private static int testsRun(Path project) throws IOException {
    Path reports = project.resolve("target/surefire-reports");
    if (!Files.isDirectory(reports)) {
      return 0;
    }
    Pattern tests = Pattern.compile("<testsuite [^>]*?\\btests=\"(\\d+)\"");
    int sum = 0;
    try (Stream<Path> files = Files.list(reports)) {
      for (Path report : files.filter(f -> f.getFileName().toString().startsWith("TEST-")).toList()) {
        Matcher m = tests.matcher(Files.readString(report, StandardCharsets.UTF_8));
        if (m.find()) {
          sum += Integer.parseInt(m.group(1));
        }
      }
    }
    return sum;
  }

  /** The jar's manifest Class-Path (repository layout), as files in the consumers' repository. */
  private static List<Path> runtimePath(Path jar) throws IOException {
    Path repository = Path.of(System.getProperty("consumer.repository")).toAbsolutePath();
    try (JarFile file = new JarFile(jar.toFile())) {
      String classPath = file.getManifest().getMainAttributes().getValue("Class-Path");
      assertThat(classPath).as("Class-Path of %s", jar).isNotBlank();
      List<Path> paths = new ArrayList<>();
      for (String entry : classPath.trim().split("\\s+")) {
        Path path = repository.resolve(entry);
        assertThat(path).as("from the consumers' repository").isRegularFile();
        paths.add(path);
      }
      return paths;
    }
  }

  private static String join(List<Path> paths) {
    return String.join(java.io.File.pathSeparator, paths.stream().map(Path::toString).toList());
  }

  private static void copyRecursively(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          try (InputStream in = Files.newInputStream(source)) {
            Files.copy(in, target);
          }
        }
      }
    }
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> files = Files.walk(path)) {
      for (Path file : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(file);
      }
    }
  }

  /** A finished process: its exit code and everything it wrote. */
  private record Run(int exitCode, String output) {
    /** The last lines of the output, for a failure message. */
    String tail() {
      List<String> lines = output.lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
  }
}
