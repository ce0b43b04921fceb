"""An officer's commentary: read it safely, render its macros, refuse typed figures.

Commentary is Markdown with a few value macros (``{{ figure('complaints.stage1') }}``).
It is never run as template code: the text is split by the Jinja lexer, and only
data and ``{{ name(<literals>) }}`` calls of the macros in ``MACROS`` are accepted;
anything else (attribute access, arithmetic, filters, statements, raw HTML,
unsafe link addresses) is refused with one line naming the file and line.

The lint then checks the rendered text, with every macro's output masked, for
figures typed by hand: a percentage in any form, or a number (digits, grouped,
``.0``, entity-encoded or in words) of 10 or more that equals one of the year's
figures. Years, dates and labels that number a stage are not statistics.
``{{ typed('100%') }}`` is the one visible way to type such a number.
"""

from __future__ import annotations

import difflib
import errno
import html
import os
import posixpath
import re
import stat as stat_mode
import unicodedata
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
from jinja2 import TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment

from . import fmt
from .council_report import has_code_report
from .fields import COUNT_FIELDS
from .present import YearReport
from .problems import Problem, is_hidden, visible
from .stats import STATISTIC_BY_NAME, figure

__all__ = ["MACROS", "MAX_BYTES", "MacroError", "Values", "read_commentary", "read_series_commentary", "render_commentary",
           "one_folder_down", "check_commentary"]

MACROS = ("figure", "stat", "change", "year", "permalink", "typed")
MAX_BYTES = 100_000
_MAX_TYPED = 200
_MAX_PROBLEMS = 50
_MAX_DIGITS = 30
_PLACEHOLDER = "\ue000"  # stands for a macro's output in the lint text; refused in input (private use)
_LINK = "\ue001"  # stands for permalink()'s output, the one macro that may be a link address
_ALLOWED = "only macro calls such as {{ figure('complaints.stage1') }} are allowed"


class MacroError(ValueError):
    """A macro was called with a name or arguments it does not accept; the message is fit to show."""


