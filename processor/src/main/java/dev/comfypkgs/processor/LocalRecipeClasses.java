package dev.comfypkgs.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.comfypkgs.processor.parse.RecipeReader;
import java.util.HashSet;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Reports a recipe declared as a local class. Annotation processing never sees local classes,
 * so such a recipe would silently be left out of the generation; javac attributes them only
 * after the last round, so they are looked for when each class has been analyzed. The error
 * fails the compilation, and with it the write. (An anonymous class cannot carry a declaration
 * annotation, so only local classes can be recipes out of the processor's sight.)
 */
final class LocalRecipeClasses implements TaskListener {
  /**
   * A structural rule's id, though no model rule checks it: the model never holds a local class.
   * The README's rule table documents it with the others.
   */
  static final String RULE_ID = "CPK008";

  private final Trees trees;
  private final Messager messager;
  private final Set<Element> reported = new HashSet<>();

  LocalRecipeClasses(Trees trees, Messager messager) {
    this.trees = trees;
    this.messager = messager;
  }

  @Override
  public void finished(TaskEvent e) {
    if (e.getKind() != TaskEvent.Kind.ANALYZE || e.getTypeElement() == null) {
      return;
    }
    try {
      TreePath analyzed = trees.getPath(e.getTypeElement());
      if (analyzed != null) {
        new Scanner().scan(analyzed, null);
      }
    } catch (RuntimeException | Error internal) {
      RecipeProcessor.reportInternalError(messager, internal);
    }
  }

  private final class Scanner extends TreePathScanner<Void, Void> {
    @Override
    public Void visitClass(ClassTree tree, Void unused) {
      if (trees.getElement(getCurrentPath()) instanceof TypeElement type
          && type.getNestingKind() == NestingKind.LOCAL
          && RecipeReader.isRecipe(type)
          && reported.add(type)) {
        trees.printMessage(Diagnostic.Kind.ERROR,
            "[" + RULE_ID + "] the recipe " + type.getSimpleName() + " is a local class, which annotation"
                + " processing never sees, so it would be left out of the Nix: declare it as a"
                + " top-level or nested class.",
            rootAnnotation(tree), getCurrentPath().getCompilationUnit());
      }
      return super.visitClass(tree, unused);
    }

    /** The recipe annotation that makes the class a recipe, where the reader will look. */
    private Tree rootAnnotation(ClassTree tree) {
      TreePath modifiers = new TreePath(getCurrentPath(), tree.getModifiers());
      for (AnnotationTree annotation : tree.getModifiers().getAnnotations()) {
        TreePath type = new TreePath(new TreePath(modifiers, annotation), annotation.getAnnotationType());
        if (trees.getElement(type) instanceof TypeElement a
            && RecipeReader.ROOTS.stream()
                .anyMatch(root -> a.getQualifiedName().contentEquals(root.getCanonicalName()))) {
          return annotation;
        }
      }
      return tree;
    }
  }
}
