package dev.comfypkgs.processor.model;

/** {@code substituteInPlace file --replace-fail replace with}. */
public record Substitution(String file, String replace, String with) {}
