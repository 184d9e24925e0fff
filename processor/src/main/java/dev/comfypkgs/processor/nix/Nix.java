package dev.comfypkgs.processor.nix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A small Nix syntax tree: only the forms the generated files use. Nodes are immutable and built
 * through the static factories, which reject what Nix could not parse (an identifier with a space,
 * a path literal with a quote) so the printer never has to.
 */
public sealed interface Nix {

  /** A double-quoted string; any text, escaped when printed. */
  record Str(String value) implements Nix {
    public Str {
      NixStrings.requireRepresentable(value);
    }
  }

  /** An indented string ({@code ''...''}), given as its lines without indentation. */
  record IndentedStr(List<String> lines) implements Nix {
    public IndentedStr {
      lines = List.copyOf(lines);
      lines.forEach(NixStrings::requireRepresentable);
    }
  }

  /**
   * An indented string whose lines hold interpolations ({@code ${...}}) of names and path
   * literals: each line is a list of {@link Text} and {@link Splice} parts. Text is escaped when
   * printed, so only a splice ever interpolates.
   */
  record IndentedTemplate(List<List<Part>> lines) implements Nix {
    public IndentedTemplate {
      lines = lines.stream().map(List::copyOf).toList();
    }
  }

  /** One part of an {@link IndentedTemplate} line. */
  sealed interface Part permits Text, Splice {}

  /** Literal text of a template line, without line breaks. */
  record Text(String text) implements Part {
    public Text {
      NixStrings.requireRepresentable(text);
      if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("a template line's text cannot hold a line break");
      }
    }
  }

  /** {@code ${value}}: a name or a path literal, which always prints on one line. */
  record Splice(Nix value) implements Part {
    public Splice {
      if (!(value instanceof Ref || value instanceof PathLit)) {
        throw new IllegalArgumentException("only a name or a path literal is interpolated: " + value);
      }
    }
  }

  /** A variable or attribute path such as {@code lib.licenses.mit}. */
  record Ref(String path) implements Nix {
    public Ref {
      for (String part : path.split("\\.", -1)) {
        NixNames.requireIdentifier(part);
      }
    }
  }

  /** A path literal such as {@code ./.flox/pkgs/timm.nix} or {@code <nixpkgs>}. */
  record PathLit(String path) implements Nix {
    private static final Pattern RELATIVE =
        Pattern.compile("\\.{1,2}(/\\.{1,2})*(/" + NixNames.PATH_SEGMENT + ")+|<[A-Za-z0-9._+\\-/]+>");

    public PathLit {
      if (!isValid(path)) {
        throw new IllegalArgumentException("not a relative Nix path literal: " + path);
      }
    }

    /** True when {@code path} can be written as a path literal without quoting. */
    public static boolean isValid(String path) {
      return RELATIVE.matcher(path).matches();
    }
  }

  /** {@code true} or {@code false}. */
  record Bool(boolean value) implements Nix {}

  /** A list; items may carry comment lines printed above them. */
  record ListOf(List<Item> items) implements Nix {
    public ListOf {
      items = List.copyOf(items);
    }
  }

  /**
   * One list element with the comments above it (without the leading {@code #}); a comment may be
   * any text, line breaks and control characters included: the printer keeps it a comment.
   */
  record Item(List<String> comments, Nix value) {
    public Item {
      comments = List.copyOf(comments);
      Objects.requireNonNull(value);
    }
  }

  /** An attribute set, {@code rec} or not. */
  record AttrSet(boolean rec, List<Entry> entries) implements Nix {
    public AttrSet {
      entries = List.copyOf(entries);
    }
  }

  /** What an attribute set or a {@code let} holds. */
  sealed interface Entry permits Binding, Inherit, Blank {}

  /** {@code name = value;}, with comments (any text, as for {@link Item}) above it. */
  record Binding(List<String> comments, String name, Nix value) implements Entry {
    public Binding {
      comments = List.copyOf(comments);
      NixNames.requireAttributeName(name);
      Objects.requireNonNull(value);
    }
  }

  /** {@code inherit (from) names;} ({@code from} may be null). */
  record Inherit(Nix from, List<String> names) implements Entry {
    public Inherit {
      names = List.copyOf(names);
      names.forEach(NixNames::requireIdentifier);
    }
  }

  /** An empty line between groups of bindings. */
  record Blank() implements Entry {}

  /** {@code { a, b ? default }: body}. */
  record Lambda(List<Formal> formals, Nix body) implements Nix {
    public Lambda {
      formals = List.copyOf(formals);
    }
  }

  /** One formal argument, with an optional default (null for none). */
  record Formal(String name, Nix defaultValue) {
    public Formal {
      NixNames.requireIdentifier(name);
    }
  }

  /** Function application {@code f a b}; arguments that are not atoms must be wrapped in {@link Paren}. */
  record Apply(Nix function, List<Nix> arguments) implements Nix {
    public Apply {
      arguments = List.copyOf(arguments);
    }
  }

  /** {@code with scope; body}. */
  record With(Nix scope, Nix body) implements Nix {}

  /** {@code let bindings in body}. */
  record Let(List<Entry> entries, Nix body) implements Nix {
    public Let {
      entries = List.copyOf(entries);
    }
  }

  /** A chain of one left-associative binary operator, e.g. {@code a ++ b ++ c}. */
  record Chain(String operator, List<Nix> operands) implements Nix {
    public Chain {
      operands = List.copyOf(operands);
      if (operands.size() < 2) {
        throw new IllegalArgumentException("a chain needs two operands");
      }
    }
  }

  /** {@code !operand}. */
  record Not(Nix operand) implements Nix {}

  /** {@code (inner)}. */
  record Paren(Nix inner) implements Nix {}

  // Factories keep the emitters short.

  static Str str(String value) {
    return new Str(value);
  }

  static Ref ref(String path) {
    return new Ref(path);
  }

  static ListOf list(List<? extends Nix> values) {
    List<Item> items = new ArrayList<>();
    for (Nix value : values) {
      items.add(new Item(List.of(), value));
    }
    return new ListOf(items);
  }

  static ListOf strings(List<String> values) {
    return list(values.stream().map(Nix::str).toList());
  }

  static ListOf refs(List<String> names) {
    return list(names.stream().map(Nix::ref).toList());
  }

  static Binding bind(String name, Nix value, String... comments) {
    return new Binding(Arrays.asList(comments), name, value);
  }

  static Apply apply(Nix function, Nix... arguments) {
    return new Apply(function, Arrays.asList(arguments));
  }

  static AttrSet attrs(Entry... entries) {
    return new AttrSet(false, Arrays.asList(entries));
  }

  static AttrSet attrs(List<Entry> entries) {
    return new AttrSet(false, entries);
  }
}
