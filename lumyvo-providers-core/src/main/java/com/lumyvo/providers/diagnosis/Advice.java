package com.lumyvo.providers.diagnosis;

import com.lumyvo.providers.LoginName;
import com.lumyvo.providers.Prerequisite;
import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.ServerEndpoint;
import com.lumyvo.providers.SetupGuide;
import com.lumyvo.providers.internal.Texts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What to tell a person for each kind: our troubleshooting guide's causes and solutions, in our
 * words, plus the facts of the account's provider that bear on it. This class decides which
 * sentences apply; their words are in the {@code diagnosis} bundles of {@code
 * com.lumyvo.providers.internal} (English and its translations), under keys that start with the
 * kind.
 */
final class Advice {
  record Text(String summary, List<String> causes, List<String> solutions) {}

  private Advice() {}

  /**
   * The advice for {@code kind}, worded for the protocol that failed and the provider's facts:
   * IMAP failures never name SMTP ports nor SMTP ones IMAP ports, a setting is named only where
   * the provider (when known) has it, and only retryable kinds say to try again unchanged.
   * {@code protocol} and {@code provider} may be null (unknown).
   */
  static Text of(FailureKind kind, Protocol protocol, ProviderDescriptor provider) {
    return of(kind, protocol, provider, Locale.ENGLISH);
  }

