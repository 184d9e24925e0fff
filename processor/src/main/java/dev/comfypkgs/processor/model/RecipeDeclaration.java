package dev.comfypkgs.processor.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A recipe class as written, without the compiler: its name and each recipe annotation on it (by
 * simple name, repeatables unwrapped, in the order of the recipe vocabulary) with its values. The
 * parse layer builds it; rules read it and point at what they check with {@link Location}s, which
 * only the diagnostic printer turns back into javac's element, mirror and value.
 */
public final class RecipeDeclaration {
  private final String className;
  private final String simpleName;
  private final Map<String, List<AnnotationUse>> uses;

  public RecipeDeclaration(String className, String simpleName, Map<String, List<AnnotationUse>> uses) {
    this.className = className;
    this.simpleName = simpleName;
    this.uses = Collections.unmodifiableMap(new LinkedHashMap<>(uses));
  }

  public String className() {
    return className;
  }

  /** The class's simple name, as messages name a recipe. */
  public String simpleName() {
    return simpleName;
  }

  /** The uses of one annotation (by simple name, e.g. {@code "GitHub"}); empty when absent. */
  public List<AnnotationUse> uses(String annotation) {
    return uses.getOrDefault(annotation, List.of());
  }

  public boolean has(String annotation) {
    return !uses(annotation).isEmpty();
  }

  /** The annotations that make a class a package, each with pname, version and attr. */
  public static final List<String> PACKAGE_HEADS =
      List.of("PythonPackage", "CustomNode", "NodeBundle", "Workflows", "Wrapper");

  /**
   * A package recipe, one of {@link #PACKAGE_HEADS} (whatever else the class carries): each is one
   * {@code .flox/pkgs} file, and the package rules apply to each as far as it has what they check.
   */
  public boolean isPackage() {
    return PACKAGE_HEADS.stream().anyMatch(this::has);
  }

  /**
   * The annotation that makes this class a package, where its pname, version and attr are
   * written: one of {@link #PACKAGE_HEADS} (CPK006 refuses a class with two).
   */
  public String packageHead() {
    return PACKAGE_HEADS.stream().filter(this::has).findFirst().orElse("PythonPackage");
  }

  /** A {@code @MetaPackage} recipe that is not also a package (CPK006 refuses the pair). */
  public boolean isMeta() {
    return !isPackage() && has("MetaPackage");
  }

  /**
   * Every GitHub source the class names: its {@code @GitHub} and each {@code @Node} fetched from
   * GitHub. Both spell the source with the same attributes (owner, repo, tag, rev, hash), so one
   * rule checks them all the same way.
   */
  public List<AnnotationUse> gitHubSources() {
    List<AnnotationUse> out = new ArrayList<>(uses("GitHub"));
    for (AnnotationUse node : uses("Node")) {
      if (node.string("file").isEmpty()) {
        out.add(node);
      }
    }
    return out;
  }

  /**
   * Every file the class takes from {@code sources/}: its {@code @Vendored} and each vendored
   * {@code @Node}, both named by the attribute {@code file}.
   */
  public List<AnnotationUse> vendoredSources() {
    List<AnnotationUse> out = new ArrayList<>(uses("Vendored"));
    for (AnnotationUse node : uses("Node")) {
      if (!node.string("file").isEmpty()) {
        out.add(node);
      }
    }
    return out;
  }

  /** The simple names of the recipe annotations on the class. */
  public Set<String> annotations() {
    return uses.keySet();
  }

  /** The class itself. */
  public Location anchor() {
    return Location.of(className);
  }

  /** The first {@code annotation} on the class. */
  public Location anchor(String annotation) {
    return has(annotation) ? new Location(className, annotation, 0, null, -1) : anchor();
  }

  /** One attribute of the first {@code annotation}. */
  public Location anchor(String annotation, String attribute) {
    return has(annotation) ? new Location(className, annotation, 0, attribute, -1) : anchor();
  }

  /** A given use as a whole. */
  public Location anchor(AnnotationUse use) {
    return anchor(use, null, -1);
  }

  /** One attribute of a given use. */
  public Location anchor(AnnotationUse use, String attribute) {
    return anchor(use, attribute, -1);
  }

  /** One item of an array attribute of a given use. */
  public Location anchor(AnnotationUse use, String attribute, int index) {
    if (!uses(use.annotation()).contains(use)) {
      throw new IllegalArgumentException("@" + use.annotation() + " is not on " + className);
    }
    return new Location(className, use.annotation(), use.occurrence(), attribute, index);
  }

  public String string(AnnotationUse use, String attribute) {
    return use.string(attribute);
  }

  public List<String> strings(AnnotationUse use, String attribute) {
    return use.strings(attribute);
  }

  /**
   * The attributes of the use's annotation that hold a string or an array of strings, read from
   * the annotation type itself: a check over them covers an attribute added later too.
   */
  public List<String> textAttributes(AnnotationUse use) {
    return use.textAttributes();
  }

  public List<String> classNames(AnnotationUse use, String attribute) {
    return use.classNames(attribute);
  }

  public boolean explicit(AnnotationUse use, String attribute) {
    return use.isExplicit(attribute);
  }
}
