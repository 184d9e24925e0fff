package dev.comfypkgs.common;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a package recipe builds, as {@code recipes.json} names it in each package's {@code kind}:
 * the processor writes it from the recipe's head annotation and the CLI reads it back, so the
 * labels exist once, here.
 */
public enum PackageKind {
  /** {@code @PythonPackage}: a Python distribution in site-packages, with METADATA. */
  PYTHON_PACKAGE("python-package", "python package"),
  /** {@code @CustomNode}: one source tree installed as {@code share/comfyui/custom_nodes/<dir>}. */
  CUSTOM_NODE("custom-node", "custom node"),
  /** {@code @NodeBundle}: many custom nodes, each from its own pinned source. */
  NODE_BUNDLE("node-bundle", "node bundle"),
  /** {@code @Wrapper}: a patched copy of a nixpkgs Python package, METADATA included. */
  WRAPPER("wrapper", "wrapper"),
  /** {@code @Workflows}: workflow files under {@code share/comfyui}, built from a vendored tree. */
  WORKFLOWS("workflows", "workflows");

  private final String label;
  private final String description;

  PackageKind(String label, String description) {
    this.label = label;
    this.description = description;
  }

  /** The value of {@code kind} in {@code recipes.json}. */
  @JsonValue
  public String label() {
    return label;
  }

  /** How {@code comfypkgs list} names the kind to a reader. */
  public String description() {
    return description;
  }

  /**
   * Whether it installs ComfyUI custom nodes rather than a Python distribution: such a package has
   * no METADATA of its own, and its {@code customNodes} name what it installs.
   */
  public boolean installsCustomNodes() {
    return this == CUSTOM_NODE || this == NODE_BUNDLE;
  }
}
