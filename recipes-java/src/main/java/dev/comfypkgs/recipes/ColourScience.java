package dev.comfypkgs.recipes;

import dev.comfypkgs.annotations.BuildSystem;
import dev.comfypkgs.annotations.Bundle;
import dev.comfypkgs.annotations.GitHub;
import dev.comfypkgs.annotations.License;
import dev.comfypkgs.annotations.PythonPackage;
import dev.comfypkgs.annotations.SmokeImport;

@PythonPackage(
    pname = "colour-science",
    version = "0.4.6",
    description = "Colour science algorithms and datasets for Python",
    homepage = "https://www.colour-science.org/",
    license = License.BSD3)
@GitHub(
    owner = "colour-science",
    repo = "colour",
    tag = "v0.4.6",
    hash = "sha256-kjJc6D4jhvAJh6rIVvKO2bw++K3XlfjD4Djav6778lk=")
@BuildSystem({"hatchling", "hatch-vcs"})
@Bundle({"imageio", "numpy", "scipy", "typing-extensions"})
@SmokeImport("colour")
public final class ColourScience {}
