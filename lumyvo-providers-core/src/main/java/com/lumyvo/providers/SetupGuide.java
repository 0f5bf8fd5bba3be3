package com.lumyvo.providers;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a person prepares their account for Lumyvo: where to go, the numbered steps that produce an
 * app password, the steps that switch on IMAP where a provider needs that, how to revoke the
 * password later, and notes that save a support ticket.
 *
 * <p>Immutable and thread-safe; build with {@link #builder()}.
 */
public final class SetupGuide {
  private final URI startPage;
  private final List<String> appPasswordSteps;
  private final List<String> enableAccessSteps;
  private final String revocation;
  private final List<String> notes;

  private SetupGuide(Builder builder) {
    this.startPage = builder.startPage;
    this.appPasswordSteps = List.copyOf(builder.appPasswordSteps);
    this.enableAccessSteps = List.copyOf(builder.enableAccessSteps);
    this.revocation = builder.revocation;
    this.notes = List.copyOf(builder.notes);
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

  @Override
  public boolean equals(Object o) {
    return o instanceof SetupGuide other
        && Objects.equals(startPage, other.startPage)
        && appPasswordSteps.equals(other.appPasswordSteps)
        && enableAccessSteps.equals(other.enableAccessSteps)
        && Objects.equals(revocation, other.revocation)
        && notes.equals(other.notes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(startPage, appPasswordSteps, enableAccessSteps, revocation, notes);
  }

  @Override
  public String toString() {
    return "SetupGuide{startPage=" + startPage + ", " + appPasswordSteps.size() + " steps}";
  }

  /** Builds a {@link SetupGuide}; not thread-safe. */
  public static final class Builder {
    private URI startPage;
    private final List<String> appPasswordSteps = new ArrayList<>();
    private final List<String> enableAccessSteps = new ArrayList<>();
    private String revocation;
    private final List<String> notes = new ArrayList<>();

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
