package dev.comfypkgs.recipes;

import dev.comfypkgs.annotations.Bundle;
import dev.comfypkgs.annotations.Format;
import dev.comfypkgs.annotations.License;
import dev.comfypkgs.annotations.PythonPackage;
import dev.comfypkgs.annotations.SmokeImport;
import dev.comfypkgs.annotations.Vendored;

/**
 * 0.6.0 is not on GitHub's releases, so its wheel is vendored. GPL-3.0-or-later: upstream's
 * setup.py licence header grants "either version 3 of the License, or (at your option) any later
 * version" (its {@code license='GNU GPL V3.0'} field alone does not say which).
 */
@PythonPackage(
    pname = "color-matcher",
    version = "0.6.0",
    description = "Transfers the colour distribution of one image onto another",
    homepage = "https://github.com/hahnec/color-matcher",
    license = License.GPL3_PLUS,
    format = Format.WHEEL)
@Vendored(file = "color_matcher-0.6.0-py3-none-any.whl")
@Bundle({"numpy", "opencv4", "scikit-image"})
@SmokeImport("color_matcher")
public final class ColorMatcher {}
