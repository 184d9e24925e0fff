package dev.comfypkgs.processor;

import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.Trees;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Holds the write of the output directory until javac has reported every error, and runs it only
 * if the compilation succeeded.
 *
 * <p>The last processing round comes before javac attributes method bodies and reports the class
 * literals it could not resolve, so a processor alone cannot know whether the compilation will
 * fail. javac offers no error count, but it generates no class once an error has been reported
 * (its default policy stops after the first error; {@code -Werror} turns the first warning into
 * one; with {@code --should-stop=ifError=FLOW} it still attributes, but generates nothing more).
 * So the compilation succeeded exactly when every type declared in its sources reached
 * {@link TaskEvent.Kind#GENERATE}: that is checked when the compilation has finished. Under
 * {@code -proc:only} javac generates nothing, so nothing is written either.
 */
final class WriteAtEndOfCompilation implements TaskListener {
  private final Trees trees;
  private final Messager messager;
  private final Set<String> declared = new LinkedHashSet<>();
  private final Set<String> generated = new HashSet<>();
  private String out;
  private Runnable write;

  WriteAtEndOfCompilation(Trees trees, Messager messager) {
    this.trees = trees;
    this.messager = messager;
  }

  /** Records a round's root elements: the types declared in this compilation's sources. */
  void expect(Set<? extends Element> roots) {
    for (Element e : roots) {
      // Types named on the command line come from class files, and javac generates none of them.
      if (e instanceof TypeElement type && trees.getPath(type) != null) {
        declared.add(type.getQualifiedName().toString());
      }
    }
  }

  /** Writes {@code out} with {@code write} when the compilation has finished without an error. */
  void writeIfCompiled(String out, Runnable write) {
    this.out = out;
    this.write = write;
  }

  @Override
  public void finished(TaskEvent e) {
    try {
      if (e.getKind() == TaskEvent.Kind.GENERATE && e.getTypeElement() != null) {
        generated.add(e.getTypeElement().getQualifiedName().toString());
      } else if (e.getKind() == TaskEvent.Kind.COMPILATION && write != null) {
        if (generated.containsAll(declared)) {
          write.run();
        } else {
          messager.printMessage(Diagnostic.Kind.NOTE, "comfypkgs: javac did not compile every"
              + " class (it reported an error, or ran with -proc:only), so " + out
              + " was left as it was.");
        }
      }
    } catch (RuntimeException | Error internal) {
      RecipeProcessor.reportInternalError(messager, internal);
    }
  }
}
