package dev.comfypkgs.processor.emit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code default.nix} and {@code overlay.nix}: plain {@code nix-build generated-nix -A <attr>}
 * builds {@code .flox/pkgs/} as {@code flox build} does. {@code overlay.nix} is Flox's overlay
 * (mkOverlay): each file becomes the attribute of its name, called with the final package set, so
 * it replaces a top-level nixpkgs attribute of that name for every consumer; {@code default.nix}
 * imports nixpkgs with Flox's config, at the revision {@code .flox/env/manifest.lock} pins, and
 * extends it with the overlay.
 *
 * <p>Neither depends on the recipes: the overlay reads {@code .flox/pkgs/} when it is evaluated, as
 * Flox does, so hand-written files there are built alike, and {@code default.nix} reads the lock
 * that Flox writes after this generation. Both are kept as files of their own next to this class,
 * where they can be read and parsed as Nix.
 */
public final class DefaultNix {
  public static final String PATH = "default.nix";
  public static final String OVERLAY = "overlay.nix";

  private static final List<GeneratedFile> FILES = List.of(read(PATH), read(OVERLAY));

  private DefaultNix() {}

  public static List<GeneratedFile> files() {
    return FILES;
  }

  private static GeneratedFile read(String path) {
    try (InputStream in = DefaultNix.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("the processor jar lacks " + path + " next to DefaultNix");
      }
      return new GeneratedFile(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