def _nearest(name: str, names) -> str:
    close = difflib.get_close_matches(name, list(names), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class Values:
    """The value macros of one year's report, shared by commentary and pages."""

    def __init__(self, report: YearReport, permalink: str = ""):
        self.report = report
        self._permalink = permalink

    def figure(self, path: str, words: bool = False) -> str:
        _require_text("figure", path)
        if not isinstance(words, bool):
            raise MacroError("words must be True or False")
        if path not in _FIGURE_NAMES:
            raise MacroError(f"unknown figure '{path}'{_nearest(path, _FIGURE_NAMES)}")
        value = figure(self.report.year, path)
        if value is None:
            return "not published"
        return fmt.count_words(value, self.report.style) if words else fmt.number(value)

    def stat(self, name: str) -> str:
        _require_text("stat", name)
        if name not in STATISTIC_BY_NAME:
            raise MacroError(f"unknown statistic '{name}'{_nearest(name, STATISTIC_BY_NAME)}")
        return self.report.stat(name)

    def change(self, key: str) -> str:
        _require_text("change", key)
        names = (*_FIGURE_NAMES, *STATISTIC_BY_NAME)
        if key not in names:
            raise MacroError(f"unknown figure or statistic '{key}'{_nearest(key, names)}")
        view = self.report.changes.get(key)
        return (view.phrase if view else None) or "not available"

    def year(self) -> str:
        return self.report.label

    def permalink(self) -> str:
        return self._permalink

    def typed(self, text: str) -> str:
        _require_text("typed", text)
        if not text.strip() or len(text) > _MAX_TYPED or "\n" in text:
            raise MacroError(f"expected one line of text of 1 to {_MAX_TYPED} characters")
        return text


_FIGURE_NAMES = tuple(f.path for f in COUNT_FIELDS)
_SIGNATURES = {"figure": "figure('<figure name>') or figure('<figure name>', words=True)", "stat": "stat('<statistic name>')",
               "change": "change('<figure or statistic name>')", "year": "year() with nothing in the brackets",
               "permalink": "permalink() with nothing in the brackets", "typed": "typed('<text>')"}


def _require_text(macro: str, value) -> None:
    if not isinstance(value, str):
        raise MacroError(f"expected text in quotes, got {type(value).__name__}")


def _plain(text: str) -> str:
    """Macro output as literal text in Markdown: HTML, Markdown and template characters encoded."""
    return re.sub(r"[^A-Za-z0-9 .,%:;/+\-]", lambda m: f"&#{ord(m.group(0))};", text)


# -- reading ---------------------------------------------------------------------


def read_commentary(folder: Path, year_id: str, shown: str) -> tuple[str | None, list[Problem]]:
    """A year's commentary text (None when there is none), or the problems of its file.

    Only a regular file inside ``folder``, at most MAX_BYTES, in UTF-8 is read;
    the content of a refused file is never echoed.
    """
    path = Path(folder) / f"{year_id}.md"
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None, []
    except OSError as err:
        return None, [Problem(shown, 0, "", f"cannot be read ({err.strerror})")]
    if stat_mode.S_ISLNK(info.st_mode):
        try:
            target = path.resolve(strict=True)
        except RuntimeError:
            return None, [Problem(shown, 0, "", "is a link that loops (it leads back to itself and never reaches a file)")]
        except OSError as err:
            if err.errno == errno.ELOOP:
                return None, [Problem(shown, 0, "", "is a link that loops (it leads back to itself and never reaches a file)")]
            target = path.resolve()
        if not target.is_relative_to(Path(folder).resolve()):
            return None, [Problem(shown, 0, "", "is a link to a file outside docs/commentary (put the commentary itself there)")]
        try:
            info = os.stat(path)
        except OSError:
            return None, [Problem(shown, 0, "", "is a link to a file that does not exist")]
    if stat_mode.S_ISDIR(info.st_mode):
        return None, [Problem(shown, 0, "", "is a folder, not a file (expected a Markdown file)")]
    if not stat_mode.S_ISREG(info.st_mode):
        return None, [Problem(shown, 0, "", "is not a regular file (a FIFO, device or socket cannot be commentary)")]
    if info.st_size > MAX_BYTES:
        return None, [Problem(shown, 0, "", f"is {info.st_size:,} bytes, more than the limit of {MAX_BYTES:,} bytes")]
    with open(path, "rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        return None, [Problem(shown, 0, "", f"is more than the limit of {MAX_BYTES:,} bytes")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        return None, [Problem(shown, line, "", f"not UTF-8 text: byte 0x{data[err.start]:02x} cannot be read (save the file as UTF-8)")]
    return text.removeprefix("\ufeff"), []


# A link's or image's target in Markdown: after "](" or in a reference definition, when it is
# relative to the page (no scheme, no leading "/", not "#..." on the same page).
_RELATIVE_TARGET = re.compile(r"(\]\(\s*<?|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?)(?![A-Za-z][A-Za-z0-9+.-]*:|/|#)", re.M)


def one_folder_down(markdown_text: str) -> str:
    """Commentary Markdown for a page one folder below the docs root (a series' page,
    ``<series>/index.md``): its relative links and images (written from docs/, as validate
    checks them) get a leading ``../``."""
    return _RELATIVE_TARGET.sub(r"\1../", markdown_text)


def read_series_commentary(folder: Path, series_id: str, year_id: str,
                           moved_from_root: bool = False) -> tuple[str | None, str, list[Problem]]:
    """A series' commentary for a year: ``<folder>/<series>/<year>.md``, and for the series moved
    from the root also the single-series site's ``<folder>/<year>.md`` (never both).

    Returns the text (None when there is none), the file as shown in messages, and its problems."""
    folder = Path(folder)
    own = f"docs/commentary/{series_id}/{year_id}.md"
    text, problems = (None, []) if (folder / series_id).is_symlink() else read_commentary(folder / series_id, year_id, own)
    if (folder / series_id).is_symlink():
        problems = [Problem(f"docs/commentary/{series_id}", 0, "", "is a symbolic link: a series' commentary folder must be "
                            "a folder in docs/commentary")]
    if not moved_from_root:
        return text, own, problems
    old = f"docs/commentary/{year_id}.md"
    old_text, old_problems = read_commentary(folder, year_id, old)
    if (text is not None or problems) and (old_text is not None or old_problems):
        return None, own, [Problem(old, 0, "", f"and {own} are both the commentary of {series_id} for {year_id} "
                                   f"(keep one: move this file to {own})")]
    if old_text is not None or old_problems:
        return old_text, old, old_problems
    return text, own, problems


def _character_problems(text: str, shown: str) -> list[Problem]:
    """Control, invisible, direction and surrogate characters, named by code, never printed."""
    problems: list[Problem] = []
    seen: set[tuple[int, str]] = set()
    line, last = 1, 0
    for match in re.finditer(r"[^\t\n\r\x20-\x7e]", text):
        char = match.group(0)
        if not is_hidden(char):
            continue
        line += text.count("\n", last, match.start())
        last = match.start()
        if (line, char) in seen:
            continue
        seen.add((line, char))
        name = unicodedata.name(char, "")
        named = f"U+{ord(char):04X}" + (f" ({name})" if name else "")
        if len(problems) == _MAX_PROBLEMS:
            problems.append(Problem(shown, line, "", "more characters that are not allowed (fix the ones above first)"))
            break
        problems.append(Problem(shown, line, "", f"character {named} is not allowed "
                                                 "(control, invisible and direction characters can hide or reorder text)"))
    return problems


# -- template: only macro calls ------------------------------------------------------

_ENV = SandboxedEnvironment(keep_trailing_newline=True, autoescape=False)
_LITERALS = ("string", "integer", "float")
_BOOLEANS = ("true", "false", "True", "False")
_OPERATOR_WORDS = {"+": "arithmetic", "-": "arithmetic", "*": "arithmetic", "/": "arithmetic", "//": "arithmetic",
                   "%": "arithmetic", "**": "arithmetic", "~": "joining text", ".": "attribute access",
                   "[": "attribute access", "|": "a filter", "==": "a comparison", "!=": "a comparison",
                   "<": "a comparison", ">": "a comparison", "<=": "a comparison", ">=": "a comparison"}


def _found(kind: str, value: str) -> str:
    if kind == "operator":
        word = _OPERATOR_WORDS.get(value)
        return f"{word} '{value}'" if word else f"'{value}'"
    if kind in _LITERALS:
        return f"{value[:20]} outside a macro call"
    return f"'{value[:40]}'"


def _check_tokens(text: str, shown: str) -> list[Problem]:
    """Accept only data, comments and ``{{ macro(literal, name=literal) }}``; one problem per refused tag."""
    problems: list[Problem] = []
    state = "data"  # data | skip_block | skip, or a state of _step
    where, last = 0, ""
    try:
        for line, kind, value in _ENV.lex(text):
            if kind == "whitespace" or kind.startswith("comment"):
                continue
            if state == "data":
                if kind == "variable_begin":
                    state, where = "start", line
                elif kind in ("block_begin", "linestatement_begin"):
                    problems.append(Problem(shown, line, "", f"template statements such as {{% ... %}} are not allowed ({_ALLOWED})"))
                    state = "skip_block"
                elif kind == "raw_begin":
                    problems.append(Problem(shown, line, "", f"{{% raw %}} is not allowed ({_ALLOWED})"))
                continue
            if state == "skip_block":
                if kind in ("block_end", "linestatement_end"):
                    state = "data"
                continue
            if state == "skip":
                if kind == "variable_end":
                    state = "data"
                continue
            ok, after = _step(state, kind, value)
            if not ok:
                if kind == "variable_end":
                    problems.append(Problem(shown, where, "", f"incomplete macro call ({_ALLOWED})"))
                    state = "data"
                    continue
                problems.append(Problem(shown, line, "", _refusal(state, kind, value, last)))
                after = "skip"
            state, last = after, value
    except TemplateSyntaxError as err:
        problems.append(Problem(shown, err.lineno or where, "", f"template syntax: {err.message} ({_ALLOWED})"))
    return problems


def _step(state: str, kind: str, value: str) -> tuple[bool, str]:
    """One step of the macro-call grammar; returns (accepted, next state)."""
    literal = kind in _LITERALS or (kind == "name" and value in _BOOLEANS)
    if state == "start":
        return (kind == "name" and value in MACROS), "name"
    if state == "name":
        return (kind == "operator" and value == "("), "open"
    if state in ("open", "comma"):
        if kind == "operator" and value == ")" and state == "open":
            return True, "close"
        if literal:
            return True, "arg"
        if kind == "name":
            return True, "kw"
        return False, state
    if state == "kw":
        return (kind == "operator" and value == "="), "eq"
    if state == "eq":
        return literal, "arg"
    if state == "arg":
        if kind == "operator" and value == ",":
            return True, "comma"
        return (kind == "operator" and value == ")"), "close"
    if state == "close":
        return (kind == "variable_end"), "data"
    return False, state


def _refusal(state: str, kind: str, value: str, last: str) -> str:
    if state == "start" and kind == "name":
        return (f"unknown macro '{value[:40]}'{_nearest(value, MACROS)} "
                f"(the macros are {', '.join(MACROS[:-1])} and {MACROS[-1]})")
    if state == "kw":
        return f"{last[:40]} is not in quotes (write names in quotes, as in {{{{ figure('complaints.stage1') }}}})"
    return f"template code is not allowed: found {_found(kind, value)} ({_ALLOWED})"


def _literal(node: nodes.Node):
    if isinstance(node, nodes.Const) and isinstance(node.value, (str, bool, int, float)):
        return node.value
    raise MacroError("arguments must be text in quotes, numbers, True or False")


def _pieces(text: str):
    """The template as (line, text) data pieces and (line, name, args, kwargs) calls."""
    template = _ENV.parse(text)
    for output in template.body:
        if not isinstance(output, nodes.Output):
            raise MacroError("template statements are not allowed")
        for node in output.nodes:
            if isinstance(node, nodes.TemplateData):
                yield node.lineno, node.data
            elif (isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name in MACROS
                  and node.dyn_args is None and node.dyn_kwargs is None):
                yield node.lineno, node.node.name, [_literal(a) for a in node.args], {k.key: _literal(k.value) for k in node.kwargs}
            else:
                raise MacroError("template code is not allowed")


# -- Markdown: no raw HTML, no unsafe links ----------------------------------------------

_TAG = re.compile(r"<[A-Za-z/!?]")
_LINK_START = re.compile(r"\]\s*\(|^[ ]{0,3}\[[^\]\n]{1,999}\]:", re.M)
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]{0,30}):")
_SAFE_SCHEMES = ("https", "http", "mailto")


