package com.lumyvo.providers.diagnosis;

import com.lumyvo.providers.Prerequisite;
import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.ServerEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What to tell a person for each kind: our troubleshooting guide's causes and solutions, in our
 * words, plus the facts of the account's provider that bear on it.
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
    // A provider we know without an access switch (Yahoo, iCloud) must not be told to use one;
    // for an unknown provider the switch is named as a possibility.
    boolean accessSwitch = provider == null
        || provider.requires(Prerequisite.Kind.IMAP_ACCESS_ENABLED)
        || !provider.setupGuide().enableAccessSteps().isEmpty();
    boolean twoFactor = provider == null || provider.appPasswordPolicy().requiresTwoFactor();
    boolean appPasswords = provider == null || !provider.appPasswordPolicy().oauthOnly();
    String access = accessName(protocol);
    switch (kind) {
      case INVALID_CREDENTIALS: {
        List<String> causes = new ArrayList<>();
        List<String> solutions = new ArrayList<>();
        if (appPasswords) {
          causes.add("The regular account password was used instead of an app password.");
          causes.add("The app password was copied with spaces or with characters missing.");
          solutions.add("Make sure the password is an app password, not the regular one.");
          solutions.add("Copy the whole app password again; spaces are removed for you.");
        } else {
          causes.add("The password is wrong or was changed.");
          solutions.add("Check the password and enter it again.");
        }
        if (twoFactor && appPasswords) {
          causes.add("Two-factor authentication is off, so the app password is not valid yet.");
          solutions.add("Turn on two-factor authentication in the account settings.");
        }
        if (accessSwitch) {
          causes.add(provider == null
              ? access + " access may be switched off in the account's settings."
              : access + " access is switched off in the account's settings.");
          solutions.add(provider == null
              ? "If the provider has a setting for " + access + " access, make sure it is on."
              : "Switch on " + provider.displayName() + "'s setting that lets email programs"
                  + " connect (its steps are in the provider hints).");
        }
        if (appPasswords) {
          causes.add("The app password was revoked, or the account password changed since.");
          solutions.add("Generate a new app password and try once more with it.");
        }
        return new Text("The server did not accept the login name or password.", causes,
            solutions);
      }
      case APP_PASSWORD_REQUIRED:
        if (!appPasswords) {
          return new Text("The provider does not accept a password for this account.",
              List.of("The provider accepts only OAuth sign-in for email programs."),
              List.of("Connect this account with OAuth; it cannot connect with a password."));
        }
        return new Text("The provider requires an app password for this account.",
            twoFactor
                ? List.of("The regular account password was used where the provider accepts"
                    + " only an app password.", "Two-factor authentication is on for the account.")
                : List.of("The regular account password was used where the provider accepts"
                    + " only an app password."),
            List.of("Generate an app password in the account's security settings.",
                "Use the app password here instead of the regular password."));
      case WEB_LOGIN_REQUIRED: {
        List<String> solutions = new ArrayList<>(List.of(
            "Sign in to the provider's website in a browser and follow what it asks.",
            "Use a browser the account has been signed in with for a while (not a private"
                + " window), then connect again."));
        if (appPasswords) {
          solutions.add("If the provider offers app passwords, generate one and use it.");
        }
        return new Text("The provider wants the person to sign in with a web browser first.",
            List.of("The provider saw an unusual sign-in and wants to confirm it.",
                "The account needs a security check, a password reset or new terms accepted."),
            solutions);
      }
      case ACCESS_DISABLED:
        if (!accessSwitch) {
          return new Text(access + " access is refused for this account.",
              List.of("The provider or the organization's administrator does not allow this"
                  + " access for the account."),
              List.of("For a work account, ask the administrator to allow " + access
                  + " access.", "Contact the provider's support with the server's reply."));
        }
        return new Text(access + " access is switched off for this account.",
            List.of("The account's mail settings do not allow " + access + " access.",
                "The organization's administrator has turned this access off."),
            List.of(provider == null
                    ? "Switch on " + access + " access in the provider's mail settings."
                    : "Switch on " + provider.displayName() + "'s setting that lets email"
                        + " programs connect (its steps are in the provider hints).",
                "For a work account, ask the administrator to allow " + access + " access."));
      case TOKEN_EXPIRED:
        return new Text("The server refused the sign-in token as expired or invalid.",
            List.of("The access token ran out and the fresh one the service fetched was"
                    + " refused too.",
                "The service's token source hands out old tokens, or its refresh token no"
                    + " longer works."),
            List.of("Try again in a minute with a token the token source has just refreshed.",
                "If it keeps failing, check the service's token source and its refresh token;"
                    + " if the refresh token is dead, connect the account again."));
      case TOKEN_REVOKED:
        return new Text("The account's permission for this app was withdrawn.",
            List.of(provider == null
                    ? "The person revoked the app's access, or an administrator removed it."
                    : "The person revoked the app's access in the " + provider.displayName()
                        + " account, or an administrator removed it.",
                "The refresh token expired or was invalidated, for example after a password"
                    + " change."),
            List.of("Ask the person to connect the account again: sign in and give consent.",
                "Trying again with the same token cannot succeed."));
      case TOKEN_SCOPE_MISSING:
        return new Text("The sign-in token does not allow access to the mail.",
            List.of("The service did not request the mail scope"
                    + scopeName(protocol, provider) + " when the person signed in.",
                "The person did not consent to mail access."),
            List.of("Request the mail scope" + scopeName(protocol, provider)
                    + " in the service's sign-in.",
                "Ask the person to sign in again and consent to mail access."));
      case PLAN_NOT_SUPPORTED:
        return new Text("The account's plan does not include this kind of access.",
            List.of("Free plans of some providers have no " + access + " access."),
            List.of("Upgrade the account to a plan with " + access + " access.",
                "Or connect a mailbox at a provider whose plan includes it."));
      case RATE_LIMITED:
        return new Text("The server is limiting logins, connections or messages for now.",
            protocol == Protocol.IMAP
                ? List.of("Too many login attempts, often with a wrong password.",
                    "Too many connections open at once to the same mailbox.")
                : protocol == Protocol.SMTP
                    ? List.of("Too many login attempts, often with a wrong password.",
                        "The account's sending limit was reached.")
                    : List.of("Too many login attempts, often with a wrong password.",
                        "Too many connections open at once to the same mailbox.",
                        "The account's sending limit was reached."),
            protocol == Protocol.SMTP
                ? List.of("Wait before trying again; repeating now extends the block.",
                    "Check the password before the next attempt.")
                : List.of("Wait before trying again; repeating now extends the block.",
                    "Close other programs connected to the same mailbox.",
                    "Check the password before the next attempt."));
      case SERVER_UNAVAILABLE:
        return new Text("The mail server has a temporary problem.",
            List.of("The server or its login backend is down or overloaded.",
                "The server closed the connection."),
            List.of("Try again in a few minutes.",
                "If it lasts, check the provider's status page."));
      case SERVER_NOT_FOUND:
        return new Text("The server's host name could not be found.",
            List.of("The server address is mistyped or wrong for this provider.",
                "This machine has no working DNS or no network."),
            List.of("Check the " + serverName(protocol) + " address against the provider's"
                    + " settings.",
                "Check the network connection and DNS."));
      case CONNECTION_REFUSED: {
        List<String> solutions = new ArrayList<>();
        solutions.add("Check the " + serverName(protocol) + " settings for the provider.");
        solutions.add("Make sure SSL/TLS is enabled and matches the port (" + ports(protocol)
            + ").");
        if (protocol == Protocol.SMTP) {
          solutions.add("Try the other SMTP port (465 or 587).");
        }
        solutions.add("Check firewall and antivirus settings.");
        return new Text("The server refused the connection.",
            List.of("Wrong server address or port number.",
                "A firewall, antivirus or network policy blocks the port."),
            solutions);
      }
      case NETWORK_UNREACHABLE:
        return new Text("This machine cannot reach the server's network.",
            List.of("No network connection, or no route to the server (IPv6 without an IPv6"
                + " network is common)."),
            List.of("Check the network connection and try again."));
      case TIMEOUT:
        return new Text("The server did not answer in time.",
            List.of("A slow or overloaded network or server.",
                "A firewall silently dropping the connection.",
                "A security setting that does not match the port, so both sides wait."),
            List.of("Try again.", "Check that SSL/TLS matches the port (" + ports(protocol) + ").",
                "Check firewall settings."));
      case TLS_FAILURE:
        return new Text("A secure (TLS) connection to the server could not be set up.",
            List.of("The security setting does not match the port: SSL/TLS on a STARTTLS port"
                    + " or the reverse.",
                "The server's certificate is not trusted or names another host.",
                "Something on the network intercepts TLS (a proxy or antivirus)."),
            List.of("Use " + ports(protocol) + ".",
                "Check that the server address is the provider's own.",
                "Check proxies and antivirus programs that inspect TLS."));
      case AUTH_MECHANISM_UNSUPPORTED: {
        List<String> solutions = new ArrayList<>();
        if (appPasswords) {
          solutions.add("Use an app password if the provider offers one.");
        }
        solutions.add("Make sure the connection uses SSL/TLS or STARTTLS.");
        solutions.add("If the provider accepts only OAuth, this account cannot connect with a"
            + " password.");
        return new Text("The server does not accept this way of logging in.",
            List.of("The provider turned off password logins and accepts only OAuth.",
                "The server refuses passwords before the connection is encrypted."),
            solutions);
      }
      case MAILBOX_NOT_FOUND:
        return protocol == Protocol.IMAP
            ? new Text("The folder does not exist.",
                List.of("The folder was renamed or deleted, or its name is mistyped."),
                List.of("Check the folder name; list the folders to see what exists."))
            : protocol == Protocol.SMTP
                ? new Text("The recipient mailbox does not exist.",
                    List.of("The address is mistyped, or the mailbox was closed."),
                    List.of("Check the recipient address."))
                : new Text("The folder or recipient mailbox does not exist.",
                    List.of("The folder was renamed or deleted, or the address is mistyped."),
                    List.of("Check the folder name or the recipient address."));
      case QUOTA_EXCEEDED:
        return new Text("A mailbox is full.",
            List.of(protocol == Protocol.SMTP
                ? "The recipient's mailbox or the account's storage reached its limit."
                : "The mailbox reached its storage limit."),
            List.of("Delete or archive mail, or upgrade the storage."));
      case MESSAGE_REJECTED:
        return new Text("The server refused the message.",
            List.of("The content looked like spam or carried a blocked attachment.",
                "The message is too large.",
                "The sender address is not one this account may send as.",
                "The sending server's address is on a block list."),
            List.of("Send from the account's own address.",
                "Make the message smaller or remove the attachment.",
                "Read the server's reply for the exact reason."));
      case PROTOCOL_ERROR:
        return new Text("The client and the server did not understand each other.",
            List.of("The server broke the protocol, or a bug or incompatibility in the client"
                + " or the server."),
            List.of("Check that the server address and port are the provider's mail server"
                    + " for " + serverName(protocol) + ".",
                "Report it with the server's reply; repeating it unchanged will fail the same"
                    + " way."));
      default:
        return new Text("The failure could not be classified.",
            List.of("Nothing in the error or the reply says what happened."),
            List.of("Read the server's reply or the error for details.",
                "Check the account's settings; if they are right, contact support with the"
                    + " details."));
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

  private static String serverName(Protocol protocol) {
    return protocol == Protocol.SMTP ? "SMTP server" : protocol == Protocol.IMAP
        ? "IMAP server" : "server";
  }

  private static String ports(Protocol protocol) {
    if (protocol == Protocol.IMAP) {
      return "SSL/TLS on port 993, STARTTLS on 143";
    }
    if (protocol == Protocol.SMTP) {
      return "SSL/TLS on port 465, STARTTLS on 587";
    }
    return "SSL/TLS on ports 993 and 465, STARTTLS on 587";
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

  /** The provider's facts that bear on {@code kind} (and its alternatives), for people. */
  static List<String> hints(FailureKind kind, List<FailureKind> alternatives,
      ProviderDescriptor provider, Protocol protocol) {
    if (provider == null) {
      return List.of();
    }
    List<String> hints = new ArrayList<>();
    String name = provider.displayName();
    List<FailureKind> all = new ArrayList<>(alternatives);
    all.add(0, kind);
    boolean credentials = all.contains(FailureKind.INVALID_CREDENTIALS)
        || all.contains(FailureKind.APP_PASSWORD_REQUIRED)
        || all.contains(FailureKind.WEB_LOGIN_REQUIRED);
    if (credentials) {
      provider.setupGuide().startPage().ifPresent(page ->
          hints.add("Create an app password at " + page + "."));
    }
    if (credentials || all.contains(FailureKind.ACCESS_DISABLED)
        || all.contains(FailureKind.PLAN_NOT_SUPPORTED)) {
      for (Prerequisite prerequisite : provider.prerequisites()) {
        hints.add(name + ": " + prerequisite.description());
      }
      if (all.contains(FailureKind.ACCESS_DISABLED)) {
        provider.setupGuide().enableAccessSteps().forEach(step -> hints.add(name + ": " + step));
      }
    }
    if (credentials) {
      provider.appPasswordPolicy().format().ifPresent(format ->
          hints.add(name + " app passwords are " + format.describe() + "."));
      for (Protocol p : protocol == null ? List.of(Protocol.IMAP, Protocol.SMTP) : List.of(protocol)) {
        hints.add(name + " " + p + " logs in with " + describe(provider.loginName(p)) + ".");
      }
      provider.setupGuide().revocation().ifPresent(path ->
          hints.add("To revoke an app password at " + name + ": " + path + "."));
      hints.addAll(provider.setupGuide().notes());
    }
    if (all.contains(FailureKind.CONNECTION_REFUSED) || all.contains(FailureKind.SERVER_NOT_FOUND)
        || all.contains(FailureKind.TLS_FAILURE) || all.contains(FailureKind.TIMEOUT)) {
      String imap = name + " IMAP: " + describe(provider.imap()) + ".";
      String smtp = name + " SMTP: " + provider.smtp().stream().map(Advice::describe)
          .collect(Collectors.joining(", or ")) + ".";
      // The failed protocol's servers only; both when the protocol is unknown.
      hints.addAll(protocol == Protocol.SMTP ? List.of(smtp)
          : protocol == Protocol.IMAP ? List.of(imap) : List.of(imap, smtp));
    }
    return hints;
  }

  private static String describe(com.lumyvo.providers.LoginName loginName) {
    return loginName == com.lumyvo.providers.LoginName.LOCAL_PART
        ? "the part of the address before the @" : "the full email address";
  }

  private static String describe(ServerEndpoint endpoint) {
    return endpoint.host() + " port " + endpoint.port() + " " + endpoint.security().label();
  }
}
