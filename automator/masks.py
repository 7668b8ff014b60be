"""A screenshot's masks over the visible part of each personal element, and no more.

Playwright's `mask=` paints over each element's whole box, above everything on the page: the
mask of a field on the page behind a modal dialog lands on the dialog itself, over words the
person must read (the price they are about to approve). Here each element's box is measured in
the page first, and the part of it under an opaque dialog painted over it is left out, since
that part is not in the picture. Invisible boxes stand in for the rest, and Playwright paints
its mask over them as over any element.

Whatever is in doubt stays masked: an element inside the dialog (whole), a dialog that lets
anything through (see-through, faded, filtered, clipped: only its plain box with its rounded
corners left out counts), an element the dialog is not seen over at every sampled point, one
that takes no pointer (it cannot be hit-tested), and a page that does not answer within a
second (a navigation pending), cannot be measured or is still loading its fonts, or a stopped
run's page: Playwright's own masks then, whole boxes, bounded by the screenshot's timeout.
"""

from __future__ import annotations

import contextlib
import functools
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page

MARKER = "data-automator-mask"  # the invisible boxes' attribute, removed after each shot
FONTS_MS = 1000  # fonts still loading after this: the layout may move, so Playwright's masks
# How long the page may take to answer at all. While a navigation is pending it answers nothing,
# and of the calls that can see the masked elements none has a timeout: this one asks first.
SETTLE_MS = 1000

# The page as the shot will take it (animations="disabled"): false while fonts are loading.
SETTLE = """
async (_root, fontsMs) => {
  const fonts = await Promise.race([document.fonts.ready.then(() => true),
    new Promise((done) => setTimeout(() => done(false), fontsMs))]);
  for (const a of document.getAnimations()) {
    try { if (Number.isFinite(a.effect?.getComputedTiming().endTime)) a.finish(); } catch {}
  }
  return fonts;
}
"""
# Called with the masked elements: places a marker over each visible part; how many, or null
# when a marker did not land where it was put.
VISIBLE_PARTS = """
(elements, attr) => {
  document.querySelectorAll(`[${attr}]`).forEach((m) => m.remove());  // a shot's left behind
  const within = (node, box) => {  // across shadow roots
    for (let n = node; n; n = n.parentNode || n.host) if (n === box) return true;
    return false;
  };
  const alpha = (colour) => {
    const m = colour.match(/^rgba?\\(([^)]*)\\)$/);
    if (!m) return 0;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean);
    return p.length < 4 ? 1 : parseFloat(p[3]) / (p[3].endsWith("%") ? 100 : 1);
  };
  const opaque = (d) => {
    const s = getComputedStyle(d);
    if (alpha(s.backgroundColor) < 1 || s.backgroundClip !== "border-box") return false;
    if (s.clipPath !== "none") return false;
    for (let e = d; e; e = e.parentElement) {
      const t = getComputedStyle(e);
      if (t.opacity !== "1" || t.filter !== "none" || t.mixBlendMode !== "normal") return false;
    }
    return true;
  };
  const rect = (r) => ({x0: r.left, y0: r.top, x1: r.right, y1: r.bottom});
  const meet = (a, b) => ({x0: Math.max(a.x0, b.x0), y0: Math.max(a.y0, b.y0),
    x1: Math.min(a.x1, b.x1), y1: Math.min(a.y1, b.y1)});
  const empty = (r) => r.x1 <= r.x0 || r.y1 <= r.y0;
  const minus = (rects, h) => rects.flatMap((r) => {
    if (empty(meet(r, h))) return [r];
    const y0 = Math.max(r.y0, h.y0), y1 = Math.min(r.y1, h.y1);
    return [{...r, y1: h.y0}, {...r, y0: h.y1}, {x0: r.x0, y0, x1: h.x0, y1},
      {x0: h.x1, y0, x1: r.x1, y1}].filter((p) => !empty(p));
  });
  const screen = {x0: 0, y0: 0, x1: innerWidth, y1: innerHeight};
  const covers = [...document.querySelectorAll("[role=dialog],[role=alertdialog],dialog[open]")]
    .filter((d) => d.checkVisibility({visibilityProperty: true}) && opaque(d)).map((d) => {
      const box = rect(d.getBoundingClientRect()), s = getComputedStyle(d);
      const radius = Math.max(0, ...[s.borderTopLeftRadius, s.borderTopRightRadius, s.borderBottomLeftRadius,
        s.borderBottomRightRadius].join(" ").split(" ").map((v) => v.endsWith("%")
          ? parseFloat(v) / 100 * Math.max(box.x1 - box.x0, box.y1 - box.y0) : parseFloat(v) || 0));
      return {d, box, holes: [{...box, x0: box.x0 + radius, x1: box.x1 - radius},
        {...box, y0: box.y0 + radius, y1: box.y1 - radius}]};
    });
  const over = ({d, box}, r) => {  // the dialog is what shows wherever it meets the element
    const m = meet(r, box);
    if (empty(m)) return false;
    for (const fx of [1 / 6, 1 / 2, 5 / 6]) for (const fy of [1 / 6, 1 / 2, 5 / 6]) {
      const hit = document.elementFromPoint(m.x0 + fx * (m.x1 - m.x0), m.y0 + fy * (m.y1 - m.y0));
      if (!hit || !within(hit, d)) return false;
    }
    return true;
  };
  const parts = elements.filter((el) => el.checkVisibility({visibilityProperty: true})).flatMap((el) => {
    const whole = meet(rect(el.getBoundingClientRect()), screen);
    let rects = [whole].filter((r) => !empty(r));
    if (!rects.length || getComputedStyle(el).pointerEvents === "none") return rects;
    for (const cover of covers) {
      if (!within(el, cover.d) && !within(cover.d, el) && over(cover, whole))
        rects = cover.holes.reduce(minus, rects);
    }
    return rects;
  });
  const markers = parts.map((r) => {
    const m = document.createElement("div");
    m.setAttribute(attr, "");
    const style = {position: "fixed", left: `${r.x0}px`, top: `${r.y0}px`, width: `${r.x1 - r.x0}px`,
      height: `${r.y1 - r.y0}px`, margin: "0", padding: "0", border: "0", transform: "none",
      visibility: "hidden", "pointer-events": "none"};
    for (const [k, v] of Object.entries(style)) m.style.setProperty(k, v, "important");
    document.documentElement.appendChild(m);
    return [m, r];
  });
  const placed = markers.every(([m, r]) => {
    const b = m.getBoundingClientRect();
    return [b.left - r.x0, b.top - r.y0, b.right - r.x1, b.bottom - r.y1].every((d) => Math.abs(d) < 0.5);
  });
  if (!placed) markers.forEach(([m]) => m.remove());
  return placed ? markers.length : null;
}
"""
REMOVE = "(_root, attr) => document.querySelectorAll(`[${attr}]`).forEach((m) => m.remove())"