  /**
   * {@link #of(FailureKind, Protocol, ProviderDescriptor)} in the language of {@code locale}: the
   * same sentences, chosen by the same facts, from the {@code diagnosis} bundles.
   */
  static Text of(FailureKind kind, Protocol protocol, ProviderDescriptor provider,
      Locale locale) {
    Texts t = Texts.of("diagnosis", locale);
    // A provider we know without an access switch (Yahoo, iCloud) must not be told to use one;
    // for an unknown provider the switch is named as a possibility.
    boolean accessSwitch = provider == null
        || provider.requires(Prerequisite.Kind.IMAP_ACCESS_ENABLED)
        || !provider.setupGuide().enableAccessSteps().isEmpty();
    boolean twoFactor = provider == null || provider.appPasswordPolicy().requiresTwoFactor();
    boolean appPasswords = provider == null || !provider.appPasswordPolicy().oauthOnly();
    String access = accessName(protocol);
    String name = provider == null ? "" : provider.displayName();
    switch (kind) {
      case INVALID_CREDENTIALS: {
        List<String> causes = new ArrayList<>();
        List<String> solutions = new ArrayList<>();
        if (appPasswords) {
          causes.add(t.get("INVALID_CREDENTIALS.cause.regularPassword"));
          causes.add(t.get("INVALID_CREDENTIALS.cause.copiedBadly"));
          solutions.add(t.get("INVALID_CREDENTIALS.solution.useAppPassword"));
          solutions.add(t.get("INVALID_CREDENTIALS.solution.copyAgain"));
        } else {
          causes.add(t.get("INVALID_CREDENTIALS.cause.wrongPassword"));
          solutions.add(t.get("INVALID_CREDENTIALS.solution.checkPassword"));
        }
        if (twoFactor && appPasswords) {
          causes.add(t.get("INVALID_CREDENTIALS.cause.twoFactorOff"));
          solutions.add(t.get("INVALID_CREDENTIALS.solution.turnOnTwoFactor"));
        }
        if (accessSwitch) {
          causes.add(provider == null
              ? t.get("INVALID_CREDENTIALS.cause.accessMaybeOff", access)
              : t.get("INVALID_CREDENTIALS.cause.accessOff", access));
          solutions.add(provider == null
              ? t.get("INVALID_CREDENTIALS.solution.accessIfAny", access)
              : t.get("solution.providerAccessSwitch", name));
        }
        if (appPasswords) {
          causes.add(t.get("INVALID_CREDENTIALS.cause.revoked"));
          solutions.add(t.get("INVALID_CREDENTIALS.solution.newAppPassword"));
        }
        return new Text(t.get("INVALID_CREDENTIALS.summary"), causes, solutions);
      }
      case APP_PASSWORD_REQUIRED:
        if (!appPasswords) {
          return new Text(t.get("APP_PASSWORD_REQUIRED.oauthOnly.summary"),
              List.of(t.get("APP_PASSWORD_REQUIRED.oauthOnly.cause")),
              List.of(t.get("APP_PASSWORD_REQUIRED.oauthOnly.solution")));
        }
        return new Text(t.get("APP_PASSWORD_REQUIRED.summary"),
            twoFactor
                ? List.of(t.get("APP_PASSWORD_REQUIRED.cause.regularPassword"),
                    t.get("APP_PASSWORD_REQUIRED.cause.twoFactorOn"))
                : List.of(t.get("APP_PASSWORD_REQUIRED.cause.regularPassword")),
            List.of(t.get("APP_PASSWORD_REQUIRED.solution.generate"),
                t.get("APP_PASSWORD_REQUIRED.solution.use")));
      case WEB_LOGIN_REQUIRED: {
        List<String> solutions = new ArrayList<>(List.of(
            t.get("WEB_LOGIN_REQUIRED.solution.signIn"),
            t.get("WEB_LOGIN_REQUIRED.solution.knownBrowser")));
        if (appPasswords) {
          solutions.add(t.get("WEB_LOGIN_REQUIRED.solution.appPassword"));
        }
        return new Text(t.get("WEB_LOGIN_REQUIRED.summary"),
            List.of(t.get("WEB_LOGIN_REQUIRED.cause.unusualSignIn"),
                t.get("WEB_LOGIN_REQUIRED.cause.securityCheck")),
            solutions);
      }
      case ACCESS_DISABLED:
        if (!accessSwitch) {
          return new Text(t.get("ACCESS_DISABLED.refused.summary", access),
              List.of(t.get("ACCESS_DISABLED.refused.cause")),
              List.of(t.get("solution.askAdministrator", access),
                  t.get("ACCESS_DISABLED.refused.solution.support")));
        }
        return new Text(t.get("ACCESS_DISABLED.summary", access),
            List.of(t.get("ACCESS_DISABLED.cause.settings", access),
                t.get("ACCESS_DISABLED.cause.administrator")),
            List.of(provider == null
                    ? t.get("ACCESS_DISABLED.solution.switchOn", access)
                    : t.get("solution.providerAccessSwitch", name),
                t.get("solution.askAdministrator", access)));
      case TOKEN_EXPIRED:
        return new Text(t.get("TOKEN_EXPIRED.summary"),
            List.of(t.get("TOKEN_EXPIRED.cause.refreshedRefused"),
                t.get("TOKEN_EXPIRED.cause.tokenSource")),
            List.of(t.get("TOKEN_EXPIRED.solution.retry"),
                t.get("TOKEN_EXPIRED.solution.checkSource")));
      case TOKEN_REVOKED:
        return new Text(t.get("TOKEN_REVOKED.summary"),
            List.of(provider == null
                    ? t.get("TOKEN_REVOKED.cause.revoked")
                    : t.get("TOKEN_REVOKED.cause.revokedAt", name),
                t.get("TOKEN_REVOKED.cause.refreshTokenDead")),
            List.of(t.get("TOKEN_REVOKED.solution.connectAgain"),
                t.get("TOKEN_REVOKED.solution.noRetry")));
      case TOKEN_SCOPE_MISSING:
        return new Text(t.get("TOKEN_SCOPE_MISSING.summary"),
            List.of(t.get("TOKEN_SCOPE_MISSING.cause.notRequested", scopeName(protocol, provider)),
                t.get("TOKEN_SCOPE_MISSING.cause.noConsent")),
            List.of(t.get("TOKEN_SCOPE_MISSING.solution.request", scopeName(protocol, provider)),
                t.get("TOKEN_SCOPE_MISSING.solution.consent")));
      case PLAN_NOT_SUPPORTED:
        return new Text(t.get("PLAN_NOT_SUPPORTED.summary"),
            List.of(t.get("PLAN_NOT_SUPPORTED.cause", access)),
            List.of(t.get("PLAN_NOT_SUPPORTED.solution.upgrade", access),
                t.get("PLAN_NOT_SUPPORTED.solution.otherProvider")));
      case RATE_LIMITED: {
        List<String> causes = new ArrayList<>(List.of(t.get("RATE_LIMITED.cause.logins")));
        if (protocol != Protocol.SMTP) {
          causes.add(t.get("RATE_LIMITED.cause.connections"));
        }
        if (protocol != Protocol.IMAP) {
          causes.add(t.get("RATE_LIMITED.cause.sendingLimit"));
        }
        List<String> solutions = new ArrayList<>(List.of(t.get("RATE_LIMITED.solution.wait")));
        if (protocol != Protocol.SMTP) {
          solutions.add(t.get("RATE_LIMITED.solution.closeOthers"));
        }
        solutions.add(t.get("RATE_LIMITED.solution.checkPassword"));
        return new Text(t.get("RATE_LIMITED.summary"), causes, solutions);
      }
      case SERVER_UNAVAILABLE:
        return new Text(t.get("SERVER_UNAVAILABLE.summary"),
            List.of(t.get("SERVER_UNAVAILABLE.cause.down"),
                t.get("SERVER_UNAVAILABLE.cause.closed")),
            List.of(t.get("SERVER_UNAVAILABLE.solution.retry"),
                t.get("SERVER_UNAVAILABLE.solution.statusPage")));
      case SERVER_NOT_FOUND:
        return new Text(t.get("SERVER_NOT_FOUND.summary"),
            List.of(t.get("SERVER_NOT_FOUND.cause.mistyped"),
                t.get("SERVER_NOT_FOUND.cause.noDns")),
            List.of(t.get("SERVER_NOT_FOUND.solution.checkAddress", serverName(t, protocol)),
                t.get("SERVER_NOT_FOUND.solution.checkNetwork")));
      case CONNECTION_REFUSED: {
        List<String> solutions = new ArrayList<>();
        solutions.add(t.get("CONNECTION_REFUSED.solution.checkSettings",
            serverName(t, protocol)));
        solutions.add(t.get("CONNECTION_REFUSED.solution.tlsMatchesPort", ports(t, protocol)));
        if (protocol == Protocol.SMTP) {
          solutions.add(t.get("CONNECTION_REFUSED.solution.otherSmtpPort"));
        }
        solutions.add(t.get("CONNECTION_REFUSED.solution.firewall"));
        return new Text(t.get("CONNECTION_REFUSED.summary"),
            List.of(t.get("CONNECTION_REFUSED.cause.wrongAddress"),
                t.get("CONNECTION_REFUSED.cause.blocked")),
            solutions);
      }
      case NETWORK_UNREACHABLE:
        return new Text(t.get("NETWORK_UNREACHABLE.summary"),
            List.of(t.get("NETWORK_UNREACHABLE.cause")),
            List.of(t.get("NETWORK_UNREACHABLE.solution")));
      case TIMEOUT:
        return new Text(t.get("TIMEOUT.summary"),
            List.of(t.get("TIMEOUT.cause.slow"), t.get("TIMEOUT.cause.firewall"),
                t.get("TIMEOUT.cause.securityMismatch")),
            List.of(t.get("TIMEOUT.solution.retry"),
                t.get("TIMEOUT.solution.tlsMatchesPort", ports(t, protocol)),
                t.get("TIMEOUT.solution.firewall")));
      case TLS_FAILURE:
        return new Text(t.get("TLS_FAILURE.summary"),
            List.of(t.get("TLS_FAILURE.cause.portMismatch"),
                t.get("TLS_FAILURE.cause.certificate"),
                t.get("TLS_FAILURE.cause.interception")),
            List.of(t.get("TLS_FAILURE.solution.use", ports(t, protocol)),
                t.get("TLS_FAILURE.solution.ownServer"),
                t.get("TLS_FAILURE.solution.proxies")));
      case AUTH_MECHANISM_UNSUPPORTED: {
        List<String> solutions = new ArrayList<>();
        if (appPasswords) {
          solutions.add(t.get("AUTH_MECHANISM_UNSUPPORTED.solution.appPassword"));
        }
        solutions.add(t.get("AUTH_MECHANISM_UNSUPPORTED.solution.encrypt"));
        solutions.add(t.get("AUTH_MECHANISM_UNSUPPORTED.solution.oauthOnly"));
        return new Text(t.get("AUTH_MECHANISM_UNSUPPORTED.summary"),
            List.of(t.get("AUTH_MECHANISM_UNSUPPORTED.cause.oauthOnly"),
                t.get("AUTH_MECHANISM_UNSUPPORTED.cause.plaintext")),
            solutions);
      }
      case MAILBOX_NOT_FOUND: {
        String which = protocol == Protocol.IMAP ? "folder"
            : protocol == Protocol.SMTP ? "recipient" : "either";
        return new Text(t.get("MAILBOX_NOT_FOUND." + which + ".summary"),
            List.of(t.get("MAILBOX_NOT_FOUND." + which + ".cause")),
            List.of(t.get("MAILBOX_NOT_FOUND." + which + ".solution")));
      }
      case QUOTA_EXCEEDED:
        return new Text(t.get("QUOTA_EXCEEDED.summary"),
            List.of(protocol == Protocol.SMTP
                ? t.get("QUOTA_EXCEEDED.cause.recipientOrAccount")
                : t.get("QUOTA_EXCEEDED.cause.mailbox")),
            List.of(t.get("QUOTA_EXCEEDED.solution")));
      case MESSAGE_REJECTED:
        return new Text(t.get("MESSAGE_REJECTED.summary"),
            List.of(t.get("MESSAGE_REJECTED.cause.spam"), t.get("MESSAGE_REJECTED.cause.size"),
                t.get("MESSAGE_REJECTED.cause.sender"),
                t.get("MESSAGE_REJECTED.cause.blockList")),
            List.of(t.get("MESSAGE_REJECTED.solution.ownAddress"),
                t.get("MESSAGE_REJECTED.solution.smaller"),
                t.get("MESSAGE_REJECTED.solution.readReply")));
      case PROTOCOL_ERROR:
        return new Text(t.get("PROTOCOL_ERROR.summary"),
            List.of(t.get("PROTOCOL_ERROR.cause")),
            List.of(t.get("PROTOCOL_ERROR.solution.checkServer", serverName(t, protocol)),
                t.get("PROTOCOL_ERROR.solution.report")));
      default:
        return new Text(t.get("UNKNOWN.summary"),
            List.of(t.get("UNKNOWN.cause")),
            List.of(t.get("UNKNOWN.solution.readReply"), t.get("UNKNOWN.solution.support")));
    }
  }

