package dev.comfypkgs.recipes;

import dev.comfypkgs.annotations.BuildSystem;
import dev.comfypkgs.annotations.GitHub;
import dev.comfypkgs.annotations.ImportsCheck;
import dev.comfypkgs.annotations.License;
import dev.comfypkgs.annotations.PythonPackage;

@PythonPackage(
    pname = "ffmpy",
    version = "0.5.0",
    description = "A thin Python wrapper for running FFmpeg command lines",
    homepage = "https://github.com/Ch00k/ffmpy",
    license = License.MIT)
@GitHub(
    owner = "Ch00k",
    repo = "ffmpy",
    tag = "0.5.0",
    hash = "sha256-spbyz1EyMJRXJTm7TqN9XoqR9ztBKsNZx3NURwV7N2w=")
@BuildSystem("poetry-core")
@ImportsCheck("ffmpy")
public final class Ffmpy {}
