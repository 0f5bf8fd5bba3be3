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
import static com.lumyvo.providers.diagnosis.FailureKind.TOKEN_EXPIRED;
import static com.lumyvo.providers.diagnosis.FailureKind.TOKEN_REVOKED;
import static com.lumyvo.providers.diagnosis.FailureKind.TOKEN_SCOPE_MISSING;
import static com.lumyvo.providers.diagnosis.FailureKind.WEB_LOGIN_REQUIRED;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Wording that decides the kind, as families of phrasing rather than the phrases of single
 * replies, in two tiers: {@link #DECISIVE} wording names its cause outright and beats every code
 * ("Application-specific password required" arrives as {@code 534 5.7.9}, which RFC 4954 calls
 * a weak mechanism); {@link #GENERAL} wording is read only when no code decides. Text is matched
 * in lower case, rule by rule, first match wins.
 *
 * <p>A {@link #family} is a list of phrases, each a regular expression over the many ways
 * servers and libraries say one thing (synonyms of one idea sit in one phrase); every phrase must
 * match no corpus row or at least two, which {@code TextRulesTest} counts. A {@link #fixed} rule
 * names exact texts that a provider or library always sends the same way, with the source that
 * shows it is fixed; only those may match a single known reply.
 * Patterns use only bounded repetition, so matching stays linear in the text.
 */
final class TextRules {
  /**
   * A way of saying one kind of failure: a family of wording, or fixed texts with the source
   * that shows they are fixed ({@code fixedTextSource} null for a family).
   */
  record Rule(Finding finding, Pattern pattern, String fixedTextSource, List<String> phrases) {
    Finding match(String lowerCaseText) {
      return pattern.matcher(lowerCaseText).find() ? finding : null;
    }
  }

  /** A family of wording: the alternatives are regular expressions, joined with "or". */
  private static Rule family(Finding finding, String... alternatives) {
    return new Rule(finding, Pattern.compile(String.join("|", alternatives)), null,
        List.of(alternatives));
  }

  /** Exact texts that a provider or library sends unchanged, with the source that shows it. */
  private static Rule fixed(String source, Finding finding, String... texts) {
    StringBuilder pattern = new StringBuilder();
    for (String text : texts) {
      pattern.append(pattern.length() == 0 ? "" : "|").append(Pattern.quote(text));
    }
    return new Rule(finding, Pattern.compile(pattern.toString()), source, List.of(texts));
  }

  /** Words that name a login: user name, password, credentials and their combinations. */
  private static final String LOGIN_WORDS =
      "(?:user ?name|user|login|e-?mail|account|password|passwd|passwort|credentials?)"
          + "(?:(?: and| or| &|/) ?(?:user ?name|password|passwd|passwort))?";
  private static final String MAILBOX_WORDS =
      "(?:mailbox|folder|user|recipient|address|account|addressee|destination)";

  /**
   * A server's words as it closes the connection, which say why: read before the broken
   * connection that follows them (an end of stream says nothing more than the words did).
   */
  static final List<Rule> PARTING = List.of(
      // Microsoft's IMAP servers end a session whose OAuth token has expired with this fixed
      // BYE at the next command (iroco-co/aioimaplib#83, imapsync/imapsync#250): a token to
      // renew, not a server going away.
      fixed("Microsoft's BYE for an expired token: iroco-co/aioimaplib#83, imapsync/imapsync#250",
          Finding.of(TOKEN_EXPIRED, SERVER_UNAVAILABLE),
          "session invalidated - accesstokenexpired"));

  static final List<Rule> DECISIVE = List.of(
      // AUTH (or anything) sent in the middle of a mail transaction: a command in the wrong
      // state, whatever the words say about authentication.
      family(Finding.of(PROTOCOL_ERROR),
          "(?:during|in the middle of|within) (?:an? |the )?(?:mail |smtp )?transaction",
          // An answer to a challenge that is not base64: the client's encoding, not its password.
          "(?:invalid|bad|malformed) base64|base64 (?:decod\\w{1,4} )?(?:error|failed)"),
      // OAuth's own error codes and the fixed description of invalid_grant, from token
      // endpoints (RFC 6749 section 5.2) and resource servers (RFC 6750 section 3.1), as
      // clients print them: registered strings that name the token's trouble outright.
      fixed("RFC 6749 section 5.2: the invalid_grant code and its description",
          Finding.of(TOKEN_REVOKED, TOKEN_EXPIRED),
          "invalid_grant", "the provided authorization grant"),
      fixed("RFC 6750 section 3.1: the insufficient_scope code",
          Finding.of(TOKEN_SCOPE_MISSING, ACCESS_DISABLED), "insufficient_scope"),
      fixed("RFC 6750 section 3.1: the invalid_token code",
          Finding.of(TOKEN_EXPIRED, TOKEN_REVOKED), "invalid_token"),
      family(Finding.of(TOKEN_REVOKED, TOKEN_EXPIRED),
          "(?:consent|grant|access|token) (?:has been |was )?(?:revoked|withdrawn)"
              + "|grant (?:has |is )?(?:expired|invalid)"
              + "|(?:invalid|expired|revoked) refresh token|refresh token (?:is |has )?(?:invalid"
              + "|expired|revoked)"),
      // Providers that say what they want.
      family(Finding.of(APP_PASSWORD_REQUIRED),
          // An app password named as what is needed, in either word order.
          "app(?:lication)?[- ]?specific password"
              + "|app[- ]?passwor[dt]s? (?:is |are )?(?:required|needed|must be used)"
              + "|(?:requires?|needs?|must use|use) an? app(?:lication)?[- ]passwor[dt]"
              + "|only app(?:lication)?[- ]?passwor[dt]s? (?:are |is )?(?:allowed|accepted|permitted)"),
      // Yahoo's code for a regular password where an app password is needed, quoted in its
      // replies as "(#AUTH005)" (PHPMailer/PHPMailer#2034, imapsync FAQ.Yahoo.txt).
      fixed("Yahoo's AUTH005 code: PHPMailer/PHPMailer#2034, imapsync/imapsync FAQ.Yahoo.txt",
          Finding.of(APP_PASSWORD_REQUIRED, RATE_LIMITED, INVALID_CREDENTIALS), "(#auth005)"),
      family(Finding.of(WEB_LOGIN_REQUIRED, APP_PASSWORD_REQUIRED, ACCESS_DISABLED),
          "(?:log|sign) ?(?:in|on)(?: to your account)? (?:via|with|using|through|from|in)"
              + " (?:your |a )?(?:web ?)?browser|web ?login"),
      // Google's link to continue a sign-in, in both of its spellings.
      fixed("Google's fixed sign-in links accounts.google.com/signin/continue and ContinueSignIn",
          Finding.of(WEB_LOGIN_REQUIRED, APP_PASSWORD_REQUIRED, ACCESS_DISABLED),
          "signin/continue", "continuesignin"),
      // A command the session's state does not allow: whatever code comes with it (Stalwart
      // answers "Already in TLS mode" with 5.7.4, SubEthaSMTP "454 TLS not available due to
      // temporary reason: TLS already active"), the two sides disagree on the state. Read
      // before the wording about TLS.
      family(Finding.of(PROTOCOL_ERROR),
          "already (?:authenticated|active|enabled|in \\w{1,10} mode|given|logged in"
              + "|specified|started|negotiated|agreed|(?:running |using )?(?:in )?(?:tls|ssl|starttls)\\b)"
              + "|(?:can't|cannot) (?:log ?in|authenticate) twice",
          // A client that speaks before the server has answered, or speaks another protocol.
          "(?:talk|talking|spoke|speaks?) too (?:soon|early)|early talker"
              + "|http (?:requests?|commands?) (?:are )?not allowed"),
      family(Finding.of(SERVER_UNAVAILABLE, RATE_LIMITED),
          "shutting down|(?:server|service|system) (?:is )?shut ?down|during (?:\\w{1,20} )?"
              + "shutdown|maintenance"),
      // Encryption demanded or missing, whatever else the reply says ("IMAP access disabled via
      // insecure connection", "LOGIN is disabled on the clear-text port"): the fix is the
      // security setting, so this is read before access that is switched off.
      family(Finding.of(TLS_FAILURE, AUTH_MECHANISM_UNSUPPORTED),
          "(?:plaintext|cleartext|plain text|clear text|plain|non-encrypted|unencrypted|insecure)"
              + " (?:(?:smtp|imap|pop3?) )?(?:authentication|auth|logins?|passwords?) (?:is |are )?"
              + "(?:disallowed|not allowed|not permitted|disabled|refused)"
              + "|(?:before|without) (?:a )?starttls",
          "\\[privacyrequired\\]",
          "must (?:issue|use|send|run) (?:a |the )?starttls",
          "(?:via|on|over|through) (?:an? |the )?(?:insecure|unencrypted|non-secure|unsecured"
              + "|clear-?text|plain(?:-?text)?) (?:connection|port|channel|session)",
          "(?:ssl|tls|ssl/tls|starttls|encryption|encrypted)(?:[- ]connection| support)? (?:is )?"
              + "(?:required|needed|mandatory|not available|not offered|not supported"
              + "|not enabled|unavailable|disabled)|(?:requires?|needs?) (?:an? )?(?:starttls|tls|ssl"
              + "|encryption|encrypted connection)"
              + "|(?:doesn't|does not|don't|do not|not) support (?:starttls|requiretls|tls|ssl)",
          // Refused for want of encryption, or accepted only with it.
          "(?:lack of|without) (?:security|encryption|tls|ssl)|only (?:on|over|via|with|through)"
              + " (?:an? )?(?:tls|ssl|secure|encrypted)|(?:try|use|issue|send|do) starttls first",
          // Encryption that could not be set up on the server's side.
          "(?:failed to|cannot|can't|could not|unable to) (?:initiali[sz]e|start|negotiate"
              + "|establish|set up) (?:the )?(?:tls|ssl|starttls|encryption)"),
      family(Finding.of(ACCESS_DISABLED, INVALID_CREDENTIALS),
          "(?:imap|pop3?|smtp)(?:(?: and| or| &|/) ?(?:imap|pop3?|smtp))?"
              + "(?: access| auth| authentication| protocol| service| login| support| feature)?"
              + " (?:is |has been |was )?(?:not (?:allowed|enabled|permitted|activated)"
              + "|disabled|deactivated|turned off|switched off)"
              + "|(?:does not|doesn't) have (?:imap|pop3?|smtp) (?:access )?enabled",
          "(?:not|isn't) enabled for (?:imap|pop3?|smtp)",
          "smtpclientauthentication is disabled",
          // An account, server or its sending suspended or switched off by the provider.
          "\\bsuspended\\b|sending (?:\\w{1,20} ){0,3}(?:is |has been )?(?:disabled|suspended"
              + "|deactivated)",
          // The login or the account's access switched off, in its several wordings.
          "logins? (?:is |are |has been )?disabled"
              + "|access (?:is |has been )?(?:disabled|not allowed) for (?:this|your|the) account"
              + "|account (?:is |has been )?not (?:authorized|allowed|permitted|enabled)"
              + " (?:to use|for)",
          // An organization's sign-in policy refusing the login, whatever the credential:
          // Exchange Online's 5.7.139 for security defaults and Conditional Access
          // (learn.microsoft.com, "Enable or disable authenticated client SMTP submission").
          "(?:user|account|mailbox) is (?:locked|blocked) by (?:your |the |an? )?"
              + "(?:organi[sz]ation|administrator|admin|tenant)",
          "security defaults? polic",
          "did not meet the criteria to be authenticated",
          "(?:pop3|imap) (?:and|&) (?:imap|pop3)"),
      family(Finding.of(PLAN_NOT_SUPPORTED, ACCESS_DISABLED),
          "upgrade (?:your|to an?) (?:plan|account|subscription)",
          "not (?:available|included) (?:on|in|with) (?:your|the|this) (?:current )?"
              + "(?:plan|subscription)",
          "(?:paid|premium|business) (?:plan|subscription)"),
      family(Finding.of(AUTH_MECHANISM_UNSUPPORTED, ACCESS_DISABLED),
          "basic auth(?:entication)? (?:is |has been )?(?:disabled|turned off|not supported)",
          // No mechanism both sides can use.
          "no (?:supported|compatible|suitable|matching|acceptable) auth(?:entication)?"
              + " (?:mechanisms?|methods?)"
              + "|(?:unsupported|unknown|unrecognized|invalid|unimplemented|wrong)"
              + " (?:auth(?:entication|enticate)? |sasl )?"
              + "(?:mechanisms?|methods?)|(?:unsupported|unknown|unrecognized|invalid|wrong)"
              + " auth(?:entication)? types?",
          "anonymous (?:logins?|access|authentication) (?:is |are )?not (?:permitted|allowed)",
          "(?:authentication|auth) mechanism (?:is )?(?:too weak|not supported|not available"
              + "|unsupported)",
          // A mechanism, method or the AUTH command itself not offered here: "AUTH not
          // available", "AUTH mechanism XOAUTH2 not available", "authentication not enabled",
          // "Security features not supported: AUTH method \"CRAM-MD5\" not supported".
          "(?:auth(?:entication)? )?mechanisms? (?:\"?[\\w-]{1,30}\"? )?(?:is |are )?not"
              + " (?:supported|available|enabled|allowed|offered)"
              + "|auth(?:entication)? (?:methods?|types?) (?:\"?[\\w-]{1,30}\"? )?(?:is |are )?not"
              + " (?:supported|available|enabled|allowed|offered)",
          "\\bauth(?:entication|enticate)? (?:command )?(?:is |are )?(?:not (?:available|enabled"
              + "|allowed|supported|offered|permitted|defined)|disabled)|\\bauth(?:entication)? (?:is )?"
              + "only (?:allowed|permitted|available|supported|offered)"
              + "|(?:auth(?:enticate|entication)?|sasl) (?:\\S{1,30} )?(?:method|mechanism|mode|type)s?"
              + " (?:is |are )?(?:not (?:supported|available|enabled|allowed)|unsupported"
              + "|unavailable)",
          // A server that offers no way of logging in that the client can use.
          "(?:does not|doesn't|did not) (?:advertise|offer|support|announce) (?:any )?"
              + "(?:supported )?(?:\\w{1,20} )?auth(?:entication)?\\b"),
      fixed("RFC 4954 section 6 reply text (432 4.7.12)",
          Finding.of(AUTH_MECHANISM_UNSUPPORTED, ACCESS_DISABLED), "password transition"),
      // Jakarta Mail's fixed wording when STARTTLS fails.
      fixed("Jakarta Mail's fixed message when STARTTLS fails",
          Finding.of(TLS_FAILURE, AUTH_MECHANISM_UNSUPPORTED), "could not convert socket to tls"),
      family(Finding.of(TLS_FAILURE),
          "self[-_ ]?signed", "unrecognized ssl message", "plaintext connection\\?",
          "ssl(?:handshake|peerunverified|protocol|key)exception",
          "cert(?:ificate|path)\\w{0,20}exception",
          "pkix path", "no subject alternative",
          // A handshake that failed, in either word order.
          "(?:terminated|during|failed|failure in|error in|aborted) (?:the )?(?:ssl |tls )?"
              + "handshake|(?:ssl|tls) ?handshake (?:failed|error|failure|aborted)"),
      // Fixed texts of TLS libraries: OpenSSL's SSL_R_WRONG_VERSION_NUMBER reason string, the
      // JDK's HostnameChecker ("No name matching h found") and Android's certificate path
      // validation ("Trust anchor for certification path not found.").
      fixed("OpenSSL's reason string, the JDK's and Android's certificate checks",
          Finding.of(TLS_FAILURE), "wrong version number", "no name matching", "trust anchor"),
      // Outlook.com answers an expired OAuth token or a refused login with this exact text;
      // FairEmail matches it verbatim (M66B/FairEmail EmailService.java).
      fixed("Outlook.com's fixed reply, M66B/FairEmail EmailService.java",
          Finding.of(INVALID_CREDENTIALS, PROTOCOL_ERROR), "bad command error. 10"),
      // Exchange Online's Directory Based Edge Blocking answers a recipient its directory does
      // not hold with this fixed text under 5.4.1 (learn.microsoft.com, "Fix email delivery
      // issues for error code 5.4.1 in Exchange Online"; zone-eu/zone-mta#214).
      fixed("Exchange Online's fixed 5.4.1 text for an unknown recipient",
          Finding.of(MAILBOX_NOT_FOUND, MESSAGE_REJECTED),
          "recipient address rejected: access denied"),
      // Relaying refused names its cause outright; servers send it with address codes too
      // (Stalwart's "550 5.1.2 Relay not allowed").
      family(Finding.of(MESSAGE_REJECTED),
          "relay(?:ing)? (?:access )?(?:denied|disallowed|not permitted|not allowed|prohibited"
              + "|refused)",
          "(?:unable|not allowed|not permitted) to relay|(?:required|needed) (?:for|to) relay"),
      // Postfix's sender restrictions ("Sender address rejected: not logged in", "... not owned
      // by user"): the sender refused, whatever the reason after the colon.
      family(Finding.of(MESSAGE_REJECTED, PROTOCOL_ERROR),
          "(?:sender|from) address rejected"),
      // Mail before login: the client skipped a step, or the server offered no way to log in
      // that the client could use. Read before codes: "550 5.7.9 Mail to submission port must
      // be authenticated" is about the missing login, not a weak mechanism. Relaying, read
      // above, is MESSAGE_REJECTED.
      family(Finding.of(PROTOCOL_ERROR, INVALID_CREDENTIALS, AUTH_MECHANISM_UNSUPPORTED,
          MESSAGE_REJECTED),
          "(?:authentication|authori[sz]ation|auth|login) (?:is )?required",
          // A command before login, in its several wordings.
          "(?:must|need to) (?:be )?(?:authenticated|authenticate|log ?in)(?: first)?"
              + "|\\b(?:authenticate|auth|log ?in|login) first"
              + "|not (?:yet )?(?:authenticated|logged in)"),
      // Too many failed logins: the limit, but the logins that counted towards it failed.
      family(Finding.of(RATE_LIMITED, INVALID_CREDENTIALS, SERVER_UNAVAILABLE),
          "too many (?:bad |failed )?auth"),
      family(Finding.of(RATE_LIMITED, SERVER_UNAVAILABLE, MESSAGE_REJECTED),
          // Too many of something a login or a connection counts.
          "too many (?:\\w{1,20} ){0,2}(?:attempts|failures|connections|connects|logins|sessions"
              + "|requests|errors|messages(?! (?:on (?:the )?server|in (?:the |your |this )?(?:mailbox|folder"
              + "|inbox)|stored))|mails|e-?mails|recipients|commands|items|times|clients)"
              + "|too many (?:concurrent|simultaneous)|too much (?:mail|traffic|e-?mail|fail\\w{0,4})",
          "maximum number of (?:\\w{1,20} ){0,2}(?:connections|sessions|logins|attempts)",
          // A limit on rate or count reached.
          "rate[- ]?limit|(?:thread|connection|session|login|request|recipient)s? limit"
              + "|bandwidth|(?:command|download|upload) limits?"
              + "|(?:reached|exceeded|hit) (?:its |the |your |a )?(?:\\w{1,20} )?limit",
          // A rate named, or a count over a window of time.
          "(?:connection|message|sending|send|mail|e-?mail|login|request) rate\\b"
              + "|unusual (?:\\w{1,20} )?(?:rate|volume|amount)|rate (?:\\w{1,20} ){0,6}too high"
              + "|too (?:quickly|frequent\\w{0,2})|at a rate that|\\b(?:daily|hourly) (?:quota|limit)\\b|(?:past|last) (?:\\d{1,4} ?)?(?:h|hours?|days?"
              + "|minutes?|mins?)\\b|\\b(?:per|an|each|every) (?:hour|day|minute)\\b",
          // A limit on how much or how often, passed: not a size, storage or disk limit.
          "(?<!size |storage |disk |mailbox |length |space |response |line )limit"
              + " (?:\\w{1,20} ){0,3}(?:exceeded|reached)|number of (?:\\w{1,20} )?(?:messages"
              + "|recipients|connections|mails|e-?mails|requests|logins|attempts)"
              + " (?:\\w{1,20} )?(?:exceeded|exceeds|reached)",
          // Sending volume: a sending quota reached, or sending that looks unusual.
          "(?:sending|daily|hourly|outgoing|send) (?:quota|limit) (?:\\w{1,20} ){0,2}"
              + "(?:exceeded|reached)|(?:quota|limit) (?:exceeded|reached) for sending"
              + "|unusual (?:sending )?activity",
          "throttl"),
      // Outlook's BAD after a login that succeeded, when the mailbox cannot be opened for that
      // login: FairEmail recognises it verbatim (M66B/FairEmail Log.java) and treats it as
      // throttling; trackers show a mailbox the token or login may not open (getmail6#221,
      // UvA-FNWI/M365-IMAP#8). Its words name no reason, so LABELLING.md reads the BAD.
      fixed("Outlook's fixed reply, M66B/FairEmail Log.java, getmail6/getmail6#221",
          Finding.of(PROTOCOL_ERROR, RATE_LIMITED, ACCESS_DISABLED, TOKEN_SCOPE_MISSING),
          "authenticated but not connected"),
      // Exchange Online's fixed answer to a rejected SMTP AUTH (learn.microsoft.com, "Fix
      // error code 5.7.3 in Exchange Online"; apache/superset#18044): read as the login
      // refused, since the code alone (security conversion) says nothing of logins.
      fixed("Exchange Online's fixed 535 5.7.3 text: learn.microsoft.com, apache/superset#18044",
          Finding.of(INVALID_CREDENTIALS, AUTH_MECHANISM_UNSUPPORTED, ACCESS_DISABLED),
          "5.7.3 authentication unsuccessful"),
      // Jakarta Mail's (Angus) fixed message when an OAUTH2 exchange gets a second challenge.
      fixed("Angus Mail's fixed message (eclipse-ee4j/angus-mail OAuth2SaslClient)",
          Finding.of(PROTOCOL_ERROR, TOKEN_EXPIRED), "oauth2 asked for more"),
      // NetEase's documented deferral codes: HL:ICC too many connections from one address,
      // RP:DRC too many recipients a day, MI:SFQ sending too often; DT:SPM content taken for
      // spam (biecuoliao.com/pa/MBRrwEM.html, quoting NetEase's code list).
      fixed("NetEase's documented codes HL:ICC, RP:DRC, MI:SFQ (biecuoliao.com/pa/MBRrwEM.html)",
          Finding.of(RATE_LIMITED, SERVER_UNAVAILABLE), "hl:icc", "rp:drc", "mi:sfq"),
      fixed("NetEase's documented code DT:SPM (biecuoliao.com/pa/MBRrwEM.html)",
          Finding.of(MESSAGE_REJECTED, RATE_LIMITED), "dt:spm"),
      // QQ Mail asks for its "authorization code", its name for an app password (YMFE/yapi#2219,
      // gshang2017/docker#18); NetEase (163, 126) answers a client without SMTP switched on
      // with "User has no permission" (open-falcon/mail-provider#6, testerSunshine/12306#62).
      fixed("QQ Mail's fixed reply: YMFE/yapi#2219, gshang2017/docker#18",
          Finding.of(APP_PASSWORD_REQUIRED, INVALID_CREDENTIALS),
          "please enter your authorization code"),
      fixed("NetEase's fixed reply: open-falcon/mail-provider#6, testerSunshine/12306#62",
          Finding.of(ACCESS_DISABLED, MESSAGE_REJECTED), "user has no permission"),
      // NetEase refuses SELECT from a client that did not send the IMAP ID command first
      // (magiccode1412/magicmail#5, DevXDojo/MrRSS#602, weibaohui/imapdownloader#4).
      fixed("NetEase's fixed reply: DevXDojo/MrRSS#602, weibaohui/imapdownloader#4",
          Finding.of(PROTOCOL_ERROR, ACCESS_DISABLED), "unsafe login"),
      // Gmail's IMAP answer to a login name it does not know (sameersbn/docker-gitlab#1172,
      // gaubert/gmvault#253).
      new Rule(Finding.of(INVALID_CREDENTIALS, TOKEN_EXPIRED),
          Pattern.compile("lookup failed [a-z0-9]{12,24}\\b"),
          "Gmail's fixed reply with its trace id: sameersbn/docker-gitlab#1172, gaubert/gmvault#253",
          List.of("lookup failed <trace id>")),
      // Yahoo's deferral codes, documented with a fixed meaning each (Yahoo Sender Hub error
      // codes, postmaster.yahooinc.com/error-codes; help.yahoo.com SLN3326, SLN3436): TS01,
      // TS02 and TSS04 defer for unusual volume or complaints; TS03 and TSS09 defer for good.
      fixed("Yahoo Sender Hub error codes TS01, TS02, TSS04",
          Finding.of(RATE_LIMITED, MESSAGE_REJECTED, SERVER_UNAVAILABLE),
          "[ts01]", "[ts02]", "[tss04]"),
      fixed("Yahoo Sender Hub error codes TS03, TSS09",
          Finding.of(MESSAGE_REJECTED, RATE_LIMITED), "[ts03]", "[tss09]"),
      // A message over the size limit, named outright, whatever code comes with it ("552 4.3.1
      // message exceeds fixed maximum message size").
      family(Finding.of(MESSAGE_REJECTED, QUOTA_EXCEEDED),
          "exceeds (?:the )?(?:fixed )?(?:maximum|max|allowed) (?:message )?size"
              + "|message (?:size )?exceeds|message (?:is )?too (?:large|big)"),
      // The server's own trouble named outright ("452 4.4.5 Insufficient disk space", "421
      // 4.4.5 Server busy"): its disk, memory or load, whatever congestion code comes with it.
      family(Finding.of(SERVER_UNAVAILABLE, RATE_LIMITED),
          "(?:insufficient|not enough|out of) (?:system |disk )?(?:storage|disk space|memory)"
              + "|(?:disk|file ?system) (?:is )?full|(?:system|server) storage error"
              + "|(?:cannot|can't|unable to|failed to) allocate(?: memory)?"
              + "|(?:server|system|service|host)s? (?:is |are )?(?:too )?busy|\\btoo busy"
              + "|high load|overload(?:ed)?|load (?:is )?too high|misconfigur\\w{0,6}"),
      family(Finding.of(SERVER_UNAVAILABLE, INVALID_CREDENTIALS),
          // Authentication failing for the server's own reasons, its backend out of reach.
          "temporary (?:authentication|auth) (?:failure|error|problem)"
              + "|(?:authentication|auth) (?:server|backend|service) (?:is )?(?:unavailable|down"
              + "|not available)|(?:connection lost|lost connection) to (?:the )?auth"),
      // Jakarta Mail's fixed text for an SMTP greeting that is not 220 ("Got bad greeting from
      // SMTP host: h, port: p, response: c"): the server refuses service, as an IMAP BYE
      // greeting does, whatever the code.
      fixed("Jakarta Mail SMTPTransport's fixed message",
          Finding.of(SERVER_UNAVAILABLE, PROTOCOL_ERROR), "bad greeting"),
      // Jakarta Mail's fixed text when an SMTP server sent no greeting at all ("Could not
      // connect to SMTP host: h, port: p, response: -1"): mostly TLS spoken to a plain port.
      fixed("Jakarta Mail SMTPTransport's fixed message",
          Finding.of(TLS_FAILURE, SERVER_UNAVAILABLE, PROTOCOL_ERROR), "response: -1"));

  static final List<Rule> GENERAL = List.of(
      family(Finding.of(MESSAGE_REJECTED, RATE_LIMITED),
          // The sending host listed or refused.
          // A host listed, or not on the list the receiver accepts mail from.
          "(?:block|black|deny|ban)[- ]?list|spamhaus|dnsbl|\\brbl\\b"
              + "|not (?:in|on) (?:the |our |an? )?(?:white|allow|accept)[- ]?list"
              + "|client host (?:\\S{1,64} )?(?:rejected|blocked|refused)",
          "policy (?:violation|reasons|restrictions)|(?:local|site|security|content|due to)"
              + " policy", "\\breputation"),
      family(Finding.of(MESSAGE_REJECTED),
          "spam",
          // Content a filter refuses: malicious, a forbidden attachment, against policy.
          "phishing|virus|malware|infected"
              + "|(?:illegal|forbidden|blocked|prohibited|banned|dangerous) (?:attachment|file"
              + "|content|extension)|content (?:rejected|policy)",
          "message (?:contains|has no)\\b",
          "sender (?:address )?(?:is )?(?:not allowed|rejected|refused|denied|not authorized"
              + "|not permitted|blocked)",
          "(?:not (?:allowed|authorized|permitted)|permissions?|(?:do not|don't|does not) have"
              + " permission) to send(?: as| from| on behalf| internet)?"
              + "|(?:must|should) (?:be )?(?:the )?same as (?:the )?(?:auth|login|authenticated"
              + "|authori[sz]ation)|(?:doesn't|does not) match (?:the )?(?:auth|login|authenticated)",
          "send ?as ?(?:denied|permission)",
          "refused (?:the |your |this )?(?:message|mail|e-?mail)|(?:message|mail) (?:was )?refused",
          "message (?:size|is too (?:large|big)|too (?:large|big))", "size (?:exceeds|limit)",
          "too (?:large|big)",
          // Mail that goes round in circles.
          "(?:mail|routing|forwarding) loop|loop detected|too many (?:received )?(?:headers|hops)",
          // The sender's domain failed its authentication checks.
          "\\bdmarc\\b|\\bdkim\\b|\\bspf\\b|unauthenticated (?:sender|email|mail)"
              + "|sender is unauthenticated"),
      family(Finding.of(QUOTA_EXCEEDED, MESSAGE_REJECTED),
          // A storage quota or space used up, a mailbox full.
          "quot(?:a|um)|(?:insufficient|not enough|out of) (?:system )?(?:storage|disk space"
              + "|space)|(?:mailbox|inbox|mail box|folder|storage|disk|account)(?: \\S{1,64})? (?:is )?"
              + "(?:full|over)"
              + "|too many messages (?:on|in|stored)",
          "exceeded (?:\\w{1,20} ){0,2}storage|storage (?:has been |is )?exceeded",
          "max(?:imum)? number of (?:\\w{1,20} ){1,3}?(?:reached|exceeded)"),
      family(Finding.of(MAILBOX_NOT_FOUND),
          MAILBOX_WORDS + "(?: name)? (?:does not|doesn't|did not|does't) exist",
          // "invalid mailbox name" is a name the server cannot take, not a missing mailbox
          "no such " + MAILBOX_WORDS + "|(?:unknown|invalid|nonexistent|non-existent) "
              + MAILBOX_WORDS + "(?! name)|" + MAILBOX_WORDS + " (?:unknown|not found)"
              + "|unrout(?:e)?able (?:address|domain)|no valid (?:recipients?|addresse?s?)"
              + "|no (?:such )?(?:mailbox|folder) (?:named|called)",
          "does not exist", "doesn't exist",
          "(?:can't|cannot|could not|couldn't|unable to) find (?:the |a |that |this )?"
              + MAILBOX_WORDS + "|" + MAILBOX_WORDS + " (?:could not|cannot|can't) be found",
          "mailbox unavailable", "not our customer"),
      family(Finding.of(INVALID_CREDENTIALS, APP_PASSWORD_REQUIRED, ACCESS_DISABLED),
          "(?:invalid|incorrect|wrong|bad|unknown) (?:authentication )?" + LOGIN_WORDS,
          LOGIN_WORDS + " (?:is |are |was |were )?(?:invalid|incorrect|wrong|not accepted"
              + "|rejected|not valid|no longer valid|null|empty|missing)"
              + "|check your (?:\\w{1,20} ){0,2}(?:credentials|password)"
              + "|(?:invalid|incorrect|wrong|bad) auth(?:entication)? (?:data|details|info\\w{0,7})",
          "auth(?:entication|enticate)? (?:has )?(?:failed|failure|unsuccessful|rejected"
              + "|denied|error)",
          // A login refused, in its several wordings.
          "(?:login|logon|sign-?in) (?:has )?(?:incorrect|denied|rejected)"
              + "|(?:failed to|could not|couldn't|unable to) (?:authenticate|log ?in)"
              + "(?! at present| right now| temporarily| at the moment)"
              + "|(?:invalid|bad) (?:login|credentials)",
          // No credentials at all, or a login name the server does not know (an IMAP "no such
          // user" is the login; SMTP reads mailboxes first, where it is a recipient).
          "missing (?:credentials|password|user ?name)|(?:no|empty) password"
              + "|no such (?:user|account|login)\\b"),
      family(Finding.of(SERVER_UNAVAILABLE, TIMEOUT),
          "locked by|(?:mailbox|folder) (?:is )?(?:locked|in use)"),
      fixed("Dovecot MAIL_ERRSTR_LOCK_TIMEOUT (src/lib-storage/mail-error.h)",
          Finding.of(SERVER_UNAVAILABLE, TIMEOUT), "waiting for lock"),
      // A timeout, but not a library echoing its configured timeout ("timeout 20000;"). A
      // greeting that never comes is often TLS expected on a plain port or the reverse, and a
      // connect that times out often a firewall dropping packets.
      family(Finding.of(TIMEOUT, SERVER_UNAVAILABLE, TLS_FAILURE, NETWORK_UNREACHABLE,
          CONNECTION_REFUSED),
          "timed ?out", "\\btime ?out(?! -?\\d)",
          "(?:greeting|banner|response|answer|reply) (?:was )?never (?:received|came|arrived)",
          // A session closed for idling or for lasting too long.
          "\\binactiv(?:e|ity)\\b|autologout|(?:idle|open|connected) (?:for )?too long"),
      // Windows' fixed message for WSAETIMEDOUT (10060), as Python and .NET print it.
      fixed("Windows Sockets error 10060 (WSAETIMEDOUT) message",
          Finding.of(TIMEOUT, SERVER_UNAVAILABLE, NETWORK_UNREACHABLE),
          "did not properly respond after a period of time"),
      fixed("POSIX strerror(EPIPE)", Finding.of(SERVER_UNAVAILABLE, TLS_FAILURE, RATE_LIMITED,
          TIMEOUT), "broken pipe"),
      family(Finding.of(SERVER_UNAVAILABLE, TLS_FAILURE, RATE_LIMITED, TIMEOUT),
          "connection (?:to \\S{1,100} )?(?:was |is |has been )?(?:reset|dropped|lost|aborted"
              + "|closed|broken)",
          "(?:server|peer|remote host|host) (?:unexpectedly )?(?:closed|dropped|disconnected"
              + "|terminated|hung up)",
          "(?:socket|stream) (?:is )?closed", "unexpected end of (?:stream|file|input)|\\beof\\b"),
      family(Finding.of(SERVER_UNAVAILABLE, RATE_LIMITED),
          "temporar(?:y|ily)(?: \\w{1,20}){0,2} (?:unavailable|failure|error|problem"
              + "|not available|down|rejected|deferred)",
          "\\b(?:re)?try (?:again |it )?(?:later|operation)", "(?:please )?try again",
          "(?:backend|server|service|system)s?(?:\\(s\\))? (?:is |are )?(?:\\w{1,20} )?"
              + "(?:down|unavailable|not available|busy|overloaded)",
          "service (?:is )?(?:not available|unavailable)", "not available now",
          "(?:internal|server|local|system|database|i/o|operating system) (?:error|failure)",
          "error in processing",
          "(?:mailbox|index|database|storage) (?:\\w{1,20} ){0,2}(?:corrupt\\w{0,5}"
              + "|invalid format)",
          "greylist", "graylist"),
      // qmail's fixed pointer to its page on bare line feeds (notqmail qmail-smtpd.c).
      fixed("notqmail/notqmail qmail-smtpd.c: the fixed URL of its 451 for bare LF",
          Finding.of(PROTOCOL_ERROR), "cr.yp.to/docs/smtplf"),
      fixed("RFC 5321 reply text (503); Dovecot imap-client.c texts",
          Finding.of(PROTOCOL_ERROR), "bad sequence of commands", "error in imap command"),
      family(Finding.of(PROTOCOL_ERROR),
          // A malformed command.
          "pars(?:e|ing) error|syntax error",
          "(?:unknown|unrecognized|unrecognised|invalid|bad|illegal|unsupported|unexpected)"
              + " (?:command|argument|parameter|syntax|sequence|sasl|response|tag|charset"
              + "|character set)",
          "bad protocol|protocol (?:error|violation)",
          // A command the server does not take.
          "command (?:is )?(?:not recognized|not recognised|unrecognized|not implemented"
              + "|not supported|error|not allowed|unknown)",
          // A command in the wrong state of the session.
          "(?:not (?:valid|allowed|permitted)|illegal|invalid) in (?:this |the current )?"
              + "(?:\\w{1,20} )?state|(?:must|should) be in (?:the )?\\w{1,15} (?:or \\w{1,15} )?state"
              + "|read-?only (?:mode|mailbox|folder|access)|(?:session|mailbox|folder) (?:is )?not selected"
              + "|(?:select|open) (?:a )?(?:mailbox|folder) first|no (?:mailbox|folder) selected",
          "line (?:is )?too long|too long line",
          // Bare line feeds where SMTP wants CR LF (qmail's fixed pointer to its page on them).
          "bare ?(?:lf|cr|line-?feed|linefeed|carriage return)",
          // A client that could not read the server's answer.
          "(?:could not|couldn't|cannot|can't|unable to|failed to) (?:handle|parse|read"
              + "|understand) (?:the )?(?:\\w{1,20} ){0,2}(?:response|reply|answer)"
              + "|short (?:response|reply|read)",
          // A message number the mailbox does not have.
          "(?:invalid|bad|unknown) (?:message )?(?:sequence|uid|message) (?:number|set|range)",
          "(?:authentication|auth|login) (?:was )?(?:aborted|cancel+ed)",
          "not (?:currently |yet )?supported|is unsupported", "invalid (?:mailbox|folder) name",
          // A client library's words for an answer it did not expect (Symfony Mailer).
          "expected (?:response )?code \\d{3} but got",
          // The JDK's names for a client choking on an answer, as logs print them.
          "outofmemoryerror", "indexoutofboundsexception", "negativearraysizeexception"),
      family(Finding.of(SERVER_NOT_FOUND, NETWORK_UNREACHABLE),
          "unknownhostexception", "unknown host",
          // A name that does not resolve, in the resolvers' own words too (glibc's
          // gai_strerror, the BSDs', Node's error names).
          "(?:unable|failed|could not) (?:to )?resolve|no address associated with"
              + "|name or service not known|nodename nor servname"
              + "|eai_(?:nodata|noname|again)|getaddrinfo|gethostbyname|nxdomain|\\benotfound\\b"
              + "|failure in name resolution|dns (?:lookup|query|resolution) fail\\w{0,3}"
              + "|has no (?:address|a record|dns record)|\\bquery(?:a|aaaa|mx) e[a-z]{4,12}\\b",
          "(?:host|domain|server) (?:name )?not found|no such host"),
      family(Finding.of(NETWORK_UNREACHABLE),
          "(?:network|host) (?:is )?unreachable"),
      fixed("POSIX errno names and strerror(EHOSTUNREACH)", Finding.of(NETWORK_UNREACHABLE),
          "enetunreach", "ehostunreach", "no route to host"),
      family(Finding.of(CONNECTION_REFUSED, NETWORK_UNREACHABLE),
          "connection refused|actively refused"),
      fixed("POSIX errno names as Node and libuv print them", Finding.of(CONNECTION_REFUSED,
          NETWORK_UNREACHABLE), "econnrefused", "eacces"),
      // A library's wrapper alone: the cause that would tell is missing.
      family(Finding.of(CONNECTION_REFUSED, NETWORK_UNREACHABLE, TIMEOUT, SERVER_NOT_FOUND,
          TLS_FAILURE),
          "(?:could(?:n't| not)|can(?:'t|not)|unable to|failed to) connect|error connecting to"),
      // "Login failed" alone: clients put it before any reason ("Login failed for u against h
      // from ip. <reason>", Roundcube's rcube_imap), so every other reason is read first.
      family(Finding.of(INVALID_CREDENTIALS, APP_PASSWORD_REQUIRED, ACCESS_DISABLED),
          "(?:login|logon|sign-?in) (?:has )?(?:failed|failure)"),
      family(Finding.of(TLS_FAILURE),
          "\\bssl", "\\btls", "certificate", "certpath", "pkix", "handshake",
          "subject alternative"));

  /**
   * An SMTP server's refusal in words of policy, read after every other wording: RFC 5321 lets
   * {@code 550} mean "no access" or "rejected for policy reasons" as well as "mailbox not found",
   * and servers say which in these words ("HELO denied", "Administrative prohibition", "Sender
   * verify failed", "Spoofed MAIL FROM"). Not for IMAP, where "denied" is about a folder or the
   * account, nor for exceptions of the network stack ("Permission denied").
   */
  private static final Rule SMTP_POLICY = family(Finding.of(MESSAGE_REJECTED, MAILBOX_NOT_FOUND,
      PROTOCOL_ERROR, ACCESS_DISABLED),
      "\\bdenied|prohibit\\w{0,5}|not (?:allowed|permitted|welcome|authori[sz]ed)|refused"
          + "|\\bspoof\\w{0,3}|\\bforged\\b",
      "(?:does not|doesn't|did not) match|verif(?:y|ication) failed",
      "(?:cannot|can't|unable to|will not|won't) (?:deliver|accept)",
      "\\bsender\\b|\\bmail from\\b");

  /**
   * An SMTP server refusing the name the client greeted with (Postfix's "Helo command
   * rejected: Host not found"): about the client's own name, so read before any wording about
   * hosts that cannot be found, and only in a refusal (45x, 55x), since a 50x says the name
   * was malformed.
   */
  private static final Rule SMTP_GREETING_REFUSED = family(
      Finding.of(MESSAGE_REJECTED, SERVER_UNAVAILABLE), "(?:helo|ehlo) (?:command )?rejected");

  /**
   * {@link #GENERAL} for an SMTP refusal: {@link #SMTP_GREETING_REFUSED} first and {@link
   * #SMTP_POLICY} before the last, TLS, wording.
   */
  static final List<Rule> GENERAL_SMTP = smtpOrder(GENERAL);

  private static List<Rule> smtpOrder(List<Rule> general) {
    List<Rule> rules = new java.util.ArrayList<>(general);
    rules.add(0, SMTP_GREETING_REFUSED);
    rules.add(rules.size() - 1, SMTP_POLICY);
    return List.copyOf(rules);
  }

  /**
   * {@link #GENERAL} for IMAP: IMAP has no recipients, so "invalid user" or "unknown account"
   * is the login, not a mailbox; wording about credentials is read before wording about
   * mailboxes.
   */
  static final List<Rule> GENERAL_IMAP = imapOrder(GENERAL);

  private static List<Rule> imapOrder(List<Rule> general) {
    List<Rule> rules = new java.util.ArrayList<>(general);
    Rule credentials = rules.stream()
        .filter(r -> r.finding().kind() == INVALID_CREDENTIALS).findFirst().orElseThrow();
    Rule mailboxes = rules.stream()
        .filter(r -> r.finding().kind() == MAILBOX_NOT_FOUND).findFirst().orElseThrow();
    rules.remove(credentials);
    rules.add(rules.indexOf(mailboxes), credentials);
    return List.copyOf(rules);
  }

  private TextRules() {}

  /** The first rule of {@code rules} that matches {@code lowerCaseText}, or null. */
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
