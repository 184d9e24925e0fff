package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What the CLI echoes of others' text: visible, and unable to act on the terminal. */
class TerminalTest {
  @Test
  void controlsAreEscapedVisibly() {
    assertEquals("a\\x1b[31mb\\x07\\n\\r\\t\\x00\\x7f\\x9b", Terminal.escape("a\u001b[31mb\u0007\n\r\t\u0000\u007f\u009b"));
  }

  @Test
  void invisibleAndReorderingCharactersAreEscaped() {
    assertEquals("\\u202e\\u2066\\u200b\\u2028\\u2029\\ufeff\\ud800\\ue000\\U000e0001",
        Terminal.escape("\u202e\u2066\u200b\u2028\u2029\ufeff\ud800\ue000\udb40\udc01"));
  }

  @Test
  void printableTextIsKept() {
    String text = "comfyui-open-clip-torch 1.0+cu12 \u00e9t\u00e9 \u4e2d\u6587 \ud83d\ude00 /nix/store/x \\ 'q'";
    assertEquals(text, Terminal.escape(text));
  }
}
