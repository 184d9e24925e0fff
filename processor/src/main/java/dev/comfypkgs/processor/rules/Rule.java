package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.DeclaredRecipes;

/**
 * One check over the whole recipe set. A rule reports every violation it finds, not just the
 * first, and each message says how to fix it.
 */
public interface Rule {
  /** The stable id printed with every finding, e.g. {@code CPK001}. */
  String id();

  /** One line for the README's rule table: what the rule enforces. */
  String summary();

  void check(DeclaredRecipes recipes, ValidationReport report);
}
