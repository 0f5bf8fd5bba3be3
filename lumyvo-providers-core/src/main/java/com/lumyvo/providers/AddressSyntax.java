package com.lumyvo.providers;

import java.net.IDN;
import java.util.Locale;

/**
 * The syntax rules for addresses, domains and host names, shared by {@link EmailAddress},
 * {@link ServerEndpoint}, {@link ProviderRegistry#lookup(String)} and the descriptor builders.
 *
 * <p>Addresses follow RFC 5321/5322 dot-atom syntax with RFC 6531 (UTF-8) local parts; domains
 * follow RFC 1035 letters-digits-hyphen labels (RFC 1123), with internationalized names converted
 * by {@link IDN#toASCII(String, int)}. Quoted local parts and address literals ({@code
 * [192.0.2.1]}) are refused: no mailbox provider hands them out, and accepting them would only
 * move the failure to the server.
 *
 * <p>The ASCII checks work on a range of the caller's string and allocate nothing, because
 * {@link ProviderRegistry#lookup(String)} runs on hot paths.
 */
final class AddressSyntax {
  /** RFC 5321 section 4.5.3.1.3: a path is at most 256 octets including the angle brackets. */
  static final int MAX_ADDRESS_LENGTH = 254;
  /** RFC 5321 section 4.5.3.1.1. */
  static final int MAX_LOCAL_PART_OCTETS = 64;
  /** RFC 1035 section 2.3.4 (255 octets in wire form, 253 characters written out). */
  static final int MAX_DOMAIN_LENGTH = 253;
  /** RFC 1035 section 2.3.4. */
  static final int MAX_LABEL_LENGTH = 63;

  /** RFC 5322 atext besides letters and digits. */
  private static final String ATEXT_SYMBOLS = "!#$%&'*+-/=?^_`{|}~";

