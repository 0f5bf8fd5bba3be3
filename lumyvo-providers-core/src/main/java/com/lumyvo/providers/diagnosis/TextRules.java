package com.lumyvo.providers.diagnosis;

import static com.lumyvo.providers.diagnosis.FailureKind.ACCESS_DISABLED;
import static com.lumyvo.providers.diagnosis.FailureKind.APP_PASSWORD_REQUIRED;
import static com.lumyvo.providers.diagnosis.FailureKind.AUTH_MECHANISM_UNSUPPORTED;
import static com.lumyvo.providers.diagnosis.FailureKind.CONNECTION_REFUSED;
import static com.lumyvo.providers.diagnosis.FailureKind.INVALID_CREDENTIALS;
import static com.lumyvo.providers.diagnosis.FailureKind.MAILBOX_NOT_FOUND;
import static com.lumyvo.providers.diagnosis.FailureKind.MESSAGE_REJECTED;
import static com.lumyvo.providers.diagnosis.FailureKind.NETWORK_UNREACHABLE;
import static com.lumyvo.providers.diagnosis.FailureKind.PLAN_NOT_SUPPORTED;
import static com.lumyvo.providers.diagnosis.FailureKind.PROTOCOL_ERROR;
import static com.lumyvo.providers.diagnosis.FailureKind.QUOTA_EXCEEDED;
import static com.lumyvo.providers.diagnosis.FailureKind.RATE_LIMITED;
import static com.lumyvo.providers.diagnosis.FailureKind.SERVER_NOT_FOUND;
import static com.lumyvo.providers.diagnosis.FailureKind.SERVER_UNAVAILABLE;
import static com.lumyvo.providers.diagnosis.FailureKind.TIMEOUT;
import static com.lumyvo.providers.diagnosis.FailureKind.TLS_FAILURE;
import static com.lumyvo.providers.diagnosis.FailureKind.WEB_LOGIN_REQUIRED;

import java.util.List;

/**
 * Wording that decides the kind whatever the reply code says, in two tiers: {@link #DECISIVE}
 * phrases name their cause outright and beat every code ("Application-specific password
 * required" arrives as {@code 534 5.7.9}, which RFC 4954 calls a weak mechanism); {@link
 * #GENERAL} phrases are read only when no code decides. Phrases are matched in lower case, in
 * order, first match wins. Sources of the wording are in the classification corpus.
 */
final class TextRules {
  /** A set of phrases that mean one kind. */
  record Rule(Finding finding, List<String> phrases) {
    Finding match(String lowerCaseText) {
      for (String phrase : phrases) {
        if (lowerCaseText.contains(phrase)) {
          return finding;
        }
      }
      return null;
    }
  }

  private static Rule rule(Finding finding, String... phrases) {
    return new Rule(finding, List.of(phrases));
  }

  static final List<Rule> DECISIVE = List.of(
      // Providers that say what they want.
      rule(Finding.of(APP_PASSWORD_REQUIRED),
          "application-specific password required", "application specific password required",
          "app password required", "app-specific password required"),
      // Yahoo's answer to a regular password where an app password is needed (PHPMailer#2034).
      rule(Finding.of(APP_PASSWORD_REQUIRED, RATE_LIMITED, INVALID_CREDENTIALS), "(#auth005)"),
      rule(Finding.of(WEB_LOGIN_REQUIRED, APP_PASSWORD_REQUIRED),
          "log in via your web browser", "login via web browser", "log in with your web browser",
          "login via your web browser", "weblogin", "web login required"),
      rule(Finding.of(WEB_LOGIN_REQUIRED, ACCESS_DISABLED),
          "verify your identity", "account is blocked", "account has been blocked"),
      rule(Finding.of(ACCESS_DISABLED, INVALID_CREDENTIALS),
          "imap access is not allowed", "imap access is disabled", "imap is disabled",
          "imap access disabled", "imap is not enabled", "imap access is not enabled",
          "pop3 and imap", "pop3 & imap", "smtpclientauthentication is disabled",
          "smtp auth is disabled", "login disabled", "access is disabled for this account",
          "not enabled for imap"),
      rule(Finding.of(PLAN_NOT_SUPPORTED, ACCESS_DISABLED),
          "upgrade your plan", "not available on your plan", "not available in your plan",
          "requires a paid plan", "premium subscription"),
      rule(Finding.of(AUTH_MECHANISM_UNSUPPORTED, ACCESS_DISABLED),
          "basic authentication is disabled", "basic auth is disabled",
          "no supported authentication", "unsupported authentication mechanism",
          "authentication mechanism is too weak", "password transition is needed",
          "no compatible authentication"),
      rule(Finding.of(AUTH_MECHANISM_UNSUPPORTED, TLS_FAILURE),
          "plaintext authentication disallowed", "cleartext authentication disallowed",
          "encryption required for requested authentication", "[privacyrequired]",
          "must issue a starttls command first"),
      rule(Finding.of(TLS_FAILURE, AUTH_MECHANISM_UNSUPPORTED),
          "starttls is required", "could not convert socket to tls"),
      rule(Finding.of(TLS_FAILURE),
          "unrecognized ssl message", "plaintext connection?", "wrong version number",
          "sslhandshakeexception", "certpathvalidatorexception", "pkix path", "trust anchor",
          "no subject alternative", "no name matching", "terminated the handshake",
          "during handshake", "sslhandshake failed", "certificateexception"),
      // Outlook's reply to an expired OAuth token or a rejected login (FairEmail EmailService).
      rule(Finding.of(INVALID_CREDENTIALS, PROTOCOL_ERROR), "bad command error. 10"),
      rule(Finding.of(RATE_LIMITED, SERVER_UNAVAILABLE),
          "too many login attempts", "too many simultaneous connections", "too many connections",
          "maximum number of connections", "rate limit", "unusual sending activity",
          "sending quota exceeded", "sending limit exceeded", "too many bad auth attempts",
          "authenticated but not connected", "too many concurrent"),
      rule(Finding.of(SERVER_UNAVAILABLE, INVALID_CREDENTIALS), "temporary authentication failure"),
      // Jakarta Mail's fixed text for an SMTP greeting that is not 220 ("Got bad greeting from
      // SMTP host: h, port: p, response: c"): the server refuses service, as an IMAP BYE
      // greeting does, whatever the code.
      rule(Finding.of(SERVER_UNAVAILABLE, PROTOCOL_ERROR), "bad greeting"),
      // Jakarta Mail's words when a server sent no greeting: mostly TLS spoken to a plain port.
      rule(Finding.of(TLS_FAILURE, SERVER_UNAVAILABLE, PROTOCOL_ERROR), "response: -1"));

