package dev.comfypkgs.recipes;

import dev.comfypkgs.annotations.Bundle;
import dev.comfypkgs.annotations.Format;
import dev.comfypkgs.annotations.ImportsCheck;
import dev.comfypkgs.annotations.License;
import dev.comfypkgs.annotations.PythonPackage;
import dev.comfypkgs.annotations.Vendored;

/** No PyPI releases: a tarball of the upstream commit is vendored. */
@PythonPackage(
    pname = "img2texture",
    version = "unstable-2024-02-20",
    description = "Makes seamless, tileable textures from images",
    homepage = "https://github.com/WASasquatch/img2texture",
    license = License.MIT,
    format = Format.SETUPTOOLS)
@Vendored(file = "img2texture-d6159abea44a0b2cf77454d3d46962c8b21eb9d3.tar.gz")
@Bundle({"numpy", "pillow"})
@ImportsCheck("img2texture")
public final class Img2Texture {}
