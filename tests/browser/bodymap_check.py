#!/usr/bin/env python3
"""Checks the body-map outlines in Sources/ConfidantWeb/Public/bodymap against BodyRegion.swift, and draws them.

A standalone script (not part of the test runner):

    python3 tests/browser/bodymap_check.py [--out DIR]

It checks that
  * each SVG has the agreed root (viewBox 0 0 200 440, class bodymap-outline, aria-labelledby a <title id="t">)
    and holds nothing that reaches outside the file (no scripts, images, fonts, foreign objects or external links);
  * every region id in BodyRegion.swift appears exactly once in each SVG of its side, and no SVG has a region
    the Swift file does not list; each region has id "r-<region>", class "region", data-region "<region>" and a
    <title> that matches the Swift name;
  * left and right are the person's own (on a front view their left is on the viewer's right), and the trunk,
    arms and legs run head to toe (each region's centre below the one above it);
  * the regions cover the figure: a copy of each SVG with every region filled in its own colour (no strokes,
    no anti-aliasing) is screenshotted in headless Chromium, and any pixel that is neither white nor a region
    colour, any white pixel enclosed by the figure, and any hairline white slit into it (four or more pixels)
    is a gap.

It also writes plain screenshots at twice the SVG's size, for looking at: DIR/bodymap-<name>.png (the outline),
DIR/bodymap-<name>-regions.png (the colour-coded regions) and DIR/bodymap-sheet.png (all of them side by side).
DIR is /tmp unless --out says otherwise. Needs python3, Pillow (pip install pillow) and `chromium`.
"""
import argparse
import colorsys
import copy
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import deque
from pathlib import Path

try:
    from PIL import Image, ImageDraw
except ImportError:  # pragma: no cover - a hint rather than a traceback
    sys.exit("bodymap_check.py needs Pillow: python3 -m pip install pillow")

ROOT = Path(__file__).resolve().parents[2]
SVG_DIR = ROOT / "Sources" / "ConfidantWeb" / "Public" / "bodymap"
SWIFT = ROOT / "Sources" / "ConfidantCore" / "BodyMaps" / "BodyRegion.swift"
OUTLINES = {"child-front": "front", "child-back": "back", "adult-front": "front", "adult-back": "back"}
SVG_NS = "http://www.w3.org/2000/svg"
NS = {"svg": SVG_NS}
WIDTH, HEIGHT = 400, 880  # the SVG's 200 x 440 box at 2x
SIZE_LIMIT = 12 * 1024
DRAWING = {"path", "polygon", "polyline", "ellipse", "circle", "rect", "line"}
FORBIDDEN = {"script", "image", "foreignObject", "use", "a", "iframe", "video", "audio", "font", "font-face"}

ET.register_namespace("", SVG_NS)


def local(tag):
    return tag.rsplit("}", 1)[-1]


def swift_regions():
    """(id, name, side) for every BodyRegion(...) literal in BodyRegion.swift, in order."""
    text = SWIFT.read_text(encoding="utf-8")
    found = re.findall(r'BodyRegion\(id:\s*"([^"]+)",\s*name:\s*"([^"]+)",\s*side:\s*\.(front|back)\)', text)
    if not found:
        raise SystemExit(f"no BodyRegion(id:name:side:) literals found in {SWIFT}")
    return found


