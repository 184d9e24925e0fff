#!/usr/bin/env python3
"""Clear the executable-stack flag of every ELF shared library under a directory.

Usage: clear-execstack.py DIRECTORY

nixpkgs' onnxruntime libraries carry a PT_GNU_STACK program header with PF_X set
(GNU_STACK "RWE"); hardened kernels (e.g. Debian 13+) refuse to load such a library
("cannot enable executable stack as shared object requires"). This script clears PF_X
in that header, in place, so the stack becomes "RW".

Written for comfypkgs (not vendored) and reviewed: it only ever rewrites the four or
eight bytes of a p_flags field that lies wholly inside the file's program header table,
and it leaves alone anything that is not a regular ELF shared library it fully
understands (symlinks, non-ELF files, truncated or inconsistent headers), saying why
on one line of stderr. Python 3 standard library only.
"""

import os
import struct
import sys

ELF_MAGIC = b"\x7fELF"
ELFCLASS32 = 1
ELFCLASS64 = 2
ELFDATA2LSB = 1
ELFDATA2MSB = 2
PT_GNU_STACK = 0x6474E551
PF_X = 0x1

# Per ELF class: (e_phoff format, offset of e_phoff, offset of e_phentsize,
# smallest program header size, offset of p_flags inside a program header).
LAYOUTS = {
    ELFCLASS32: ("I", 28, 42, 32, 24),
    ELFCLASS64: ("Q", 32, 54, 56, 4),
}


class Skip(Exception):
    """A file this script will not touch, with the reason."""


def is_shared_library(name):
    return name.endswith(".so") or ".so." in name


def clear_execstack(path):
    """Clears PF_X of PT_GNU_STACK in the file; returns True if it changed a byte."""
    with open(path, "rb") as f:
        ident = f.read(16)
        if len(ident) < 4 or ident[:4] != ELF_MAGIC:
            return False  # not ELF (e.g. a linker script named .so): nothing to do
        if len(ident) < 16:
            raise Skip("truncated ELF identification")
        elf_class, elf_data = ident[4], ident[5]
        if elf_class not in LAYOUTS:
            raise Skip("unknown ELF class %d" % elf_class)
        if elf_data == ELFDATA2LSB:
            order = "<"
        elif elf_data == ELFDATA2MSB:
            order = ">"
        else:
            raise Skip("unknown ELF data encoding %d" % elf_data)
        offset_format, phoff_at, phentsize_at, min_phentsize, flags_at = LAYOUTS[elf_class]
        header = ident + f.read(phentsize_at + 4 - 16)
        if len(header) < phentsize_at + 4:
            raise Skip("truncated ELF header")
        (phoff,) = struct.unpack_from(order + offset_format, header, phoff_at)
        phentsize, phnum = struct.unpack_from(order + "HH", header, phentsize_at)
        if phnum == 0:
            return False
        if phentsize < min_phentsize:
            raise Skip("program header size %d is too small" % phentsize)
        size = os.fstat(f.fileno()).st_size
        if phoff > size or phnum * phentsize > size - phoff:
            raise Skip("program header table runs past the end of the file")
        f.seek(phoff)
        table = f.read(phnum * phentsize)
    if len(table) != phnum * phentsize:
        raise Skip("program header table runs past the end of the file")

    changes = []
    for index in range(phnum):
        entry = index * phentsize
        (p_type,) = struct.unpack_from(order + "I", table, entry)
        if p_type != PT_GNU_STACK:
            continue
        (p_flags,) = struct.unpack_from(order + "I", table, entry + flags_at)
        if p_flags & PF_X:
            changes.append((phoff + entry + flags_at, struct.pack(order + "I", p_flags & ~PF_X)))
    if not changes:
        return False
    with open(path, "r+b") as f:
        for position, value in changes:
            f.seek(position)
            f.write(value)
    return True


def main(argv):
    if len(argv) != 2 or not os.path.isdir(argv[1]):
        sys.stderr.write("usage: clear-execstack.py DIRECTORY\n")
        return 2
    for root, _dirs, files in os.walk(argv[1]):
        for name in sorted(files):
            path = os.path.join(root, name)
            if not is_shared_library(name) or os.path.islink(path) or not os.path.isfile(path):
                continue
            try:
                if clear_execstack(path):
                    print("cleared executable stack: %s" % path)
            except Skip as reason:
                sys.stderr.write("skipped %s: %s\n" % (path, reason))
            except OSError as error:
                sys.stderr.write("skipped %s: %s\n" % (path, error.strerror or error))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
