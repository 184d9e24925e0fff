package dev.comfypkgs.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * A command's {@code --json} option, as a picocli mixin, and the one way the CLI prints JSON.
 * Each command words the option in {@code Messages.properties} ({@code <command>.output.json}).
 */
final class OutputFormat {
  @Option(names = "--json", descriptionKey = "output.json")
  boolean json;

  /** Whether to print JSON rather than text. */
  boolean json() {
    return json;
  }

  /** Prints {@code value} as JSON, on a line of its own. */
  static void printJson(PrintWriter out, Object value) throws JsonProcessingException {
    out.println(toJson(value));
  }

  /** {@code value} as {@link #printJson} prints it, for a file (without the final newline). */
  static String toJson(Object value) throws JsonProcessingException {
    return Mapper.JSON.writeValueAsString(value);
  }

  /**
   * Made when JSON is first printed, not when a command that has the option starts: a mapper
   * costs a tenth of a short command's run, which prints text unless asked (JFR).
   */
  private static final class Mapper {
    /**
     * Indented, with non-ASCII characters escaped: the same JSON, and nothing in it (text from a
     * downloaded package, say) that a terminal would act on.
     */
    static final ObjectMapper JSON = new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .enable(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature());
  }
}
