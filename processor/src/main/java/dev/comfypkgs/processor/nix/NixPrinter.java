package dev.comfypkgs.processor.nix;

import dev.comfypkgs.processor.nix.Nix.AttrSet;
import dev.comfypkgs.processor.nix.Nix.Binding;
import dev.comfypkgs.processor.nix.Nix.Blank;
import dev.comfypkgs.processor.nix.Nix.Entry;
import dev.comfypkgs.processor.nix.Nix.Inherit;
import dev.comfypkgs.processor.nix.Nix.Item;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prints a {@link Nix} tree the way nixfmt (RFC 166) lays it out: two-space indentation, lists of
 * more than one item and attribute sets of more than one binding one element per line, multi-line
 * argument sets with trailing commas, {@code [ ]} and {@code { }} for empty ones, and an operator
 * chain that does not fit broken before each operator. Lines aim at 100 columns; a string that is
 * longer stays whole, as nixfmt leaves it.
 *
 * <p>One printer prints one file into one builder. Whether a subtree fits on a line is asked at
 * every level above it, so each subtree's single-line form is computed once per print and kept
 * (by identity: a form does not depend on where the subtree stands).
 */
public final class NixPrinter {
  private static final int WIDTH = 100;
  private static final String INDENT = "  ";

  private final StringBuilder out = new StringBuilder();
  private final Map<Nix, Optional<String>> flatForms = new IdentityHashMap<>();

  private NixPrinter() {}

  /**
   * A whole file: the header comment lines, then the expression, then a final newline. A top-level
   * function is separated from its body by an empty line, as nixpkgs files are.
   */
  public static String file(List<String> headerComments, Nix expression) {
    NixPrinter printer = new NixPrinter();
    for (String line : headerComments) {
      printer.comment(line, 0);
    }
    if (expression instanceof Nix.Lambda lambda) {
      printer.formals(lambda, 0);
      printer.out.append(":\n\n");
      printer.block(lambda.body(), 0);
    } else {
      printer.block(expression, 0);
    }
    return printer.out.append('\n').toString();
  }

  /** One expression printed at indentation level zero (for tests and messages). */
  public static String expression(Nix expression) {
    NixPrinter printer = new NixPrinter();
    printer.block(expression, 0);
    return printer.out.toString();
  }

  /** The single-line form, or empty when the expression must span lines. */
  private Optional<String> flat(Nix e) {
    Optional<String> known = flatForms.get(e);
    if (known == null) {
      known = singleLine(e);
      flatForms.put(e, known);
    }
    return known;
  }

