package com.lumyvo.providers.mail.mailbox;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What a folder is for (RFC 6154), for sorting into the right place at any provider. */
public enum SpecialUse {
  SENT("\\Sent"),
  JUNK("\\Junk"),
  TRASH("\\Trash"),
  ARCHIVE("\\Archive"),
  DRAFTS("\\Drafts");

  /**
   * Names providers use without announcing RFC 6154 attributes: iCloud's "Sent Messages" and
   * "Deleted Messages", Yahoo's "Bulk", Outlook's "Sent Items" and "Deleted Items", GMX's and
   * IONOS's German folders (from Thunderbird's and FairEmail's folder heuristics).
   */
  private static final Map<String, SpecialUse> WELL_KNOWN_NAMES = Map.ofEntries(
      Map.entry("sent", SENT), Map.entry("sent messages", SENT), Map.entry("sent items", SENT),
      Map.entry("sent mail", SENT), Map.entry("gesendet", SENT),
      Map.entry("gesendete objekte", SENT), Map.entry("gesendete elemente", SENT),
      Map.entry("junk", JUNK), Map.entry("spam", JUNK), Map.entry("bulk", JUNK),
      Map.entry("bulk mail", JUNK), Map.entry("junk e-mail", JUNK), Map.entry("junk email", JUNK),
      Map.entry("spamverdacht", JUNK), Map.entry("trash", TRASH),
      Map.entry("deleted messages", TRASH), Map.entry("deleted items", TRASH),
      Map.entry("deleted", TRASH), Map.entry("papierkorb", TRASH),
      Map.entry("gelöschte objekte", TRASH), Map.entry("archive", ARCHIVE),
      Map.entry("archiv", ARCHIVE), Map.entry("drafts", DRAFTS), Map.entry("draft", DRAFTS),
      Map.entry("entwürfe", DRAFTS));

  private final String attribute;

  SpecialUse(String attribute) {
    this.attribute = attribute;
  }

  /** The RFC 6154 LIST attribute, such as {@code \Sent}. */
  public String attribute() {
    return attribute;
  }

  /** The special use an RFC 6154 attribute such as {@code \\Sent} announces, if any. */
  public static Optional<SpecialUse> ofAttribute(String attribute) {
    for (SpecialUse use : values()) {
      if (use.attribute.equalsIgnoreCase(attribute)) {
        return Optional.of(use);
      }
    }
    return Optional.empty();
  }

  /** The use a folder's name suggests, looking at its last level only ({@code INBOX.Sent}). */
  /**
   * The special use a folder name suggests where the server announces none ({@code Sent Items},
   * {@code INBOX.Trash}), judged by its last part after {@code separator}.
   */
  public static Optional<SpecialUse> ofName(String name, char separator) {
    int cut = separator == 0 ? -1 : name.lastIndexOf(separator);
    String leaf = name.substring(cut + 1).toLowerCase(Locale.ROOT);
    return Optional.ofNullable(WELL_KNOWN_NAMES.get(leaf));
  }
}
