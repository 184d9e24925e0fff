package dev.comfypkgs.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.comfypkgs.processor.nix.NixStrings;
import dev.comfypkgs.processor.parse.Anchor;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.tools.Diagnostic;

/**
 * Prints a diagnostic at its anchor. javac places element, mirror and value itself, except for an
 * annotation unwrapped from a repeatable's container (it falls back to the class): those are found
 * in the source tree, so a second {@code @Bundle} is underlined where it is written.
 */
final class DiagnosticPrinter {
  private final Messager messager;
  private final Trees trees;

  DiagnosticPrinter(ProcessingEnvironment env) {
    this.messager = env.getMessager();
    Trees t;
    try {
      t = Trees.instance(env);
    } catch (RuntimeException notJavac) {
      t = null; // another compiler: fall back to what the Messager can place
    }
    this.trees = t;
  }

  /**
   * Prints {@code text} at {@code a}. Messages quote what a recipe wrote, which may hold a line
   * break or a terminal control: those are shown as {@code <U+XXXX>}, so a diagnostic is one line
   * that says what is there.
   */
  void print(Diagnostic.Kind kind, String message, Anchor a) {
    String text = NixStrings.visible(message);
    if (a.repeated() != null && trees != null && printInTree(kind, text, a)) {
      return;
    }
    if (a.value() != null) {
      messager.printMessage(kind, text, a.element(), a.mirror(), a.value());
    } else if (a.mirror() != null) {
      messager.printMessage(kind, text, a.element(), a.mirror());
    } else {
      messager.printMessage(kind, text, a.element());
    }
  }

  private boolean printInTree(Diagnostic.Kind kind, String text, Anchor a) {
    TreePath path = trees.getPath(a.element());
    if (path == null || !(path.getLeaf() instanceof ClassTree type)) {
      return false;
    }
    Anchor.Repeated r = a.repeated();
    int seen = 0;
    for (AnnotationTree annotation : type.getModifiers().getAnnotations()) {
      String name = annotation.getAnnotationType().toString();
      if (!name.equals(r.annotation()) && !name.endsWith("." + r.annotation())) {
        continue;
      }
      if (seen++ == r.occurrence()) {
        trees.printMessage(kind, text, narrow(annotation, r), path.getCompilationUnit());
        return true;
      }
    }
    return false;
  }

  /** The attribute's expression (and array item) within the annotation, or the annotation. */
  private static Tree narrow(AnnotationTree annotation, Anchor.Repeated r) {
    if (r.attribute() == null) {
      return annotation;
    }
    for (ExpressionTree argument : annotation.getArguments()) {
      ExpressionTree value = null;
      if (argument instanceof AssignmentTree assignment
          && assignment.getVariable() instanceof IdentifierTree id
          && id.getName().contentEquals(r.attribute())) {
        value = assignment.getExpression();
      } else if (!(argument instanceof AssignmentTree) && r.attribute().equals("value")) {
        value = argument;
      }
      if (value != null) {
        if (r.index() >= 0 && value instanceof NewArrayTree array
            && array.getInitializers() != null && r.index() < array.getInitializers().size()) {
          return array.getInitializers().get(r.index());
        }
        return value;
      }
    }
    return annotation;
  }
}
