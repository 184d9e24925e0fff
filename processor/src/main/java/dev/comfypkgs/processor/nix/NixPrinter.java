package dev.comfypkgs.processor.nix;

import dev.comfypkgs.processor.nix.Nix.AttrSet;
import dev.comfypkgs.processor.nix.Nix.Binding;
import dev.comfypkgs.processor.nix.Nix.Blank;
import dev.comfypkgs.processor.nix.Nix.Entry;
import dev.comfypkgs.processor.nix.Nix.Inherit;
import dev.comfypkgs.processor.nix.Nix.Item;
import java.util.List;
import java.util.Optional;

/**
 * Prints a {@link Nix} tree the way nixfmt (RFC 166) lays it out: two-space indentation, lists of
 * more than one item and attribute sets of more than one binding one element per line, multi-line
 * argument sets with trailing commas, {@code [ ]} and {@code { }} for empty ones, and an operator
 * chain that does not fit broken before each operator. Lines aim at 100 columns; a string that is
 * longer stays whole, as nixfmt leaves it.
 */
public final class NixPrinter {
  private static final int WIDTH = 100;
  private static final String INDENT = "  ";

  private NixPrinter() {}

  /**
   * A whole file: the header comment lines, then the expression, then a final newline. A top-level
   * function is separated from its body by an empty line, as nixpkgs files are.
   */
  public static String file(List<String> headerComments, Nix expression) {
    StringBuilder out = new StringBuilder();
    for (String line : headerComments) {
      comment(out, line, 0);
    }
    if (expression instanceof Nix.Lambda lambda) {
      out.append(formals(lambda, 0)).append(":\n\n");
      out.append(block(lambda.body(), 0));
    } else {
      out.append(block(expression, 0));
    }
    return out.append('\n').toString();
  }

  /** One expression printed at indentation level zero (for tests and messages). */
  public static String expression(Nix expression) {
    return block(expression, 0);
  }

  /** The single-line form, or empty when the expression must span lines. */
  static Optional<String> flat(Nix e) {
    if (e instanceof Nix.Str s) {
      return Optional.of(NixStrings.quote(s.value()));
    } else if (e instanceof Nix.Ref r) {
      return Optional.of(r.path());
    } else if (e instanceof Nix.PathLit p) {
      return Optional.of(p.path());
    } else if (e instanceof Nix.Bool b) {
      return Optional.of(Boolean.toString(b.value()));
    } else if (e instanceof Nix.ListOf l) {
      if (l.items().isEmpty()) {
        return Optional.of("[ ]");
      }
      Item only = l.items().get(0);
      if (l.items().size() > 1 || !only.comments().isEmpty()) {
        return Optional.empty();
      }
      return flat(only.value()).map(v -> "[ " + v + " ]");
    } else if (e instanceof AttrSet a) {
      String rec = a.rec() ? "rec " : "";
      if (a.entries().isEmpty()) {
        return Optional.of(rec + "{ }");
      }
      if (a.entries().size() == 1 && a.entries().get(0) instanceof Inherit i && i.from() == null) {
        return Optional.of(rec + "{ inherit " + String.join(" ", i.names()) + "; }");
      }
      if (a.entries().size() > 1
          || !(a.entries().get(0) instanceof Binding b)
          || !b.comments().isEmpty()) {
        return Optional.empty();
      }
      return flat(b.value()).map(v -> rec + "{ " + b.name() + " = " + v + "; }");
    } else if (e instanceof Nix.Apply a) {
      List<Nix> parts = new java.util.ArrayList<>();
      parts.add(a.function());
      parts.addAll(a.arguments());
      return joined(parts, " ");
    } else if (e instanceof Nix.With w) {
      Optional<String> scope = flat(w.scope());
      Optional<String> body = flat(w.body());
      return scope.isPresent() && body.isPresent()
          ? Optional.of("with " + scope.get() + "; " + body.get())
          : Optional.empty();
    } else if (e instanceof Nix.Chain c) {
      return joined(c.operands(), " " + c.operator() + " ");
    } else if (e instanceof Nix.Not n) {
      return flat(n.operand()).map(v -> "!" + v);
    } else if (e instanceof Nix.Paren p) {
      return flat(p.inner()).map(v -> "(" + v + ")");
    }
    // Indented strings, functions and lets always span lines.
    return Optional.empty();
  }

  private static Optional<String> joined(List<Nix> parts, String separator) {
    StringBuilder out = new StringBuilder();
    for (Nix part : parts) {
      Optional<String> v = flat(part);
      if (v.isEmpty()) {
        return Optional.empty();
      }
      if (out.length() > 0) {
        out.append(separator);
      }
      out.append(v.get());
    }
    return Optional.of(out.toString());
  }

  /**
   * The expression starting at the current position, whose continuation lines are indented at
   * {@code level}; flat when it fits in what is left of the line ({@code used} columns are taken).
   */
  private static String inline(Nix e, int level, int used) {
    Optional<String> f = flat(e);
    if (f.isPresent() && (used + f.get().length() <= WIDTH || !breakable(e))) {
      return f.get();
    }
    return broken(e, level);
  }

