package dev.comfypkgs.recipes;

import dev.comfypkgs.annotations.BuildSystem;
import dev.comfypkgs.annotations.Bundle;
import dev.comfypkgs.annotations.GitHub;
import dev.comfypkgs.annotations.License;
import dev.comfypkgs.annotations.PythonPackage;
import dev.comfypkgs.annotations.SmokeImport;

/** Audio nodes of the video bundle (WanVideoWrapper) normalise loudness with it. */
@PythonPackage(
    pname = "pyloudnorm",
    version = "0.2.0",
    description = "Measures and normalises audio loudness per ITU-R BS.1770",
    homepage = "https://github.com/csteinmetz1/pyloudnorm",
    license = License.MIT)
@GitHub(
    owner = "csteinmetz1",
    repo = "pyloudnorm",
    tag = "v0.2.0",
    hash = "sha256-47CU/veoOQYv5G1QBm3F+j7ltmVvcWSY4hQWtaC6WEI=")
@BuildSystem({"setuptools", "wheel"})
@Bundle({"scipy", "numpy"})
@SmokeImport("pyloudnorm")
public final class Pyloudnorm {}
