package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Columns as wide as their widest cell, two spaces apart; the last one ragged. */
class TableTest {
  @Test
  void padsEveryColumnButTheLast() {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    new Table("ATTR", "VERSION", "WHAT TO DO")
        .add("timm", "1.0.22", "bundle it")
        .add("comfyui-sneaky", "2", "")
        .print(out);
    out.flush();
    assertEquals(String.join(System.lineSeparator(),
        "ATTR            VERSION  WHAT TO DO",
        "timm            1.0.22   bundle it",
        "comfyui-sneaky  2",
        ""), text.toString());
  }

  @Test
  void aRowMustFillTheColumns() {
    Table table = new Table("A", "B");
    assertThrows(IllegalArgumentException.class, () -> table.add("only one"));
  }
}
