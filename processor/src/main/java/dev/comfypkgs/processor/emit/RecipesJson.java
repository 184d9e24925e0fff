package dev.comfypkgs.processor.emit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.comfypkgs.processor.model.MetaDescriptor;
import dev.comfypkgs.processor.model.PackageFiles;
import dev.comfypkgs.processor.model.RecipeSet;
import dev.comfypkgs.processor.model.Scope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code recipes.json}: the model the CLI reads (it never reads the Java recipes). Keys are sorted
 * and lines end in LF, so the file is byte-identical across runs and machines.
 */
public final class RecipesJson {
  public static final String PATH = "recipes.json";
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  private RecipesJson() {}

  public static String render(RecipeSet set) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("formatVersion", FORMAT_VERSION);
    root.put("comfyuiRelease", set.comfyuiRelease());
    root.put("runtimeProvides", set.runtimeProvides());
    root.put("systems", set.systems());
    root.put("torchBearing", set.torchBearing());
    root.put("packages", set.packages());
    List<Map<String, Object>> metas = new ArrayList<>();
    for (MetaDescriptor m : set.metas()) {
      Map<String, Object> meta = MAPPER.convertValue(m, Map.class);
      meta.put("membersBySystem", set.dependencies(m).bySystem());
      metas.add(meta);
    }
    root.put("metaPackages", metas);
    root.put("recipeClasses", set.declarationClasses());
    // For `comfypkgs new`, which refuses these attrs before it downloads anything.
    root.put("reservedAttrs", Scope.reserved());
    root.put("unloadableAttrs", PackageFiles.UNLOADABLE);
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    try {
      return MAPPER.writer(printer).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("recipes.json could not be written", e);
    }
  }
}
