package dev.comfypkgs.processor.model;

/**
 * Where a finding points, as a key into the recipes rather than a compiler object: the recipe
 * class and, when known, one annotation on it (the {@code occurrence}-th of its kind, for
 * repeatable ones), one of its attributes and one item of an array attribute. Rules attach it to
 * what they report; only the diagnostic printer turns it into javac's element, mirror and value,
 * through the parse layer's anchor index, so that javac underlines the exact attribute at fault.
 *
 * @param annotation the annotation's simple name, e.g. {@code "Bundle"}; null for the class
 * @param attribute null for the annotation as a whole
 * @param index the array item, or -1 for the attribute as a whole
 */
public record Location(
    String recipeClass, String annotation, int occurrence, String attribute, int index) {

  /** The recipe class itself. */
  public static Location of(String recipeClass) {
    return new Location(recipeClass, null, -1, null, -1);
  }
}