def masked_screenshot(
    page: Page, masks: list[Locator], path: Path, timeout_ms: float, *, whole: bool = False
) -> None:
    """A screenshot of the viewport at `path` with the visible part of every element of `masks`
    painted over (Playwright's mask colour). Whole boxes, as Playwright paints them, with
    `whole` (a stopped run's page: a load may be pending) and when the page cannot be measured."""
    shoot = functools.partial(
        page.screenshot, path=path, animations="disabled", caret="hide", timeout=timeout_ms
    )
    parts = None if whole or not masks else _visible_parts(page, masks)
    if parts is None:
        shoot(mask=masks)
        return
    try:
        shoot(mask=[page.locator(f"[{MARKER}]")] if parts else [])
    finally:
        with contextlib.suppress(PlaywrightError):  # gone with the page, if it moved on
            page.locator(":root").evaluate(REMOVE, MARKER, timeout=SETTLE_MS)


def _visible_parts(page: Page, masks: list[Locator]) -> int | None:
    """How many markers now stand for the visible parts of `masks`; None: mask whole boxes."""
    try:
        if not page.locator(":root").evaluate(SETTLE, FONTS_MS, timeout=SETTLE_MS):
            return None
        found: int | None = functools.reduce(Locator.or_, masks).evaluate_all(VISIBLE_PARTS, MARKER)
    except PlaywrightError:  # no answer (a navigation pending), or the page moved on under it
        return None
    return found
