package dev.comfypkgs.processor.testing;

import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;

/** The five recipes under {@code fixtures/golden/}, and edits of them between two compilations. */
public final class GoldenFixtures {
  public static final List<String> NAMES = List.of("Timm", "Detector", "Matcher", "Tiny", "Extras");

  private GoldenFixtures() {}

  public static JavaFileObject named(String name) {
    return JavaFileObjects.forResource(
        GoldenFixtures.class.getClassLoader().getResource("fixtures/golden/" + name + ".java"));
  }

  /** Every fixture but the named ones, as when their classes were deleted. */
  public static List<JavaFileObject> allBut(String... left) {
    List<JavaFileObject> out = new ArrayList<>();
    for (String name : NAMES) {
      if (!List.of(left).contains(name)) {
        out.add(named(name));
      }
    }
    return out;
  }

  /** The meta-package {@code golden.Extras}, with only these members. */
  public static JavaFileObject extrasWithMembers(String... members) {
    return JavaFileObjects.forSourceString("golden.Extras",
        """
        package golden;
        import dev.comfypkgs.annotations.*;
        import dev.comfypkgs.annotations.Runtime;
        @MetaPackage(pname = "comfyui-extras", version = "1.0.0", description = "d",
            members = {%s})
        @Platforms(Platform.LINUX)
        @Runtime(provides = {"torch", "torchvision", "kornia"})
        public final class Extras {}
        """.formatted(Stream.of(members).map(m -> m + ".class").collect(Collectors.joining(", "))));
  }
}
