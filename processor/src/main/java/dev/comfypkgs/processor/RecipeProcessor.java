package dev.comfypkgs.processor;

import com.google.auto.service.AutoService;
import com.sun.source.util.JavacTask;
import com.sun.source.util.Trees;
import dev.comfypkgs.common.NixpkgsIndexFile;
import dev.comfypkgs.processor.emit.EmitLayout;
import dev.comfypkgs.processor.emit.FloxEnvironmentFiles;
import dev.comfypkgs.processor.emit.FloxLock;
import dev.comfypkgs.processor.emit.GeneratedFile;
import dev.comfypkgs.processor.emit.Generation;
import dev.comfypkgs.processor.emit.OutputDirectory;
import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.Location;
import dev.comfypkgs.processor.model.PackageFiles;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import dev.comfypkgs.processor.model.RecipeSet;
import dev.comfypkgs.processor.model.RuleSettings;
import dev.comfypkgs.processor.model.TorchBearingList;
import dev.comfypkgs.processor.parse.Declaration;
import dev.comfypkgs.processor.parse.ParsedRecipes;
import dev.comfypkgs.processor.parse.RecipeReader;
import dev.comfypkgs.processor.rules.Finding;
import dev.comfypkgs.processor.rules.Rules;
import dev.comfypkgs.processor.rules.Severity;
import dev.comfypkgs.processor.rules.ValidationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Reads every recipe of the compilation, checks the rules, and writes the Nix files: to the
 * directory given by {@code -Acomfypkgs.out} and, always, to the class output under
 * {@code comfypkgs/} (where compile-testing sees them). Nothing is written to the directory unless
 * every rule passes and the whole compilation succeeds (see {@link WriteAtEndOfCompilation}), and
 * no exception ever reaches javac: an internal failure is reported as an error.
 */
@AutoService(Processor.class)
public final class RecipeProcessor extends AbstractProcessor {
  /** Where generated files go in the class output. */
  public static final String CLASS_OUTPUT_PREFIX = "comfypkgs/";

  private final Map<String, TypeElement> recipes = new LinkedHashMap<>();

