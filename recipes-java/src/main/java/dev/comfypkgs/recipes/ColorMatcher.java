package dev.comfypkgs.recipes;

import dev.comfypkgs.annotations.Bundle;
import dev.comfypkgs.annotations.Format;
import dev.comfypkgs.annotations.License;
import dev.comfypkgs.annotations.PythonPackage;
import dev.comfypkgs.annotations.SmokeImport;
import dev.comfypkgs.annotations.Vendored;

/** 0.6.0 is not on GitHub's releases, so its wheel is vendored. */
@PythonPackage(
    pname = "color-matcher",
    version = "0.6.0",
    description = "Transfers the colour distribution of one image onto another",
    homepage = "https://github.com/hahnec/color-matcher",
    license = License.GPL3,
    format = Format.WHEEL)
@Vendored(file = "color_matcher-0.6.0-py3-none-any.whl")
@Bundle({"numpy", "opencv4", "scikit-image"})
@SmokeImport("color_matcher")
public final class ColorMatcher {}
