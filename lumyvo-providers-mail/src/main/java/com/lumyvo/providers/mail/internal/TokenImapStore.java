package com.lumyvo.providers.mail.internal;

import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;

/**
 * An Angus IMAP store that signs in with an OAuth 2.0 access token and nothing else.
 *
 * <p>Why not Angus's own XOAUTH2 ({@code mail.imap.auth.mechanisms=XOAUTH2}): it has no
 * OAUTHBEARER; it answers a server's error challenge with the token again; and where the server
 * does not announce the mechanism it falls back to {@code LOGIN} with the token as the password,
 * sending it to a server that never asked for one. Here the exchange runs in {@link #preLogin},
 * the hook Angus calls after TLS and before any login, on a protocol object that refuses every
 * password mechanism; Angus then sees the connection as authenticated and skips its own.
 *
 * <p>Every connection the store opens (folders take their own) signs in with the token the
 * store holds, which {@link #token} sets before {@code connect}.
 */
final class TokenImapStore extends IMAPStore {
  private final Progress progress;
  private volatile String user;
  private volatile String token;

  TokenImapStore(Session session, String protocolName, boolean ssl, Progress progress) {
    super(session, new URLName(protocolName, null, -1, null, null, null), protocolName, ssl);
    this.progress = progress;
  }

  /** The login name and token for the connections opened from now on. */
  void token(String user, String token) {
    this.user = user;
    this.token = token;
  }

  @Override
  protected IMAPProtocol newIMAPProtocol(String host, int port)
      throws IOException, ProtocolException {
    return new TokenImapProtocol(name, host, port, session.getProperties(), isSSL, logger);
  }

  @Override
  protected void preLogin(IMAPProtocol p) throws ProtocolException {
    ((TokenImapProtocol) p).authenticate(user, token, progress);
  }
}
