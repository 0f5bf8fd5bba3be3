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
  private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer)[ \\t]+[^\\s,;&\"']+");
  private static final Pattern CREDENTIAL_FIELD = Pattern.compile(
      "(?i)\\b(access_token|refresh_token|password|passwd|pwd|pass)(\\s*[=:]\\s*)[^\\s,;&\"']+");
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
    out = BEARER.matcher(out).replaceAll("$1 " + REDACTED);
    out = CREDENTIAL_FIELD.matcher(out).replaceAll("$1$2" + REDACTED);
    out = BASE64_LINE.matcher(out).replaceAll(REDACTED);
    return out;
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