def check_svg(name, side, expected, problems):
    """Structural checks; returns the parsed tree."""
    path = SVG_DIR / f"{name}.svg"
    data = path.read_bytes()
    if len(data) > SIZE_LIMIT:
        problems.append(f"{name}: {len(data)} bytes, over the {SIZE_LIMIT}-byte budget")
    tree = ET.parse(path)
    root = tree.getroot()
    if root.tag != f"{{{SVG_NS}}}svg":
        problems.append(f"{name}: root element is {root.tag}, not an SVG <svg>")
    if root.get("viewBox") != "0 0 200 440":
        problems.append(f"{name}: viewBox is {root.get('viewBox')!r}, not '0 0 200 440'")
    if "bodymap-outline" not in (root.get("class") or "").split():
        problems.append(f"{name}: root has no class bodymap-outline")
    label = root.get("aria-labelledby")
    titles = [t for t in root.findall("svg:title", NS) if t.get("id") == label]
    if not label or not titles or not (titles[0].text or "").strip():
        problems.append(f"{name}: aria-labelledby={label!r} does not name a non-empty top-level <title>")
    for element in root.iter():
        tag = local(element.tag)
        if tag in FORBIDDEN:
            problems.append(f"{name}: has a <{tag}> element")
        for key, value in element.attrib.items():
            if local(key) == "href" or (value and re.search(r"url\(\s*['\"]?(?!#)", value)):
                problems.append(f"{name}: <{tag}> refers outside the file ({local(key)}={value!r})")
            if local(key).startswith("on"):
                problems.append(f"{name}: <{tag}> has an event handler ({local(key)})")
        if tag == "style" and re.search(r"@import|@font-face|url\(\s*['\"]?(?!#)", element.text or ""):
            problems.append(f"{name}: <style> refers outside the file")

    seen = {}
    for element in root.iter():
        if "region" not in (element.get("class") or "").split():
            continue
        region = element.get("data-region") or ""
        seen[region] = seen.get(region, 0) + 1
        if local(element.tag) not in DRAWING:
            problems.append(f"{name}: region {region!r} is a <{local(element.tag)}>, not a shape")
        if element.get("id") != f"r-{region}":
            problems.append(f"{name}: region {region!r} has id {element.get('id')!r}, expected 'r-{region}'")
        title = element.find("svg:title", NS)
        if title is None or not (title.text or "").strip():
            problems.append(f"{name}: region {region!r} has no <title>")
        elif region in expected and title.text.strip() != expected[region]:
            problems.append(f"{name}: region {region!r} is titled {title.text.strip()!r}, BodyRegion.swift says "
                            f"{expected[region]!r}")
        if not region.endswith("-" + side):
            problems.append(f"{name}: region {region!r} is not a {side} region")
    for region in expected:
        if seen.get(region, 0) != 1:
            problems.append(f"{name}: region {region!r} appears {seen.get(region, 0)} times, expected once")
    for region in seen:
        if region not in expected:
            problems.append(f"{name}: region {region!r} is not in BodyRegion.swift")
    return tree


def chromium():
    for candidate in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(candidate)
        if found:
            return found
    raise SystemExit("bodymap_check.py needs headless Chromium (`chromium`) on the PATH")


def screenshot(svg_text, png, work):
    """Shows the SVG at 2x on a white page in headless Chromium and saves a PNG of the window."""
    svg_text = re.sub(r"^<\?xml[^>]*>\s*", "", svg_text)
    page = work / (png.stem + ".html")
    page.write_text(
        "<!doctype html><html><head><meta charset='utf-8'><style>"
        f"html,body{{margin:0;background:#fff}}svg{{display:block;width:{WIDTH}px;height:{HEIGHT}px}}"
        f"</style></head><body>{svg_text}</body></html>",
        encoding="utf-8",
    )
    command = [chromium(), "--headless", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
               f"--window-size={WIDTH},{HEIGHT}", f"--screenshot={png}", f"--user-data-dir={work / 'profile'}",
               page.as_uri()]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.insert(1, "--no-sandbox")
    if png.exists():
        png.unlink()
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
    if not png.exists():
        raise SystemExit(f"chromium made no screenshot for {png.name}")
    image = Image.open(png).convert("RGB")
    if image.size != (WIDTH, HEIGHT):
        image = image.crop((0, 0, WIDTH, HEIGHT))
    image.save(png)
    return image


def region_colours(count):
    """Clearly different, non-white colours, one a region."""
    colours = []
    for index in range(count):
        hue = (index * 0.618033988749895) % 1.0
        value = 0.55 + 0.35 * ((index * 7) % 3) / 2
        r, g, b = colorsys.hsv_to_rgb(hue, 0.85, value)
        colours.append((int(r * 255), int(g * 255), int(b * 255)))
    return colours


def coloured_variant(tree):
    """The SVG with each region filled in its own colour, no strokes or other drawing, and no anti-aliasing."""
    tree = copy.deepcopy(tree)
    root = tree.getroot()
    parents = {child: parent for parent in root.iter() for child in parent}
    regions = [e for e in root.iter() if "region" in (e.get("class") or "").split()]
    colours = region_colours(len(regions))
    for element in list(root.iter()):
        if local(element.tag) in DRAWING and element not in regions:
            parents[element].remove(element)
        elif local(element.tag) == "style":
            parents[element].remove(element)
    legend = {}
    for element, colour in zip(regions, colours):
        hex_colour = "#%02x%02x%02x" % colour
        element.set("fill", hex_colour)
        element.set("stroke", "none")
        element.set("shape-rendering", "crispEdges")
        element.set("style", f"fill:{hex_colour};stroke:none")
        legend[colour] = element.get("data-region")
    root.set("shape-rendering", "crispEdges")
    return ET.tostring(root, encoding="unicode"), legend


