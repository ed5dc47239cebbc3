"""A figure's title and legend fitted to its width, so that its panels keep the figure's width.

One responsibility: the layout of a small-multiples figure's heading and bottom legend. A title longer
than the figure is wrapped at spaces to the figure's width, a legend gets as many columns as fit in it,
and the figure grows in height by what they take, so that ``save_figure`` (``bbox_inches="tight"``)
never widens the saved image around one long line while the panels stay a fraction of it. Widths are
measured with the figure's own renderer and font, so Chinese labels count at their drawn width.
"""

from __future__ import annotations

from collections.abc import Sequence

from speechtopics.report import style  # noqa: F401  (the CJK font, so that Chinese labels measure as drawn)

#: Space in inches kept between the panels and the title or the legend.
PAD = 0.08


def wrap_to_width(fig, text: str, fontsize: float, width: float | None = None) -> str:
    """``text`` broken at spaces into lines no wider than ``width`` inches (default: the figure's width).

    A word wider than the width stays whole on its own line.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig = plt.figure(figsize=(2, 1))
    >>> wrap_to_width(fig, "Expected topic share over 年份: one curve per 级别", 9).count(chr(10)) >= 1
    True
    >>> wrap_to_width(fig, "short", 9)
    'short'
    """
    limit = (width or fig.get_figwidth()) * fig.dpi
    probe = fig.text(0, 0, "", fontsize=fontsize)
    lines, line = [], ""
    for word in text.split(" "):
        trial = f"{line} {word}" if line else word
        probe.set_text(trial)
        if line and probe.get_window_extent().width > limit:
            lines.append(line)
            line = word
        else:
            line = trial
    probe.remove()
    return "\n".join([*lines, line])


def fit_legend(fig, handles: Sequence, texts: Sequence[str], **kwargs):
    """A legend at the figure's bottom centre with as many columns as its width holds (at most one per
    entry, at least one); ``kwargs`` go to ``Figure.legend``. Returns the legend.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(3, 2))
    >>> lines = [ax.plot([0, 1], label=f"department=省政府办公厅 {i}")[0] for i in range(5)]
    >>> legend = fit_legend(fig, lines, [ln.get_label() for ln in lines], fontsize=8)
    >>> bool(legend.get_window_extent().width <= fig.get_figwidth() * fig.dpi)
    True
    """
    limit = fig.get_figwidth() * fig.dpi
    for ncol in range(max(1, len(texts)), 0, -1):
        legend = fig.legend(handles, texts, loc="lower center", ncol=ncol, **kwargs)
        if ncol == 1 or legend.get_window_extent().width <= limit:
            return legend
        legend.remove()
    return legend


def title_and_legend(fig, title: str, fontsize: float, handles: Sequence = (), texts: Sequence[str] = (),
                     legend_fontsize: float = 8) -> None:
    """Wrap ``title`` to the figure's width, put a fitted legend of ``handles``/``texts`` (none when
    empty) at the bottom, grow the figure's height by both and lay the panels out between them. A
    legend entry wider than the figure widens the figure to it.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(3, 2))
    >>> title_and_legend(fig, "a long title " * 8, 9)
    >>> bool(fig.get_figheight() > 2 and fig.get_figwidth() == 3)
    True
    """
    legend = fit_legend(fig, handles, texts, fontsize=legend_fontsize, frameon=False) if texts else None
    if legend is not None and legend.get_window_extent().width > fig.get_figwidth() * fig.dpi:
        # one entry wider than the figure: widen it, so the panels take the saved image's width
        fig.set_size_inches(legend.get_window_extent().width / fig.dpi + 2 * PAD, fig.get_figheight())
    heading = fig.suptitle(wrap_to_width(fig, title, fontsize), fontsize=fontsize, va="top")
    top = heading.get_window_extent().height / fig.dpi + PAD
    bottom = legend.get_window_extent().height / fig.dpi + PAD if legend is not None else 0.0
    height = fig.get_figheight() + top + bottom
    fig.set_size_inches(fig.get_figwidth(), height)
    heading.set_y(1 - PAD / height)
    fig.tight_layout(rect=(0, bottom / height, 1, 1))  # it leaves the title's height above the panels