def _markup_problems(line_no: int, line: str, shown: str) -> list[Problem]:
    problems = []
    decoded = html.unescape(line)
    if _TAG.search(line) or _TAG.search(decoded):
        problems.append(Problem(shown, line_no, "", "raw HTML is not allowed (write Markdown: **bold**, [text](https://...))"))
    opening = decoded.find("{")
    if opening >= 0 and decoded.rfind("}") > opening:
        problems.append(Problem(shown, line_no, "", "text in curly braces is not allowed "
                                                    "(Markdown attribute lists such as { onclick=... } could add HTML)"))
    for match in _LINK_START.finditer(decoded):
        target = "".join(decoded[match.end():match.end() + 200].split()).lstrip("<")
        if _PLACEHOLDER in target[:1]:
            problems.append(Problem(shown, line_no, "", "a link address cannot come from a macro other than permalink() "
                                                        "(type the address: [text](https://...))"))
            continue
        scheme = _SCHEME.match(target)
        if scheme and scheme.group(1).lower() not in _SAFE_SCHEMES:
            problems.append(Problem(shown, line_no, "", f"link address '{scheme.group(1)[:30]}:' is not allowed "
                                                        "(use an https:, http: or mailto: address, or a relative link)"))
    return problems


# -- Markdown that python-markdown renders slowly ------------------------------------------
# python-markdown is super-linear on some inputs (99,000 '[' take minutes; so do long
# paragraphs of setext underlines or deeply nested quotes and lists). These limits, checked by
# one linear scan before anything is rendered, keep any commentary under a second.

