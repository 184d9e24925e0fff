package dev.comfypkgs.cli.requirements;

import dev.comfypkgs.cli.CliException;
import dev.comfypkgs.common.PythonNames;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The values PEP 508 markers are evaluated against: the platform's variables, and the extras the
 * requiring specifier asked for. A variable this environment cannot know (the kernel's release or
 * version string) has no value, and every comparison with it is undecided.
 */
public final class MarkerEnvironment {
  /** The machines the Linux packages are built for; a marker true on either keeps a requirement. */
  public static final List<String> LINUX_MACHINES = List.of("x86_64", "aarch64");

  private static final Pattern PYTHON_VERSION = Pattern.compile("[0-9]{1,3}\\.[0-9]{1,3}");

  private final Map<String, String> values;
  private final Set<String> extras;

  private MarkerEnvironment(Map<String, String> values, Set<String> extras) {
    this.values = values;
    this.extras = extras;
  }

  /**
   * CPython {@code pythonVersion} (MAJOR.MINOR, its patch level taken as 0) on Linux on
   * {@code machine}, with no extras asked for.
   *
   * @throws CliException (exit 2) when the Python version is not MAJOR.MINOR
   */
  public static MarkerEnvironment linux(String pythonVersion, String machine) {
    if (!PYTHON_VERSION.matcher(pythonVersion).matches()) {
      throw CliException.usage("Python version " + RequirementsFile.quote(pythonVersion)
          + " is not MAJOR.MINOR (such as 3.13).");
    }
    String full = pythonVersion + ".0";
    return new MarkerEnvironment(Map.of(
        "os_name", "posix",
        "sys_platform", "linux",
        "platform_system", "Linux",
        "platform_machine", machine,
        "platform_python_implementation", "CPython",
        "implementation_name", "cpython",
        "implementation_version", full,
        "python_version", pythonVersion,
        "python_full_version", full), Set.of());
  }

  /**
   * The same platform with these extras asked for (as a requirement's {@code [a,b]} names them),
   * compared in PEP 685's normal form.
   */
  public MarkerEnvironment withExtras(Collection<String> asked) {
    Set<String> normal = new LinkedHashSet<>();
    asked.forEach(e -> normal.add(PythonNames.normalize(e)));
    return new MarkerEnvironment(values, Set.copyOf(normal));
  }

  /** The variable's value, or empty when it cannot be known here. */
  Optional<String> value(String variable) {
    return Optional.ofNullable(values.get(variable));
  }

  /** The normalised extras asked for; {@code extra} is the empty string when there are none. */
  Set<String> extras() {
    return extras;
  }
}