  /**
   * Null when the compiler is not javac (or hides it behind a wrapper of its own). NOTE: then the
   * output directory is written when processing is over, as a plain processor can, and errors
   * the compiler reports after the last round cannot stop it; recipes declared as local classes
   * go unreported too.
   */
  private WriteAtEndOfCompilation endOfCompilation;

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    JavacTask task;
    Trees trees;
    try {
      task = JavacTask.instance(env);
      trees = Trees.instance(env);
    } catch (RuntimeException notJavac) {
      return;
    }
    endOfCompilation = new WriteAtEndOfCompilation(trees, env.getMessager());
    task.addTaskListener(endOfCompilation);
    task.addTaskListener(new LocalRecipeClasses(trees, env.getMessager()));
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("dev.comfypkgs.annotations.*");
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Arrays.stream(ProcessorOption.values())
        .map(ProcessorOption::key)
        .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      if (endOfCompilation != null) {
        endOfCompilation.expect(round.getRootElements());
      }
      for (Class<?> root : RecipeReader.ROOTS) {
        for (Element e : round.getElementsAnnotatedWith(root.asSubclass(java.lang.annotation.Annotation.class))) {
          if (e instanceof TypeElement type) {
            recipes.putIfAbsent(type.getQualifiedName().toString(), type);
          }
        }
      }
      if (round.processingOver() && !recipes.isEmpty()) {
        if (round.errorRaised()) {
          note("comfypkgs: the compilation has errors, so no Nix was generated; the output is as it was.");
        } else {
          generate();
        }
      }
    } catch (RuntimeException | Error e) {
      reportInternalError(processingEnv.getMessager(), e);
    }
    return false;
  }

  static void reportInternalError(Messager messager, Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    messager.printMessage(Diagnostic.Kind.ERROR,
        "comfypkgs: internal error, nothing was generated. Please report it with this trace:\n" + trace);
  }

  private void generate() {
    Map<String, String> options = processingEnv.getOptions();
    Timing timing = new Timing(ProcessorOption.TIMING.isTrue(options));
    addRecipesFromEarlierCompilations(options);
    for (TypeElement type : recipes.values()) {
      Optional<String> unresolved = UnresolvedAnnotationValues.firstOn(type);
      if (unresolved.isPresent()) {
        note("comfypkgs: " + unresolved.get() + " on " + type.getQualifiedName() + " names what"
            + " javac could not resolve, so no Nix was generated; the output is as it was.");
        return;
      }
    }
    RecipeReader reader = new RecipeReader(processingEnv.getElementUtils());
    List<Declaration> declarations = new ArrayList<>();
    recipes.values().forEach(type -> declarations.add(reader.declare(type)));
    timing.lap("read");
    RuleSettings settings;
    try {
      settings = settings(options);
    } catch (IOException | RuntimeException e) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          "comfypkgs: " + ProcessorOption.NIXPKGS_INDEX.key() + " could not be read (" + e
              + "): it must be a JSON list of python3.pkgs attribute names.");
      return;
    }
    ParsedRecipes parsed = new ParsedRecipes(reader, declarations, settings);
    timing.lap("model");

    ValidationReport report = Rules.check(parsed.declared());
    timing.lap("rules");
    boolean warningsAsErrors = ProcessorOption.WARNINGS_AS_ERRORS.isTrue(options);
    DiagnosticPrinter printer = new DiagnosticPrinter(processingEnv);
    for (Finding f : report.findings()) {
      print(printer, parsed, f, warningsAsErrors);
    }
    if (report.hasErrors(warningsAsErrors)) {
      note("comfypkgs: recipes have errors, so no Nix was generated; the output is as it was.");
      return;
    }

    List<GeneratedFile> files = Generation.files(parsed.set(), layout(options));
    timing.lap("render");
    String out = ProcessorOption.OUT.get(options);
    // Checked now, while javac can still place a diagnostic on the recipe; the write checks again.
    if (out != null && !claimable(out, files, parsed, printer)) {
      return;
    }
    if (out != null) {
      warnIfLockIsStale(out, parsed, printer);
    }
    if (out != null) {
      try {
        RecipeClassIndex.write(processingEnv.getFiler(), recipes.keySet());
      } catch (IOException e) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
            "comfypkgs: could not write " + RecipeClassIndex.PATH + " to the class output: " + e);
        return;
      }
      // Reported apart from the write, which may run later, at the end of the compilation.
      timing.lap("claim");
    }
    if (!"false".equalsIgnoreCase(ProcessorOption.CLASS_OUTPUT.get(options))) {
      for (GeneratedFile f : files) {
        writeClassOutput(f);
      }
      timing.lap("class output");
    }
    if (out == null) {
      timing.report(this::note, recipes.size());
    } else if (endOfCompilation == null) {
      write(out, files, parsed, printer, timing);
    } else {
      endOfCompilation.writeIfCompiled(out, () -> {
        // The time javac spends between the last round and the end is not the processor's.
        timing.skip();
        write(out, files, parsed, printer, timing);
      });
    }
  }

  private void write(
      String out, List<GeneratedFile> files, ParsedRecipes parsed, DiagnosticPrinter printer,
      Timing timing) {
    try {
      OutputDirectory.Result result = new OutputDirectory(Path.of(out)).replace(files);
      note("comfypkgs: " + files.size() + " files in " + out + ": " + result.written().size()
          + " written, " + result.unchanged().size() + " unchanged, " + result.deleted().size()
          + " deleted" + (result.deleted().isEmpty() ? "" : " " + result.deleted()) + ".");
      timing.lap("write");
      timing.report(this::note, recipes.size());
    } catch (OutputDirectory.ConflictException e) {
      for (OutputDirectory.Conflict c : e.conflicts()) {
        reportConflict(printer, parsed, out, c);
      }
    } catch (OutputDirectory.BusyException e) {
      error("comfypkgs: " + e.getMessage() + ".");
    } catch (IOException | RuntimeException e) {
      couldNotWrite(out, e);
    }
  }

  private void couldNotWrite(String out, Exception e) {
    error("comfypkgs: could not write " + out + " (" + e + "); "
        + (e.getSuppressed().length == 0
            ? "it was left as it was."
            : "nor roll back (" + e.getSuppressed()[0] + "): the next generation finishes it."));
  }

  /** Reports every path the files would take from what comfypkgs did not write; true if none. */
  private boolean claimable(
      String out, List<GeneratedFile> files, ParsedRecipes parsed, DiagnosticPrinter printer) {
    List<OutputDirectory.Conflict> conflicts;
    try {
      conflicts = new OutputDirectory(Path.of(out)).conflicts(files);
    } catch (IOException | RuntimeException e) {
      couldNotWrite(out, e);
      return false;
    }
    conflicts.forEach(c -> reportConflict(printer, parsed, out, c));
    return conflicts.isEmpty();
  }

  /**
   * Warns when the output's {@code manifest.lock} no longer locks the manifest this generation
   * writes: Flox then relocks (at whatever revision the catalog gives) and {@code flox publish}
   * refuses. Only Flox can write the lock, so the warning says how, at the {@code @FloxEnvironment}
   * attribute behind the change. Never promoted by {@code comfypkgs.warningsAsErrors}: the lock can
   * only be rewritten once this generation's manifest is in place.
   */
  private void warnIfLockIsStale(String out, ParsedRecipes parsed, DiagnosticPrinter printer) {
    RecipeSet set = parsed.set();
    Optional<FloxLock.Staleness> stale =
        FloxLock.check(Path.of(out), FloxEnvironmentFiles.manifestAsLocked(set));
    if (stale.isEmpty()) {
      return;
    }
    String lock = out + "/" + FloxLock.PATH;
    String relock = " Run `flox list -d " + out + "` (it locks the environment and rewrites"
        + " manifest.lock), then commit manifest.lock.";
    if (stale.get().unreadable() != null) {
      warnAtEnvironment(parsed, printer, null, "comfypkgs: " + lock + " cannot be read ("
          + stale.get().unreadable() + "), so Flox will relock the environment." + relock);
      return;
    }
    for (String section : stale.get().sections()) {
      String now =
          switch (section) {
            case "install" -> " (python is now '" + set.python() + "')";
            case "options" -> " (systems are now " + set.systems() + ")";
            default -> "";
          };
      warnAtEnvironment(parsed, printer, section.equals("install") ? "python" : null,
          "comfypkgs: " + lock + " is stale: the [" + section + "] of the generated manifest.toml"
              + " differs from the one it locked" + now + ", so Flox relocks the environment at"
              + " whatever revision the catalog then gives, and `flox publish` refuses." + relock);
    }
  }

  /** At {@code attribute} of the {@code @FloxEnvironment} if written, else at the annotation. */
  private void warnAtEnvironment(
      ParsedRecipes parsed, DiagnosticPrinter printer, String attribute, String message) {
    List<RecipeDeclaration> environments = parsed.declared().environments();
    if (environments.isEmpty()) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.WARNING, message);
      return;
    }
    RecipeDeclaration d = environments.get(0);
    AnnotationUse use = d.uses("FloxEnvironment").get(0);
    Location location =
        attribute != null && use.isExplicit(attribute) ? d.anchor(use, attribute) : d.anchor(use);
    printer.print(Diagnostic.Kind.WARNING, message, parsed.anchorOf(location));
  }

  /**
   * A generated path that holds a file comfypkgs did not write (or a directory, or a link) is an
   * error on the recipe whose attr names it, as a clash of attrs is: the attr is the file name.
   */
  private void reportConflict(
      DiagnosticPrinter printer, ParsedRecipes parsed, String out, OutputDirectory.Conflict c) {
    String holds = ", which holds " + c.holds() + "; comfypkgs never replaces what it did not"
        + " write, so nothing was written: ";
    String prefix = PackageFiles.DIR + "/";
    String attr = c.path().startsWith(prefix) && c.path().endsWith(".nix")
        ? c.path().substring(prefix.length(), c.path().length() - ".nix".length())
        : null;
    Optional<RecipeDeclaration> recipe =
        attr == null ? Optional.empty() : parsed.declared().declarationOf(attr);
    if (recipe.isEmpty()) {
      error("comfypkgs: " + out + "/" + c.path() + holds + "move it away.");
      return;
    }
    RecipeDeclaration d = recipe.get();
    AnnotationUse use = d.uses(d.isPackage() ? d.packageHead() : "MetaPackage").get(0);
    Location location = d.anchor(use, use.isExplicit("attr") ? "attr" : "pname");
    print(printer, parsed, new Finding("CPK003", Severity.ERROR, location, "the attr '" + attr + "' names "
        + c.path() + holds + "give the recipe another attr, or move that away."), false);
  }

  /** With -Acomfypkgs.timing=true, how long each phase took, for the benchmarks. */
  private static final class Timing {
    private final boolean on;
    private final StringBuilder laps = new StringBuilder();
    private long last = System.nanoTime();

    Timing(boolean on) {
      this.on = on;
    }

    void skip() {
      last = System.nanoTime();
    }

    void lap(String phase) {
      long now = System.nanoTime();
      if (on) {
        laps.append(laps.length() == 0 ? "" : ", ").append(phase).append(' ')
            .append((now - last) / 1_000_000).append(" ms");
      }
      last = now;
    }

    void report(java.util.function.Consumer<String> note, int recipes) {
      if (on) {
        note.accept("comfypkgs: timing for " + recipes + " recipes: " + laps + ".");
      }
    }
  }

  /**
   * An incremental build (an IDE's, or javac on a few files) hands the processor only the changed
   * recipes; generating from those alone would delete every other package's file. The recipes the
   * previous generation declared ({@link RecipeClassIndex}), and whose classes still exist, are
   * read from their class files instead. A recipe whose class is gone is really gone, and its file
   * is deleted.
   */
  private void addRecipesFromEarlierCompilations(Map<String, String> options) {
    if (ProcessorOption.OUT.get(options) == null) {
      return;
    }
    List<String> earlier = RecipeClassIndex.read(processingEnv.getFiler());
    int added = 0;
    for (String name : earlier) {
      if (recipes.containsKey(name)) {
        continue;
      }
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null && RecipeReader.isRecipe(type)) {
        recipes.put(name, type);
        added++;
      }
    }
    if (added > 0) {
      note("comfypkgs: " + added + " recipes outside this compilation were read from their class"
          + " files, so an incremental build regenerates the whole set.");
    }
  }

  /**
   * The index ({@link NixpkgsIndexFile}) adds the names CPK112 checks against; names that carry
   * torch join the torch-bearing list.
   */
  private static RuleSettings settings(Map<String, String> options) throws IOException {
    String sources = ProcessorOption.SOURCES.get(options);
    String index = ProcessorOption.NIXPKGS_INDEX.get(options);
    java.util.Set<String> names = null;
    List<String> torchBearing = new ArrayList<>(TorchBearingList.shipped());
    if (index != null) {
      NixpkgsIndexFile read = NixpkgsIndexFile.read(Path.of(index));
      names = read.names();
      torchBearing.addAll(read.carryingTorch());
    }
    return new RuleSettings(
        sources == null ? null : Path.of(sources).toAbsolutePath().normalize(), names, torchBearing);
  }

  private static EmitLayout layout(Map<String, String> options) {
    String out = ProcessorOption.OUT.get(options);
    String sources = ProcessorOption.SOURCES.get(options);
    if (out == null || sources == null) {
      return EmitLayout.DEFAULT;
    }
    Path pkgs = Path.of(out).toAbsolutePath().normalize().resolve(PackageFiles.DIR);
    Path rel = pkgs.relativize(Path.of(sources).toAbsolutePath().normalize());
    return new EmitLayout(rel.toString().replace('\\', '/'));
  }

  private void writeClassOutput(GeneratedFile f) {
    try {
      FileObject file = processingEnv.getFiler()
          .createResource(StandardLocation.CLASS_OUTPUT, "", CLASS_OUTPUT_PREFIX + f.path());
      try (Writer w = file.openWriter()) {
        w.write(f.content());
      }
    } catch (IOException e) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          "comfypkgs: could not write " + f.path() + " to the class output: " + e);
    }
  }

  private static void print(
      DiagnosticPrinter printer, ParsedRecipes parsed, Finding f, boolean warningsAsErrors) {
    Diagnostic.Kind kind =
        switch (f.severity()) {
          case ERROR -> Diagnostic.Kind.ERROR;
          case WARNING -> warningsAsErrors ? Diagnostic.Kind.ERROR : Diagnostic.Kind.WARNING;
          case NOTE -> Diagnostic.Kind.NOTE;
        };
    printer.print(kind, f.text(), parsed.anchorOf(f.location()));
  }

  private void note(String message) {
    processingEnv.getMessager().printMessage(Diagnostic.Kind.NOTE, message);
  }

  private void error(String message) {
    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message);
  }
}