MAX_LINES = 2_000
MAX_PARAGRAPH_LINES = 40
MAX_PARAGRAPH_MARKUP = 100  # the characters [ ( ! * _ ` \ & in one paragraph
MAX_FILE_MARKUP = 1_000
MAX_NESTING = 4  # brackets inside brackets, and quotes or lists inside each other
MAX_INDENT = 16  # spaces before a line's text (a tab counts as 4)
_MARKUP = "[(!*_`\\&"
_CONTAINER = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))")


def _complexity_problems(text: str, shown: str) -> list[Problem]:
    """Refuse, before rendering, what python-markdown would take too long to render."""
    problems: list[Problem] = []
    paragraph_start, paragraph_lines, paragraph_markup, file_markup = 1, 0, 0, 0
    for number, line in enumerate(text.split("\n"), start=1):
        if number > MAX_LINES:
            problems.append(Problem(shown, number, "", f"more than {MAX_LINES:,} lines (a commentary is a few paragraphs)"))
            break
        if not line.strip():
            paragraph_start, paragraph_lines, paragraph_markup = number + 1, 0, 0
            continue
        paragraph_lines += 1
        if paragraph_lines == MAX_PARAGRAPH_LINES + 1:
            problems.append(Problem(shown, paragraph_start, "", f"a paragraph of more than {MAX_PARAGRAPH_LINES} lines "
                                                                "(leave a blank line between paragraphs)"))
        markup = sum(line.count(c) for c in _MARKUP)
        before = paragraph_markup
        paragraph_markup += markup
        file_markup += markup
        if before <= MAX_PARAGRAPH_MARKUP < paragraph_markup:
            problems.append(Problem(shown, number, "", f"more than {MAX_PARAGRAPH_MARKUP} of the characters "
                                                       f"[ ( ! * _ ` \\ & in one paragraph (write plainer text)"))
        if file_markup - markup <= MAX_FILE_MARKUP < file_markup:
            problems.append(Problem(shown, number, "", f"more than {MAX_FILE_MARKUP} of the characters "
                                                       f"[ ( ! * _ ` \\ & in the file (write plainer text)"))
        depth = deepest = 0
        for char in line:
            if char == "[":
                depth += 1
                deepest = max(deepest, depth)
            elif char == "]":
                depth = max(depth - 1, 0)
        containers, at = 0, 0
        while (match := _CONTAINER.match(line, at)) and containers <= MAX_NESTING:
            containers, at = containers + 1, match.end()
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
        if deepest > MAX_NESTING or containers > MAX_NESTING:
            problems.append(Problem(shown, number, "", f"brackets, quotes or lists nested more than {MAX_NESTING} deep "
                                                       "(write plainer text)"))
        elif indent > MAX_INDENT:
            problems.append(Problem(shown, number, "", f"a line indented more than {MAX_INDENT} spaces (write plainer text)"))
        if len(problems) >= _MAX_PROBLEMS:
            break
    return problems


