#!/usr/bin/env python3
"""mkman.py — the man page refsog.1 from docs/refsog.1.md and each command's own --help.

usage: mkman.py REFSOG DOC.md VERSION > refsog.1

The narrative comes from the doc (a small Markdown subset: '# SECTION', paragraphs, '- ' lists,
`code`, *italic*); '{{commands}}' becomes one subsection per command with the usage text the
binary prints for `refsog CMD --help`, so the options in the manual cannot drift from the code.
"""
import re
import subprocess
import sys

COMMANDS = ["index", "search", "case", "meeting", "stats", "parse", "delete", "compact", "serve", "analyze"]


def esc(text):
    text = text.replace("\\", "\\e").replace("-", "\\-")
    # non-ASCII as groff's \[uXXXX]: the page renders the same with or without preconv
    return "".join(c if ord(c) < 128 else "\\[u%04X]" % ord(c) for c in text)


def inline(text):
    text = esc(text)
    text = re.sub(r"`([^`]+)`", r"\\fB\1\\fR", text)
    text = re.sub(r"\*([^*]+)\*", r"\\fI\1\\fR", text)
    return text


def line_safe(text):
    # a roff line must not start with '.' or "'"
    return "\\&" + text if text[:1] in (".", "'") else text


def commands(refsog):
    out = []
    for cmd in COMMANDS:
        r = subprocess.run([refsog, cmd, "--help"], capture_output=True, text=True)
        text = (r.stdout or r.stderr).rstrip("\n")
        out.append(".SS " + cmd)
        out.append(".nf")
        out.extend(line_safe(esc(l)) for l in text.split("\n"))
        out.append(".fi")
    return out


def main():
    refsog, doc, version = sys.argv[1], sys.argv[2], sys.argv[3]
    out = ['.TH REFSOG 1 "" "refsog %s" "User Commands"' % version]
    para = []

    def flush():
        if para:
            out.append(line_safe(inline(" ".join(para))))
            para.clear()

    for raw in open(doc, encoding="utf-8"):
        l = raw.rstrip("\n")
        if l.startswith("# "):
            flush()
            out.append(".SH " + l[2:].upper())
        elif l.strip() == "{{commands}}":
            flush()
            out.extend(commands(refsog))
        elif l.startswith("- "):
            flush()
            out.append(".IP \\(bu 2")
            para.append(l[2:])
        elif l.startswith("  ") and para:
            para.append(l.strip())
        elif not l.strip():
            flush()
            out.append(".PP")
        else:
            para.append(l.strip())
    flush()
    text = "\n".join(out) + "\n"
    text = re.sub(r"(\.PP\n)+(\.S[HS] )", r"\2", text)
    sys.stdout.write(text)


main()
