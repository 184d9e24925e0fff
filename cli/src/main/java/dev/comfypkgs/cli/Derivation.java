package dev.comfypkgs.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A store derivation ({@code .drv}) read from its ATerm text: outputs, input derivations and
 * environment. Enough to walk propagated inputs without building.
 */
public record Derivation(
    Path path, Map<String, String> outputs, List<String> inputDrvs, Map<String, String> env) {

  public static Derivation read(Path drv) {
    try {
      return parse(drv, Files.readString(drv, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new CliException(ExitCode.FAILED, "cannot read " + drv + ": " + e.getMessage());
    }
  }

  /** {@code Derive([outputs],[inputDrvs],[inputSrcs],system,builder,[args],[env])}. */
  static Derivation parse(Path path, String text) {
    Parser p = new Parser(text);
    p.expect("Derive(");
    Map<String, String> outputs = new LinkedHashMap<>();
    p.list(() -> {
      p.expect("(");
      String name = p.string();
      p.expect(",");
      String out = p.string();
      p.expect(",");
      p.string();
      p.expect(",");
      p.string();
      p.expect(")");
      outputs.put(name, out);
    });
    p.expect(",");
    List<String> inputDrvs = new ArrayList<>();
    p.list(() -> {
      p.expect("(");
      inputDrvs.add(p.string());
      p.expect(",");
      p.list(p::string);
      p.expect(")");
    });
    p.expect(",");
    p.list(p::string);
    p.expect(",");
    p.string();
    p.expect(",");
    p.string();
    p.expect(",");
    p.list(p::string);
    p.expect(",");
    Map<String, String> env = new LinkedHashMap<>();
    p.list(() -> {
      p.expect("(");
      String k = p.string();
      p.expect(",");
      String v = p.string();
      p.expect(")");
      env.put(k, v);
    });
    p.expect(")");
    return new Derivation(path, outputs, inputDrvs, env);
  }

  /** The store paths in a space-separated environment variable, e.g. propagatedBuildInputs. */
  public List<String> pathsIn(String variable) {
    List<String> out = new ArrayList<>();
    for (String s : env.getOrDefault(variable, "").split("\\s+")) {
      if (s.startsWith("/")) {
        out.add(s);
      }
    }
    return out;
  }

  private static final class Parser {
    private final String s;
    private int i;

    Parser(String s) {
      this.s = s;
    }

    void expect(String token) {
      if (!s.startsWith(token, i)) {
        throw new CliException(ExitCode.FAILED, "not a derivation: expected '" + token + "' at " + i);
      }
      i += token.length();
    }

    void list(Runnable item) {
      expect("[");
      if (s.charAt(i) == ']') {
        i++;
        return;
      }
      while (true) {
        item.run();
        if (s.charAt(i) == ',') {
          i++;
        } else {
          expect("]");
          return;
        }
      }
    }

    String string() {
      expect("\"");
      StringBuilder out = new StringBuilder();
      while (s.charAt(i) != '"') {
        char c = s.charAt(i++);
        if (c == '\\') {
          char e = s.charAt(i++);
          out.append(switch (e) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            default -> e;
          });
        } else {
          out.append(c);
        }
      }
      i++;
      return out.toString();
    }
  }
}