# -- the rendered page: every address, every attribute, the text as a reader sees it --------

# The site's own Markdown extensions (mkdocs.yml, markdown_extensions; a test keeps them equal).
MARKDOWN_EXTENSIONS = ("attr_list", "md_in_html", "admonition", "toc")
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "div", "pre", "ul", "ol", "dt", "dd", "td", "th", "hr", "br"}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "div": {"class"}, "p": {"class"},
                       "ol": {"start"}, **{f"h{n}": {"id"} for n in range(1, 7)}}
_ALLOWED_TAGS = _BLOCKS | {"a", "img", "em", "strong", "code"}
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]")  # browsers drop tabs and line breaks inside an address
_DOCS = Path(__file__).resolve().parent.parent / "docs"


class _Page(HTMLParser):
    """The rendered commentary: text per block, addresses, tags and attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = [""]
        self.addresses: list[tuple[int, str, str]] = []  # (block, tag, address)
        self.refused: list[tuple[int, str]] = []  # (block, message)

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCKS:
            self.blocks.append("")
        if tag not in _ALLOWED_TAGS:
            self.refused.append((len(self.blocks) - 1, "raw HTML is not allowed (write Markdown: **bold**, [text](https://...))"))
        for name, value in attrs:
            if name not in _ALLOWED_ATTRIBUTES.get(tag, ()):
                self.refused.append((len(self.blocks) - 1, f"the attribute '{name[:30]}' is not allowed (write plain Markdown)"))
            elif name in ("href", "src"):
                self.addresses.append((len(self.blocks) - 1, tag, value or ""))
        if tag == "img":
            self.blocks.append(dict(attrs).get("alt") or "")
            self.blocks.append("")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in _BLOCKS:
            self.blocks.append("")

    def handle_data(self, data):
        self.blocks[-1] += data

    def handle_comment(self, data):
        self.refused.append((len(self.blocks) - 1, "raw HTML is not allowed (write Markdown: **bold**, [text](https://...))"))


def _address_problem(tag: str, address: str, pages: set[str]) -> str | None:
    """Why an address may not be on the page, or None when it may."""
    url = _URL_NOISE.sub("", address)
    if _PLACEHOLDER in url:
        return "a link address cannot come from a macro other than permalink() (type the address: [text](https://...))"
    if url == _LINK:
        return "an image cannot come from permalink() (put the image in docs/assets)" if tag == "img" else None
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", url)
    if scheme and scheme.group(1).lower() not in _SAFE_SCHEMES:
        return f"link address '{scheme.group(1)[:30]}:' is not allowed (use an https:, http: or mailto: address, or a relative link)"
    external = scheme or url.startswith(("//", "\\\\", "/\\", "\\/"))
    if tag == "img":
        if external:
            return ("an image from another site is not allowed (the site loads nothing from other sites: "
                    "put the image in docs/assets and write ![text](assets/name.png))")
        if not url:
            return "an image without an address (write ![text](assets/name.png))"
    elif external or not url or url.startswith("#"):
        return None
    if url.startswith(("/", "\\")):
        return f"address '{visible(address)[:60]}' starts with '/' (write a relative link to a page, such as about.md)"
    path = posixpath.normpath(unquote(urlsplit(url.replace("\\", "/")).path))
    if path in pages:
        return None
    if tag == "img":
        return f"image '{visible(address)[:60]}' is not a file in docs/ (put the image in docs/assets and write ![text](assets/name.png))"
    return (f"link to '{visible(address)[:60]}': there is no such page on the site "
            f"(link to a page by its file, such as about.md; the pages are {', '.join(sorted(p for p in pages if p.endswith('.md')))})")


def _site_files(docs: Path, year_id: str) -> set[str]:
    """The files of docs/ that become the year's site, as paths relative to docs/ (commentary excluded)."""
    files: set[str] = set()
    for path in docs.rglob("*") if docs.is_dir() else ():
        name = path.relative_to(docs).as_posix()
        if name.startswith("commentary/") or not path.is_file() or any(p.startswith(".") for p in name.split("/")):
            continue
        if name == "code.md" and not has_code_report(year_id):
            continue
        files.add(name)
    return files


