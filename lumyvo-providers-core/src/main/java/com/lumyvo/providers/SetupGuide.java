package com.lumyvo.providers;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a person prepares their account for Lumyvo, for each way the provider lets a mail app sign
 * in: where to go, the numbered steps that produce an app password, the steps that switch on IMAP
 * where a provider needs that, how to revoke the password later, and notes that save a support
 * ticket; and, for a provider that takes OAuth 2.0, what the person does at the provider's
 * sign-in page, what the service (or the organization's administrator) must have set up for that
 * to work, and where the person withdraws the access later.
 *
 * <p>A guide explains the paths the provider offers: both for Gmail, Yahoo and AOL, only OAuth
 * for Outlook.com and Microsoft 365 (no app-password steps), only the app password elsewhere (no
 * OAuth steps). Lists are empty and optionals empty where a part does not apply.
 *
 * <p>Immutable and thread-safe; build with {@link #builder()}.
 */
public final class SetupGuide {
  private final URI startPage;
  private final List<String> appPasswordSteps;
  private final List<String> enableAccessSteps;
  private final String revocation;
  private final List<String> notes;
  private final List<String> oauthSteps;
  private final List<String> oauthRequirements;
  private final String oauthRevocation;

  private SetupGuide(Builder builder) {
    this.startPage = builder.startPage;
    this.appPasswordSteps = List.copyOf(builder.appPasswordSteps);
    this.enableAccessSteps = List.copyOf(builder.enableAccessSteps);
    this.revocation = builder.revocation;
    this.notes = List.copyOf(builder.notes);
    this.oauthSteps = List.copyOf(builder.oauthSteps);
    this.oauthRequirements = List.copyOf(builder.oauthRequirements);
    this.oauthRevocation = builder.oauthRevocation;
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this guide's content. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.startPage = startPage;
    builder.appPasswordSteps.addAll(appPasswordSteps);
    builder.enableAccessSteps.addAll(enableAccessSteps);
    builder.revocation = revocation;
    builder.notes.addAll(notes);
    builder.oauthSteps.addAll(oauthSteps);
    builder.oauthRequirements.addAll(oauthRequirements);
    builder.oauthRevocation = oauthRevocation;
    return builder;
  }

  /** The page where the steps begin, when the provider has one address for it. */
  public Optional<URI> startPage() {
    return Optional.ofNullable(startPage);
  }

  /** The steps that generate an app password, in order. */
  public List<String> appPasswordSteps() {
    return appPasswordSteps;
  }

  /** The steps that switch on IMAP access, for providers where it starts switched off. */
  public List<String> enableAccessSteps() {
    return enableAccessSteps;
  }

  /** Where in the provider's settings an app password is revoked, as a menu path. */
  public Optional<String> revocation() {
    return Optional.ofNullable(revocation);
  }

  /** Advice that prevents common failures. */
  public List<String> notes() {
    return notes;
  }

  /**
   * What the person does to connect with OAuth 2.0, in order: sign in at the provider's page
   * that the service opens and agree to let it read and send mail. Empty where the provider
   * takes no OAuth (or the guide does not explain it).
   */
  public List<String> oauthSteps() {
    return oauthSteps;
  }

  /**
   * What must be in place before {@link #oauthSteps()} can work, none of it the person's doing:
   * the service's OAuth client registered with the provider and the scopes it asks for, and
   * where an organization's administrator has to allow the app or the protocol. Empty where the
   * provider takes no OAuth.
   */
  public List<String> oauthRequirements() {
    return oauthRequirements;
  }

  /**
   * Where the person withdraws the access they granted with {@link #oauthSteps()}, as a menu
   * path (for an organization's account, who does it there); empty where the provider takes no
   * OAuth or no source says where.
   */
  public Optional<String> oauthRevocation() {
    return Optional.ofNullable(oauthRevocation);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SetupGuide other
        && Objects.equals(startPage, other.startPage)
        && appPasswordSteps.equals(other.appPasswordSteps)
        && enableAccessSteps.equals(other.enableAccessSteps)
        && Objects.equals(revocation, other.revocation)
        && notes.equals(other.notes)
        && oauthSteps.equals(other.oauthSteps)
        && oauthRequirements.equals(other.oauthRequirements)
        && Objects.equals(oauthRevocation, other.oauthRevocation);
  }

  @Override
  public int hashCode() {
    return Objects.hash(startPage, appPasswordSteps, enableAccessSteps, revocation, notes,
        oauthSteps, oauthRequirements, oauthRevocation);
  }

  @Override
  public String toString() {
    return "SetupGuide{startPage=" + startPage + ", " + appPasswordSteps.size() + " steps, "
        + oauthSteps.size() + " OAuth steps}";
  }

  /** Builds a {@link SetupGuide}; not thread-safe. */
  public static final class Builder {
    private URI startPage;
    private final List<String> appPasswordSteps = new ArrayList<>();
    private final List<String> enableAccessSteps = new ArrayList<>();
    private String revocation;
    private final List<String> notes = new ArrayList<>();
    private final List<String> oauthSteps = new ArrayList<>();
    private final List<String> oauthRequirements = new ArrayList<>();
    private String oauthRevocation;

    private Builder() {}

    /**
     * Sets the page where the steps begin.
     *
     * @throws IllegalArgumentException unless it is an absolute {@code https} address
     */
    public Builder startPage(String uri) {
      Objects.requireNonNull(uri, "uri");
      URI parsed = URI.create(uri);
      if (!"https".equals(parsed.getScheme()) || parsed.getHost() == null) {
        throw new IllegalArgumentException("startPage must be an https address, was " + uri);
      }
      this.startPage = parsed;
      return this;
    }

    /** Appends steps that generate an app password. */
    public Builder appPasswordSteps(String... steps) {
      addAll(appPasswordSteps, steps, "appPasswordSteps");
      return this;
    }

    /** Appends steps that switch on IMAP access. */
    public Builder enableAccessSteps(String... steps) {
      addAll(enableAccessSteps, steps, "enableAccessSteps");
      return this;
    }

    /** Sets where an app password is revoked, as a menu path. */
    public Builder revocation(String menuPath) {
      this.revocation = requireText(menuPath, "revocation");
      return this;
    }

    /** Appends notes. */
    public Builder notes(String... notes) {
      addAll(this.notes, notes, "notes");
      return this;
    }

    /**
     * Appends steps the person takes to connect with OAuth 2.0.
     *
     * @throws IllegalArgumentException if a step is blank
     */
    public Builder oauthSteps(String... steps) {
      addAll(oauthSteps, steps, "oauthSteps");
      return this;
    }

    /**
     * Appends what the service or an administrator must have set up for OAuth 2.0.
     *
     * @throws IllegalArgumentException if a requirement is blank
     */
    public Builder oauthRequirements(String... requirements) {
      addAll(oauthRequirements, requirements, "oauthRequirements");
      return this;
    }

    /**
     * Sets where the person withdraws OAuth access, as a menu path.
     *
     * @throws IllegalArgumentException if blank
     */
    public Builder oauthRevocation(String menuPath) {
      this.oauthRevocation = requireText(menuPath, "oauthRevocation");
      return this;
    }

    /** An immutable guide with the content added so far. */
    public SetupGuide build() {
      return new SetupGuide(this);
    }

    private static void addAll(List<String> target, String[] items, String name) {
      Objects.requireNonNull(items, name);
      for (String item : items) {
        target.add(requireText(item, name));
      }
    }

    private static String requireText(String text, String name) {
      Objects.requireNonNull(text, name);
      if (text.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
      return text;
    }
  }
}