  /** The scope the provider wants for mail, in parentheses, or nothing when we do not know it. */
  private static String scopeName(Protocol protocol, ProviderDescriptor provider) {
    if (provider == null) {
      return "";
    }
    switch (provider.id()) {
      case "gmail":
        return " (https://mail.google.com/)";
      case "outlook":
      case "microsoft365":
        return protocol == Protocol.IMAP ? " (IMAP.AccessAsUser.All)"
            : protocol == Protocol.SMTP ? " (SMTP.Send)" : " (IMAP.AccessAsUser.All, SMTP.Send)";
      default:
        return "";
    }
  }

  private static String accessName(Protocol protocol) {
    return protocol == Protocol.SMTP ? "SMTP" : protocol == Protocol.IMAP ? "IMAP" : "IMAP/SMTP";
  }

  private static String serverName(Texts t, Protocol protocol) {
    return t.get(protocol == Protocol.SMTP ? "server.smtp"
        : protocol == Protocol.IMAP ? "server.imap" : "server.any");
  }

  private static String ports(Texts t, Protocol protocol) {
    return t.get(protocol == Protocol.IMAP ? "ports.imap"
        : protocol == Protocol.SMTP ? "ports.smtp" : "ports.any");
  }

  /** The wait that suits a kind when the server names none. */
  static Duration defaultRetryAfter(FailureKind kind) {
    switch (kind) {
      case RATE_LIMITED:
        return Duration.ofMinutes(10);
      case SERVER_UNAVAILABLE:
      case NETWORK_UNREACHABLE:
      case TOKEN_EXPIRED:
        return Duration.ofMinutes(1);
      case TIMEOUT:
        return Duration.ofSeconds(30);
      default:
        return null;
    }
  }

