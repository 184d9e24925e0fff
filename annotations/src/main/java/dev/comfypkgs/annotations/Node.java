package dev.comfypkgs.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One custom node of a {@link NodeBundle}, which installs many nodes, each from its own pinned
 * source, as {@code share/comfyui/custom_nodes/<directory>}. The source is either a GitHub archive
 * ({@link #owner()}, {@link #repo()}, exactly one of {@link #tag()} and {@link #rev()}, {@link
 * #hash()}), checked by the rules of {@link GitHub}, or a directory kept under {@code sources/}
 * ({@link #file()}), checked by the rules of {@link Vendored}. A {@link Substitute}
 * naming the node's {@link #directory()} in {@link Substitute#node()} edits a file of that node.
 * Only a {@link NodeBundle} carries {@code @Node}s (CPK119).
 *
 * <pre>{@code
 * @Node(directory = "ComfyUI-KJNodes", owner = "kijai", repo = "ComfyUI-KJNodes",
 *     rev = "...40 hex...", hash = "sha256-...")
 * @Node(directory = "ComfyUI-SafeCLIP-SDXL", file = "ComfyUI-SafeCLIP-SDXL")
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(Node.List.class)
public @interface Node {
  /**
   * The directory under {@code share/comfyui/custom_nodes/}, with the rules of {@link
   * CustomNode#directory()} (CPK115, CPK116).
   */
  String directory();

  /** The GitHub repository owner, as {@link GitHub#owner()}; empty for a vendored node. */
  String owner() default "";

  /** The GitHub repository name, as {@link GitHub#repo()}. */
  String repo() default "";

  /** A release tag, as {@link GitHub#tag()}. */
  String tag() default "";

  /** A full 40-hex commit, as {@link GitHub#rev()}. */
  String rev() default "";

  /** The SRI hash of the unpacked archive, as {@link GitHub#hash()}. */
  String hash() default "";

  /**
   * For a vendored node instead of GitHub: its path relative to {@code sources/}, as {@link
   * Vendored#file()}.
   */
  String file() default "";

  /** Holds repeated {@link Node} annotations. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target(ElementType.TYPE)
  @interface List {
    /** The repeated annotations. */
    Node[] value();
  }
}
