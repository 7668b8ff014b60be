"""Reading screenshots: the mask colour, and where it lies."""

from __future__ import annotations

from PIL import Image
from playwright.sync_api import FloatRect

MASK = (255, 0, 255)  # Playwright's mask colour


def masked_pixels(image: Image.Image, box: FloatRect) -> int:
    """How many pixels of `box` (CSS pixels, a 1:1 screenshot) are the mask colour."""
    region = image.crop(
        (int(box["x"]), int(box["y"]), int(box["x"] + box["width"]), int(box["y"] + box["height"]))
    )
    colours = region.getcolors(maxcolors=region.width * region.height) or []
    return sum(count for count, colour in colours if colour == MASK)


def dialog_box(image: Image.Image) -> FloatRect:
    """The box of a modal dialog in a screenshot: its only pure white pixels, the backdrop
    dimming everything else."""
    white = image.convert("RGB").point(lambda v: 255 if v == 255 else 0).convert("L")
    found = white.point(lambda v: 255 if v == 255 else 0).getbbox()
    assert found is not None, "no dialog in the screenshot"
    left, top, right, bottom = found
    return {"x": left, "y": top, "width": right - left, "height": bottom - top}
