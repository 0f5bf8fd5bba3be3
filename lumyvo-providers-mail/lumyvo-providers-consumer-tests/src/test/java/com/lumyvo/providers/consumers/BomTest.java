package com.lumyvo.providers.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM services import (the parent POM's dependencyManagement) pins the SDK's artifacts and
 * their run-time dependencies and nothing of a service's own build: no test tools, no logging
 * backend, no benchmark harness.
 */
class BomTest {
  @Test
  void managesOnlyTheSdksArtifactsAndTheirRunTimeDependencies() throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document pom = factory.newDocumentBuilder()
        .parse(Path.of(System.getProperty("sdk.bom")).toFile());
    Element management = child(pom.getDocumentElement(), "dependencyManagement");
    List<String> managed = new ArrayList<>();
    NodeList dependencies = child(management, "dependencies").getElementsByTagName("dependency");
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element dependency = (Element) dependencies.item(i);
      managed.add(child(dependency, "groupId").getTextContent() + ":"
          + child(dependency, "artifactId").getTextContent());
    }

    assertThat(managed).containsExactlyInAnyOrder(
        "com.lumyvo:lumyvo-providers-core",
        "com.lumyvo:lumyvo-providers-mail",
        "com.lumyvo:lumyvo-providers-mail-junit",
        "org.eclipse.angus:angus-mail",
        "jakarta.mail:jakarta.mail-api",
        "org.slf4j:slf4j-api",
        "com.icegreen:greenmail");
  }

  private static Element child(Element parent, String name) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        return element;
      }
    }
    throw new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">");
  }
}
