"""The shell of kg's offline HTML answers: one file, inline styles, no scripts, no requests.

The page's Content-Security-Policy forbids every request (``default-src
'none'``) and every script; links out (a letter's official page) are plain
anchors the reader may follow.

>>> page = html_page("Positions of <X>", "<p>body</p>")
>>> "Positions of &lt;X&gt;" in page and "default-src 'none'" in page
True
"""

from __future__ import annotations

from html import escape

from kg.viz.style import GROUP_COLOURS

#: Colour of each stance, the same as the network's edge colours.
STANCE_COLOURS = {
    "supports": GROUP_COLOURS["supports"],
    "opposes": GROUP_COLOURS["opposes"],
    "concernedAbout": GROUP_COLOURS["concern"],
    "requested": GROUP_COLOURS["request"],
}

_CSS = """
:root { --fg: #1d2330; --muted: #5b6476; --line: #d8dce4; --accent: #1f5fbf; --bg: #f7f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif;
       color: var(--fg); background: var(--bg); }
header { padding: 16px 28px 10px; background: #fff; border-bottom: 1px solid var(--line); }
header h1 { margin: 0 0 4px; font-size: 22px; }
header p { margin: 2px 0; color: var(--muted); font-size: 13px; }
main { padding: 12px 28px 40px; max-width: 1200px; }
h2 { font-size: 18px; margin: 26px 0 8px; }
h3 { font-size: 15px; margin: 18px 0 6px; color: #333; }
a { color: var(--accent); }
code { font-size: 12.5px; color: var(--muted); }
.stance { margin: 6px 0 12px; padding: 6px 10px; background: #fff; border: 1px solid var(--line);
          border-left: 4px solid #999; border-radius: 4px; }
.stance:target { outline: 3px solid #f2c744; }
.stance .head { font-weight: 600; }
.stance .issue { font-style: italic; font-weight: normal; }
.stance blockquote { margin: 4px 0 2px; padding: 0 0 0 10px; border-left: 3px solid var(--line); color: #333; }
.stance .src { color: var(--muted); font-size: 12.5px; }
.badge { display: inline-block; padding: 0 7px; border-radius: 9px; color: #fff; font-size: 12px; font-weight: 600; }
.timeline { background: #fff; border: 1px solid var(--line); border-radius: 4px; margin: 12px 0; }
.muted { color: var(--muted); }
table.matrix { border-collapse: collapse; background: #fff; font-size: 13px; }
table.matrix th, table.matrix td { border: 1px solid var(--line); padding: 3px 6px; text-align: center; }
table.matrix th.row { text-align: left; white-space: nowrap; }
table.matrix thead th { vertical-align: bottom; font-weight: 600; padding: 6px 2px; }
table.matrix thead th span { writing-mode: vertical-rl; transform: rotate(180deg); display: inline-block;
                             max-height: 16em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.matrix-wrap { overflow: auto; max-width: 100%; }
table.matrix td { white-space: nowrap; min-width: 2.4em; }
table.matrix td a { display: block; color: #fff; text-decoration: none; font-weight: 600; }
table.matrix td.empty { background: #fafbfc; }
.legend span { margin-right: 14px; font-size: 13px; }
.legend i { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -1px; border-radius: 2px; }
section.cell { margin: 10px 0; padding: 4px 10px; border: 1px solid var(--line); background: #fff; border-radius: 4px; }
section.cell:target { outline: 3px solid #f2c744; }
"""


def esc(text: object) -> str:
    """HTML-escaped text (quotes too, so it is safe in attributes).

    >>> esc('a "b" <c>')
    'a &quot;b&quot; &lt;c&gt;'
    """
    return escape("" if text is None else str(text), quote=True)


def stance_badge(stance: str, text: str | None = None) -> str:
    """A coloured badge for a stance (``supports`` green, ``opposes`` red ...)."""
    colour = STANCE_COLOURS.get(stance, "#777777")
    return f'<span class="badge" style="background:{colour}">{esc(text or stance)}</span>'


def html_page(title: str, body: str, subtitle: str = "") -> str:
    """A complete, self-contained HTML page around ``body`` (already HTML)."""
    sub = f"<p>{subtitle}</p>" if subtitle else ""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">\n"
        '<meta name="generator" content="kg">\n'
        f"<title>{esc(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<header><h1>{esc(title)}</h1>{sub}</header>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )
