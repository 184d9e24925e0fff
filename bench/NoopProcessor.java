import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * The floor of the generation benchmark: a processor that claims what {@code RecipeProcessor}
 * claims and reads every annotated element, its annotation mirrors and their values (defaults
 * included), as the real one must before it does anything, then generates nothing. What javac
 * spends on it is what any processor over the recipes pays; the real processor's own cost is its
 * time minus this one's.
 *
 * <p>Compiled and run by {@code bench/generation.sh} ({@code -processor NoopProcessor}); it
 * depends on nothing of comfypkgs, so one copy measures old and new checkouts alike.
 */
public final class NoopProcessor extends AbstractProcessor {
  private int elements;
  private long values;

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("dev.comfypkgs.annotations.*");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (TypeElement annotation : annotations) {
      for (Element e : round.getElementsAnnotatedWith(annotation)) {
        elements++;
        for (AnnotationMirror mirror : e.getAnnotationMirrors()) {
          read(mirror);
        }
      }
    }
    if (round.processingOver()) {
      // The count shows the benchmark that the processor saw the whole set.
      processingEnv.getMessager().printMessage(Diagnostic.Kind.NOTE,
          "noop: read " + elements + " annotated elements, " + values + " values.");
    }
    return false;
  }

  private void read(AnnotationMirror mirror) {
    Map<? extends ExecutableElement, ? extends AnnotationValue> all =
        processingEnv.getElementUtils().getElementValuesWithDefaults(mirror);
    all.values().forEach(this::read);
  }

  private void read(AnnotationValue value) {
    values++;
    Object v = value.getValue();
    if (v instanceof AnnotationMirror nested) {
      read(nested);
    } else if (v instanceof List<?> list) {
      for (Object item : list) {
        read((AnnotationValue) item);
      }
    }
  }
}
