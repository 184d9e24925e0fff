package dev.comfypkgs.annotations;

/**
 * Licenses as nixpkgs names them in {@code lib.licenses}. Only current names: nixpkgs' deprecated
 * aliases that do not say "only" or "or later" ({@code gpl3}, {@code lgpl21}, {@code agpl3}...)
 * have no constant, so a recipe has to pick the variant its upstream's licence text states.
 */
public enum License {
  /** MIT License: {@code lib.licenses.mit}. */
  MIT("mit"),
  /** Apache License 2.0: {@code lib.licenses.asl20}. */
  ASL20("asl20"),
  /** GNU GPL v2 only: {@code lib.licenses.gpl2Only}. */
  GPL2_ONLY("gpl2Only"),
  /** GNU GPL v2 or later: {@code lib.licenses.gpl2Plus}. */
  GPL2_PLUS("gpl2Plus"),
  /** GNU GPL v3 only: {@code lib.licenses.gpl3Only}. */
  GPL3_ONLY("gpl3Only"),
  /** GNU GPL v3 or later: {@code lib.licenses.gpl3Plus}. */
  GPL3_PLUS("gpl3Plus"),
  /** GNU LGPL v3 only: {@code lib.licenses.lgpl3Only}. */
  LGPL3_ONLY("lgpl3Only"),
  /** GNU AGPL v3 only: {@code lib.licenses.agpl3Only}. */
  AGPL3_ONLY("agpl3Only"),
  /** BSD 2-clause: {@code lib.licenses.bsd2}. */
  BSD2("bsd2"),
  /** BSD 3-clause: {@code lib.licenses.bsd3}. */
  BSD3("bsd3"),
  /** Mozilla Public License 2.0: {@code lib.licenses.mpl20}. */
  MPL20("mpl20"),
  /** ISC License: {@code lib.licenses.isc}. */
  ISC("isc"),
  /** Python Software Foundation License: {@code lib.licenses.psfl}. */
  PSFL("psfl"),
  /** The Unlicense: {@code lib.licenses.unlicense}. */
  UNLICENSE("unlicense");

  private final String nixName;

  License(String nixName) {
    this.nixName = nixName;
  }

  /** The attribute name under {@code lib.licenses}. */
  public String nixName() {
    return nixName;
  }
}
