package com.lumyvo.providers.diagnosis;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes credentials from text before it is shown: the secrets the caller named, in clear, as
 * an IMAP quoted string (how a password with {@code "} or {@code \} goes out in LOGIN),
 * URL-encoded, in hex, and in base64 at any byte alignment (so also inside an {@code AUTH PLAIN}
 * blob that joins login and password), and whatever follows the commands and fields that carry
 * credentials. Jakarta Mail's debug output and some servers echo those lines.
 *
 * <p>OAuth tokens are found even when nobody named them: after {@code Bearer} (also URL-encoded
 * as {@code Bearer%20}), in the JSON fields of a token response, and inside a base64 run of any
 * alignment that decodes to a SASL XOAUTH2 or OAUTHBEARER message ({@code auth=Bearer …}), so a
 * client's SASL blob copied into any text is removed whole.
 */
final class Redaction {
  static final String REDACTED = "<redacted>";
  /** Shorter secrets would match ordinary text; a reply that might contain one is withheld. */
  private static final int MIN_SECRET_LENGTH = 3;
  private static final int MIN_BASE64_CORE = 6;

  private static final Pattern AUTH_COMMAND = Pattern.compile(
      "(?im)\\b(AUTH(?:ENTICATE)?[ \\t]+(?:PLAIN|LOGIN|XOAUTH2?|OAUTHBEARER|CRAM-MD5|DIGEST-MD5"
          + "|SCRAM-SHA-[0-9]+(?:-PLUS)?|NTLM|GSSAPI|ATOKEN|EXTERNAL))[ \\t]+\\S.*$");
  private static final Pattern IMAP_LOGIN_COMMAND = Pattern.compile(
      "(?im)^([A-Z0-9.]+[ \\t]+LOGIN)[ \\t]+\\S.*$");
  private static final Pattern BEARER = Pattern.compile(
      "(?i)\\b(bearer)(?:[ \\t]+|%20|\\+)[^\\s,;&\"'\\x00-\\x1F]+");
  private static final Pattern CREDENTIAL_FIELD = Pattern.compile(
      "(?i)\\b(access_token|refresh_token|id_token|device_code|client_secret|password|passwd|pwd"
          + "|pass)(\\s*[=:]\\s*)[^\\s,;&\"']+");
  /** A token response's fields in JSON: {@code "refresh_token": "1//0g…"}. */
  private static final Pattern JSON_CREDENTIAL_FIELD = Pattern.compile(
      "(?i)(\"(?:access_token|refresh_token|id_token|device_code|client_secret)\"\\s*:\\s*\")"
          + "[^\"]*\"");
  /** Long enough for the shortest SASL token message ({@code user=a\u0001auth=Bearer x}). */
  private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/]{20,}={0,2}");
  /** How much of one base64 run is decoded to look for a SASL message: more than any token. */
  private static final int MAX_DECODED_RUN = 65_536;
  private static final Pattern BASE64_LINE = Pattern.compile(
      "(?m)^[ \\t]*[A-Za-z0-9+/]{16,}={0,2}[ \\t]*$");

  private Redaction() {}

  /** {@code text} without credentials; null if it is null. */
  static String redact(String text, List<String> secrets) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String secret : secrets) {
      if (secret.length() < MIN_SECRET_LENGTH) {
        return "<withheld: it might contain a password too short to find>";
      }
      out = removeSecret(out, secret);
    }
    out = AUTH_COMMAND.matcher(out).replaceAll("$1 " + REDACTED);
    out = IMAP_LOGIN_COMMAND.matcher(out).replaceAll("$1 " + REDACTED);
    out = removeSaslTokenMessages(out);
    out = BEARER.matcher(out).replaceAll("$1 " + REDACTED);
    out = JSON_CREDENTIAL_FIELD.matcher(out).replaceAll("$1" + REDACTED + "\"");
    out = CREDENTIAL_FIELD.matcher(out).replaceAll("$1$2" + REDACTED);
    out = BASE64_LINE.matcher(out).replaceAll(REDACTED);
    return out;
  }

  /**
   * Replaces every base64 run that decodes, at one of its four character alignments, to text
   * holding {@code auth=Bearer} or the SASL separator before {@code auth=}: an XOAUTH2 or
   * OAUTHBEARER message, whichever token it carries. Alignment matters because a run cut out of
   * a longer blob (a wrapped line, a truncated log) starts anywhere in a 4-character group.
   */
  private static String removeSaslTokenMessages(String text) {
    Matcher m = BASE64_RUN.matcher(text);
    StringBuilder out = null;
    int copied = 0;
    while (m.find()) {
      if (!carriesSaslToken(text, m.start(), m.end())) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, copied, m.start()).append(REDACTED);
      copied = m.end();
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  private static boolean carriesSaslToken(String text, int start, int end) {
    int stop = end;
    while (stop > start && text.charAt(stop - 1) == '=') {
      stop--;
    }
    stop = Math.min(stop, start + MAX_DECODED_RUN);
    for (int offset = 0; offset < 4; offset++) {
      int from = start + offset;
      int length = stop - from;
      length -= length % 4 == 1 ? 1 : 0;
      if (length < 4) {
        continue;
      }
      byte[] decoded;
      try {
        decoded = Base64.getDecoder().decode(text.substring(from, from + length));
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (holdsSaslAuth(decoded)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code bytes} hold {@code auth=} after the SASL separator {@code \u0001} or before
   * {@code bearer} (any case), scanned in place: runs can be long, and most hold neither.
   */
  private static boolean holdsSaslAuth(byte[] bytes) {
    for (int i = 0; i + 5 <= bytes.length; i++) {
      if (bytes[i] != 'a' || bytes[i + 1] != 'u' || bytes[i + 2] != 't' || bytes[i + 3] != 'h'
          || bytes[i + 4] != '=') {
        continue;
      }
      if (i > 0 && bytes[i - 1] == 0x01) {
        return true;
      }
      if (i + 11 <= bytes.length && startsWithIgnoringCase(bytes, i + 5, "bearer")) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsWithIgnoringCase(byte[] bytes, int at, String lowerCase) {
    for (int j = 0; j < lowerCase.length(); j++) {
      int b = bytes[at + j] | 0x20;
      if (b != lowerCase.charAt(j)) {
        return false;
      }
    }
    return true;
  }

  private static String removeSecret(String text, String secret) {
    String out = text;
    for (String form : textForms(secret)) {
      out = replaceIgnoringCase(out, form);
    }
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    for (int shift = 0; shift < 3; shift++) {
      String core = base64Core(bytes, shift);
      if (core.length() >= MIN_BASE64_CORE) {
        out = removeBase64TokensContaining(out, core);
      }
    }
    return out;
  }

  /**
   * The ways a secret is written out in text: as it is, escaped inside an IMAP quoted string,
   * URL-encoded (with {@code +} and with {@code %20} for spaces), and as hex of its UTF-8 bytes.
   * Case is ignored when they are looked for, so upper- and lower-case hex are both found.
   */
  private static List<String> textForms(String secret) {
    java.util.Set<String> forms = new java.util.LinkedHashSet<>();
    forms.add(secret);
    forms.add(secret.replace("\\", "\\\\").replace("\"", "\\\""));
    String url = java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8);
    forms.add(url);
    forms.add(url.replace("+", "%20"));
    StringBuilder hex = new StringBuilder();
    for (byte b : secret.getBytes(StandardCharsets.UTF_8)) {
      hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    forms.add(hex.toString());
    return List.copyOf(forms);
  }

  private static String replaceIgnoringCase(String text, String secret) {
    return Pattern.compile(Pattern.quote(secret), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
        .matcher(text).replaceAll(Matcher.quoteReplacement(REDACTED));
  }

  /**
   * The base64 characters that depend on nothing but the secret when it starts {@code shift}
   * bytes into the encoded data: character j covers bits [6j, 6j + 6) of the data.
   */
  private static String base64Core(byte[] secret, int shift) {
    byte[] data = new byte[shift + secret.length];
    System.arraycopy(secret, 0, data, shift, secret.length);
    String encoded = Base64.getEncoder().withoutPadding().encodeToString(data);
    int first = (8 * shift + 5) / 6;
    int end = (8 * (shift + secret.length)) / 6;
    return first < end && end <= encoded.length() ? encoded.substring(first, end) : "";
  }

  private static String removeBase64TokensContaining(String text, String core) {
    StringBuilder out = null;
    int from = 0;
    int copied = 0;
    int at;
    while ((at = text.indexOf(core, from)) >= 0) {
      int start = at;
      while (start > 0 && isBase64(text.charAt(start - 1))) {
        start--;
      }
      int end = at + core.length();
      while (end < text.length() && (isBase64(text.charAt(end)) || text.charAt(end) == '=')) {
        end++;
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, copied, start).append(REDACTED);
      copied = end;
      from = end;
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  private static boolean isBase64(char c) {
    return c < 128 && (Character.isLetterOrDigit(c) || c == '+' || c == '/');
  }

  /** Whether {@code text} still contains a secret or one of its base64 forms; for assertions. */
  static boolean leaks(String text, String secret) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (String form : textForms(secret)) {
      if (lower.contains(form.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    for (int shift = 0; shift < 3; shift++) {
      String core = base64Core(bytes, shift);
      if (core.length() >= MIN_BASE64_CORE && text.contains(core)) {
        return true;
      }
    }
    return false;
  }
}