def coverage(image, legend):
    """Gap pixels (stray colours, enclosed white, hairline white seams) and pixels counted per region."""
    width, height = image.size
    pixels = image.load()
    white = (255, 255, 255)
    counts = {region: 0 for region in legend.values()}
    sums = {region: [0, 0] for region in legend.values()}
    stray = []
    is_white = [[False] * width for _ in range(height)]
    for y in range(height):
        row = is_white[y]
        for x in range(width):
            colour = pixels[x, y]
            if colour == white or min(colour) >= 250:
                row[x] = True
                continue
            region = legend.get(colour)
            if region is None:  # allow for a little colour management or rounding
                near = min(legend, key=lambda c: sum(abs(a - b) for a, b in zip(c, colour)))
                if sum(abs(a - b) for a, b in zip(near, colour)) <= 9:
                    region = legend[near]
            if region is None:
                stray.append((x, y))
            else:
                counts[region] += 1
                sums[region][0] += x
                sums[region][1] += y
    # white reachable from the window's edge is background; any other white is a hole inside the figure
    outside = [[False] * width for _ in range(height)]
    queue = deque()
    for x in range(width):
        for y in (0, height - 1):
            if is_white[y][x] and not outside[y][x]:
                outside[y][x] = True
                queue.append((x, y))
    for y in range(height):
        for x in (0, width - 1):
            if is_white[y][x] and not outside[y][x]:
                outside[y][x] = True
                queue.append((x, y))
    while queue:
        x, y = queue.popleft()
        for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
            if 0 <= nx < width and 0 <= ny < height and is_white[ny][nx] and not outside[ny][nx]:
                outside[ny][nx] = True
                queue.append((nx, ny))
    holes = [(x, y) for y in range(height) for x in range(width) if is_white[y][x] and not outside[y][x]]
    # a seam: a slit of white one pixel wide with figure immediately on both sides, across or down, at least four
    # pixels (two SVG units) long; shorter ones are the tips of the outline's own narrow corners (armpit, thumb)
    def figure(x, y):
        return 0 <= x < width and 0 <= y < height and not is_white[y][x]

    slit = set()
    for y in range(height):
        for x in range(width):
            if is_white[y][x] and outside[y][x] and (figure(x - 1, y) and figure(x + 1, y) or
                                                     figure(x, y - 1) and figure(x, y + 1)):
                slit.add((x, y))
    seams = []
    while slit:
        component = [slit.pop()]
        index = 0
        while index < len(component):
            x, y = component[index]
            index += 1
            for nx in (x - 1, x, x + 1):
                for ny in (y - 1, y, y + 1):
                    if (nx, ny) in slit:
                        slit.remove((nx, ny))
                        component.append((nx, ny))
        if len(component) >= 4:
            seams += component
    centres = {region: (sx / counts[region] / 2, sy / counts[region] / 2) for region, (sx, sy) in sums.items()
               if counts[region]}
    return stray, holes, seams, counts, centres


# Each chain runs head to toe: every region's centre must lie lower in the box than the one before it.
CHAINS = [
    ["head", "neck", "chest", "abdomen", "pelvis"],
    ["head", "neck", "upper-back", "lower-back", "buttocks"],
    ["shoulder", "upper-arm", "elbow", "forearm", "hand"],
    ["thigh", "knee", "lower-leg", "foot"],
]


def check_layout(name, side, centres, problems):
    """Left and right are the person's own; limbs and trunk run head to toe."""
    for region, (x, _) in centres.items():
        base = region[: -len("-" + side)]
        if base.startswith(("left-", "right-")):
            # front view: the person's left is on the viewer's right (x > 100); back view: on the viewer's left
            on_viewer_right = x > 100
            should = (base.startswith("left-") == (side == "front"))
            if on_viewer_right != should:
                problems.append(f"{name}: {region!r} is drawn on the viewer's {'right' if on_viewer_right else 'left'}")
    compared = set()
    for chain in CHAINS:
        for prefix in ("", "left-", "right-") if chain[0] == "shoulder" or chain[0] == "thigh" else ("",):
            ids = [f"{prefix}{part}-{side}" for part in chain]
            ys = [(i, centres[i][1]) for i in ids if i in centres]
            if len(ys) < 2:
                continue
            for (upper, y0), (lower, y1) in zip(ys, ys[1:]):
                if (upper, lower) in compared:
                    continue
                compared.add((upper, lower))
                if y1 <= y0:
                    problems.append(f"{name}: {lower!r} (centre y {y1:.1f}) is not below {upper!r} (y {y0:.1f})")
    if side == "front" and "face-front" in centres and "head-front" in centres:
        if centres["face-front"][1] <= centres["head-front"][1]:
            problems.append(f"{name}: the face's centre is above the head's")