  /**
   * The provider's facts that bear on {@code kind} (and its alternatives), for people, in the
   * language of {@code locale}.
   */
  static List<String> hints(FailureKind kind, List<FailureKind> alternatives,
      ProviderDescriptor provider, Protocol protocol, Locale locale) {
    if (provider == null) {
      return List.of();
    }
    Texts t = Texts.of("diagnosis", locale);
    List<String> hints = new ArrayList<>();
    String name = provider.displayName();
    SetupGuide guide = provider.setupGuide(locale);
    List<FailureKind> all = new ArrayList<>(alternatives);
    all.add(0, kind);
    boolean credentials = all.contains(FailureKind.INVALID_CREDENTIALS)
        || all.contains(FailureKind.APP_PASSWORD_REQUIRED)
        || all.contains(FailureKind.WEB_LOGIN_REQUIRED);
    if (credentials) {
      guide.startPage().ifPresent(page -> hints.add(t.get("hint.startPage", page)));
    }
    if (credentials || all.contains(FailureKind.ACCESS_DISABLED)
        || all.contains(FailureKind.PLAN_NOT_SUPPORTED)) {
      for (Prerequisite prerequisite : provider.prerequisites(locale)) {
        hints.add(t.get("hint.provider", name, prerequisite.description()));
      }
      if (all.contains(FailureKind.ACCESS_DISABLED)) {
        guide.enableAccessSteps().forEach(step -> hints.add(t.get("hint.provider", name, step)));
      }
    }
    if (credentials) {
      provider.appPasswordPolicy().format().ifPresent(format ->
          hints.add(t.get("hint.format", name, format.describe(locale))));
      for (Protocol p : protocol == null ? List.of(Protocol.IMAP, Protocol.SMTP) : List.of(protocol)) {
        hints.add(t.get(provider.loginName(p) == LoginName.LOCAL_PART
            ? "hint.login.localPart" : "hint.login.address", name, p));
      }
      guide.revocation().ifPresent(path -> hints.add(t.get("hint.revocation", name, path)));
      hints.addAll(guide.notes());
    }
    if (all.contains(FailureKind.CONNECTION_REFUSED) || all.contains(FailureKind.SERVER_NOT_FOUND)
        || all.contains(FailureKind.TLS_FAILURE) || all.contains(FailureKind.TIMEOUT)) {
      String imap = t.get("hint.servers", name, "IMAP", describe(t, provider.imap()));
      String smtp = t.get("hint.servers", name, "SMTP", provider.smtp().stream()
          .map(e -> describe(t, e)).collect(Collectors.joining(t.get("hint.servers.or"))));
      // The failed protocol's servers only; both when the protocol is unknown.
      hints.addAll(protocol == Protocol.SMTP ? List.of(smtp)
          : protocol == Protocol.IMAP ? List.of(imap) : List.of(imap, smtp));
    }
    return hints;
  }

  private static String describe(Texts t, ServerEndpoint endpoint) {
    return t.get("hint.endpoint", endpoint.host(), endpoint.port(), endpoint.security().label());
  }
}
