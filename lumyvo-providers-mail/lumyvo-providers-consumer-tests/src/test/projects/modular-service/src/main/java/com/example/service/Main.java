package com.example.service;

import com.lumyvo.providers.AppPassword;
import com.lumyvo.providers.ProviderRegistry;
import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
import com.lumyvo.providers.mail.verify.VerificationResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Locale;

/**
 * Looks up a provider, then verifies an account against a port on this machine where nothing
 * listens: a real call through Angus Mail (providers found through the module system, sockets,
 * the diagnosis), with no fake and no network. Prints its module, the provider and the
 * diagnosis, then the diagnosis's summary in German.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws IOException {
    String provider = ProviderRegistry.defaults().lookup("anna@gmx.de").orElseThrow().id();
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    ServerEndpoint nowhere = ServerEndpoint.of("localhost", closed, Security.SSL_TLS);
    MailAccount account = MailAccount.builder("anna@gmx.de", AppPassword.of("abcd efgh ijkl mnop"))
        .imap(nowhere).smtp(nowhere).build();
    VerificationResult result = MailConnector.builder().build().verify(account);
    System.out.println(Main.class.getModule().getName() + " " + provider + " "
        + result.imap().diagnosis().orElseThrow().kind());
    // The SDK's texts in German: read from the resource bundles inside the core module's jar.
    System.out.println(result.imap().diagnosis().orElseThrow().in(Locale.GERMAN).summary());
  }
}
