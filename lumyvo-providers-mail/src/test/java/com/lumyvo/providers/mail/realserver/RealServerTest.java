package com.lumyvo.providers.mail.realserver;

import com.lumyvo.providers.mail.MailConnector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * What every real-server test class starts from: the shared Dovecot and Postfix of this JVM and a
 * connector that trusts their certificate. Tagged, so that only the {@code real-servers} profile
 * runs them.
 */
@Tag("real-server")
abstract class RealServerTest {
  static RealMailServers servers;
  static MailConnector connector;

  @BeforeAll
  static void startServers() {
    servers = RealMailServers.shared();
    connector = servers.connectorBuilder().build();
  }
}
