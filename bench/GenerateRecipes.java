import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Writes a synthetic recipe set for the generation benchmark: N GitHub packages with bundles,
 * removals and @Requires into earlier recipes (each removal of an earlier recipe's name is
 * provided by requiring it), a runtime declaration, and a meta-package over all of them. Every
 * set passes the rules, so the processor does its whole job.
 *
 * <p>Run: {@code java bench/GenerateRecipes.java N DIR [SEED]}
 */
public class GenerateRecipes {
  private static final String[] CLEAN = {
    "numpy", "pillow", "scipy", "opencv4", "matplotlib", "pandas", "pyyaml", "requests", "tqdm",
    "psutil", "seaborn", "imageio", "packaging", "huggingface-hub", "safetensors", "ftfy",
    "protobuf", "regex", "sentencepiece", "einops", "rich", "click", "filetype", "pooch"
  };

  public static void main(String[] args) throws IOException {
    int n = Integer.parseInt(args[0]);
    Path dir = Path.of(args[1]).resolve("bench");
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
    Random random = new Random(seed);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("Runtime.java"), String.join("\n",
        "package bench;",
        "",
        "@dev.comfypkgs.annotations.Runtime(provides = {\"torch\", \"torchvision\"})",
        "public final class Runtime {}",
        ""));
    StringBuilder members = new StringBuilder();
    for (int i = 0; i < n; i++) {
      List<Integer> requires = new ArrayList<>();
      if (i > 0) {
        int count = random.nextInt(4);
        for (int k = 0; k < count; k++) {
          int j = random.nextInt(i);
          if (!requires.contains(j)) {
            requires.add(j);
          }
        }
      }
      boolean torchAgnostic = random.nextInt(3) > 0 || !requires.isEmpty();
      StringBuilder src = new StringBuilder();
      src.append("package bench;\n\nimport dev.comfypkgs.annotations.*;\n\n");
      src.append("@PythonPackage(\n    pname = \"").append(torchAgnostic ? "comfyui-" : "").append("r").append(i)
          .append("\",\n    attr = \"r").append(i).append("\",\n    version = \"1.").append(i).append(".0\",\n")
          .append("    description = \"Synthetic package ").append(i).append(" for the generation benchmark\",\n")
          .append("    homepage = \"https://example.org/r").append(i).append("\",\n")
          .append("    license = License.MIT)\n");
      byte[] hash = new byte[32];
      random.nextBytes(hash);
      src.append("@GitHub(owner = \"bench\", repo = \"r").append(i).append("\", tag = \"v1.").append(i)
          .append(".0\", hash = \"sha256-").append(Base64.getEncoder().encodeToString(hash)).append("\")\n");
      src.append("@BuildSystem({\"setuptools\", \"wheel\"})\n");
      src.append("@Bundle({");
      int bundles = 2 + random.nextInt(5);
      for (int k = 0; k < bundles; k++) {
        src.append(k == 0 ? "" : ", ").append('"').append(CLEAN[random.nextInt(CLEAN.length)]).append('"');
      }
      src.append("})\n");
      if (!requires.isEmpty()) {
        src.append("@Requires({");
        for (int k = 0; k < requires.size(); k++) {
          src.append(k == 0 ? "" : ", ").append("R").append(requires.get(k)).append(".class");
        }
        src.append("})\n");
      }
      if (torchAgnostic) {
        src.append("@TorchAgnostic(remove = {\"torch\", \"torchvision\"");
        for (int j : requires) {
          src.append(", \"lib").append(j).append('"');
        }
        src.append("})\n");
      }
      src.append("@Replaces(\"lib").append(i).append("\")\n");
      src.append("public final class R").append(i).append(" {}\n");
      Files.writeString(dir.resolve("R" + i + ".java"), src);
      members.append(i == 0 ? "" : ", ").append("R").append(i).append(".class");
    }
    Files.writeString(dir.resolve("Everything.java"), String.join("\n",
        "package bench;",
        "",
        "import dev.comfypkgs.annotations.*;",
        "",
        "@MetaPackage(pname = \"everything\", version = \"1.0.0\", description = \"Every benchmark package\",",
        "    members = {" + members + "},",
        "    nixpkgs = {\"rich\", \"piexif\"})",
        "public final class Everything {}",
        ""));
  }
}
