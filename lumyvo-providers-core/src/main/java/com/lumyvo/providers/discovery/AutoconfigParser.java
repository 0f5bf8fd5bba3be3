package com.lumyvo.providers.discovery;

import com.lumyvo.providers.EmailAddress;
import com.lumyvo.providers.LoginName;
import com.lumyvo.providers.Security;
import com.lumyvo.providers.ServerEndpoint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads Mozilla's autoconfig format (config-v1.1.xml, as Thunderbird's ISPDB and domains'
 * {@code autoconfig.} hosts serve it). The file comes from a stranger's web server, so the parser
 * refuses any DOCTYPE (no DTDs, so no entity expansion and no external entities), fetches
 * nothing, limits element depth, and ignores everything but the few elements below.
 */
final class AutoconfigParser {
  static final int MAX_SERVERS = 8;
  private static final int MAX_DEPTH = 32;
  private static final int MAX_NAME = 80;

  private AutoconfigParser() {}

  /**
   * The settings in {@code xml} for {@code address}.
   *
   * @throws IOException if the document is not well-formed, has a DOCTYPE, or is not a
   *     clientConfig with an emailProvider
   */
  static AutoconfigSettings parse(byte[] xml, EmailAddress address) throws IOException {
    Element root = read(xml).getDocumentElement();
    if (!"clientConfig".equals(root.getTagName())) {
      throw new IOException("not an autoconfig file: the root element is <"
          + DnsNames.quote(root.getTagName()) + ">, not <clientConfig>");
    }
    Element provider = firstChild(root, "emailProvider")
        .orElseThrow(() -> new IOException("autoconfig file has no <emailProvider>"));
    List<String> ignored = new ArrayList<>();
    List<AutoconfigSettings.Server> imap = servers(provider, "incomingServer", "imap", address,
        ignored);
    List<AutoconfigSettings.Server> smtp = servers(provider, "outgoingServer", "smtp", address,
        ignored);
    Optional<String> name = firstChild(provider, "displayName").map(AutoconfigParser::text)
        .map(AutoconfigParser::cleanName).filter(n -> !n.isEmpty());
    return new AutoconfigSettings(name, imap, smtp, ignored);
  }

  private static Document read(byte[] xml) throws IOException {
    try {
      // The JDK's own parser, whatever else is on the class path: the settings below are its.
      DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      factory.setAttribute("jdk.xml.maxElementDepth", Integer.toString(MAX_DEPTH));
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      factory.setNamespaceAware(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(THROWING);
      // Nothing may be fetched: an entity resolver that answers every request with an error.
      builder.setEntityResolver((publicId, systemId) -> {
        throw new SAXException("external entity refused");
      });
      return builder.parse(new ByteArrayInputStream(xml));
    } catch (SAXException e) {
      throw new IOException("autoconfig file refused: " + firstLine(e.getMessage()), e);
    } catch (ParserConfigurationException | IllegalArgumentException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a security feature", e);
    }
  }

  private static List<AutoconfigSettings.Server> servers(Element provider, String tag,
      String type, EmailAddress address, List<String> ignored) {
    List<AutoconfigSettings.Server> found = new ArrayList<>();
    NodeList children = provider.getChildNodes();
    for (int i = 0; i < children.getLength() && found.size() < MAX_SERVERS; i++) {
      if (!(children.item(i) instanceof Element server) || !tag.equals(server.getTagName())
          || !type.equalsIgnoreCase(server.getAttribute("type"))) {
        continue;
      }
      String host = firstChild(server, "hostname").map(AutoconfigParser::text).orElse("")
          .replace("%EMAILDOMAIN%", address.domain());
      String port = firstChild(server, "port").map(AutoconfigParser::text).orElse("");
      String socket = firstChild(server, "socketType").map(AutoconfigParser::text).orElse("");
      Security security = switch (socket.toUpperCase(Locale.ROOT)) {
        case "SSL" -> Security.SSL_TLS;
        case "STARTTLS" -> Security.STARTTLS;
        default -> null;
      };
      if (security == null) {
        ignored.add(type + " server " + DnsNames.quote(host) + " with socketType "
            + DnsNames.quote(socket) + " (only SSL and STARTTLS are used)");
        continue;
      }
      ServerEndpoint endpoint;
      try {
        endpoint = ServerEndpoint.of(host, Integer.parseInt(port), security);
      } catch (IllegalArgumentException malformed) {
        ignored.add(type + " server with host " + DnsNames.quote(host) + " and port "
            + DnsNames.quote(port) + ": " + malformed.getMessage());
        continue;
      }
      found.add(new AutoconfigSettings.Server(endpoint, loginName(server), oauthOnly(server)));
    }
    return found;
  }

  private static LoginName loginName(Element server) {
    String template = firstChild(server, "username").map(AutoconfigParser::text).orElse("");
    return switch (template) {
      case "%EMAILADDRESS%" -> LoginName.EMAIL_ADDRESS;
      case "%EMAILLOCALPART%" -> LoginName.LOCAL_PART;
      // A fixed name or another template cannot be derived safely; the person must give it.
      default -> LoginName.ACCOUNT_ADDRESS;
    };
  }

  private static boolean oauthOnly(Element server) {
    boolean oauth = false;
    boolean other = false;
    NodeList children = server.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element e && "authentication".equals(e.getTagName())) {
        if ("OAuth2".equalsIgnoreCase(text(e))) {
          oauth = true;
        } else {
          other = true;
        }
      }
    }
    return oauth && !other;
  }

  private static Optional<Element> firstChild(Element parent, String tag) {
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element e && tag.equals(e.getTagName())) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  private static String text(Element element) {
    String text = element.getTextContent();
    return text == null ? "" : text.strip();
  }

  private static String cleanName(String name) {
    String clean = name.replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]", "").strip();
    return clean.length() > MAX_NAME ? clean.substring(0, MAX_NAME) : clean;
  }

  private static String firstLine(String message) {
    String text = message == null ? "malformed XML" : message;
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  private static final ErrorHandler THROWING = new ErrorHandler() {
    @Override
    public void warning(SAXParseException e) {
      // Warnings do not make a document unusable.
    }

    @Override
    public void error(SAXParseException e) throws SAXException {
      throw e;
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
      throw e;
    }
  };
}
