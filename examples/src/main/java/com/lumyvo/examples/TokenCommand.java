package com.lumyvo.examples;

import com.lumyvo.providers.EmailAddress;
import com.lumyvo.providers.OAuthSupport;
import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.ProviderRegistry;
import com.lumyvo.providers.oauth.DeviceAuthorization;
import com.lumyvo.providers.oauth.OAuthClient;
import com.lumyvo.providers.oauth.TokenGrant;
import com.lumyvo.providers.oauth.TokenUnavailableException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code token <provider>}: gets OAuth 2.0 tokens for a mailbox with the device-code flow (RFC
 * 8628) through core's {@link OAuthClient}, for the client id a service registered with the
 * provider. It prints the page and the code for the person, waits while they sign in, and then
 * prints only what is safe: the tokens go to the file {@code --out} names, created readable by
 * its owner only and never written over another file, or, with {@code --print-token} and a
 * warning, to standard output as {@code export} lines. Without either nothing starts, so that no
 * consent is asked for and thrown away.
 *
 * <p>Providers without a device-authorization endpoint for mail (Gmail: Google's device flow
 * does not grant {@code https://mail.google.com/}; Yahoo and AOL publish none) are a usage error
 * that says why.
 */
@Command(name = "token", sortOptions = false,
    description = {"Get OAuth 2.0 tokens for a mailbox with the device-code flow: open the page"
        + " shown, enter the code, sign in; the tokens go to a file only you can read.",
        "%nWorks for providers with a device-code endpoint for mail: Outlook.com (outlook) and"
            + " Microsoft 365 (microsoft365). The client id is your app's, registered with the"
            + " provider as a public client."},
    footer = {"%nExample:",
        "  java -jar lumyvo-examples.jar token --client-id <id> --out sam.tokens sam@outlook.com",
        "  . ./sam.tokens && java -jar lumyvo-examples.jar verify --token-env "
            + TokenCommand.ACCESS_VARIABLE + " sam@outlook.com%n"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {Main.EXIT_OK, Main.EXIT_PROBLEM, Main.EXIT_USAGE})
final class TokenCommand implements Callable<Integer> {
  static final String ACCESS_VARIABLE = "LUMYVO_ACCESS_TOKEN";
  static final String REFRESH_VARIABLE = "LUMYVO_REFRESH_TOKEN";

  /** A Microsoft tenant: a GUID, a domain, or consumers, organizations, common. */
  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,99}");
  private static final String MICROSOFT_LOGIN = "login.microsoftonline.com";

  /**
   * Why a provider with OAuth has no device-code flow for mail, in a person's words; other
   * providers get the general sentence.
   */
  private static final java.util.Map<String, String> NO_DEVICE_FLOW = java.util.Map.of(
      "gmail", "Google's device flow grants only a limited set of scopes, and Gmail's mail scope"
          + " https://mail.google.com/ is not among them; a service gets Gmail tokens with the"
          + " authorization-code flow in a browser");

  private final Context context;

  /**
   * How a client is made for a provider's OAuth facts and a client id: {@link
   * OAuthClient#builder(OAuthSupport, String)}. Tests replace it to point the client at
   * endpoints on loopback, which a provider's descriptor (https only) cannot name.
   */
  BiFunction<OAuthSupport, String, OAuthClient.Builder> clients = OAuthClient::builder;

  @Mixin HelpOption help;

  @Option(names = "--client-id", required = true, paramLabel = "<id>",
      description = "Your app's client id at the provider (Microsoft: the application id of an"
          + " app registration that allows public client flows).")
  String clientId;

  @Option(names = "--tenant", paramLabel = "<tenant>",
      description = "Microsoft only: the tenant to sign in to, instead of the provider's"
          + " (consumers for Outlook.com, organizations for Microsoft 365): a tenant id or"
          + " domain, for an app registered in one tenant.")
  String tenant;

  @Option(names = "--out", paramLabel = "<file>",
      description = "Write the tokens to this new file, readable by you only, as export lines"
          + " for a shell (" + ACCESS_VARIABLE + ", " + REFRESH_VARIABLE + "); an existing"
          + " file is never written over.")
  Path out;

  @Option(names = "--print-token",
      description = "Also print the tokens as export lines on standard output, after a"
          + " warning: they stay in scroll-back and logs.")
  boolean printToken;

  @Parameters(paramLabel = "<provider>",
      description = "A provider id (outlook, microsoft365) or the mailbox's address.")
  String provider;

  TokenCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    // Everything that can be refused is refused before the person is asked to sign in.
    if (out == null && !printToken) {
      throw Failure.usage("say where the tokens go: --out <file> (readable by you only) or"
          + " --print-token (shown on the terminal)");
    }
    if (out != null && Files.exists(out, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw Failure.usage(out + " exists; name a new file: tokens are never written over"
          + " another file");
    }
    if (out != null && out.toAbsolutePath().getParent() != null
        && !Files.isDirectory(out.toAbsolutePath().getParent())) {
      throw Failure.usage("the folder of " + out + " does not exist");
    }
    if (out != null && !canProtect(out)) {
      throw Failure.usage("the file system of " + out + " cannot make a file readable by you"
          + " only; name a file elsewhere or use --print-token");
    }
    ProviderDescriptor descriptor = descriptor(provider);
    OAuthSupport support = descriptor.oauth().orElseThrow(() -> Failure.usage(
        descriptor.displayName() + " signs in with passwords or app passwords only; it has no"
            + " OAuth 2.0 for mail"));
    if (support.deviceAuthorizationEndpoint().isEmpty()) {
      throw Failure.usage(descriptor.displayName() + " has no device-code sign-in for mail: "
          + NO_DEVICE_FLOW.getOrDefault(descriptor.id(), descriptor.displayName()
              + " publishes no device-authorization endpoint; a service gets its tokens with"
              + " the authorization-code flow in a browser"));
    }
    if (tenant != null) {
      support = withTenant(descriptor, support, tenant);
    }
    OAuthClient client;
    try {
      client = clients.apply(support, clientId).build();
    } catch (IllegalArgumentException e) {
      throw Failure.usage("--client-id: " + e.getMessage());
    }
    PrintStream console = context.out();
    List<String> scopes = support.scopes();
    TokenGrant grant;
    try {
      grant = client.deviceCode(scopes, code -> prompt(console, descriptor, code));
    } catch (TokenUnavailableException e) {
      throw failure(e, descriptor, scopes);
    }
    // What was granted, never the tokens themselves.
    console.println("Signed in: an access token" + grant.accessToken().expiresAt()
        .map(at -> " that expires at " + at).orElse("") + (grant.refreshToken().isPresent()
            ? ", and a refresh token" : ", and no refresh token (ask for offline_access)")
        + grant.scope().map(s -> "; scope " + s).orElse(""));
    String exports = exports(descriptor, grant);
    if (out != null) {
      write(out, exports);
      console.println("Written to " + out + " (readable by you only). Use it with:");
      console.println("  . " + shellPath(out) + " && java -jar lumyvo-examples.jar verify"
          + " --token-env " + ACCESS_VARIABLE + " <address>");
    }
    if (printToken) {
      context.err().println("warning: --print-token shows the tokens below on this terminal,"
          + " where scroll-back, logs and screen sharing keep them; whoever has the refresh"
          + " token can read this mailbox until consent is withdrawn."
          + (out == null ? " Prefer --out <file>." : ""));
      exports.lines().filter(line -> line.startsWith("export ")).forEach(console::println);
    }
    return Main.OK;
  }

  /** The provider named by id, by the mailbox's address, or by a domain. */
  private static ProviderDescriptor descriptor(String name) {
    ProviderRegistry registry = ProviderRegistry.defaults();
    Optional<ProviderDescriptor> found;
    if (name.contains("@")) {
      try {
        found = registry.lookup(EmailAddress.parse(name).toString());
      } catch (IllegalArgumentException e) {
        throw Failure.usage("not a valid email address: " + e.getMessage());
      }
    } else {
      found = registry.byId(name.toLowerCase(Locale.ROOT));
      if (found.isEmpty()) {
        try {
          found = registry.lookup(name);
        } catch (IllegalArgumentException e) {
          found = Optional.empty();
        }
      }
    }
    return found.orElseThrow(() -> Failure.usage("no provider is known for " + name
        + "; name one with a device-code sign-in: outlook or microsoft365"));
  }

  /** Microsoft's endpoints with {@code tenant} in place of the provider's. */
  private static OAuthSupport withTenant(ProviderDescriptor descriptor, OAuthSupport support,
      String tenant) {
    if (!MICROSOFT_LOGIN.equals(support.tokenEndpoint().getHost())) {
      throw Failure.usage("--tenant applies to Microsoft's sign-in only, not to "
          + descriptor.displayName());
    }
    if (!TENANT.matcher(tenant).matches()) {
      throw Failure.usage("--tenant must be a tenant id or domain (letters, digits, dots and"
          + " hyphens)");
    }
    return support.toBuilder()
        .authorizationEndpoint(inTenant(support.authorizationEndpoint(), tenant))
        .tokenEndpoint(inTenant(support.tokenEndpoint(), tenant))
        .deviceAuthorizationEndpoint(inTenant(
            support.deviceAuthorizationEndpoint().orElseThrow(), tenant))
        .build();
  }

  /** https://login.microsoftonline.com/{tenant}/oauth2/v2.0/...: the first path segment. */
  private static String inTenant(URI endpoint, String tenant) {
    String path = endpoint.getPath();
    int second = path.indexOf('/', 1);
    return "https://" + endpoint.getHost() + "/" + tenant + path.substring(second);
  }

  private static void prompt(PrintStream console, ProviderDescriptor descriptor,
      DeviceAuthorization code) {
    long minutes = Math.max(1, code.expiresIn().toMinutes());
    console.println("To sign in to " + descriptor.displayName() + ", open "
        + code.verificationUri() + " and enter the code " + code.userCode());
    code.verificationUriComplete().ifPresent(page -> console.println(
        "  (or open " + page + ", which has the code filled in)"));
    console.println("The code is valid for " + minutes + " minute" + (minutes == 1 ? "" : "s")
        + ". Waiting for you to finish signing in ...");
  }

  private static Failure failure(TokenUnavailableException e, ProviderDescriptor descriptor,
      List<String> scopes) {
    // The exception's message names the endpoint's error code and status, never a secret.
    List<String> details = new ArrayList<>();
    switch (e.reason()) {
      case REVOKED -> details.add("nobody signed in in time, or the sign-in was declined: run"
          + " the command again and finish signing in before the code expires");
      case MISCONFIGURED -> {
        details.add("check --client-id: the app must be registered with "
            + descriptor.displayName() + ", allow the device-code flow (a public client) and"
            + " be allowed to ask for " + String.join(" ", scopes));
      }
      case TEMPORARY -> details.add("the provider could not be reached or answered with an"
          + " error of its own: try again later");
    }
    return new Failure(e.reason() == TokenUnavailableException.Reason.MISCONFIGURED
        ? Main.USAGE : Main.PROBLEM, "no tokens: " + e.getMessage(), details);
  }

  /** The file's text: a comment and one export line per token, each single-quoted. */
  private static String exports(ProviderDescriptor descriptor, TokenGrant grant) {
    StringBuilder text = new StringBuilder();
    text.append("# OAuth 2.0 tokens for ").append(descriptor.displayName())
        .append(", from lumyvo-examples token at ").append(Instant.now())
        .append(". Keep them like a password.\n");
    grant.accessToken().expiresAt().ifPresent(at ->
        text.append("# The access token expires at ").append(at).append(".\n"));
    text.append("export ").append(ACCESS_VARIABLE).append('=')
        .append(quoted(grant.accessToken().value())).append('\n');
    grant.refreshToken().ifPresent(refresh -> text.append("export ").append(REFRESH_VARIABLE)
        .append('=').append(quoted(refresh)).append('\n'));
    return text.toString();
  }

  /** Single quotes, in which a shell expands nothing; a quote inside ends, escapes, reopens. */
  private static String quoted(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }

  private static String shellPath(Path path) {
    String text = path.toString();
    return text.contains("/") ? quoted(text) : quoted("./" + text);
  }

  /**
   * The attribute that makes a new file its owner's alone from the moment it exists: rw------- on
   * POSIX file systems, an access list naming only the current user where the file system has
   * access lists instead (Windows). Nothing else can promise that, so anything else is refused.
   */
  private static FileAttribute<?> ownerOnly(Path file) throws IOException {
    Set<String> views = file.getFileSystem().supportedFileAttributeViews();
    if (views.contains("posix")) {
      return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    }
    if (views.contains("acl")) {
      UserPrincipal me = file.getFileSystem().getUserPrincipalLookupService()
          .lookupPrincipalByName(System.getProperty("user.name"));
      List<AclEntry> entries = List.of(AclEntry.newBuilder().setType(AclEntryType.ALLOW)
          .setPrincipal(me).setPermissions(EnumSet.allOf(AclEntryPermission.class)).build());
      return new FileAttribute<List<AclEntry>>() {
        @Override
        public String name() {
          return "acl:acl";
        }

        @Override
        public List<AclEntry> value() {
          return entries;
        }
      };
    }
    throw new IOException("this file system can make no file readable by its owner only");
  }

  /** True if {@link #ownerOnly} can protect a file in {@code file}'s file system. */
  private static boolean canProtect(Path file) {
    Set<String> views = file.getFileSystem().supportedFileAttributeViews();
    return views.contains("posix") || views.contains("acl");
  }

  /**
   * Creates {@code file} owner-only in the same step ({@link #ownerOnly}), so no other user can
   * open it between creation and a later chmod; fails if it exists.
   */
  private static void write(Path file, String text) {
    EnumSet<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE);
    try (SeekableByteChannel channel = Files.newByteChannel(file, options, ownerOnly(file))) {
      ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    } catch (FileAlreadyExistsException e) {
      throw new Failure(Main.PROBLEM, file + " appeared while you signed in; the tokens were"
          + " not written", List.of("run the command again with a new file"));
    } catch (IOException e) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // The message below says the tokens were not written; a partial file is removed if it
        // can be, and its permissions were owner-only from the start.
      }
      throw new Failure(Main.PROBLEM, "could not write " + file + " ("
          + e.getClass().getSimpleName() + "); the tokens were not written",
          List.of("run the command again with a file in a folder you can write"));
    }
  }
}