def bbox(points):
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return f"x {min(xs) / 2:.1f}-{max(xs) / 2:.1f}, y {min(ys) / 2:.1f}-{max(ys) / 2:.1f} (SVG units)"


def figure_box(image):
    width, height = image.size
    pixels = image.load()
    xs, ys = [], []
    for y in range(height):
        for x in range(width):
            if min(pixels[x, y]) < 250:
                xs.append(x)
                ys.append(y)
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def contact_sheet(images, path):
    gap = 16
    label_height = 22
    sheet = Image.new("RGB", (len(images) * (WIDTH + gap) + gap, HEIGHT + label_height + gap), "white")
    draw = ImageDraw.Draw(sheet)
    for index, (label, image) in enumerate(images):
        left = gap + index * (WIDTH + gap)
        draw.text((left + 4, 4), label, fill=(40, 40, 40))
        sheet.paste(image, (left, label_height))
        draw.rectangle((left - 1, label_height - 1, left + WIDTH, label_height + HEIGHT), outline=(220, 220, 220))
    sheet.save(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", default="/tmp", help="where the PNG screenshots go (default /tmp)")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    problems = []
    regions = swift_regions()
    ids = [r[0] for r in regions]
    for duplicate in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(f"BodyRegion.swift: {duplicate!r} is listed more than once")
    for region_id, _, side in regions:
        if not region_id.endswith("-" + side):
            problems.append(f"BodyRegion.swift: {region_id!r} does not end in -{side}")
        if not re.fullmatch(r"[a-z]+(-[a-z]+)*", region_id):
            problems.append(f"BodyRegion.swift: {region_id!r} is not kebab-case")
    by_side = {side: {r[0]: r[1] for r in regions if r[2] == side} for side in ("front", "back")}
    print(f"BodyRegion.swift: {len(by_side['front'])} front regions, {len(by_side['back'])} back regions")

    sheet = []
    with tempfile.TemporaryDirectory(prefix="bodymap-") as temporary:
        work = Path(temporary)
        for name, side in OUTLINES.items():
            before = len(problems)
            tree = check_svg(name, side, by_side[side], problems)
            size = (SVG_DIR / f"{name}.svg").stat().st_size
            plain = screenshot((SVG_DIR / f"{name}.svg").read_text(encoding="utf-8"), out / f"bodymap-{name}.png", work)
            variant, legend = coloured_variant(tree)
            coloured = screenshot(variant, out / f"bodymap-{name}-regions.png", work)
            stray, holes, seams, counts, centres = coverage(coloured, legend)
            check_layout(name, side, centres, problems)
            box = figure_box(coloured)
            if stray:
                problems.append(f"{name}: {len(stray)} pixels are neither background nor a region colour, {bbox(stray)}")
            if holes:
                problems.append(f"{name}: {len(holes)} white pixels enclosed by the figure (gaps), {bbox(holes)}")
            if seams:
                problems.append(f"{name}: {len(seams)} pixels of hairline white seam in the figure, {bbox(seams)}")
            for region, count in counts.items():
                if count < 40:
                    problems.append(f"{name}: region {region!r} shows only {count} pixels at 2x")
            smallest = min(counts.items(), key=lambda item: item[1])
            figure_pixels = sum(counts.values())
            status = "ok" if len(problems) == before else "PROBLEMS"
            print(f"{name}.svg: {size} bytes, {len(counts)} regions, figure box "
                  f"{bbox([box[:2], box[2:]]) if box else 'empty'}, {figure_pixels} figure pixels at 2x, "
                  f"{len(holes) + len(seams) + len(stray)} gap pixels, smallest region {smallest[0]} "
                  f"({smallest[1]} px) - {status}")
            sheet.append((name, plain))
            sheet.append((name + " regions", coloured))
    contact_sheet(sheet[0::2], out / "bodymap-sheet.png")
    contact_sheet(sheet[1::2], out / "bodymap-sheet-regions.png")
    print(f"screenshots: {out}/bodymap-<name>.png, {out}/bodymap-<name>-regions.png, "
          f"{out}/bodymap-sheet.png, {out}/bodymap-sheet-regions.png")
    if problems:
        print(f"\n{len(problems)} problem(s):")
        for problem in problems:
            print("  - " + problem)
        return 1
    print("all body-map checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