  /** An expression that must or should span lines, its first line at the current position. */
  private static String broken(Nix e, int level) {
    if (e instanceof Nix.ListOf l) {
      return list(l, level);
    } else if (e instanceof AttrSet a) {
      return (a.rec() ? "rec " : "") + entries(a.entries(), level);
    } else if (e instanceof Nix.IndentedStr s) {
      return indented(s.lines().stream().map(l -> List.<Nix.Part>of(new Nix.Text(l))).toList(), level);
    } else if (e instanceof Nix.IndentedTemplate t) {
      return indented(t.lines(), level);
    } else if (e instanceof Nix.Apply a) {
      // The last argument is absorbed ("f x {" ... "}"); the ones before it stay on the line.
      StringBuilder out = new StringBuilder(flatOrFail(a.function()));
      List<Nix> args = a.arguments();
      for (int i = 0; i < args.size(); i++) {
        out.append(' ');
        out.append(i == args.size() - 1 ? inline(args.get(i), level, WIDTH) : flatOrFail(args.get(i)));
      }
      return out.toString();
    } else if (e instanceof Nix.With w) {
      return "with " + flatOrFail(w.scope()) + "; " + broken(w.body(), level);
    } else if (e instanceof Nix.Lambda l) {
      return formals(l, level) + ":\n" + pad(level) + block(l.body(), level);
    } else if (e instanceof Nix.Chain c && isAttrsUpdate(c)) {
      return flatOrFail(c.operands().get(0)) + " // " + broken(c.operands().get(1), level);
    } else if (e instanceof Nix.Let || e instanceof Nix.Chain) {
      return block(e, level);
    } else if (e instanceof Nix.Paren p) {
      return "(" + broken(p.inner(), level) + ")";
    }
    return flatOrFail(e);
  }

  /**
   * An expression laid out as a block of lines at {@code level}: a {@code with} whose body does not
   * fit goes on a line of its own, and a chain puts each operator at the start of a line.
   */
  private static String block(Nix e, int level) {
    Optional<String> f = flat(e);
    if (f.isPresent() && level * 2 + f.get().length() <= WIDTH) {
      return f.get();
    }
    if (e instanceof Nix.With w && w.body() instanceof Nix.Chain) {
      return "with " + flatOrFail(w.scope()) + ";\n" + pad(level) + block(w.body(), level);
    } else if (e instanceof Nix.Chain c) {
      StringBuilder out = new StringBuilder(block(c.operands().get(0), level));
      String prefix = c.operator() + " ";
      for (Nix operand : c.operands().subList(1, c.operands().size())) {
        out.append('\n').append(pad(level)).append(prefix);
        out.append(inline(operand, level, level * 2 + prefix.length()));
      }
      return out.toString();
    } else if (e instanceof Nix.Let l) {
      StringBuilder out = new StringBuilder("let\n");
      entryLines(out, l.entries(), level + 1);
      out.append(pad(level)).append("in\n").append(pad(level)).append(block(l.body(), level));
      return out.toString();
    }
    return broken(e, level);
  }

  private static String list(Nix.ListOf l, int level) {
    if (l.items().isEmpty()) {
      return "[ ]";
    }
    StringBuilder out = new StringBuilder("[\n");
    for (Item item : l.items()) {
      for (String c : item.comments()) {
        comment(out, c, level + 1);
      }
      out.append(pad(level + 1))
          .append(inline(item.value(), level + 1, (level + 1) * 2))
          .append('\n');
    }
    return out.append(pad(level)).append(']').toString();
  }

  private static String entries(List<Entry> entries, int level) {
    if (entries.isEmpty()) {
      return "{ }";
    }
    StringBuilder out = new StringBuilder("{\n");
    entryLines(out, entries, level + 1);
    return out.append(pad(level)).append('}').toString();
  }

  private static void entryLines(StringBuilder out, List<Entry> entries, int level) {
    for (Entry entry : entries) {
      if (entry instanceof Blank) {
        out.append('\n');
      } else if (entry instanceof Inherit i) {
        out.append(pad(level)).append("inherit ");
        if (i.from() != null) {
          out.append('(').append(flatOrFail(i.from())).append(") ");
        }
        out.append(String.join(" ", i.names())).append(";\n");
      } else if (entry instanceof Binding b) {
        for (String c : b.comments()) {
          comment(out, c, level);
        }
        out.append(pad(level)).append(binding(b, level)).append(";\n");
      }
    }
  }

  private static String binding(Binding b, int level) {
    String head = b.name() + " =";
    Nix value = b.value();
    Optional<String> f = flat(value);
    int used = level * 2 + head.length() + 1;
    if (f.isPresent() && (used + f.get().length() + 1 <= WIDTH || !breakable(value))) {
      return head + " " + f.get();
    }
    if (absorbable(value)) {
      return head + " " + broken(value, level);
    }
    return head + "\n" + pad(level + 1) + block(value, level + 1);
  }

