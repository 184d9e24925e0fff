package dev.comfypkgs.cli;

import dev.comfypkgs.cli.fetch.JavaSourceEditor;
import dev.comfypkgs.cli.fetch.Prefetcher;
import dev.comfypkgs.cli.fetch.SourceLocations;
import dev.comfypkgs.cli.fetch.Urls;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code comfypkgs prefetch}: the hash Nix will compute for a source, without a failing build.
 * With {@code --write}, only the hash literal of the recipe's annotation changes.
 */
@Command(
    name = "prefetch",
    mixinStandardHelpOptions = true,
    description = {
      "Downloads sources and computes the hash Nix computes: the NAR hash of the unpacked tree"
          + " (its single top-level directory dropped, as fetchzip does) for GitHub archives, the"
          + " file's SHA-256 for PyPI files.",
      "With --write, rewrites only the hash value in the recipe's Java source."
    })
final class PrefetchCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Mixin PackageSelection selection;

  @Option(names = "--url", paramLabel = "URL",
      description = "Prefetch this http(s) URL instead of a package.")
  String url;

  @Option(names = "--strip-root",
      description = "With --url: unpack the archive and drop its single top-level directory.")
  boolean stripRoot;

  @Option(names = "--unpack", description = "With --url: unpack the archive, keeping its top level.")
  boolean unpack;

  @Option(names = "--write", description = "Put the hash into the recipe (an empty hash is filled).")
  boolean write;

  @Option(names = "--force",
      description = "With --write: also replace a different hash already in the recipe.")
  boolean force;

  @Mixin DownloadOptions download;

  @Option(names = "--pypi-base", paramLabel = "URL",
      description = "Instead of https://files.pythonhosted.org/packages (or $COMFYPKGS_PYPI_BASE).")
  String pypiBase;

  @Mixin RecipeSourcesOption recipeSources;

  @Override
  public Integer call() {
    PrintWriter out = main.spec.commandLine().getOut();
    Prefetcher prefetcher = new Prefetcher(download.downloader());
    if (url != null) {
      if (selection.given() || write) {
        throw CliException.usage("--url prefetches one URL: give no packages, --all or --write with it.");
      }
      URI uri = Urls.http("--url", url);
      boolean archive = stripRoot || unpack;
      try {
        out.println(prefetcher.hash(uri, archive, stripRoot));
        out.flush();
        return ExitCode.OK;
      } catch (IOException e) {
        throw new CliException(ExitCode.FAILED, e.getMessage());
      }
    }
    if (!selection.given() || selection.conflicting()) {
      throw CliException.usage("give package names, --all, or --url URL.");
    }
    Workspace ws = main.workspace();
    RecipesFile recipes = ws.recipes();
    List<String> selected = selection.attrs(recipes);
    SourceLocations locations = SourceLocations.of(download.githubBase(), pypiBase);
    // Every URL is made (and so checked) before the first download.
    Map<String, SourceLocations.Fetch> fetches = new LinkedHashMap<>();
    for (String attr : selected) {
      RecipesFile.Package p = recipes.pkg(attr).orElse(null);
      fetches.put(attr, p == null ? null : locations.of(p));
    }
    int failures = 0;
    for (String attr : selected) {
      RecipesFile.Package p = recipes.pkg(attr).orElse(null);
      if (p == null) {
        if (!selection.all) {
          out.println("skip " + attr + ": a meta-package has no source");
        }
        continue;
      }
      SourceLocations.Fetch fetch = fetches.get(attr);
      if (fetch == null) {
        out.println("skip " + attr + ": " + notDownloaded(attr, p.source()));
        continue;
      }
      String hash;
      try {
        hash = prefetcher.hash(fetch.uri(), fetch.unpack(), true);
      } catch (IOException e) {
        out.println("FAIL " + attr + ": " + Terminal.escape(String.valueOf(e.getMessage()))
            + " (the recipe is unchanged)");
        failures++;
        continue;
      }
      // Only downloaded sources have a fetch; vendored ones were skipped above.
      RecipesFile.Source.Downloaded source = (RecipesFile.Source.Downloaded) p.source();
      String current = source.hash();
      if (hash.equals(current)) {
        out.println("ok   " + attr + " " + hash + " (matches the recipe)");
      } else if (!current.isEmpty() && !(write && force)) {
        out.println("CHANGED " + attr + ": the recipe has " + Terminal.escape(current) + ", "
            + fetch.uri() + " now gives " + hash + (write ? "; not written without --force" : "")
            + ". Upstream may have moved the tag: check before trusting the new hash.");
        failures++;
      } else if (write) {
        Path file = recipeSource(ws, p);
        try {
          writeHash(file, source instanceof RecipesFile.Source.GitHub ? "GitHub" : "PyPI", hash);
          out.println("wrote " + attr + " " + hash + " into " + file);
        } catch (IOException | IllegalArgumentException e) {
          out.println("FAIL " + attr + ": cannot write " + file + ": "
              + Terminal.escape(String.valueOf(e.getMessage())));
          failures++;
        }
      } else {
        out.println("new  " + attr + " " + hash + (current.isEmpty() ? " (the recipe has none; --write fills it)" : ""));
      }
    }
    out.flush();
    return failures == 0 ? ExitCode.OK : ExitCode.FAILED;
  }

  private Path recipeSource(Workspace ws, RecipesFile.Package p) {
    Path root = recipeSources.root(ws);
    return root.resolve(p.recipeClass().replace('.', '/') + ".java");
  }

  /** Rewrites the hash literal only, in one rename: the file keeps its permissions. */
  static void writeHash(Path file, String annotation, String hash) throws IOException {
    String source = Files.readString(file, StandardCharsets.UTF_8);
    AtomicFiles.writeString(file, JavaSourceEditor.replaceString(source, annotation, "hash", hash));
  }

  /** Why a source that is no download is skipped, and what looks after it instead. */
  private static String notDownloaded(String attr, RecipesFile.Source source) {
    if (source instanceof RecipesFile.Source.Wraps wraps) {
      return "a wrapper of python3.pkgs." + wraps.attr() + ", which the locked nixpkgs pins";
    }
    if (source instanceof RecipesFile.Source.Nodes) {
      return "a node bundle (prefetch does not check its nodes' sources yet)";
    }
    if (source instanceof RecipesFile.Source.VendoredDirectory) {
      return "a vendored directory (copy it into sources/ as sources/README.md says)";
    }
    return "vendored (use comfypkgs vendor " + attr + ")";
  }
}
