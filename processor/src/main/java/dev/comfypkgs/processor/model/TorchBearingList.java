package dev.comfypkgs.processor.model;

import dev.comfypkgs.common.TorchNames;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The shipped list of nixpkgs Python packages known to carry torch at run time: the core torch
 * names ({@link TorchNames#CORE}, shared with the CLI) and the resource's other names.
 */
public final class TorchBearingList {
  private static final String RESOURCE = "/dev/comfypkgs/processor/torch-bearing.txt";
  private static List<String> cached;

  private TorchBearingList() {}

  /** The core torch names, then the resource's names in file order. */
  public static synchronized List<String> shipped() {
    if (cached == null) {
      try (InputStream in = TorchBearingList.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + RESOURCE);
        }
        List<String> out = new ArrayList<>(new TreeSet<>(TorchNames.CORE));
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null; ) {
          line = line.strip();
          if (!line.isEmpty() && !line.startsWith("#")) {
            out.add(line);
          }
        }
        cached = List.copyOf(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return cached;
  }
}
