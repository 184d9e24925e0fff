package dev.comfypkgs.common;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which names a recipe may carry, as CPK005 checks them and as {@code comfypkgs new} checks its
 * arguments before it writes a recipe: one grammar each, so that what {@code new} writes always
 * compiles and what compiles is what {@code new} would accept.
 */
public final class RecipeNames {
  /** Nix refuses store path names longer than this (a derivation's name plus {@code .drv}). */
  public static final int MAX_STORE_NAME_LENGTH = 211;

  private static final Set<String> NIX_KEYWORDS =
      Set.of("if", "then", "else", "assert", "with", "let", "in", "rec", "inherit", "or");
  private static final Pattern STORE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+\\-]*");
  private static final Pattern GITHUB_OWNER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9\\-]{0,38}");
  private static final Pattern GITHUB_REPO = Pattern.compile("[A-Za-z0-9._\\-]{1,100}");
  private static final Pattern PYTHON_PROJECT =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._\\-]*[A-Za-z0-9])?");

  /** ComfyUI imports a custom node's directory as a module, and skips names ending in .disabled. */
  private static final Pattern NODE_DIRECTORY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_\\-]{0,99}");

  private RecipeNames() {}

  /**
   * A name Nix reads unquoted as a variable or attribute: an identifier ({@code [A-Za-z_]} then
   * {@code [A-Za-z0-9_'-]}), not a keyword. Checked a character at a time: every name of every
   * generated file passes through here.
   */
  public static boolean isNixIdentifier(String name) {
    if (name.isEmpty() || !(isAsciiLetter(name.charAt(0)) || name.charAt(0) == '_')) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '\'' || c == '-')) {
        return false;
      }
    }
    return !NIX_KEYWORDS.contains(name);
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  /** A pname or version: a letter or digit, then letters, digits and {@code . _ + -}. */
  public static boolean isStoreName(String name) {
    return STORE_NAME.matcher(name).matches();
  }

  /** A GitHub user or organisation: letters, digits and inner hyphens, at most 39. */
  public static boolean isGitHubOwner(String owner) {
    return GITHUB_OWNER.matcher(owner).matches() && !owner.endsWith("-");
  }

  /** A GitHub repository: letters, digits and {@code . _ -}, at most 100, not a dot segment. */
  public static boolean isGitHubRepo(String repo) {
    return GITHUB_REPO.matcher(repo).matches() && !repo.equals(".") && !repo.equals("..");
  }

  /** A Python distribution name as PEP 508 spells it. */
  public static boolean isPythonProject(String name) {
    return PYTHON_PROJECT.matcher(name).matches();
  }

  /**
   * A directory under {@code share/comfyui/custom_nodes}: one path segment ComfyUI loads as it
   * stands, a letter or digit, then letters, digits, {@code _} and {@code -}, at most 100. No dot
   * (so no {@code ..}, hidden or {@code .disabled} name) and no character a shell or Nix string
   * would read specially.
   */
  public static boolean isNodeDirectory(String name) {
    return NODE_DIRECTORY.matcher(name).matches();
  }
}