def _page_problems(markdown_text: str, source: list[str], checks, docs: Path, year_id: str, shown: str) -> list[Problem]:
    """Render the checked text as the site does and inspect the result: every address, every
    tag and attribute, and the text of each block (tags removed, entities decoded, lines folded)."""
    page = _Page()
    page.feed(markdown.markdown(markdown_text, extensions=list(MARKDOWN_EXTENSIONS)))
    page.close()
    unescaped = [html.unescape(line) for line in source]
    starts, cursor = [], 0
    for block in page.blocks:  # the source line where each block starts, found by its first word
        word = re.search(r"[^\W_]+", block)
        if word:
            for index in range(cursor, len(unescaped)):
                if word.group(0) in unescaped[index]:
                    cursor = index
                    break
        starts.append(cursor + 1)

    def locate(needle: str, block: int) -> int:
        for candidate in (needle, _URL_NOISE.sub("", needle)):
            for index, line in enumerate(unescaped):
                if candidate and candidate in line:
                    return index + 1
        return starts[block] if block < len(starts) else 1

    problems = []
    pages = _site_files(docs, year_id)
    for block, tag, address in page.addresses:
        message = _address_problem(tag, address, pages)
        if message:
            problems.append(Problem(shown, locate(address, block), "", message))
    for block, message in page.refused:
        problems.append(Problem(shown, starts[block] if block < len(starts) else 1, "", message))
    for block, text in enumerate(page.blocks):
        folded = " ".join(text.split())
        if folded:
            for problem in checks(starts[block], folded):
                typed = re.search(r"'([^']+)'", problem.message)
                line = locate(typed.group(1), block) if typed else problem.line
                problems.append(Problem(shown, line, "", problem.message))
    return problems


