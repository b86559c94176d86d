"""HTML from mail made safe to hand to a browser, with nh3 (the ammonia sanitizer).

Scripts, event handlers, forms, frames, ``javascript:`` and other URL schemes are
removed; what remains is markup and a short list of CSS properties that only change
how text and tables look. Remote images (http/https) are kept: whether to load them
is the reader's choice (the webmail shows them only when asked). Links get
``rel="noopener noreferrer"`` and open in a new window.
"""

from __future__ import annotations

import nh3

_ATTRIBUTES: dict[str, set[str]] = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"style", "align", "dir", "lang", "title", "width", "height", "bgcolor", "valign"},
    "font": {"color", "face", "size"},
    "table": {"border", "cellpadding", "cellspacing", "summary"},
    "td": {"colspan", "rowspan", "nowrap"},
    "th": {"colspan", "rowspan", "nowrap", "scope"},
}
_TAGS = set(nh3.ALLOWED_TAGS) | {"font"}
_STYLE = {
    "background-color",
    "border",
    "border-bottom",
    "border-collapse",
    "border-color",
    "border-left",
    "border-right",
    "border-top",
    "color",
    "font",
    "font-family",
    "font-size",
    "font-style",
    "font-weight",
    "height",
    "line-height",
    "margin",
    "margin-bottom",
    "margin-left",
    "margin-right",
    "margin-top",
    "max-width",
    "padding",
    "padding-bottom",
    "padding-left",
    "padding-right",
    "padding-top",
    "text-align",
    "text-decoration",
    "vertical-align",
    "white-space",
    "width",
}


def sanitize(markup: str) -> str:
    """The markup with everything that could run or call home on its own removed."""
    return nh3.clean(
        markup,
        tags=_TAGS,
        clean_content_tags={"script", "style"},
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "cid", "tel"},
        filter_style_properties=_STYLE,
        set_tag_attribute_values={"a": {"target": "_blank"}},
        link_rel="noopener noreferrer",
    )
