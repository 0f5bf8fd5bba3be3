package com.lumyvo.providers.mail.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.util.MailLogger;

/**
 * One IMAP connection of a {@link TokenImapStore}: {@code AUTHENTICATE OAUTHBEARER} or {@code
 * XOAUTH2} as the server announces them (OAUTHBEARER first), the initial response sent with the
 * command where the server has SASL-IR (RFC 4959), after a continuation otherwise; and no password
 * mechanism at all, so that a token never goes out as a password.
 */
final class TokenImapProtocol extends IMAPProtocol {
  private final int serverPort;
  private volatile boolean tokenAccepted;

  TokenImapProtocol(String name, String host, int port, Properties props, boolean ssl,
      MailLogger logger) throws IOException, ProtocolException {
    super(name, host, port, props, ssl, logger);
    this.serverPort = port;
  }

  /** Signs in with {@code token}; a NO becomes Angus's login failure, with the server's text. */
  void authenticate(String user, String token, Progress progress) throws ProtocolException {
    OAuthSasl mechanism = OAuthSasl.choose(m -> hasCapability("AUTH=" + m))
        .orElseThrow(() -> new ProtocolException("the server announces neither AUTH=OAUTHBEARER"
            + " nor AUTH=XOAUTH2, so it cannot take an OAuth 2.0 access token"));
    progress.sendingToken(token);
    String initial = mechanism.initialResponse(user, host, serverPort, token);
    List<Response> responses = new ArrayList<>();
    Response last;
    boolean challenged = false;
    // Angus's trace shows what is written; the exchange is left out of it, as Angus does for
    // its own AUTHENTICATE, and the redactor under the trace stays as the second line.
    suspendTracing();
    try {
      Argument args = new Argument();
      args.writeAtom(mechanism.name());
      boolean initialSent = hasCapability("SASL-IR");
      if (initialSent) {
        args.writeAtom(initial);
      }
      String tag = writeCommand("AUTHENTICATE", args);
      OutputStream out = getOutputStream();
      while (true) {
        last = readResponse();
        responses.add(last);
        if (last.isContinuation()) {
          String answer;
          if (!initialSent) {
            answer = initial;
            initialSent = true;
          } else if (!challenged) {
            challenged = true;
            progress.tokenChallenge("+ " + last.getRest().trim());
            answer = mechanism.errorAcknowledgement();
          } else {
            answer = "*"; // a second challenge: cancel (RFC 3501 §6.2.2)
          }
          out.write(answer.getBytes(StandardCharsets.US_ASCII));
          out.write(new byte[] {'\r', '\n'});
          out.flush();
        } else if (last.isTagged() && tag.equals(last.getTag()) || last.isBYE()) {
          break;
        }
      }
    } catch (IOException e) {
      last = Response.byeResponse(e);
      responses.add(last);
    } finally {
      resumeTracing();
    }
    Response[] all = responses.toArray(Response[]::new);
    handleCapabilityResponse(all);
    handleLoginResult(last);
    setCapabilities(last);
    tokenAccepted = true;
  }

  @Override
  public boolean isAuthenticated() {
    return tokenAccepted || super.isAuthenticated();
  }

  // Angus calls these only when the connection is not authenticated yet, which after a failed
  // token exchange it never reaches, but a token must never become a password by accident.

  @Override
  public void login(String u, String p) throws ProtocolException {
    throw refused("LOGIN");
  }

  @Override
  public synchronized void authlogin(String u, String p) throws ProtocolException {
    throw refused("AUTHENTICATE LOGIN");
  }

  @Override
  public synchronized void authplain(String authzid, String u, String p)
      throws ProtocolException {
    throw refused("AUTHENTICATE PLAIN");
  }

  @Override
  public synchronized void authntlm(String authzid, String u, String p)
      throws ProtocolException {
    throw refused("AUTHENTICATE NTLM");
  }

  @Override
  public synchronized void authoauth2(String u, String p) throws ProtocolException {
    throw refused("Angus's XOAUTH2");
  }

  @Override
  public void sasllogin(String[] allowed, String realm, String authzid, String u, String p)
      throws ProtocolException {
    throw refused("SASL");
  }

  private static ProtocolException refused(String mechanism) {
    return new ProtocolException("an OAuth 2.0 account never signs in with " + mechanism);
  }
}
