package dev.comfypkgs.cli;

import dev.comfypkgs.cli.fetch.Downloader;
import dev.comfypkgs.cli.fetch.NarHash;
import dev.comfypkgs.cli.fetch.Urls;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code comfypkgs vendor}: fetches a {@code @Vendored} file into {@code sources/}, checked
 * against the recipe's sha256 before it is moved into place: never a partial or wrong file.
 */
@Command(
    name = "vendor",
    mixinStandardHelpOptions = true,
    description = "Fetches @Vendored files into sources/, checking each against its recipe's sha256;"
        + " a failed or mismatching download leaves nothing behind.")
final class VendorCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Mixin PackageSelection selection;

  @Option(names = "--from", paramLabel = "URL",
      description = "The file's http(s) URL; one ending in / is a base the file name is appended"
          + " to (default: $COMFYPKGS_VENDOR_BASE).")
  String from;

  @Option(names = "--sources", paramLabel = "DIR", description = "Default: sources/ beside generated-nix/.")
  Path sources;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300", description = "Download timeout.")
  int timeoutSeconds;

  @Override
  public Integer call() throws IOException {
    if (!selection.given() || selection.conflicting()) {
      throw CliException.usage("give package names or --all.");
    }
    Downloader downloader = Downloader.withTimeout(timeoutSeconds);
    Workspace ws = main.workspace();
    RecipesFile recipes = ws.recipes();
    List<RecipesFile.Package> selected = new ArrayList<>();
    for (String attr : selection.attrs(recipes)) {
      recipes.pkg(attr).filter(p -> p.source() instanceof RecipesFile.Source.Vendored).ifPresentOrElse(selected::add, () -> {
        if (!selection.all) {
          throw CliException.usage(attr + " is not a @Vendored package.");
        }
      });
    }
    String env = System.getenv("COMFYPKGS_VENDOR_BASE");
    URI base = from != null ? Urls.http("--from", from)
        : env != null && !env.isBlank() ? Urls.http("COMFYPKGS_VENDOR_BASE", env)
        : null;
    if (base == null) {
      throw CliException.usage("give --from URL (or set COMFYPKGS_VENDOR_BASE): sources/README.md"
          + " says where each file comes from.");
    }
    boolean isBase = base.getRawPath().endsWith("/");
    if (selected.size() > 1 && !isBase) {
      throw CliException.usage("with several files, --from must be a base URL ending in /.");
    }
    Path dir = (sources != null ? sources : ws.vendoredSources()).toAbsolutePath().normalize();
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw CliException.usage(dir + " is not a directory: --sources takes the directory the"
          + " @Vendored files are kept in.");
    }
    for (RecipesFile.Package p : selected) {
      String file = vendored(p).file();
      Path target = dir.resolve(file).normalize();
      if (!target.startsWith(dir) || target.equals(dir)) {
        throw CliException.usage(p.attr() + "'s @Vendored file '" + Terminal.escape(file)
            + "' is not a file inside " + dir + ".");
      }
    }
    PrintWriter out = main.spec.commandLine().getOut();
    int failures = 0;
    for (RecipesFile.Package p : selected) {
      String file = vendored(p).file();
      String shown = "sources/" + Terminal.escape(file);
      String expected = vendored(p).sha256();
      Path target = dir.resolve(file).normalize();
      if (Files.isRegularFile(target) && !expected.isEmpty() && matches(NarHash.sha256Of(target), expected)) {
        out.println("ok   " + p.attr() + ": " + shown + " is already there and matches");
        continue;
      }
      URI uri = isBase ? URI.create(base + Urls.path(file.split("/"))) : base;
      try {
        Files.createDirectories(target.getParent());
        try (AtomicFiles.Pending download = AtomicFiles.pending(target, ".download")) {
          downloader.download(uri, download.path());
          byte[] digest = NarHash.sha256Of(download.path());
          if (!expected.isEmpty() && !matches(digest, expected)) {
            out.println("FAIL " + p.attr() + ": " + uri + " has SHA-256 " + HexFormat.of().formatHex(digest)
                + ", not the recipe's " + Terminal.escape(expected) + "; nothing was written");
            failures++;
            continue;
          }
          download.commit();
          out.println("wrote " + p.attr() + ": " + shown + (expected.isEmpty()
              ? " (unchecked: the recipe has no sha256; add sha256 = \"" + HexFormat.of().formatHex(digest) + "\")"
              : " (sha256 matches)"));
        }
      } catch (IOException e) {
        out.println("FAIL " + p.attr() + ": " + Terminal.escape(String.valueOf(e.getMessage()))
            + "; nothing was written");
        failures++;
      }
    }
    out.flush();
    return failures == 0 ? ExitCode.OK : ExitCode.FAILED;
  }

  private static boolean matches(byte[] digest, String expected) {
    return expected.equals(HexFormat.of().formatHex(digest))
        || expected.equals("sha256-" + Base64.getEncoder().encodeToString(digest));
  }

  /** The source of a package this command selected, which only selects vendored ones. */
  private static RecipesFile.Source.Vendored vendored(RecipesFile.Package p) {
    return (RecipesFile.Source.Vendored) p.source();
  }
}
