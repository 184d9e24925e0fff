package dev.comfypkgs.processor.emit;

import dev.comfypkgs.processor.model.MetaDescriptor;
import dev.comfypkgs.processor.model.PackageDescriptor;
import dev.comfypkgs.processor.model.PackageFiles;
import dev.comfypkgs.processor.model.RecipeSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every file one recipe set generates, sorted by path. */
public final class Generation {
  private Generation() {}

  public static List<GeneratedFile> files(RecipeSet set, EmitLayout layout) {
    List<GeneratedFile> out = new ArrayList<>();
    for (PackageDescriptor p : set.packages()) {
      out.add(
          new GeneratedFile(
              PackageFiles.of(p.attr()), PackageExpression.render(p, set, layout)));
    }
    for (MetaDescriptor m : set.metas()) {
      out.add(new GeneratedFile(PackageFiles.of(m.attr()), MetaPackageExpression.render(m, set)));
    }
    out.addAll(DefaultNix.files());
    out.addAll(FloxEnvironmentFiles.render(set));
    out.add(new GeneratedFile(RecipesJson.PATH, RecipesJson.render(set)));
    out.sort(Comparator.comparing(GeneratedFile::path));
    return List.copyOf(out);
  }
}
