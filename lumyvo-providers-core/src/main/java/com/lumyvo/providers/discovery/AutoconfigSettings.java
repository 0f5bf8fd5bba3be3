package com.lumyvo.providers.discovery;

import com.lumyvo.providers.LoginName;
import com.lumyvo.providers.ServerEndpoint;
import java.util.List;
import java.util.Optional;

/**
 * The usable part of an autoconfig file: encrypted IMAP and SMTP servers in the file's order,
 * each with its login name, and the provider's name if it gave one.
 *
 * @param displayName the provider's name, cleaned of control characters and shortened
 * @param imap encrypted IMAP servers
 * @param smtp encrypted SMTP servers
 * @param ignored what was left out and why, for the discovery step's detail
 */
record AutoconfigSettings(
    Optional<String> displayName, List<Server> imap, List<Server> smtp, List<String> ignored) {

  /**
   * One server entry.
   *
   * @param endpoint where and how
   * @param loginName which user name it expects
   * @param oauthOnly whether the entry offers OAuth 2.0 and no password method
   */
  record Server(ServerEndpoint endpoint, LoginName loginName, boolean oauthOnly) {}

  AutoconfigSettings {
    imap = List.copyOf(imap);
    smtp = List.copyOf(smtp);
    ignored = List.copyOf(ignored);
  }

  boolean isUsable() {
    return !imap.isEmpty() && !smtp.isEmpty();
  }
}