  static final List<Rule> GENERAL = List.of(
      rule(Finding.of(MESSAGE_REJECTED, RATE_LIMITED),
          "block listed", "blocklisted", "blacklisted", "policy violation", "client host",
          "failure sending mail"),
      rule(Finding.of(MESSAGE_REJECTED),
          "spam", "phishing", "virus", "malware", "illegal attachment", "relay access denied",
          "relaying disallowed", "relaying denied", "relay not permitted",
          "sender address is not allowed", "message size", "message too large",
          "size exceeds", "size limit"),
      rule(Finding.of(QUOTA_EXCEEDED, MESSAGE_REJECTED),
          "quota", "insufficient system storage", "exceeded storage", "mailbox full",
          "mailbox is full", "too many messages"),
      rule(Finding.of(MAILBOX_NOT_FOUND),
          "mailbox does not exist", "mailbox doesn't exist", "no such mailbox", "unknown user",
          "no such user", "does not exist", "mailbox unavailable", "user unknown"),
      rule(Finding.of(INVALID_CREDENTIALS, APP_PASSWORD_REQUIRED, ACCESS_DISABLED),
          "invalid credentials", "authentication failed", "authentication failure",
          "credentials invalid", "credentials were incorrect", "not accepted",
          "incorrect username or password", "login incorrect", "invalid login",
          "login failed", "authentication unsuccessful", "username or password is wrong",
          "bad credentials", "authenticate failed", "invalid password", "auth failed"),
      rule(Finding.of(PROTOCOL_ERROR, INVALID_CREDENTIALS),
          "authentication required", "must be authenticated", "not authenticated"),
      rule(Finding.of(TIMEOUT, SERVER_UNAVAILABLE),
          "timed out", "disconnected for inactivity", "autologout", "idle for too long"),
      rule(Finding.of(SERVER_UNAVAILABLE, TLS_FAILURE, RATE_LIMITED, TIMEOUT),
          "connection reset", "broken pipe", "connection dropped by server"),
      rule(Finding.of(SERVER_UNAVAILABLE, RATE_LIMITED),
          "temporarily unavailable", "temporarily not available", "temporary server error",
          "try again later", "backend down", "server error", "local error in processing",
          "service not available", "not available now", "internal error", "waiting for lock",
          "server(s) unavailable", "shutting down"),
      rule(Finding.of(PROTOCOL_ERROR),
          "parse error", "command not recognized", "unrecognized command", "syntax error",
          "bad command", "command error", "not valid in this state", "select a mailbox first",
          "only command allowed", "invalid sasl", "line too long", "already specified",
          "must come before", "error in imap command", "invalid imap commands",
          "not supported", "invalid mailbox name", "cannot append",
          // The JDK's names for a client choking on an answer, as logs print them.
          "outofmemoryerror", "indexoutofboundsexception", "negativearraysizeexception"),
      rule(Finding.of(SERVER_NOT_FOUND, NETWORK_UNREACHABLE),
          "unknownhostexception", "unknown host", "unable to resolve host",
          "no address associated with hostname", "name or service not known", "eai_nodata",
          "nodename nor servname"),
      rule(Finding.of(NETWORK_UNREACHABLE),
          "network is unreachable", "enetunreach", "no route to host", "host unreachable"),
      rule(Finding.of(CONNECTION_REFUSED, NETWORK_UNREACHABLE),
          "connection refused", "econnrefused", "eacces"),
      // Jakarta Mail's wrapper alone: the cause that would tell is missing.
      rule(Finding.of(CONNECTION_REFUSED, NETWORK_UNREACHABLE, TIMEOUT, SERVER_NOT_FOUND),
          "couldn't connect to host", "could not connect to"),
      rule(Finding.of(TLS_FAILURE),
          "ssl", "tls", "certificate", "certpath", "pkix", "handshake", "trust anchor",
          "subject alternative", "no name matching"));

  private TextRules() {}

  /** The first rule of {@code rules} whose phrase occurs in {@code lowerCaseText}, or null. */
  static Finding first(List<Rule> rules, String lowerCaseText) {
    for (Rule rule : rules) {
      Finding finding = rule.match(lowerCaseText);
      if (finding != null) {
        return finding;
      }
    }
    return null;
  }
}
