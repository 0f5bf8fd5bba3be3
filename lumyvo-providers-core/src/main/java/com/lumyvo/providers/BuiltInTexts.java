package com.lumyvo.providers;

import com.lumyvo.providers.internal.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The words of a built-in provider's prerequisites and setup guide, read from the {@code
 * providers} bundle under the provider's id, in any language we translate: {@code
 * <id>.prerequisite.N}, {@code <id>.step.N}, {@code <id>.access.N}, {@code <id>.revocation}
 * and {@code <id>.note.N}; for a provider that takes OAuth 2.0 also {@code <id>.oauth.N}, {@code
 * <id>.oauthRequirement.N} (where {@code {0}} stands for the scopes to ask for) and {@code
 * <id>.oauthRevocation}. How many steps and notes there are is what the English bundle has;
 * the bundle test holds every translation to the same keys. Immutable.
 */
final class BuiltInTexts {
  private final String id;
  private final String startPage;
  private final List<Prerequisite.Kind> prerequisiteKinds;

  private BuiltInTexts(String id, String startPage, Prerequisite.Kind... prerequisiteKinds) {
    this.id = Objects.requireNonNull(id, "id");
    this.startPage = startPage;
    this.prerequisiteKinds = List.of(prerequisiteKinds);
  }

  /** Texts for {@code id}, whose guide has no start page, with prerequisites of these kinds. */
  static BuiltInTexts of(String id, Prerequisite.Kind... prerequisiteKinds) {
    return new BuiltInTexts(id, null, prerequisiteKinds);
  }

  /** Texts for {@code id} whose guide starts at {@code startPage}. */
  static BuiltInTexts withStartPage(String id, String startPage,
      Prerequisite.Kind... prerequisiteKinds) {
    return new BuiltInTexts(id, Objects.requireNonNull(startPage, "startPage"),
        prerequisiteKinds);
  }

  /** The prerequisites, in the order the person should do them, in {@code locale}. */
  List<Prerequisite> prerequisites(Locale locale) {
    Texts texts = Texts.of("providers", locale);
    List<Prerequisite> prerequisites = new ArrayList<>();
    for (int n = 1; n <= prerequisiteKinds.size(); n++) {
      prerequisites.add(new Prerequisite(prerequisiteKinds.get(n - 1),
          texts.get(id + ".prerequisite." + n)));
    }
    return List.copyOf(prerequisites);
  }

  /**
   * The setup guide in {@code locale}; its OAuth part only when {@code oauthScopes} is not
   * empty, that is when the descriptor has OAuth facts, so that a guide never explains a path
   * the descriptor cannot take, and the scopes named are the descriptor's own.
   */
  SetupGuide guide(Locale locale, List<String> oauthScopes) {
    Texts texts = Texts.of("providers", locale);
    SetupGuide.Builder guide = SetupGuide.builder();
    if (startPage != null) {
      guide.startPage(startPage);
    }
    guide.appPasswordSteps(numbered(texts, "step"));
    guide.enableAccessSteps(numbered(texts, "access"));
    texts.find(id + ".revocation").ifPresent(guide::revocation);
    guide.notes(numbered(texts, "note"));
    if (!oauthScopes.isEmpty()) {
      guide.oauthSteps(numbered(texts, "oauth"));
      String scopes = String.join(", ", oauthScopes);
      guide.oauthRequirements(numbered(texts, "oauthRequirement", scopes));
      texts.find(id + ".oauthRevocation").ifPresent(guide::oauthRevocation);
    }
    return guide.build();
  }

  private String[] numbered(Texts texts, String part, Object... args) {
    List<String> items = new ArrayList<>();
    for (int n = 1; ; n++) {
      String key = id + "." + part + "." + n;
      Optional<String> item = texts.find(key);
      if (item.isEmpty()) {
        return items.toArray(String[]::new);
      }
      items.add(args.length == 0 ? item.get() : texts.get(key, args));
    }
  }
}