  private Optional<String> singleLine(Nix e) {
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

  private Optional<String> joined(List<Nix> parts, String separator) {
    StringBuilder joined = new StringBuilder();
    for (Nix part : parts) {
      Optional<String> v = flat(part);
      if (v.isEmpty()) {
        return Optional.empty();
      }
      if (joined.length() > 0) {
        joined.append(separator);
      }
      joined.append(v.get());
    }
    return Optional.of(joined.toString());
  }

  /**
   * The expression starting at the current position, whose continuation lines are indented at
   * {@code level}; flat when it fits in what is left of the line ({@code used} columns are taken).
   */
  private void inline(Nix e, int level, int used) {
    Optional<String> f = flat(e);
    if (f.isPresent() && (used + f.get().length() <= WIDTH || !breakable(e))) {
      out.append(f.get());
    } else {
      broken(e, level);
    }
  }

  /** An expression that must or should span lines, its first line at the current position. */
  private void broken(Nix e, int level) {
    if (e instanceof Nix.ListOf l) {
      list(l, level);
    } else if (e instanceof AttrSet a) {
      out.append(a.rec() ? "rec " : "");
      entries(a.entries(), level);
    } else if (e instanceof Nix.IndentedStr s) {
      indented(s.lines().stream().map(l -> List.<Nix.Part>of(new Nix.Text(l))).toList(), level);
    } else if (e instanceof Nix.IndentedTemplate t) {
      indented(t.lines(), level);
    } else if (e instanceof Nix.Apply a) {
      // The last argument is absorbed ("f x {" ... "}"); the ones before it stay on the line.
      out.append(flatOrFail(a.function()));
      List<Nix> args = a.arguments();
      for (int i = 0; i < args.size(); i++) {
        out.append(' ');
        if (i == args.size() - 1) {
          inline(args.get(i), level, WIDTH);
        } else {
          out.append(flatOrFail(args.get(i)));
        }
      }
    } else if (e instanceof Nix.With w) {
      out.append("with ").append(flatOrFail(w.scope())).append("; ");
      broken(w.body(), level);
    } else if (e instanceof Nix.Lambda l) {
      formals(l, level);
      out.append(":\n");
      pad(level);
      block(l.body(), level);
    } else if (e instanceof Nix.Chain c && isAttrsUpdate(c)) {
      out.append(flatOrFail(c.operands().get(0))).append(" // ");
      broken(c.operands().get(1), level);
    } else if (e instanceof Nix.Let || e instanceof Nix.Chain) {
      block(e, level);
    } else if (e instanceof Nix.Paren p) {
      out.append('(');
      broken(p.inner(), level);
      out.append(')');
    } else {
      out.append(flatOrFail(e));
    }
  }

  /**
   * An expression laid out as a block of lines at {@code level}: a {@code with} whose body does not
   * fit goes on a line of its own, and a chain puts each operator at the start of a line.
   */
  private void block(Nix e, int level) {
    Optional<String> f = flat(e);
    if (f.isPresent() && level * 2 + f.get().length() <= WIDTH) {
      out.append(f.get());
    } else if (e instanceof Nix.With w && w.body() instanceof Nix.Chain) {
      out.append("with ").append(flatOrFail(w.scope())).append(";\n");
      pad(level);
      block(w.body(), level);
    } else if (e instanceof Nix.Chain c) {
      block(c.operands().get(0), level);
      String prefix = c.operator() + " ";
      for (Nix operand : c.operands().subList(1, c.operands().size())) {
        out.append('\n');
        pad(level);
        out.append(prefix);
        inline(operand, level, level * 2 + prefix.length());
      }
    } else if (e instanceof Nix.Let l) {
      out.append("let\n");
      entryLines(l.entries(), level + 1);
      pad(level);
      out.append("in\n");
      pad(level);
      block(l.body(), level);
    } else {
      broken(e, level);
    }
  }

  private void list(Nix.ListOf l, int level) {
    if (l.items().isEmpty()) {
      out.append("[ ]");
      return;
    }
    out.append("[\n");
    for (Item item : l.items()) {
      for (String c : item.comments()) {
        comment(c, level + 1);
      }
      pad(level + 1);
      inline(item.value(), level + 1, (level + 1) * 2);
      out.append('\n');
    }
    pad(level);
    out.append(']');
  }

  private void entries(List<Entry> entries, int level) {
    if (entries.isEmpty()) {
      out.append("{ }");
      return;
    }
    out.append("{\n");
    entryLines(entries, level + 1);
    pad(level);
    out.append('}');
  }

  private void entryLines(List<Entry> entries, int level) {
    for (Entry entry : entries) {
      if (entry instanceof Blank) {
        out.append('\n');
      } else if (entry instanceof Inherit i) {
        pad(level);
        out.append("inherit ");
        if (i.from() != null) {
          out.append('(').append(flatOrFail(i.from())).append(") ");
        }
        out.append(String.join(" ", i.names())).append(";\n");
      } else if (entry instanceof Binding b) {
        for (String c : b.comments()) {
          comment(c, level);
        }
        pad(level);
        binding(b, level);
        out.append(";\n");
      }
    }
  }

  private void binding(Binding b, int level) {
    String head = b.name() + " =";
    Nix value = b.value();
    Optional<String> f = flat(value);
    int used = level * 2 + head.length() + 1;
    out.append(head);
    if (f.isPresent() && (used + f.get().length() + 1 <= WIDTH || !breakable(value))) {
      out.append(' ').append(f.get());
    } else if (absorbable(value)) {
      out.append(' ');
      broken(value, level);
    } else {
      out.append('\n');
      pad(level + 1);
      block(value, level + 1);
    }
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

  private void formals(Nix.Lambda lambda, int level) {
    List<Nix.Formal> formals = lambda.formals();
    if (formals.isEmpty()) {
      out.append("{ }");
      return;
    }
    if (formals.size() == 1) {
      int start = out.length();
      out.append("{ ");
      formal(formals.get(0), level);
      if (out.indexOf("\n", start) < 0) {
        out.append(" }");
        return;
      }
      // A default that spans lines: the one formal goes on a line of its own, like many do.
      out.setLength(start);
    }
    out.append("{\n");
    for (Nix.Formal formal : formals) {
      pad(level + 1);
      formal(formal, level + 1);
      out.append(",\n");
    }
    pad(level);
    out.append('}');
  }

  private void formal(Nix.Formal formal, int level) {
    out.append(formal.name());
    if (formal.defaultValue() != null) {
      out.append(" ? ");
      inline(formal.defaultValue(), level, level * 2 + formal.name().length() + " ? ".length());
    }
  }

  private void indented(List<List<Nix.Part>> lines, int level) {
    List<String> printed = lines.stream().map(this::templateLine).toList();
    // Nix strips the smallest indentation shared by the lines. When every line's own text starts
    // with a space, that would eat into the text: escaping one line's first space (''\ ) keeps
    // the shared indentation at exactly the printer's. A line that starts with a splice is not
    // indented, and an escaped line never starts with a space it did not have.
    boolean allIndented =
        printed.stream().anyMatch(l -> !l.isEmpty())
            && printed.stream().filter(l -> !l.isEmpty()).allMatch(l -> l.startsWith(" "));
    out.append("''\n");
    for (String escaped : printed) {
      if (!escaped.isEmpty()) {
        if (allIndented) {
          escaped = "''\\ " + escaped.substring(1);
          allIndented = false;
        }
        pad(level + 1);
        out.append(escaped);
      }
      out.append('\n');
    }
    pad(level);
    out.append("''");
  }
  /** One template line as printed: text escaped, splices as {@code ${...}}. */
  private String templateLine(List<Nix.Part> parts) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      if (parts.get(i) instanceof Nix.Splice splice) {
        line.append("${").append(flatOrFail(splice.value())).append('}');
        continue;
      }
      String text = ((Nix.Text) parts.get(i)).text();
      boolean spliceNext = i + 1 < parts.size() && parts.get(i + 1) instanceof Nix.Splice;
      if (spliceNext && text.endsWith("$")) {
        // "$${" is literal text in Nix, which would swallow the splice: the dollar is escaped as
        // it is before a literal "{" (with a quote before it escaped too), and the "{" dropped.
        String escaped = NixStrings.escapeIndentedLine(text + "{");
        line.append(escaped, 0, escaped.length() - 1);
      } else {
        line.append(NixStrings.escapeIndentedLine(text));
      }
    }
    return line.toString();
  }

  /** Comment text can be anything: {@link NixStrings#commentLines} keeps it inside the comment. */
  private void comment(String text, int level) {
    for (String line : NixStrings.commentLines(text)) {
      pad(level);
      out.append(line.isEmpty() ? "#" : "# " + line).append('\n');
    }
  }

  private String flatOrFail(Nix e) {
    return flat(e)
        .orElseThrow(() -> new IllegalArgumentException("must fit on one line: " + e));
  }

  private void pad(int level) {
    for (int i = 0; i < level; i++) {
      out.append(INDENT);
    }
  }
}
