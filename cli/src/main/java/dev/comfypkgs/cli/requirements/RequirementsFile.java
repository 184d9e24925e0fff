package dev.comfypkgs.cli.requirements;

import dev.comfypkgs.cli.CliException;
import dev.comfypkgs.cli.Terminal;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a pip requirements file the way pip (24) does, so that what is classified is what pip
 * would install: the encoding from a byte-order mark or a PEP 263 coding line (else UTF-8), lines
 * as pip splits, joins and strips them, {@code -r}/{@code -c} includes in every spelling optparse
 * accepts (relative to the including file; a constraints file adds no requirements), {@code -e},
 * URLs, local archives and PEP 508 specifiers. Whatever pip would refuse is refused, with one line
 * naming the file and line: an invalid requirement, an unknown option, an include cycle, a file
 * that is not a readable regular file or not text in its encoding. Includes are followed with an
 * explicit stack, and each file is read once, so neither depth nor diamonds can exhaust anything.
 */
public final class RequirementsFile {
  /**
   * One requirement: where it was written (the file, absolute unless read from {@link
   * TextFiles#confined confined} files, and the first line of the logical line), its text, the
   * distribution it names (a guess from the URL or path when it names none), its URL or local
   * path when it is a direct reference (else null), the extras it asks for, and its environment
   * marker (else null).
   */
  public record Requirement(
      Path file, int line, String text, String name, String url, List<String> extras, String marker) {}

  /**
   * Where requirements files are read from: the file system, or a source archive that is never
   * extracted. Paths are as the requirements name them, joined onto the first file's.
   */
  public interface TextFiles {
    /** What a path names. */
    enum Kind {
      ABSENT,
      FILE,
      DIRECTORY,
      /** A FIFO, socket, device or (in an archive) a link: never read. */
      OTHER
    }

    /** What the path names; links are followed only where reading would follow them. */
    Kind kind(Path path) throws IOException;

    /** The path in a form that is equal for the same file however it is reached (to find cycles). */
    Path identity(Path path) throws IOException;

    /** The file's first {@code max} bytes and, when it is longer, one more. */
    byte[] read(Path path, int max) throws IOException;

    /**
     * Whether every file must be inside the directory of relative paths (an archive's root): an
     * include that is absolute or leaves it is refused rather than looked for.
     */
    boolean confined();

    /** The local file system: links followed, nothing confined. */
    static TextFiles local() {
      return LocalFiles.INSTANCE;
    }
  }

  private enum LocalFiles implements TextFiles {
    INSTANCE;

    @Override
    public Kind kind(Path path) throws IOException {
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(path, BasicFileAttributes.class);
      } catch (NoSuchFileException e) {
        return Kind.ABSENT;
      }
      return attributes.isDirectory() ? Kind.DIRECTORY : attributes.isRegularFile() ? Kind.FILE : Kind.OTHER;
    }

    @Override
    public Path identity(Path path) throws IOException {
      return path.toRealPath();
    }

    @Override
    public byte[] read(Path path, int max) throws IOException {
      try (InputStream in = Files.newInputStream(path)) {
        return in.readNBytes(max + 1);
      }
    }

