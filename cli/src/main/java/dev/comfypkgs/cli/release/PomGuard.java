package dev.comfypkgs.cli.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * What {@link RecipeCompiler} can reproduce of a tree's Maven build: it compiles the processor
 * against Jackson and auto-service's annotations only, and passes the recipes-java {@code -A}
 * options it knows. A tree whose poms ask for more would compile differently under Maven, or not
 * at all, so its verdict here would be wrong; this names what is in the way instead.
 */
final class PomGuard {
  /**
   * The artifacts a module of the toolchain or recipes-java may need outside tests. Jackson's
   * three are all on the class path the gate gives javac: a commit from before the processor
   * moved to jackson-core's streaming API depends on databind, later ones on core and annotations.
   */
  private static final Set<String> KNOWN_DEPENDENCIES = Set.of(
      "comfypkgs-annotations", "comfypkgs-common", "comfypkgs-processor", "jackson-databind",
      "jackson-core", "jackson-annotations", "auto-service-annotations");

  private static final List<String> MODULES =
      List.of("annotations", "common", "processor", "recipes-java");

  private PomGuard() {}

  /** Why {@code root}'s build cannot be reproduced without Maven, if it cannot. */
  static Optional<String> check(Path root) {
    List<String> problems = new ArrayList<>();
    for (String module : MODULES) {
      Path pom = root.resolve(module).resolve("pom.xml");
      if (!Files.isRegularFile(pom)) {
        problems.add("no " + module + "/pom.xml");
        continue;
      }
      Element project;
      try {
        project = parser().parse(pom.toFile()).getDocumentElement();
      } catch (SAXException | IOException e) {
        problems.add(module + "/pom.xml does not parse: " + e.getMessage());
        continue;
      }
      for (Element dependency : children(child(project, "dependencies"), "dependency")) {
        String artifact = text(dependency, "artifactId");
        String scope = text(dependency, "scope");
        if (!"test".equals(scope) && !KNOWN_DEPENDENCIES.contains(artifact)) {
          problems.add(module + "/pom.xml depends on " + text(dependency, "groupId") + ":" + artifact);
        }
      }
      if (module.equals("recipes-java")) {
        for (Element plugin : children(child(child(project, "build"), "plugins"), "plugin")) {
          if (!"maven-compiler-plugin".equals(text(plugin, "artifactId"))) {
            continue;
          }
          for (Element arg : children(child(child(plugin, "configuration"), "compilerArgs"), "arg")) {
            String value = arg.getTextContent().strip();
            String option = value.startsWith("-A") ? value.substring(2).split("=", 2)[0] : null;
            if (option != null && !RecipeCompiler.PROCESSOR_OPTIONS.contains(option)) {
              problems.add("recipes-java/pom.xml passes the processor " + value);
            }
          }
        }
      }
    }
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
  }

  /** A parser that reads no DTD and no external entity: a pom is data from the commit. */
  private static DocumentBuilder parser() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setExpandEntityReferences(false);
      return factory.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser refuses its own features", e);
    }
  }

  private static Element child(Element parent, String name) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? null : found.get(0);
  }

  /** The direct children named {@code name}: not the dependencies of dependencyManagement. */
  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    if (parent == null) {
      return out;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && name.equals(e.getTagName())) {
        out.add(e);
      }
    }
    return out;
  }

  private static String text(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? null : e.getTextContent().strip();
  }
}
