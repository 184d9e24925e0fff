package dev.comfypkgs.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of text in columns, each as wide as its widest cell and two spaces apart; the last column
 * is not padded, so a long last cell does not widen the others. Cells are printed as given:
 * escaping what came from outside is the caller's.
 */
final class Table {
  private final List<List<String>> rows = new ArrayList<>();

  /** A table whose first row is {@code header}. */
  Table(String... header) {
    rows.add(List.of(header));
  }

  /** Adds a row with as many cells as the header. */
  Table add(String... cells) {
    if (cells.length != rows.get(0).size()) {
      throw new IllegalArgumentException(cells.length + " cells for " + rows.get(0).size() + " columns");
    }
    rows.add(List.of(cells));
    return this;
  }

  /** Prints the header and the rows, without trailing spaces. */
  void print(PrintWriter out) {
    int columns = rows.get(0).size();
    int[] width = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < columns - 1; i++) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    // One write, sized up front: the command's writer flushes at every line, and a table can have
    // 100,000 rows.
    long size = 0;
    for (List<String> row : rows) {
      for (String cell : row) {
        size += cell.length() + 2;
      }
    }
    StringBuilder text = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 16, size + rows.size()));
    String lineSeparator = System.lineSeparator();
    for (List<String> row : rows) {
      int lineStart = text.length();
      for (int i = 0; i < columns - 1; i++) {
        text.append(row.get(i));
        for (int pad = width[i] - row.get(i).length() + 2; pad > 0; pad--) {
          text.append(' ');
        }
      }
      text.append(row.get(columns - 1));
      int end = text.length();
      while (end > lineStart && Character.isWhitespace(text.charAt(end - 1))) {
        end--;
      }
      text.setLength(end);
      text.append(lineSeparator);
    }
    out.print(text);
  }
}