    @Override
    public boolean confined() {
      return false;
    }
  }

  /** Larger files are refused rather than read into memory; no requirements file comes near it. */
  static final int MAX_BYTES = 16 * 1024 * 1024;

  private static final Pattern EGG = Pattern.compile("[#&]egg=([^&]*)");
  private static final Pattern REPO = Pattern.compile("github\\.com[/:]([^/]+)/([^/@#?]+?)(?:\\.git)?(?:[@#?].*)?$");
  /** PEP 263, as pip's auto_decode looks for it in the first two lines. */
  private static final Pattern CODING = Pattern.compile("coding[:=]\\s*([-\\w.]+)");
  /** pip's wheel file name: name-version(-build)?-python-abi-platform.whl. */
  private static final Pattern WHEEL =
      Pattern.compile("([^\\s-]+?)-([^\\s-]*?)(?:-\\d[^-]*?)?-[^\\s-]+?-[^\\s-]+?-[^\\s-]+?\\.whl");
  private static final Pattern EXTRAS = Pattern.compile("(.+)(\\[[^\\]]+\\])");
  /** An include pip would download rather than read. */
  private static final Pattern REMOTE = Pattern.compile("(?:http|https|file):", Pattern.CASE_INSENSITIVE);
  private static final Set<String> VCS_SCHEMES = Set.of(
      "git+http", "git+https", "git+ssh", "git+git", "git+file",
      "hg+file", "hg+http", "hg+https", "hg+ssh", "hg+static-http",
      "svn+ssh", "svn+http", "svn+https", "svn+svn", "svn+file",
      "bzr+http", "bzr+https", "bzr+ssh", "bzr+sftp", "bzr+ftp", "bzr+lp", "bzr+file");
  private static final Set<String> URL_SCHEMES = union(Set.of("http", "https", "file", "ftp"), VCS_SCHEMES);
  private static final List<String> ARCHIVE_EXTENSIONS = List.of(
      ".zip", ".whl", ".tar.bz2", ".tbz", ".tar.xz", ".txz", ".tlz", ".tar.lz", ".tar.lzma",
      ".tar.gz", ".tgz", ".tar");
  /** Byte-order marks, longest first: a UTF-32LE mark begins with the UTF-16LE one. */
  private static final List<Bom> BOMS = List.of(
      new Bom(new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF}, Charset.forName("UTF-32BE")),
      new Bom(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0}, Charset.forName("UTF-32LE")),
      new Bom(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, StandardCharsets.UTF_8),
      new Bom(new byte[] {(byte) 0xFE, (byte) 0xFF}, StandardCharsets.UTF_16BE),
      new Bom(new byte[] {(byte) 0xFF, (byte) 0xFE}, StandardCharsets.UTF_16LE));

  private record Bom(byte[] bytes, Charset charset) {}

  /**
   * A file being read: the path as pip joins it, its absolute form (in confined files, its normal
   * form) for the requirements it states, its identity to know it again, and whether it holds
   * constraints.
   */
  private record Source(Path path, Path absolute, Path real, boolean constraint) {}

  private record Frame(Source source, Iterator<RequirementLines.Logical> lines) {}

  /** Where an include or a requirement was written, to prefix its error with. */
  private record Site(Source source, int line) {
    String prefix() {
      return display(source.path()) + ":" + line + ": ";
    }
  }

  private final Deque<Frame> stack = new ArrayDeque<>();
  private final Set<Path> beingRead = new HashSet<>();
  private final Set<String> alreadyRead = new HashSet<>();
  private final List<Requirement> requirements = new ArrayList<>();
  private final DependencySpecifier specifiers = new DependencySpecifier();
  private final TextFiles files;

  private RequirementsFile(TextFiles files) {
    this.files = files;
  }

  /**
   * The requirements the file states, through its includes, in pip's order.
   *
   * @throws CliException (exit 2) with one line saying what pip would refuse, and where
   */
  public static List<Requirement> read(Path file) {
    return read(TextFiles.local(), file);
  }

  /**
   * The requirements the file states, through its includes, in pip's order, all read from
   * {@code files}.
   *
   * @throws CliException (exit 2) with one line saying what pip would refuse, or what leaves
   *     confined files, and where
   */
  public static List<Requirement> read(TextFiles files, Path file) {
    if (files.confined() && !isInside(file)) {
      throw CliException.usage(display(file) + " is outside the directory being read.");
    }
    RequirementsFile reader = new RequirementsFile(files);
    reader.open(file, null, false);
    reader.readAll();
    return reader.requirements;
  }

  private void readAll() {
    while (!stack.isEmpty()) {
      Frame frame = stack.peek();
      if (!frame.lines().hasNext()) {
        stack.pop();
        beingRead.remove(frame.source().real());
        continue;
      }
      RequirementLines.Logical line = frame.lines().next();
      handle(new Site(frame.source(), line.number()), line.text());
    }
  }

  /** pip's handle_line and _parse_and_recurse: a requirement, an editable, an include, or options. */
  private void handle(Site site, String text) {
    RequirementLines.Parsed parsed;
    try {
      parsed = RequirementLines.parse(text);
    } catch (RequirementLines.OptionError e) {
      throw CliException.usage(site.prefix() + "invalid line " + quote(text) + ": " + e.getMessage() + ".");
    }
    if (!parsed.requirement().isEmpty()) {
      add(site, text, reference(site, text, parsed.requirement()));
    } else if (parsed.editable() != null) {
      if (site.source().constraint()) {
        throw CliException.usage(site.prefix() + "an editable requirement " + quote(text) + " in a constraints file.");
      }
      add(site, text, editable(site, parsed.editable()));
    } else if (parsed.include() != null) {
      include(site, parsed.include(), false);
    } else if (parsed.constraint() != null) {
      include(site, parsed.constraint(), true);
    }
  }

  private void add(Site site, String text, Reference reference) {
    if (!site.source().constraint()) {
      requirements.add(new Requirement(site.source().absolute(), site.line(), text, reference.name(),
          reference.url(), reference.extras(), reference.marker()));
    }
  }

  private void include(Site site, String value, boolean constraint) {
    String option = constraint ? "-c " : "-r ";
    if (REMOTE.matcher(value).lookingAt()) {
      throw CliException.usage(
          site.prefix() + option + quote(value) + ": a URL; import-requirements reads local files only.");
    }
    Path parent = site.source().path().getParent();
    Path path;
    try {
      path = parent == null ? Path.of(value) : parent.resolve(value);
    } catch (InvalidPathException e) {
      throw CliException.usage(site.prefix() + option + quote(value) + ": not a file name.");
    }
    if (files.confined() && !isInside(path)) {
      throw CliException.usage(site.prefix() + option + quote(value)
          + ": outside the directory being read; only files inside it are read.");
    }
    open(path, site, constraint);
  }

  /** Checks, reads and decodes the file, then reads it next; site is null for the file given. */
  private void open(Path path, Site site, boolean constraint) {
    String where = site == null ? "" : site.prefix();
    String name = display(path);
    Path real;
    try {
      switch (files.kind(path)) {
        case ABSENT -> throw CliException.usage(where + name + " does not exist.");
        case DIRECTORY -> throw CliException.usage(where + name + " is a directory, not a requirements file.");
        // A FIFO or a device would block or never end; pip reads only files.
        case OTHER -> throw CliException.usage(where + name + " is not a regular file ("
            + (files.confined() ? "a link" : "a FIFO, socket or device") + "), so it is not read.");
        case FILE -> { }
      }
      real = files.identity(path);
    } catch (NoSuchFileException e) {
      throw CliException.usage(where + name + " does not exist.");
    } catch (IOException e) {
      throw CliException.usage(where + name + " cannot be read: " + reason(e) + ".");
    }
    if (beingRead.contains(real)) {
      throw CliException.usage(where + name + " is already being read: the includes form a cycle.");
    }
    if (!alreadyRead.add((constraint ? "c " : "r ") + real)) {
      return; // read once already: reading it again would only repeat its requirements
    }
    byte[] bytes;
    try {
      bytes = files.read(path, MAX_BYTES);
    } catch (IOException e) {
      throw CliException.usage(where + name + " cannot be read: " + reason(e) + ".");
    }
    if (bytes.length > MAX_BYTES) {
      throw CliException.usage(
          where + name + " is larger than " + (MAX_BYTES >> 20) + " MiB: not a requirements file.");
    }
    Path shown = files.confined() ? path.normalize() : path.toAbsolutePath().normalize();
    Source source = new Source(path, shown, real, constraint);
    beingRead.add(real);
    stack.push(new Frame(source, RequirementLines.logical(decode(path, bytes)).iterator()));
  }

  /** A requirement line's reference, as pip's parse_req_from_line reads it. */
  private Reference reference(Site site, String line, String requirement) {
    String spec = RequirementLines.strip(requirement);
    boolean url = isUrl(spec);
    String markerSeparator = url ? "; " : ";";
    int marker = spec.indexOf(markerSeparator);
    String markerText = null;
    if (marker >= 0) {
      // pip parses the stripped rest as a marker; spec is a prefix of the line, already stripped.
      int markerStart = marker + markerSeparator.length();
      while (markerStart < spec.length() && RequirementLines.isPythonSpace(spec.charAt(markerStart))) {
        markerStart++;
      }
      if (markerStart < spec.length()) {
        markerText = spec.substring(markerStart);
        try {
          specifiers.checkMarker(spec, markerStart);
        } catch (DependencySpecifier.SyntaxError e) {
          throw CliException.usage(
              site.prefix() + "invalid environment marker in " + quote(line) + ": " + e.getMessage() + ".");
        }
      }
      spec = RequirementLines.strip(spec.substring(0, marker));
    }
    if (url) {
      return urlReference(site, spec).withMarker(markerText);
    }
    String path = withoutExtras(spec);
    int at = spec.indexOf('@');
    if (isArchive(path) && (at < 0 || looksLikePath(spec.substring(0, at)))) {
      return new Reference(localName(site, path), spec, extrasOf(spec), markerText);
    }
    try {
      DependencySpecifier.Parsed parsed = specifiers.parse(spec);
      return new Reference(parsed.name(), parsed.url(), parsed.extras(), markerText);
    } catch (DependencySpecifier.SyntaxError e) {
      if (looksLikePath(spec) && isDirectory(site, path)) {
        return new Reference(localName(site, path), spec, extrasOf(spec), markerText);
      }
      throw CliException.usage(site.prefix() + "invalid requirement " + quote(line) + ": " + e.getMessage()
          + (looksLikePath(spec) ? " (and no such directory next to the requirements file)." : "."));
    }
  }

  /** An {@code -e} value, as pip's parse_editable reads it: a local project or a VCS URL with #egg=. */
  private Reference editable(Site site, String value) {
    String location = withoutExtras(value);
    if (location.toLowerCase(Locale.ROOT).startsWith("file:")) {
      return new Reference(urlReference(site, location).name(), value, extrasOf(value), null);
    }
    String url = value;
    for (String vcs : List.of("git", "hg", "svn", "bzr")) {
      if (url.toLowerCase(Locale.ROOT).startsWith(vcs + ":")) {
        url = vcs + "+" + url;
        break;
      }
    }
    String scheme = scheme(url);
    if (scheme == null && isDirectory(site, location)) {
      return new Reference(localName(site, location), value, extrasOf(value), null);
    }
    if (scheme == null || !VCS_SCHEMES.contains(scheme)) {
      throw CliException.usage(site.prefix() + quote(value) + " is not a valid editable requirement: it should be a"
          + " path to a local project or a VCS URL (beginning with git+, hg+, svn+ or bzr+).");
    }
    Matcher egg = EGG.matcher(url);
    if (!egg.find()) {
      throw CliException.usage(site.prefix() + "could not detect the requirement name for " + quote(value)
          + ": give it with #egg=NAME.");
    }
    DependencySpecifier.Parsed named = egg(site, egg.group(1));
    return new Reference(named.name(), url, named.extras(), null);
  }

  /**
   * A URL reference, named by its wheel, its #egg= (with the extras it asks for), or (unnamed to
   * pip) a guess.
   */
  private Reference urlReference(Site site, String url) {
    String file = url.replaceFirst("[?#].*$", "");
    file = file.substring(file.lastIndexOf('/') + 1);
    if (file.endsWith(".whl")) {
      return new Reference(wheelName(site, file), url, List.of(), null);
    }
    Matcher egg = EGG.matcher(url);
    if (!egg.find()) {
      return new Reference(guessName(url), url, List.of(), null);
    }
    DependencySpecifier.Parsed named = egg(site, egg.group(1));
    return new Reference(named.name(), url, named.extras(), null);
  }

  /** The name of a local archive or project directory, relative to the requirements file. */
  private String localName(Site site, String location) {
    Path fileName;
    try {
      fileName = site.source().absolute().resolveSibling(location).normalize().getFileName();
    } catch (InvalidPathException e) {
      fileName = null;
    }
    if (fileName == null) {
      return guessName(location);
    }
    return fileName.toString().endsWith(".whl") ? wheelName(site, fileName.toString()) : guessName(fileName.toString());
  }

  /** pip requires an #egg= value to be a requirement itself ({@code name} or {@code name[extra]}). */
  private DependencySpecifier.Parsed egg(Site site, String egg) {
    try {
      return specifiers.parse(egg);
    } catch (DependencySpecifier.SyntaxError e) {
      throw CliException.usage(site.prefix() + "invalid #egg= name " + quote(egg) + ": " + e.getMessage() + ".");
    }
  }

  private String wheelName(Site site, String file) {
    Matcher m = WHEEL.matcher(file);
    if (!m.matches()) {
      throw CliException.usage(site.prefix() + quote(file) + " is not a valid wheel file name.");
    }
    String name = m.group(1).replace('_', '-');
    try {
      specifiers.parse(name + "==" + m.group(2)); // as pip, which requires it as name==version
    } catch (DependencySpecifier.SyntaxError e) {
      throw CliException.usage(site.prefix() + quote(file) + " is not a valid wheel file name: "
          + quote(m.group(2)) + " is not a version.");
    }
    return name;
  }

  /**
   * A name for a reference that states none (pip learns it by building the project): the GitHub
   * repository's, or the last path segment's without archive extension and version.
   */
  private static String guessName(String location) {
    Matcher repo = REPO.matcher(location);
    String base;
    if (repo.find()) {
      base = repo.group(2);
    } else {
      String path = location.replaceFirst("[?#].*$", "").replaceFirst("/+$", "");
      base = path.substring(path.lastIndexOf('/') + 1).replaceFirst("@.*$", "").replaceFirst("\\.git$", "");
    }
    String extension = archiveExtension(base);
    if (extension != null) {
      base = base.substring(0, base.length() - extension.length()).replaceFirst("-\\d.*$", "");
    }
    return DependencySpecifier.isProjectName(base) ? base : "unnamed";
  }

  /** "owner/repo" of a GitHub URL, or null. */
  public static String github(String url) {
    if (url == null) {
      return null;
    }
    Matcher m = REPO.matcher(url);
    return m.find() ? m.group(1) + "/" + m.group(2) : null;
  }

  /** pip's is_url: a scheme pip downloads or checks out. */
  private static boolean isUrl(String spec) {
    String scheme = scheme(spec);
    return scheme != null && URL_SCHEMES.contains(scheme);
  }

  /** The URL scheme the text starts with ({@code [A-Za-z][A-Za-z0-9+.-]*:}), in lower case, or null. */
  private static String scheme(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ':') {
        return i == 0 ? null : text.substring(0, i).toLowerCase(Locale.ROOT);
      }
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (!letter && (i == 0 || !((c >= '0' && c <= '9') || c == '+' || c == '.' || c == '-'))) {
        return null;
      }
    }
    return null;
  }

  /**
   * Whether a local project directory is there. pip looks from its working directory; a custom
   * node's requirements are installed from the node's, where its requirements file is.
   */
  private boolean isDirectory(Site site, String location) {
    try {
      Path path = site.source().path().resolveSibling(location);
      return (!files.confined() || isInside(path)) && files.kind(path) == TextFiles.Kind.DIRECTORY;
    } catch (InvalidPathException | IOException e) {
      return false;
    }
  }

  /** Whether a path is relative and stays inside its root once {@code ..} are resolved. */
  private static boolean isInside(Path path) {
    Path normal = path.normalize();
    return !normal.isAbsolute() && !normal.startsWith("..") && !normal.toString().isEmpty();
  }

  /** pip's _looks_like_path. */
  private static boolean looksLikePath(String text) {
    return text.contains("/") || text.startsWith(".");
  }

  private static boolean isArchive(String path) {
    return archiveExtension(path) != null;
  }

  private static String archiveExtension(String path) {
    for (String extension : ARCHIVE_EXTENSIONS) {
      if (path.regionMatches(true, path.length() - extension.length(), extension, 0, extension.length())) {
        return extension;
      }
    }
    return null;
  }

  /** The extras of {@code path[a,b]}, as pip's _strip_extras finds them; none without brackets. */
  private static List<String> extrasOf(String text) {
    if (!text.endsWith("]")) {
      return List.of();
    }
    Matcher m = EXTRAS.matcher(text);
    if (!m.matches()) {
      return List.of();
    }
    String inside = m.group(2).substring(1, m.group(2).length() - 1);
    return Arrays.stream(inside.split(",")).map(String::strip).filter(e -> !e.isEmpty()).toList();
  }

  /** pip's _strip_extras: {@code path[extra]} is the path. */
  private static String withoutExtras(String text) {
    if (!text.endsWith("]")) {
      return text;
    }
    Matcher m = EXTRAS.matcher(text);
    return m.matches() ? m.group(1) : text;
  }

  /**
   * pip's auto_decode: a byte-order mark, else a coding line in the first two lines, else UTF-8;
   * strictly, so that a Latin-1 or binary file is refused rather than misread. A NUL is refused
   * too: it means a binary file or UTF-16 without a mark, and no requirement can hold one.
   */
  private static String decode(Path path, byte[] bytes) {
    String text;
    Bom bom = BOMS.stream().filter(b -> startsWith(bytes, b.bytes())).findFirst().orElse(null);
    if (bom != null) {
      text = decode(path, bytes, bom.bytes().length, bom.charset(), bom.charset().name(),
          " (as its byte-order mark says)");
    } else {
      String declared = declaredEncoding(bytes);
      if (declared == null) {
        text = decode(path, bytes, 0, StandardCharsets.UTF_8, "UTF-8", "; pip reads requirements files as UTF-8"
            + " unless a byte-order mark or a '# -*- coding: NAME -*-' line says otherwise");
      } else {
        Charset charset = charsetNamed(declared);
        if (charset == null) {
          throw CliException.usage(display(path) + ": its coding line declares " + quote(declared)
              + ", which is not a known encoding.");
        }
        text = decode(path, bytes, 0, charset, quote(declared), " (as its coding line declares)");
      }
    }
    int nul = text.indexOf('\0');
    if (nul >= 0) {
      throw CliException.usage(display(path) + ":" + lineOf(text, nul) + ": holds a NUL character: a binary file,"
          + " or UTF-16 without a byte-order mark, not a requirements file.");
    }
    return text;
  }

  /** bytes[start..] in the charset, strictly: the first undecodable byte is refused with its line. */
  private static String decode(Path path, byte[] bytes, int start, Charset charset, String encoding, String why) {
    CharsetDecoder decoder = charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    int length = bytes.length - start;
    ByteBuffer in = ByteBuffer.wrap(bytes, start, length);
    CharBuffer out = CharBuffer.allocate((int) Math.ceil(length * (double) decoder.maxCharsPerByte()) + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int offset = in.position();
      String before = charset.decode(ByteBuffer.wrap(bytes, start, offset - start)).toString();
      throw CliException.usage(String.format("%s:%d: byte 0x%02X (offset %d) is not valid %s%s.",
          display(path), lineOf(before, before.length()), bytes[offset] & 0xFF, offset, encoding, why));
    }
    return out.flip().toString();
  }

  /** The value of a PEP 263 coding comment in the first two lines, as pip finds it, or null. */
  private static String declaredEncoding(byte[] bytes) {
    int lineStart = 0;
    for (int line = 0; line < 2 && lineStart <= bytes.length; line++) {
      int end = lineStart;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      if (end > lineStart && bytes[lineStart] == '#') {
        Matcher m = CODING.matcher(new String(bytes, lineStart, end - lineStart, StandardCharsets.ISO_8859_1));
        if (m.find()) {
          return m.group(1);
        }
      }
      lineStart = end + 1;
    }
    return null;
  }

  /** The Java charset for a Python codec name ({@code latin-1}, {@code utf_8}, {@code cp1252}...), or null. */
  private static Charset charsetNamed(String name) {
    for (String candidate : List.of(name, name.replace('_', '-'), name.replaceAll("[-_]", ""))) {
      try {
        return Charset.forName(candidate);
      } catch (IllegalArgumentException e) {
        // not this spelling; try the next
      }
    }
    return null;
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** The 1-based line of text[index], counting line breaks as pip's splitlines does. */
  private static int lineOf(String text, int index) {
    int line = 1;
    for (int i = 0; i < index; i++) {
      int lineBreak = RequirementLines.lineBreakAt(text, i);
      if (lineBreak > 0) {
        line++;
        i += lineBreak - 1;
      }
    }
    return line;
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private static String display(Path path) {
    return Terminal.escape(path.normalize().toString());
  }

  /** Input echoed in a message: quoted, escaped for the terminal, and cut short when long. */
  static String quote(String text) {
    int limit = 120;
    String shown = text.codePointCount(0, text.length()) <= limit ? text
        : text.substring(0, text.offsetByCodePoints(0, limit)) + "...";
    return "'" + Terminal.escape(shown) + "'";
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }

  /**
   * What a requirement line refers to: the distribution's name, its URL or path if direct, the
   * extras it asks for, and its marker.
   */
  private record Reference(String name, String url, List<String> extras, String marker) {
    Reference withMarker(String text) {
      return new Reference(name, url, extras, text);
    }
  }
}