  /** Values whose opening bracket may stay on the line of the {@code =}. */
  private static boolean absorbable(Nix value) {
    if (value instanceof Nix.ListOf || value instanceof AttrSet || value instanceof Nix.IndentedStr
        || value instanceof Nix.IndentedTemplate) {
      return true;
    } else if (value instanceof Nix.Chain c && isAttrsUpdate(c)) {
      return true;
    } else if (value instanceof Nix.Apply a) {
      return absorbable(a.arguments().get(a.arguments().size() - 1));
    } else if (value instanceof Nix.With w) {
      return absorbable(w.body()) && !(w.body() instanceof Nix.Apply);
    }
    return false;
  }

  /**
   * {@code name // { ... }}: nixfmt keeps the name and the operator on the line of the {@code =}
   * and absorbs the attribute set, as in {@code meta = old.meta // {}.
   */
  private static boolean isAttrsUpdate(Nix.Chain c) {
    return c.operator().equals("//")
        && c.operands().size() == 2
        && c.operands().get(0) instanceof Nix.Ref
        && c.operands().get(1) instanceof AttrSet;
  }

  /** Leaves (strings, names) never break, however long. */
  private static boolean breakable(Nix value) {
    return !(value instanceof Nix.Str
        || value instanceof Nix.Ref
        || value instanceof Nix.PathLit
        || value instanceof Nix.Bool);
  }

  private static String formals(Nix.Lambda lambda, int level) {
    List<Nix.Formal> formals = lambda.formals();
    if (formals.isEmpty()) {
      return "{ }";
    }
    if (formals.size() == 1) {
      String one = formal(formals.get(0), level);
      if (!one.contains("\n")) {
        return "{ " + one + " }";
      }
    }
    StringBuilder out = new StringBuilder("{\n");
    for (Nix.Formal formal : formals) {
      out.append(pad(level + 1)).append(formal(formal, level + 1)).append(",\n");
    }
    return out.append(pad(level)).append('}').toString();
  }

  private static String formal(Nix.Formal formal, int level) {
    if (formal.defaultValue() == null) {
      return formal.name();
    }
    String head = formal.name() + " ? ";
    return head + inline(formal.defaultValue(), level, level * 2 + head.length());
  }

  private static String indented(List<List<Nix.Part>> lines, int level) {
    List<String> printed = lines.stream().map(NixPrinter::templateLine).toList();
    // Nix strips the smallest indentation shared by the lines. When every line's own text starts
    // with a space, that would eat into the text: escaping one line's first space (''\ ) keeps
    // the shared indentation at exactly the printer's. A line that starts with a splice is not
    // indented, and an escaped line never starts with a space it did not have.
    boolean allIndented =
        printed.stream().anyMatch(l -> !l.isEmpty())
            && printed.stream().filter(l -> !l.isEmpty()).allMatch(l -> l.startsWith(" "));
    StringBuilder out = new StringBuilder("''\n");
    for (String escaped : printed) {
      if (!escaped.isEmpty()) {
        if (allIndented) {
          escaped = "''\\ " + escaped.substring(1);
          allIndented = false;
        }
        out.append(pad(level + 1)).append(escaped);
      }
      out.append('\n');
    }
    return out.append(pad(level)).append("''").toString();
  }

  /** One template line as printed: text escaped, splices as {@code ${...}}. */
  private static String templateLine(List<Nix.Part> parts) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      if (parts.get(i) instanceof Nix.Splice splice) {
        out.append("${").append(flatOrFail(splice.value())).append('}');
        continue;
      }
      String text = ((Nix.Text) parts.get(i)).text();
      boolean spliceNext = i + 1 < parts.size() && parts.get(i + 1) instanceof Nix.Splice;
      if (spliceNext && text.endsWith("$")) {
        // "$${" is literal text in Nix, which would swallow the splice: the dollar is escaped as
        // it is before a literal "{" (with a quote before it escaped too), and the "{" dropped.
        String escaped = NixStrings.escapeIndentedLine(text + "{");
        out.append(escaped, 0, escaped.length() - 1);
      } else {
        out.append(NixStrings.escapeIndentedLine(text));
      }
    }
    return out.toString();
  }

  /** Comment text can be anything: {@link NixStrings#commentLines} keeps it inside the comment. */
  private static void comment(StringBuilder out, String text, int level) {
    for (String line : NixStrings.commentLines(text)) {
      out.append(pad(level)).append(line.isEmpty() ? "#" : "# " + line).append('\n');
    }
  }

  private static String flatOrFail(Nix e) {
    return flat(e)
        .orElseThrow(() -> new IllegalArgumentException("must fit on one line: " + e));
  }

  private static String pad(int level) {
    return INDENT.repeat(level);
  }
}
