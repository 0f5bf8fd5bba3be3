package com.lumyvo.providers.diagnosis;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.ProviderDescriptor;
import com.lumyvo.providers.SignInMethod;
import com.lumyvo.providers.oauth.AccessToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What is known about one failure: the error thrown, the server's reply, the protocol and the
 * provider, and the secrets that must not appear in the diagnosis. The mail module fills it from
 * a Jakarta Mail exception without interpreting anything; {@link ErrorClassifier} does the rest.
 *
 * <pre>{@code
 * Evidence evidence = Evidence.builder()
 *     .error(e).protocol(Protocol.SMTP).provider(gmx).secret(appPassword).build();
 * }</pre>
 *
 * <p>{@link #text()} and {@link #serverReply()} are the raw text, for {@link ClassificationRule}s;
 * they may hold credentials a server echoed. {@link #toString()} shows neither.
 */
public final class Evidence {
  /** How much text classification reads: enough for any real reply and a stack of messages. */
  static final int MAX_TEXT = 16_384;

  private final Protocol protocol;
  private final String serverReply;
  private final Throwable error;
  private final ProviderDescriptor provider;
  private final List<String> secrets;
  private final SignInMethod signInMethod;
  private final String text;

  private Evidence(Builder builder) {
    protocol = builder.protocol;
    serverReply = builder.serverReply;
    error = builder.error;
    provider = builder.provider;
    secrets = List.copyOf(builder.secrets);
    signInMethod = builder.signInMethod;
    text = CauseChain.text(serverReply, error, MAX_TEXT);
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The protocol spoken when it failed, if known. */
  public Optional<Protocol> protocol() {
    return Optional.ofNullable(protocol);
  }

  /** The server's reply as received, if there was one apart from the error. */
  public Optional<String> serverReply() {
    return Optional.ofNullable(serverReply);
  }

  /** The error thrown, if any. */
  public Optional<Throwable> error() {
    return Optional.ofNullable(error);
  }

  /** The provider of the account, if known. */
  public Optional<ProviderDescriptor> provider() {
    return Optional.ofNullable(provider);
  }

  /**
   * How the failed attempt signed in, if known: with {@link SignInMethod#OAUTH2} a rejected login
   * is a token problem, never a wrong password.
   */
  public Optional<SignInMethod> signInMethod() {
    return Optional.ofNullable(signInMethod);
  }

  /**
   * The server reply followed by the error and its causes as Java prints them ({@code
   * ClassName: message}), one per line, at most 16,384 characters: what text rules read. Class
   * names are evidence too ({@code SSLHandshakeException}); {@link Diagnosis#serverReply()}
   * shows the same text without them.
   */
  public String text() {
    return text;
  }

  List<String> secrets() {
    return secrets;
  }

  /** Names what is present, never the text: a reply can hold echoed credentials. */
  @Override
  public String toString() {
    return "Evidence[protocol=" + protocol
        + (signInMethod == null ? "" : ", signIn=" + signInMethod)
        + ", provider=" + (provider == null ? null : provider.id())
        + ", error=" + (error == null ? null : error.getClass().getName())
        + ", reply=" + (serverReply == null ? "none" : serverReply.length() + " chars") + "]";
  }

  /** Builds {@link Evidence}. Every part is optional. */
  public static final class Builder {
    private Protocol protocol;
    private String serverReply;
    private Throwable error;
    private ProviderDescriptor provider;
    private final List<String> secrets = new ArrayList<>();
    private SignInMethod signInMethod;

    private Builder() {}

    /**
     * How the attempt signed in. With {@link SignInMethod#OAUTH2}, credential rejections are
     * classified as token failures ({@link FailureKind#TOKEN_EXPIRED} and its kin).
     */
    public Builder signInMethod(SignInMethod signInMethod) {
      this.signInMethod = Objects.requireNonNull(signInMethod, "signInMethod");
      return this;
    }

    /** An access token that must not appear in the diagnosis, in clear or in base64. */
    public Builder secret(AccessToken token) {
      Objects.requireNonNull(token, "token");
      secrets.add(token.value());
      return this;
    }

    /** The protocol spoken when it failed. */
    public Builder protocol(Protocol protocol) {
      this.protocol = Objects.requireNonNull(protocol, "protocol");
      return this;
    }

    /** The server's reply: one line or several, with or without tag or code. */
    public Builder serverReply(String serverReply) {
      this.serverReply = Objects.requireNonNull(serverReply, "serverReply");
      return this;
    }

    /** The error thrown; its causes are read too. */
    public Builder error(Throwable error) {
      this.error = Objects.requireNonNull(error, "error");
      return this;
    }

    /** The provider of the account, for provider-specific hints and wording. */
    public Builder provider(ProviderDescriptor provider) {
      this.provider = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /** A password that must not appear in the diagnosis, in clear or in base64. */
    public Builder secret(AppPassword password) {
      Objects.requireNonNull(password, "password");
      secrets.add(password.reveal());
      return this;
    }

    /**
     * Any other secret (a token, a login) that must not appear in the diagnosis. Empty strings
     * are ignored.
     */
    public Builder secret(CharSequence secret) {
      Objects.requireNonNull(secret, "secret");
      if (secret.length() > 0) {
        secrets.add(secret.toString());
      }
      return this;
    }

    /** The evidence gathered so far. */
    public Evidence build() {
      return new Evidence(this);
    }
  }
}
