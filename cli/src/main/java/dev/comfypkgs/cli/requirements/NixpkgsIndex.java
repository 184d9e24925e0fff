package dev.comfypkgs.cli.requirements;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.comfypkgs.cli.CliException;
import dev.comfypkgs.cli.ExitCode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * The nixpkgs index {@code comfypkgs index} writes and {@code -Acomfypkgs.nixpkgsIndex} reads: a
 * JSON list of {@code {"name": ..., "carriesTorch": ...}} (plain names are accepted too).
 */
public record NixpkgsIndex(Set<String> names, Set<String> carryingTorch) {
  public static NixpkgsIndex read(Path file) {
    try {
      JsonNode list = new ObjectMapper().readTree(file.toFile());
      if (list == null || !list.isArray()) {
        throw new CliException(ExitCode.USAGE, file + " is not a JSON list: write it with comfypkgs index.");
      }
      Set<String> names = new TreeSet<>();
      Set<String> torch = new TreeSet<>();
      for (JsonNode n : list) {
        String name = n.isTextual() ? n.asText() : n.path("name").asText();
        names.add(name);
        if (n.path("carriesTorch").asBoolean(false)) {
          torch.add(name);
        }
      }
      return new NixpkgsIndex(names, torch);
    } catch (IOException e) {
      throw new CliException(ExitCode.USAGE, file + " cannot be read: " + e.getMessage());
    }
  }
}