# -- the lint: typed figures in the rendered text -------------------------------------------

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_NOT_STATISTICS = re.compile(
    rf"\b\d{{1,2}}(st|nd|rd|th)?\s+({_MONTHS})(\s+\d{{4}})?\b"           # 8 March 2024
    rf"|\b({_MONTHS})\s+\d{{4}}\b"                                       # March 2024
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"                # 2024-03-08, 8/3/24
    r"|\b(19|20)\d{2}\s*(-|/|to)\s*(19|20)?\d{2}\b|\b(19|20)\d{2}\b"     # 2022-23, 2022/23, 2022 to 2023, 2024
    r"|\b(stage|step|tier|level|section|item|appendix|page|paragraph|para|chapter|part|phase|table|figure|note|version)\s+\d+\b",
    re.I,
)
_SPACES = "\u0020\u00a0\u2009\u202f"
_NUMBER = re.compile(rf"(?<![\w.,])(?:\d{{1,3}}(?:,\d{{3}})+|\d{{1,3}}(?:[{_SPACES}]\d{{3}})+|\d+)(?:\.\d+)?"
                     r"(?:(?=p(?:c\b|ct\b|\.c\.|er\s?-?\s?cent|ercent))|(?![\w]|[.,]\d))", re.I)
_PER_CENT = re.compile(r"\s?(?:%|\uff05|\ufe6a|\u066a|\u2052)|\s?-?\s?(?:pc|pct|p\.c\.|per\s?-?\s?cent|percent)\b", re.I)
# Other ways of grouping thousands (49.974, 49'974) or writing a decimal comma (102,0): checked
# only against the year's figures, as "49.974" is also a plain decimal.
_OTHER_NUMBER = re.compile(r"(?<![\w.,'\u2019])(?:(\d{1,3}(?:[.'\u2019]\d{3})+)|(\d+,\d{1,2}))(?![\w]|[.,'\u2019]\d)")
_UNITS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                     "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i >= 2}
_WORD = "|".join([*_UNITS, *_TENS, "hundred", "thousand"])
_WORDS = re.compile(rf"\b(?:{_WORD})(?:(?:[\s-]+and[\s-]+|[\s-])(?:{_WORD}))*\b", re.I)


def _words_value(words: str) -> int:
    total = current = 0
    for word in re.findall(r"[a-z]+", words.lower()):
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total, current = total + max(current, 1) * 1000, 0
    return total + current


def _lint_line(line_no: int, line: str, by_display: dict[str, str], figures: dict[int, str], shown: str) -> list[Problem]:
    problems = []
    plain = re.sub(r"<[^<>]*>", "", html.unescape(line))
    plain = _NOT_STATISTICS.sub(" ", plain)

    def percentage(typed: str, value: Decimal | int | None) -> None:
        name = by_display.get(f"{value}%") if value is not None else None
        macro = f"{{{{ stat('{name}') }}}}" if name else "{{ stat('<name>') }} (names are listed on the About page)"
        problems.append(Problem(shown, line_no, "", f"hand-typed percentage '{typed}': use {macro} so the figure comes from the data"))

    def number(typed: str, value: Decimal | int) -> None:
        if value in figures:
            problems.append(Problem(shown, line_no, "", f"hand-typed number '{typed}' equals {figures[value]}: "
                                                        f"use {{{{ figure('{figures[value]}') }}}} so the figure comes from the data"))

    for _match in re.finditer(rf"\d[{_PLACEHOLDER}{_LINK}]|[{_PLACEHOLDER}{_LINK}]\d|{_PLACEHOLDER}(?={_PER_CENT.pattern})", plain, re.I):
        problems.append(Problem(shown, line_no, "", "digits or per cent typed against a macro's output "
                                                    "(leave a space, or type the whole number with {{ typed('...') }})"))
    for match in _NUMBER.finditer(plain):
        typed = match.group(0)
        suffix = _PER_CENT.match(plain, match.end())
        if len(typed) > _MAX_DIGITS:  # no figure or statistic is this long; keep the check linear
            if suffix:
                percentage(typed[:_MAX_DIGITS] + "...", None)
            continue
        value = Decimal(re.sub(rf"[,{_SPACES}]", "", typed)).normalize()
        value = int(value) if value == value.to_integral_value() else value
        if suffix:
            percentage(typed + suffix.group(0), value)
            continue
        number(typed, value)
        if any(c in typed for c in _SPACES):  # "2 102" may also be two numbers
            for part in re.split(f"[{_SPACES}]", typed):
                number(part, int(part))
    for match in _OTHER_NUMBER.finditer(plain):
        typed = match.group(0)
        if len(typed) <= _MAX_DIGITS and not _PER_CENT.match(plain, match.end()):
            grouped, decimal_comma = match.groups()
            value = Decimal(re.sub(r"[.'\u2019]", "", grouped) if grouped else decimal_comma.replace(",", ".")).normalize()
            number(typed, int(value) if value == value.to_integral_value() else value)
    for match in _WORDS.finditer(plain):
        typed = match.group(0)
        value = _words_value(typed)
        suffix = _PER_CENT.match(plain, match.end())
        if suffix:
            percentage(typed + suffix.group(0), value)
        elif value >= 10:
            number(typed, value)
    return problems


