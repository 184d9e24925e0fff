package dev.comfypkgs.recipes;

import dev.comfypkgs.annotations.Format;
import dev.comfypkgs.annotations.ImportsCheck;
import dev.comfypkgs.annotations.License;
import dev.comfypkgs.annotations.PythonPackage;
import dev.comfypkgs.annotations.Vendored;

/** No PyPI releases: a tarball of the upstream commit is vendored. */
@PythonPackage(
    pname = "cstr",
    version = "unstable-2023-05-28",
    description = "Coloured strings for terminal output",
    homepage = "https://github.com/WASasquatch/cstr",
    license = License.MIT,
    format = Format.SETUPTOOLS)
@Vendored(file = "cstr-0520c29a18a7a869a6e5983861d6f7a4c86f8e9b.tar.gz")
@ImportsCheck("cstr")
public final class Cstr {}
