package dev.comfypkgs.processor.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One recipe annotation as written on a recipe class, read once by the parse layer into plain
 * values: every attribute's value (defaults included), which attributes the source wrote, and
 * which hold text. Rules read it and report at it by {@link Location} without the compiler, as
 * google/auto's declarations keep the values beside the mirror.
 *
 * @param annotation the annotation's simple name, e.g. {@code "Bundle"}
 * @param occurrence which of the class's annotations of this kind (repeatables), from 0
 * @param values by attribute: a {@code String}, a {@link ClassRef}, an {@link EnumConstant}, a
 *     boxed primitive, or a list of those for an array
 */
public record AnnotationUse(
    String annotation, int occurrence, Map<String, Object> values, Set<String> explicit,
    List<String> textAttributes) {

  /** A class literal: its qualified name, or empty when javac could not resolve it. */
  public record ClassRef(String name) {}

  /** An enum constant: its simple name. */
  public record EnumConstant(String name) {}

  public AnnotationUse {
    values = Map.copyOf(values);
    explicit = Set.copyOf(explicit);
    textAttributes = List.copyOf(textAttributes);
  }

  /** The attribute's string, or empty when it holds something else. */
  public String string(String attribute) {
    return value(attribute) instanceof String s ? s : "";
  }

  /** The strings of an array attribute (a single value counts as an array of one). */
  public List<String> strings(String attribute) {
    List<String> out = new ArrayList<>();
    for (Object item : items(attribute)) {
      if (item instanceof String s) {
        out.add(s);
      }
    }
    return out;
  }

  /** Class literals as qualified names, one per item; an unresolved literal is empty. */
  public List<String> classNames(String attribute) {
    List<String> out = new ArrayList<>();
    for (Object item : items(attribute)) {
      out.add(item instanceof ClassRef c ? c.name() : "");
    }
    return out;
  }

  /** The enum constant's simple name, or empty when the attribute holds something else. */
  public String enumName(String attribute) {
    return value(attribute) instanceof EnumConstant e ? e.name() : "";
  }

  /** The simple names of an enum array's constants. */
  public List<String> enumNames(String attribute) {
    List<String> out = new ArrayList<>();
    for (Object item : items(attribute)) {
      if (item instanceof EnumConstant e) {
        out.add(e.name());
      }
    }
    return out;
  }

  /** True when the attribute was written in the source rather than left to its default. */
  public boolean isExplicit(String attribute) {
    return explicit.contains(attribute);
  }

  private Object value(String attribute) {
    Object v = values.get(attribute);
    if (v == null) {
      throw new IllegalArgumentException("no attribute " + attribute + " on @" + annotation);
    }
    return v;
  }

  private List<?> items(String attribute) {
    Object v = value(attribute);
    return v instanceof List<?> list ? list : List.of(v);
  }
}