# -- the one public way in -------------------------------------------------------------------


def render_commentary(text: str, report: YearReport, shown: str, permalink: str = "",
                      docs: Path | None = None) -> tuple[str, list[Problem]]:
    """The commentary as Markdown with its macros replaced, and every problem found.

    The Markdown is "" when there are problems. The output contains no template
    syntax (macro output is encoded), so it is never rendered as a template again.
    """
    problems = _character_problems(text, shown)
    if problems:
        return "", problems
    problems = _check_tokens(text, shown)
    if problems:
        return "", sorted(set(problems))
    values = Values(report, permalink)
    rendered: list[str] = []
    lint: list[str] = []
    lines = [1]  # the source line on which each line of the lint text starts
    try:
        pieces = list(_pieces(text))
    except (TemplateSyntaxError, MacroError) as err:
        line = getattr(err, "lineno", None) or 0
        return "", [Problem(shown, line, "", f"{err.message if isinstance(err, TemplateSyntaxError) else err} ({_ALLOWED})")]
    for piece in pieces:
        if len(piece) == 2:
            line, data = piece
            rendered.append(data)
            lint.append(data)
            lines.extend(range(line + 1, line + 1 + data.count("\n")))
            continue
        line, name, args, kwargs = piece
        try:
            output = getattr(values, name)(*args, **kwargs)
        except MacroError as err:
            problems.append(Problem(shown, line, "", f"{name}(): {err}"))
            continue
        except TypeError:
            problems.append(Problem(shown, line, "", f"{name}(): wrong arguments (expected {_SIGNATURES[name]})"))
            continue
        rendered.append(_plain(output))
        lint.append(_LINK if name == "permalink" else _PLACEHOLDER)
    figures: dict[int, str] = {}
    for f in COUNT_FIELDS:
        value = figure(report.year, f.path)
        if value is not None and value >= 10:
            figures.setdefault(value, f.path)
    by_display = {v.display: name for name, v in report.statistics.items() if v.display}
    source = "".join(lint)
    for number, line in zip(lines, source.split("\n"), strict=False):
        problems += _markup_problems(number, line, shown)
        problems += _lint_line(number, line, by_display, figures, shown)
    complexity = _complexity_problems(source, shown)
    if complexity or problems:
        return "", sorted(set(problems + complexity))
    # One line per problem: what the rendered page adds is reported when the lines did not say it already.
    said = {p.message for p in problems}
    by_line = dict(enumerate(source.split("\n")))
    source_lines = [by_line[i] for i in range(len(by_line))]
    found = _page_problems(source, source_lines, lambda n, text: _lint_line(n, text, by_display, figures, shown),
                           docs or _DOCS, report.year.id, shown)
    problems += [p for p in found if p.message not in said]
    if problems:
        return "", sorted(set(problems))
    return "".join(rendered), []


def check_commentary(text: str, report: YearReport, shown: str, docs: Path | None = None) -> list[Problem]:
    """Problems in a commentary's text: template code, markup, unknown names, typed figures."""
    return render_commentary(text, report, shown, docs=docs)[1]
