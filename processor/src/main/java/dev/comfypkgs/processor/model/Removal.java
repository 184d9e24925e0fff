package dev.comfypkgs.processor.model;

/**
 * One name in {@code pythonRemoveDeps}, spelled as declared, with why it is removed: a torch-agnostic
 * removal ({@code reason} null) or an {@code @Remove} with its reason.
 */
public record Removal(String name, boolean torch, String reason) {}
