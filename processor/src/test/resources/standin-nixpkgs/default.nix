# Stand-in nixpkgs for tests. See README.md next to this file.
#
#   import ./default.nix { system = "aarch64-linux"; }
#   import ./default.nix { config = { allowUnfree = true; }; overlays = [ (final: prev: { … }) ]; }
#
# Everything builds offline with /bin/sh (+ /bin/mkdir), no fetching.
{ system ? builtins.currentSystem, config ? { }, overlays ? [ ] }:

let
  lib = import ./lib.nix;

  inherit (builtins)
    attrNames concatStringsSep elem filter isAttrs length listToAttrs
    replaceStrings toJSON typeOf;

  knownSystems = lib.platforms.all;

  hostPlatform = {
    inherit system;
    isLinux = lib.hasSuffix "-linux" system;
    isDarwin = lib.hasSuffix "-darwin" system;
    isx86_64 = lib.hasPrefix "x86_64-" system;
    isAarch64 = lib.hasPrefix "aarch64-" system;
    isAarch = lib.hasPrefix "aarch64-" system;
    isUnix = true;
    isWindows = false;
  };

  # Every derivation of the stand-in: /bin/sh -c SCRIPT, nothing else.
  # /bin/mkdir is called by absolute path (PATH is unset in builds), so the
  # build sandbox must be off (Debian's nix-bin default: `sandbox = false`).
  mkShDrv = name: script: env:
    derivation ({
      inherit name system;
      builder = "/bin/sh";
      args = [ "-c" script ];
    } // env);

  # nixpkgs-like meta check: reading drvPath / outPath of a package that is not
  # available on `system` throws; every other attribute stays readable.
  checkMeta = drv: meta:
    let
      platformsOk = !(meta ? platforms) || elem system meta.platforms;
      badOk = !(meta ? badPlatforms) || !(elem system meta.badPlatforms);
      broken = meta.broken or false;
      err =
        if broken then
          "Package ‘${drv.name}’ is marked as broken, refusing to evaluate."
        else
          "Package ‘${drv.name}’ is not available on the requested hostPlatform ${system}\n"
          + "  package.meta.platforms = ${toJSON (meta.platforms or null)}\n"
          + "  package.meta.badPlatforms = ${toJSON (meta.badPlatforms or [ ])}";
      ok = platformsOk && badOk && !broken;
    in
    drv // {
      drvPath = if ok then drv.drvPath else throw err;
      outPath = if ok then drv.outPath else throw err;
    };

  # Fetchers: NOT fixed-output (so they build offline); output is a directory
  # containing a file SOURCE that describes what would have been fetched.
  checkArgs = fname: allowed: args:
    let unknown = filter (n: !(elem n allowed)) (attrNames args);
    in if unknown != [ ]
       then throw "${fname} (stand-in): unsupported argument(s): ${concatStringsSep ", " unknown}"
       else true;

  mkSource = name: lines:
    mkShDrv name ''/bin/mkdir -p "$out" && printf '%s\n' "$sourceInfo" > "$out/SOURCE"''
      { sourceInfo = concatStringsSep "\n" lines; };

  fetchFromGitHub = args@{ owner, repo, hash, tag ? null, rev ? null, name ? "source", ... }:
    assert checkArgs "fetchFromGitHub" [
      "owner" "repo" "tag" "rev" "hash" "name" "sourceRoot" "fetchSubmodules"
      "fetchLFS" "leaveDotGit" "deepClone" "postFetch" "private" "githubBase"
      "sparseCheckout" "forceFetchGit"
    ] args;
    if (tag == null) == (rev == null)
    then throw "fetchFromGitHub requires exactly one of `tag` or `rev` (owner=${owner}, repo=${repo})"
    else
      mkSource name [
        "fetcher=fetchFromGitHub"
        "owner=${owner}"
        "repo=${repo}"
        (if tag != null then "tag=${tag}" else "rev=${rev}")
        "hash=${hash}"
      ] // args // {
        inherit owner repo tag rev hash;
        # What the upstream wheel's METADATA would require: a few test repositories declare it.
        requires = upstreamRequires."${owner}/${repo}" or [ ];
        url = "https://github.com/${owner}/${repo}/archive/${if tag != null then tag else rev}.tar.gz";
        gitRepoUrl = "https://github.com/${owner}/${repo}.git";
      };

  # Requirements of test-only upstream repositories (owner "standin"), as their METADATA spells them.
  upstreamRequires = {
    "standin/needs-torch" = [ "torch" "torchvision" "numpy" ];
    "standin/needs-open-clip" = [ "torch" "open_clip_torch" ];
  };

  fetchPypi = args@{ pname, version, hash, format ? "setuptools", dist ? "py3", python ? "py3", extension ? null, ... }:
    assert checkArgs "fetchPypi" [ "pname" "version" "hash" "format" "dist" "python" "extension" ] args;
    mkSource "${pname}-${version}-source" [
      "fetcher=fetchPypi"
      "pname=${pname}"
      "version=${version}"
      "format=${format}"
      "dist=${dist}"
      "python=${python}"
      "hash=${hash}"
    ] // args // {
      inherit pname version hash format dist python;
    };

  # What stdenv's generic builder does for a derivation with its own installPhase, run for real by
  # /bin/sh: copy the source into the build directory (writable, as `unpackPhase` leaves it) and
  # enter it (or sourceRoot), then postPatch, buildPhase unless dontBuild, installPhase. The tools
  # come from the host (sandbox off); `runHook` does nothing (no hooks here). substituteInPlace
  # is nixpkgs' literal replacement: --replace-fail fails the build when the text is absent.
  phasesScript = ''
    set -e
    export PATH="''${nativePath:+$nativePath:}/bin:/usr/bin"
    runHook() { :; }
    substituteInPlace() {
      file=$1
      shift
      while [ "$#" -gt 0 ]; do
        if [ "$1" != --replace-fail ] || [ "$#" -lt 3 ]; then
          echo "substituteInPlace (stand-in): only --replace-fail OLD NEW is supported, got $1" >&2
          return 1
        fi
        REPLACE=$2 WITH=$3 awk '
          BEGIN { r = ENVIRON["REPLACE"]; w = ENVIRON["WITH"] }
          { text = text (NR > 1 ? "\n" : "") $0 }
          END {
            if (r == "" || index(text, r) == 0) {
              printf "substituteInPlace: pattern %s doesn'"'"'t match anything in file %s\n", r, FILENAME > "/dev/stderr"
              exit 1
            }
            out = ""
            while ((i = index(text, r)) > 0) {
              out = out substr(text, 1, i - 1) w
              text = substr(text, i + length(r))
            }
            printf "%s\n", out text
          }' "$file" > "$file.substituted" || return 1
        mv "$file.substituted" "$file"
        shift 3
      done
    }
    if [ -z "$dontUnpack" ] && [ -n "$src" ]; then
      cp -r "$src" source
      chmod -R u+w source
      cd "''${sourceRoot:-source}"
    fi
    # node-bundle: each copy into custom_nodes/ is logged, a directory a line, in
    # $out/.standin-installed, so a test sees the order the install phase installs nodes in.
    cp() {
      for last; do :; done
      case "$last" in
        "$out"/share/comfyui/custom_nodes/*)
          printf '%s\n' "''${last##*/}" >> "$out/.standin-installed" ;;
      esac
      command cp "$@"
    }
    eval "$postPatch"
    if [ -z "$dontBuild" ]; then eval "$buildPhase"; fi
    eval "$installPhase"
    mkdir -p "$out/nix-support"
    printf '%s\n' "$propagatedBuildInputs" > "$out/nix-support/propagated-build-inputs"
  '';

  # The attributes a derivation with its own phases passes to phasesScript; Nix writes true as
  # "1" and false as "" into the environment, as stdenv reads them.
  # Native build inputs that are derivations put their bin/ first on PATH (python3 is the host's).
  phaseEnv = { src ? null, sourceRoot ? null, postPatch ? "", buildPhase ? "", installPhase
    , dontUnpack ? false, dontBuild ? false, propagated ? [ ], native ? [ ] }:
    {
      inherit postPatch buildPhase installPhase dontUnpack dontBuild;
      nativePath = concatStringsSep ":" (map (d: "${d}/bin") (filter (d: isAttrs d && d ? outPath) native));
      src = if src == null then "" else src;
      sourceRoot = if sourceRoot == null then "" else sourceRoot;
      propagatedBuildInputs = concatStringsSep " " (map toString propagated);
    };

  # node-bundle: a bundle's node directories and sources reach its installPhase through the
  # environment, as stdenv passes any attribute (a list joined with spaces, a path copied to the
  # store first).
  nodeBundleArgs = [ "nodeDirectories" "nodeSources" ];
  nodeBundleEnv = args: builtins.intersectAttrs (lib.genAttrs nodeBundleArgs (n: null)) args;

  allowedMkDerivationArgs = nodeBundleArgs ++ [
    "pname" "version" "src" "sourceRoot" "postPatch" "dontUnpack" "dontConfigure" "dontBuild"
    "buildPhase" "installPhase" "propagatedBuildInputs" "nativeBuildInputs" "passthru" "meta"
  ];

  # stdenv.mkDerivation, for the attributes generated files use; the phases run as above.
  mkDerivation = args@{ pname, version, src ? null, sourceRoot ? null, postPatch ? ""
    , dontUnpack ? false, dontConfigure ? false, dontBuild ? false, buildPhase ? ""
    , installPhase, propagatedBuildInputs ? [ ], nativeBuildInputs ? [ ], passthru ? { }
    , meta ? { }, ... }:
    let unknown = filter (n: !(elem n allowedMkDerivationArgs)) (attrNames args);
    in
    assert unknown == [ ]
      || throw "stdenv.mkDerivation (stand-in) for ${pname}: unsupported attribute(s): ${concatStringsSep ", " unknown}";
    checkMeta
      (mkShDrv "${pname}-${version}" phasesScript (phaseEnv {
        inherit src sourceRoot postPatch buildPhase installPhase dontUnpack dontBuild;
        propagated = propagatedBuildInputs;
        native = nativeBuildInputs;
      } // nodeBundleEnv args))
      meta
    // passthru // {
      inherit pname version src sourceRoot postPatch dontUnpack dontConfigure dontBuild
        installPhase propagatedBuildInputs meta;
    };

  pythonVersion = "3.13";
  sitePackages = "lib/python${pythonVersion}/site-packages";

  # nixpkgs' relax-deps hook removes with `sed -e "/Requires-Dist: $dep/d"`: each entry is a
  # POSIX basic regular expression, matched case-sensitively against METADATA's own spelling and
  # anchored only at its start ("torch" removes torchvision; open-clip-torch leaves
  # open_clip_torch; "." matches any character). builtins.match speaks extended regular
  # expressions and matches whole strings, so the entry is translated (only `.` and `*` keep a
  # meaning, every other ERE special becomes literal; PEP 508 names contain none of them) and
  # followed by `.*`. Literal by bracket where std::regex refuses a backslash escape (`\}`, `\]`).
  ereSpecials = [ "\\" "+" "?" "(" ")" "{" "}" "|" "[" "]" "^" "$" ];
  ereLiterals = [ "\\\\" "[+]" "[?]" "[(]" "[)]" "[{]" "[}]" "[|]" "[[]" "[]]" "\\^" "[$]" ];
  removalRegex = dep: replaceStrings ereSpecials ereLiterals dep + ".*";
  removedBy = pythonRemoveDeps: requirement:
    pythonRemoveDeps == true
    || builtins.any (dep: builtins.match (removalRegex dep) requirement != null) pythonRemoveDeps;

  allowedBppArgs = nodeBundleArgs ++ [
    "pname" "version" "src" "pyproject" "format" "build-system" "dependencies"
    "propagatedBuildInputs" "pythonRemoveDeps" "pythonRelaxDeps" "doCheck"
    "dontCheckRuntimeDeps" "dontUnpack" "dontConfigure" "dontBuild" "postPatch" "installPhase"
    "pythonImportsCheck" "sourceRoot" "meta"
  ];

  validFormats = [ "setuptools" "wheel" "other" "pyproject" ];

  buildPythonPackage = args@{
    pname, version, src ? null, pyproject ? null, format ? null,
    build-system ? [ ], dependencies ? [ ], propagatedBuildInputs ? [ ],
    pythonRemoveDeps ? [ ], pythonRelaxDeps ? [ ], doCheck ? true,
    dontCheckRuntimeDeps ? false, dontUnpack ? false, dontBuild ? false,
    postPatch ? "", installPhase ? null, pythonImportsCheck ? [ ],
    sourceRoot ? null, meta ? { }, ...
  }:
    let
      who = "buildPythonPackage (stand-in) for ${pname}";
      unknown = filter (n: !(elem n allowedBppArgs)) (attrNames args);
      allDeps = dependencies ++ propagatedBuildInputs;
      badDeps = filter (d: !(isAttrs d && d ? outPath)) (allDeps ++ build-system);
      depName = d: d.pname or (d.name or "unknown");
      upstream = if src != null then src.requires or [ ] else [ ];
      declared = lib.unique (upstream ++ map depName allDeps);
      requiresDist = filter (n: !(removedBy pythonRemoveDeps n)) declared;
      distInfo = "${sitePackages}/${replaceStrings [ "-" ] [ "_" ] pname}-${version}.dist-info";
      metadata = concatStringsSep "\n" ([
        "Metadata-Version: 2.1"
        "Name: ${pname}"
        "Version: ${version}"
      ] ++ map (n: "Requires-Dist: ${n}") requiresDist);
      checks =
        if unknown != [ ] then
          throw "${who}: unsupported attribute(s): ${concatStringsSep ", " unknown}"
        else if pyproject != null && format != null then
          throw "${who}: set exactly one of `pyproject` or `format`, not both"
        else if pyproject == null && format == null then
          throw "${who}: set exactly one of `pyproject` or `format` (neither is set)"
        else if pyproject != null && !(builtins.isBool pyproject) then
          throw "${who}: `pyproject` must be a boolean (`false` is nixpkgs' format \"other\")"
        else if format != null && !(elem format validFormats) then
          throw "${who}: invalid format \"${toString format}\"; must be one of ${concatStringsSep ", " validFormats}"
        else if badDeps != [ ] then
          throw "${who}: dependencies/build-system must be packages, got a ${typeOf (builtins.head badDeps)}"
        else true;
      # A recipe's own installPhase replaces the wheel install, as in nixpkgs: no dist-info then.
      drv = if installPhase != null then
        mkShDrv "python${pythonVersion}-${pname}-${version}" phasesScript (phaseEnv {
          inherit src sourceRoot postPatch installPhase dontUnpack dontBuild;
          propagated = allDeps;
        } // nodeBundleEnv args)
      else mkShDrv "python${pythonVersion}-${pname}-${version}" ''
        /bin/mkdir -p "$out/$distInfo" "$out/nix-support" &&
        printf '%s\n' "$metadata" > "$out/$distInfo/METADATA" &&
        printf '%s\n' "$propagatedBuildInputs" > "$out/nix-support/propagated-build-inputs"
      '' ({
        inherit distInfo metadata;
        propagatedBuildInputs = concatStringsSep " " (map toString allDeps);
      } // lib.optionalAttrs (src != null) { inherit src; });
    in
    assert checks;
    checkMeta drv meta // {
      inherit pname version src pyproject format build-system dependencies
        propagatedBuildInputs pythonRemoveDeps pythonRelaxDeps doCheck
        dontCheckRuntimeDeps dontUnpack dontBuild postPatch installPhase
        pythonImportsCheck sourceRoot meta requiresDist;
      pythonModule = python3;
    };

  # Fake python packages: name = [ version [ dependency names ] ].
  fakeTable = {
    setuptools = [ "75.8.0" [ ] ];
    wheel = [ "0.45.1" [ ] ];
    hatchling = [ "1.27.0" [ ] ];
    hatch-vcs = [ "0.4.0" [ ] ];
    pdm-backend = [ "2.4.3" [ ] ];
    poetry-core = [ "2.1.1" [ ] ];
    numpy = [ "2.2.3" [ ] ];
    pillow = [ "11.1.0" [ ] ];
    scipy = [ "1.15.2" [ ] ];
    opencv4 = [ "4.11.0" [ ] ];
    opencv-python = [ "4.11.0.86" [ ] ];
    opencv-python-headless = [ "4.11.0.86" [ ] ];
    matplotlib = [ "3.10.0" [ ] ];
    pandas = [ "2.2.3" [ ] ];
    pyyaml = [ "6.0.2" [ ] ];
    requests = [ "2.32.3" [ ] ];
    tqdm = [ "4.67.1" [ ] ];
    psutil = [ "6.1.1" [ ] ];
    seaborn = [ "0.13.2" [ ] ];
    py-cpuinfo = [ "9.0.0" [ ] ];
    imageio = [ "2.37.0" [ ] ];
    typing-extensions = [ "4.12.2" [ ] ];
    packaging = [ "24.2" [ ] ];
    huggingface-hub = [ "0.29.1" [ ] ];
    safetensors = [ "0.5.2" [ ] ];
    ftfy = [ "6.3.1" [ ] ];
    protobuf = [ "5.29.3" [ ] ];
    regex = [ "2024.11.6" [ ] ];
    sentencepiece = [ "0.2.0" [ ] ];
    einops = [ "0.8.1" [ ] ];
    gdown = [ "5.2.0" [ ] ];
    wget = [ "3.2" [ ] ];
    easydict = [ "1.13" [ ] ];
    pymatting = [ "1.1.13" [ ] ];
    albumentations = [ "2.0.4" [ ] ];
    albucore = [ "0.0.23" [ ] ];
    jsonschema = [ "4.23.0" [ ] ];
    pooch = [ "1.8.2" [ ] ];
    scikit-image = [ "0.25.2" [ ] ];
    aiohttp = [ "3.11.13" [ ] ];
    asyncer = [ "0.0.8" [ ] ];
    click = [ "8.1.8" [ ] ];
    filetype = [ "1.2.0" [ ] ];
    imagehash = [ "4.3.2" [ ] ];
    piexif = [ "1.1.3" [ ] ];
    simpleeval = [ "1.0.3" [ ] ];
    numba = [ "0.61.0" [ ] ];
    gitpython = [ "3.1.44" [ ] ];
    pillow-heif = [ "0.21.0" [ ] ];
    rich = [ "13.9.4" [ ] ];
    filterpy = [ "1.4.5" [ ] ];
    cython = [ "3.0.12" [ ] ];
    hydra-core = [ "1.3.2" [ ] ];
    iopath = [ "0.1.10" [ ] ];
    imageio-ffmpeg = [ "0.6.0" [ ] ];
    gguf = [ "0.16.2" [ ] ];
    onnx = [ "1.17.0" [ ] ];
    # comfyui-controlnet-aux's bundles.
    fvcore = [ "0.1.5.post20221221" [ ] ];
    scikit-learn = [ "1.6.1" [ ] ];
    omegaconf = [ "2.3.0" [ ] ];
    addict = [ "2.4.0" [ ] ];
    yacs = [ "0.1.8" [ ] ];
    trimesh = [ "4.6.4" [ ] ];
    filelock = [ "3.17.0" [ ] ];
    importlib-metadata = [ "8.6.1" [ ] ];
    python-dateutil = [ "2.9.0.post0" [ ] ];
    yapf = [ "0.43.0" [ ] ];
    # torch-bearing fakes
    torch = [ "2.6.0" [ ] ];
    torchvision = [ "0.21.0" [ "torch" ] ];
    torchaudio = [ "2.6.0" [ "torch" ] ];
    triton = [ "3.2.0" [ ] ];
    timm = [ "1.0.15" [ "torch" "torchvision" ] ];
    accelerate = [ "1.4.0" [ "torch" ] ];
    open-clip-torch = [ "2.31.0" [ "torch" "torchvision" "timm" ] ];
    kornia = [ "0.8.0" [ "torch" ] ];
    transformers = [ "4.49.0" [ ] ];
    # Carries torch without being on any list: only a closure check finds it.
    sneaky-helpers = [ "0.3.0" [ "torch" ] ];
    # Depends on a torch build whose store name happens to contain "comfyui".
    uses-patched-torch = [ "1.0.0" [ "torch-comfyui-patched" ] ];
  };

  pythonPackages = pySelf:
    lib.mapAttrs (name: spec: buildPythonPackage {
      pname = name;
      version = builtins.elemAt spec 0;
      pyproject = true;
      dependencies = map (d: pySelf.${d}) (builtins.elemAt spec 1);
      doCheck = false;
      meta = {
        description = "Stand-in fake of the ${name} Python package";
        license = lib.licenses.mit;
      };
    }) fakeTable // {
      # pname torch, so its store path is python3.13-torch-2.6.0-comfyui-patched.
      torch-comfyui-patched = buildPythonPackage {
        pname = "torch";
        version = "2.6.0-comfyui-patched";
        pyproject = true;
        doCheck = false;
      };
      # WRAP (@Wrapper): onnxruntime as nixpkgs ships it for the wrapper to copy: a 64-bit ELF
      # library whose PT_GNU_STACK asks for an executable stack (RWE), and a file that names the
      # package's own store path, which the wrapper must strip.
      onnxruntime = buildPythonPackage {
        pname = "onnxruntime";
        version = "1.20.1";
        pyproject = true;
        doCheck = false;
        dontUnpack = true;
        installPhase = ''
          capi="$out/${sitePackages}/onnxruntime/capi"
          mkdir -p "$capi" "$out/${sitePackages}/onnxruntime-1.20.1.dist-info"
          printf '%s\n' 'Metadata-Version: 2.1' 'Name: onnxruntime' 'Version: 1.20.1' \
            > "$out/${sitePackages}/onnxruntime-1.20.1.dist-info/METADATA"
          printf '\177\105\114\106\002\001\001\000\000\000\000\000\000\000\000\000\003\000\076\000\001\000\000\000\000\000\000\000\000\000\000\000\100\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\100\000\070\000\002\000\000\000\000\000\000\000\001\000\000\000\005\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\121\345\164\144\007\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000' > "$capi/onnxruntime_pybind11_state.so"
          printf 'here = "%s"\n' "$out" > "$out/${sitePackages}/onnxruntime/_location.py"
        '';
        meta = {
          description = "Stand-in fake of the onnxruntime Python package";
          license = lib.licenses.mit;
        };
      };
      inherit buildPythonPackage fetchPypi;
      buildPythonApplication = buildPythonPackage;
      python = python3;
      pythonOlder = v: builtins.compareVersions pythonVersion v < 0;
      pythonAtLeast = v: builtins.compareVersions pythonVersion v >= 0;
      callPackage = lib.callPackageWith (pkgs // pySelf);
    };

  python3 = {
    pname = "python3";
    version = "${pythonVersion}.2";
    name = "python3-${pythonVersion}.2";
    inherit pythonVersion sitePackages;
    executable = "python${pythonVersion}";
    pkgs = lib.fix pythonPackages;
  };

  # The top level as nixpkgs builds it: the fix-point of this set extended by every overlay, so
  # an overlay's attribute replaces the one defined here for every consumer, since callPackage,
  # newScope and the consumers below all take their arguments from the final set.
  topLevel = final: {
    inherit lib system config fetchFromGitHub fetchPypi python3;
    stdenv = {
      inherit system hostPlatform mkDerivation;
      buildPlatform = hostPlatform;
      targetPlatform = hostPlatform;
      inherit (hostPlatform) isLinux isDarwin isx86_64 isAarch64;
    };
    python313 = python3;
    # WRAP (@Wrapper): nixpkgs' remove-references-to, which overwrites the hash part of each -t
    # store path in the files it is given, as the real one does.
    removeReferencesTo = mkShDrv "remove-references-to" ''
      /bin/mkdir -p "$out/bin"
      printf '%s\n' "$script" > "$out/bin/remove-references-to"
      /bin/chmod +x "$out/bin/remove-references-to"
    '' {
      script = ''
        #!/bin/sh
        set -e
        hashes=
        while [ "$1" = -t ]; do
          hashes="$hashes $(basename "$2" | cut -d- -f1)"
          shift 2
        done
        for file in "$@"; do
          for hash in $hashes; do
            sed -i "s|$hash|eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee|g" "$file"
          done
        done
      '';
    };
    python3Packages = python3.pkgs;
    python313Packages = python3.pkgs;
    newScope = extra: lib.callPackageWith (final // extra);
    callPackage = final.newScope { };
    # nixpkgs' extend (appendOverlays): the same import with one more overlay.
    extend = overlay:
      import ./default.nix { inherit system config; overlays = overlays ++ [ overlay ]; };

    # A top-level application named like a Python package, as nixpkgs has them, and a top-level
    # consumer of it: a `.flox/pkgs/rembg.nix` replaces both's rembg in Flox.
    rembg = mkShDrv "rembg-2.0.62" ''/bin/mkdir -p "$out"'' { } // {
      pname = "rembg";
      version = "2.0.62";
    };
    rembg-batch = final.callPackage ({ rembg }:
      mkShDrv "rembg-batch-1.0" ''/bin/mkdir -p "$out" && printf '%s\n' "$rembg" > "$out/uses"''
        { inherit rembg; } // {
          pname = "rembg-batch";
          version = "1.0";
          inherit rembg;
        }) { };
  };

  extendWith = base: overlay: final:
    let prev = base final;
    in prev // overlay final prev;

  pkgs = lib.fix (builtins.foldl' extendWith topLevel overlays);

in
assert elem system knownSystems
  || throw "stand-in nixpkgs: unsupported system ${system} (known: ${concatStringsSep " " knownSystems})";
pkgs