  private static final boolean[] ATEXT = new boolean[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      ATEXT[c] = true;
      ATEXT[Character.toUpperCase(c)] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      ATEXT[c] = true;
    }
    for (char c : ATEXT_SYMBOLS.toCharArray()) {
      ATEXT[c] = true;
    }
  }

  private AddressSyntax() {}

  /** The index of the first character in {@code [from, to)} that is not pasted whitespace. */
  static int skipLeadingSpace(CharSequence s, int from, int to) {
    while (from < to && PastedText.isInvisibleSpace(s.charAt(from))) {
      from++;
    }
    return from;
  }

  /** The end of {@code [from, to)} once trailing pasted whitespace is removed. */
  static int skipTrailingSpace(CharSequence s, int from, int to) {
    while (to > from && PastedText.isInvisibleSpace(s.charAt(to - 1))) {
      to--;
    }
    return to;
  }

  /**
   * Checks {@code s[from, to)}, already trimmed, as an address or a bare domain and returns where
   * the domain starts: {@code from} for a bare domain, one past the {@code @} for an address. The
   * local part is checked here; the domain is left to {@link #scanAsciiDomain} or {@link #toAsciiDomain}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static int domainStart(String s, int from, int to) {
    int at = -1;
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == '@') {
        if (at >= 0) {
          throw malformed(s, "has more than one '@'");
        }
        at = i;
      }
    }
    if (at < 0) {
      return from;
    }
    if (to - from > MAX_ADDRESS_LENGTH) {
      throw malformed(s, "is longer than " + MAX_ADDRESS_LENGTH + " characters");
    }
    checkLocalPart(s, from, at);
    if (at + 1 == to) {
      throw malformed(s, "has no domain after '@'");
    }
    return at + 1;
  }

  /**
   * RFC 5322 atext by {@code char}, false beyond ASCII. It spans every {@code char} so that an
   * index needs no range check: on the hot path that check costs as much as the lookup.
   */
  private static final boolean[] ATEXT_BY_CHAR = new boolean[Character.MAX_VALUE + 1];

  static {
    System.arraycopy(ATEXT, 0, ATEXT_BY_CHAR, 0, ATEXT.length);
  }

  /**
   * Where the domain starts in {@code s[from, to)} if it is a plain ASCII address or bare domain
   * whose local part is certainly valid, in one forward pass over the local part: one past the
   * {@code @}, or {@code from} if there is none. Returns -1 for anything unusual (non-ASCII,
   * quoted or odd local parts, stray dots, excess length), which then needs {@link
   * #checkLocalPart} and friends to say what is wrong. The domain itself is not checked here.
   */
  static int plainDomainStart(String s, int from, int to) {
    if (to - from > MAX_ADDRESS_LENGTH) {
      return -1;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (ATEXT_BY_CHAR[c]) {
        continue;
      }
      // A dot or an '@' is valid only after an atext character, so the previous one must be.
      boolean afterAtext = i > from && s.charAt(i - 1) != '.';
      if (c == '@') {
        return afterAtext && i - from <= MAX_LOCAL_PART_OCTETS ? i + 1 : -1;
      }
      if (c != '.' || !afterAtext) {
        return -1;
      }
    }
    return from;
  }

  /** What {@link #scanAsciiDomain} returns for a domain with non-ASCII characters. */
  static final int NON_ASCII = -1;

  /**
   * One backward pass over the domain at the end of {@code s[from, to)}, already trimmed and
   * without its root dot, that finds where the domain starts and validates it as an ASCII
   * domain: letters, digits and hyphens in labels of 1 to 63 characters that neither start nor
   * end with a hyphen, a top-level label that is not all digits, at most 253 characters. This is
   * the hot path of {@link ProviderRegistry#lookup(String)}: it touches each character once.
   *
   * @return where the domain starts (one past the {@code @}, or {@code from} for a bare domain),
   *     or {@link #NON_ASCII} if the domain has a non-ASCII character and needs {@link
   *     #toAsciiDomain}
   * @throws IllegalArgumentException if the domain is malformed
   */
  static int scanAsciiDomain(String s, int from, int to) {
    if (s.charAt(to - 1) == '@') {
      throw malformed(s, "has no domain after '@'");
    }
    int labelEnd = to;
    boolean topLevel = true;
    boolean numeric = true;
    int i = to - 1;
    for (; i >= from; i--) {
      char c = s.charAt(i);
      if (c == '.' || c == '@') {
        checkLabel(s, i + 1, labelEnd, topLevel && numeric);
        if (c == '@') {
          break;
        }
        labelEnd = i;
        topLevel = false;
      } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z' || c == '-') {
        numeric = false;
      } else if (c >= 0x80) {
        return NON_ASCII;
      } else if (c < '0' || c > '9') {
        if (c == '[' || c == ']') {
          throw malformed(s, "uses an address literal, which mail providers do not accept");
        }
        throw malformed(s, "has " + describe(c) + ", which is not allowed in a domain");
      }
    }
    if (i < from) {
      checkLabel(s, from, labelEnd, topLevel && numeric);
    }
    int start = i + 1;
    if (to - start > MAX_DOMAIN_LENGTH) {
      throw malformed(s, "has a domain longer than " + MAX_DOMAIN_LENGTH + " characters");
    }
    return start;
  }

  private static void checkLabel(String s, int start, int end, boolean numericTopLevel) {
    int length = end - start;
    if (length == 0) {
      throw malformed(s, "has an empty domain label (a leading dot or two dots in a row)");
    }
    if (length > MAX_LABEL_LENGTH) {
      throw malformed(s, "has a domain label longer than " + MAX_LABEL_LENGTH + " characters");
    }
    if (s.charAt(start) == '-' || s.charAt(end - 1) == '-') {
      throw malformed(s, "has a domain label that starts or ends with '-'");
    }
    if (numericTopLevel) {
      throw malformed(s, "ends in a numeric label: IP addresses are not mail domains");
    }
  }

  /** The end of a domain once one trailing dot (the DNS root, {@code gmx.de.}) is dropped. */
  static int dropRootDot(String s, int from, int to) {
    return to > from + 1 && s.charAt(to - 1) == '.' ? to - 1 : to;
  }

  /**
   * Checks {@code s[from, to)}, a domain on its own, with the rules of {@link #scanAsciiDomain}.
   *
   * @return true if it is a valid ASCII domain, false if it has non-ASCII characters and needs
   *     IDN conversion
   * @throws IllegalArgumentException if it is not a valid domain
   */
  private static boolean isAsciiDomain(String s, int from, int to) {
    if (from == to) {
      throw malformed(s, "has no domain");
    }
    int start = scanAsciiDomain(s, from, to);
    if (start == NON_ASCII) {
      return false;
    }
    if (start != from) {
      throw malformed(s, "has " + describe('@') + ", which is not allowed in a domain");
    }
    return true;
  }

  /**
   * The lower-case ASCII form of the domain {@code s[from, to)}: internationalized labels become
   * punycode ({@code xn--}), upper case becomes lower case by {@link Locale#ROOT} rules.
   *
   * @throws IllegalArgumentException if it is not a valid domain
   */
  static String toAsciiDomain(String s, int from, int to) {
    if (isAsciiDomain(s, from, to)) {
      return s.substring(from, to).toLowerCase(Locale.ROOT);
    }
    if (to - from > MAX_DOMAIN_LENGTH) {
      // No real mail domain is this long even before conversion; refuse before IDN does any work.
      throw malformed(s, "has a domain longer than " + MAX_DOMAIN_LENGTH + " characters");
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      // IDN would silently drop these, so a domain with a hidden character would match another.
      if (PastedText.isInvisibleSpace(c) || Character.getType(c) == Character.FORMAT
          || Character.isISOControl(c)) {
        throw malformed(s, "has " + describe(c) + ", which is not allowed in a domain");
      }
    }
    String ascii;
    try {
      ascii = IDN.toASCII(s.substring(from, to), IDN.USE_STD3_ASCII_RULES);
    } catch (IllegalArgumentException e) {
      throw malformed(s, "has a domain that is not a valid internationalized name", e);
    }
    ascii = ascii.toLowerCase(Locale.ROOT);
    // IDN maps some dots (U+3002) and may leave a trailing one; check the result as ASCII.
    int end = dropRootDot(ascii, 0, ascii.length());
    if (!isAsciiDomain(ascii, 0, end)) {
      throw malformed(s, "has a domain that is not a valid internationalized name");
    }
    return ascii.substring(0, end);
  }

  /**
   * Checks {@code s[from, to)} as a dot-atom local part (RFC 5322 section 3.4.1, with the UTF-8
   * extension of RFC 6531).
   */
  static void checkLocalPart(String s, int from, int to) {
    if (from == to) {
      throw malformed(s, "has no local part before '@'");
    }
    if (s.charAt(from) == '"') {
      throw malformed(s, "has a quoted local part, which mail providers do not accept");
    }
    if (s.charAt(from) == '.' || s.charAt(to - 1) == '.') {
      throw malformed(s, "has a local part that starts or ends with '.'");
    }
    int octets = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        octets++;
        if (c == '@') {
          throw malformed(s, "has more than one '@'");
        } else if (c == '.') {
          if (s.charAt(i - 1) == '.') {
            throw malformed(s, "has two dots in a row in its local part");
          }
        } else if (!ATEXT[c]) {
          throw malformed(s, "has " + describe(c) + " in its local part, which is not allowed");
        }
      } else {
        octets += c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        if (Character.isISOControl(c) || PastedText.isInvisibleSpace(c)
            || Character.getType(c) == Character.FORMAT) {
          throw malformed(s, "has " + describe(c) + " in its local part, which is not allowed");
        }
      }
    }
    if (octets > MAX_LOCAL_PART_OCTETS) {
      throw malformed(s, "has a local part longer than " + MAX_LOCAL_PART_OCTETS + " octets");
    }
  }

  /**
   * Normalizes a server host name: a domain (lower case, ASCII, no trailing dot), an IPv4 address
   * or an IPv6 address (brackets removed). Unlike mail domains, hosts may be single labels such as
   * {@code localhost}.
   */
  static String normalizeHost(String host) {
    if (host.isEmpty()) {
      throw new IllegalArgumentException("host is empty");
    }
    String h = host;
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.indexOf(':') >= 0) {
      for (int i = 0; i < h.length(); i++) {
        char c = h.charAt(i);
        if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
          throw new IllegalArgumentException("host " + PastedText.quote(host)
              + " is neither a host name nor an IPv6 address");
        }
      }
      return h.toLowerCase(Locale.ROOT);
    }
    if (isIpv4(h)) {
      return h;
    }
    try {
      return toAsciiDomain(h, 0, dropRootDot(h, 0, h.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("host " + e.getMessage(), e);
    }
  }

  private static boolean isIpv4(String h) {
    String[] parts = h.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
          || Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  private static String describe(char c) {
    if (c == ' ') {
      return "a space";
    }
    if (c < ' ' || c == '\u007F' || c >= 0x80) {
      return String.format("the character U+%04X", (int) c);
    }
    return "the character '" + c + "'";
  }

  static IllegalArgumentException malformed(String input, String problem) {
    return new IllegalArgumentException(PastedText.quote(input) + " " + problem);
  }

  private static IllegalArgumentException malformed(String input, String problem, Throwable e) {
    return new IllegalArgumentException(PastedText.quote(input) + " " + problem, e);
  }
}
