package dev.comfypkgs.processor.nix;

import static dev.comfypkgs.processor.nix.Nix.attrs;
import static dev.comfypkgs.processor.nix.Nix.bind;
import static dev.comfypkgs.processor.nix.Nix.list;
import static dev.comfypkgs.processor.nix.Nix.str;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The printer keeps each subtree's single-line form for the rest of the print. A subtree that
 * stands at several places, at several depths, must still be laid out for each place: whether it
 * fits is decided by where it stands; only its single-line text is shared.
 */
class NixPrinterTest {
  /** 87 characters on one line: it fits after {@code top = }, not three levels down. */
  private static Nix.Chain sum() {
    return new Nix.Chain("+", List.of(str("a".repeat(40)), str("b".repeat(40))));
  }

  private static Nix.AttrSet placed(Nix top, Nix deep, Nix inList) {
    return attrs(
        bind("top", top),
        bind("nested", attrs(bind("deeper", attrs(bind("deepest", deep))))),
        bind("listed", list(List.of(new Nix.Paren(inList), str("x")))));
  }

  @Test
  void aSharedSubtreeIsLaidOutForEachPlaceItStands() {
    Nix.Chain shared = sum();

    String printed = NixPrinter.expression(placed(shared, shared, shared));

    assertEquals(NixPrinter.expression(placed(sum(), sum(), sum())), printed);
    String a = "\"" + "a".repeat(40) + "\"";
    String b = "\"" + "b".repeat(40) + "\"";
    assertEquals("{\n"
        + "  top = " + a + " + " + b + ";\n"
        + "  nested = {\n"
        + "    deeper = {\n"
        + "      deepest =\n"
        + "        " + a + " + " + b + ";\n"
        + "    };\n"
        + "  };\n"
        + "  listed = [\n"
        + "    (" + a + " + " + b + ")\n"
        + "    \"x\"\n"
        + "  ];\n"
        + "}", printed);
  }
}
