package dev.comfypkgs.processor.emit;

import static dev.comfypkgs.processor.nix.Nix.ref;
import static dev.comfypkgs.processor.nix.Nix.str;

import dev.comfypkgs.processor.model.Sys;
import dev.comfypkgs.processor.model.SystemSet;
import dev.comfypkgs.processor.nix.Nix;
import java.util.ArrayList;
import java.util.List;

/**
 * The shortest {@code stdenv.hostPlatform} test that is true on exactly {@code on} among the
 * systems a file can be evaluated for ({@code within}: its platforms). Only those four systems are
 * built and tested; the platform groups in {@code meta.platforms} admit more ({@code
 * lib.platforms.unix} and {@code linux} include i686-linux, {@code unix} FreeBSD), where the test
 * may come out either way.
 */
final class Conditions {
  private Conditions() {}

  static Nix when(SystemSet on, SystemSet within) {
    SystemSet target = on.intersect(within);
    if (SystemSet.LINUX.intersect(within).equals(target)) {
      return ref("stdenv.hostPlatform.isLinux");
    }
    if (SystemSet.DARWIN.intersect(within).equals(target)) {
      return ref("stdenv.hostPlatform.isDarwin");
    }
    List<Sys> in = List.copyOf(target.systems());
    List<Sys> out = List.copyOf(within.minus(target).systems());
    if (in.size() == 1) {
      return systemIs("==", in.get(0));
    }
    if (out.size() == 1) {
      return systemIs("!=", out.get(0));
    }
    List<Nix> tests = new ArrayList<>();
    for (Sys sys : in) {
      tests.add(systemIs("==", sys));
    }
    return new Nix.Chain("||", tests);
  }

  /** The condition as a function argument: parenthesised unless it is a plain name. */
  static Nix argument(Nix condition) {
    return condition instanceof Nix.Ref ? condition : new Nix.Paren(condition);
  }

  private static Nix systemIs(String operator, Sys sys) {
    return new Nix.Chain(operator, List.of(ref("stdenv.hostPlatform.system"), str(sys.nixName())));
  }

  /** {@code lib.platforms.*} when the set is exactly a group, else the explicit list. */
  static Nix platforms(SystemSet platforms) {
    if (platforms.equals(SystemSet.ALL)) {
      return ref("lib.platforms.unix");
    }
    if (platforms.equals(SystemSet.LINUX)) {
      return ref("lib.platforms.linux");
    }
    if (platforms.equals(SystemSet.DARWIN)) {
      return ref("lib.platforms.darwin");
    }
    return Nix.strings(platforms.nixNames());
  }
}
