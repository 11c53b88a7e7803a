"""Checks the PDFs the engine made from the corpus: pixels identical to the source image
(colour and alpha), JPEG bytes unchanged, page size. Prints one JSON line per file.

    verify_corpus.py CORPUS_DIR RESULTS_DIR
"""
import hashlib
import json
import pathlib
import subprocess
import sys
import tempfile

import pikepdf
from PIL import Image, ImageChops, ImageOps

corpus, results = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
A4 = (595.28, 841.89)


def first_image(pdf):
    page = pdf.pages[0]
    name, obj = next(iter(page.Resources.XObject.items()))
    return page, obj


def same(a, b):
    if a.size != b.size:
        return "size %s != %s" % (a.size, b.size)
    if a.mode != b.mode:
        b = b.convert(a.mode)
    box = ImageChops.difference(a, b).getbbox()
    return None if box is None else "pixels differ in %s" % (box,)


def expected_color_and_alpha(path, entry):
    source = Image.open(path)
    source.seek(0)
    alpha = None
    if entry["image"].get("alpha"):
        rgba = source.convert("RGBA")
        alpha = rgba.getchannel("A")
    if source.mode in ("I;16", "I;16B", "I"):
        return source, alpha, True
    if source.mode in ("1", "L", "LA"):
        return source.convert("L"), alpha, False
    return source.convert("RGB"), alpha, False


def upright_problem(pdf_path, source_path):
    """Renders the page with poppler and compares the picture on it with the source
    turned upright by Pillow (exif_transpose): corner colours and proportions."""
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(["pdftoppm", "-r", "96", "-png", "-singlefile", str(pdf_path), work + "/page"], check=True)
        page = Image.open(work + "/page.png").convert("RGB")
    box = ImageChops.difference(page, Image.new("RGB", page.size, (255, 255, 255))).getbbox()
    if box is None:
        return "blank page"
    seen = page.crop(box)
    expected = ImageOps.exif_transpose(Image.open(source_path)).convert("RGB")
    if (seen.width > seen.height) != (expected.width > expected.height):
        return "picture is %dx%d on the page, upright it is %dx%d" % (seen.width, seen.height, expected.width, expected.height)
    seen, expected = seen.resize((2, 2), Image.BOX), expected.resize((2, 2), Image.BOX)
    for corner in [(0, 0), (1, 0), (0, 1), (1, 1)]:
        a, b = seen.getpixel(corner), expected.getpixel(corner)
        if max(abs(x - y) for x, y in zip(a, b)) > 40:
            return "corner %s is %s, upright it is %s" % (corner, a, b)
    return None


for entry in json.loads((corpus / "manifest.json").read_text()):
    if entry["expect"] != "ok" or not entry["image"]:
        continue
    name = entry["file"]
    result = {"file": name, "problems": []}
    pdf = pikepdf.open(results / (name + ".pdf"))
    page, obj = first_image(pdf)
    box = [float(v) for v in page.MediaBox]
    width, height = box[2] - box[0], box[3] - box[1]
    if entry["image"].get("a4") and sorted([round(width, 1), round(height, 1)]) != [595.3, 841.9]:
        result["problems"].append("page %s x %s is not A4" % (width, height))
    if entry["image"].get("passthrough"):
        original = (corpus / name).read_bytes()
        if hashlib.sha256(obj.read_raw_bytes()).hexdigest() != hashlib.sha256(original).hexdigest():
            result["problems"].append("JPEG bytes changed")
    if entry["image"].get("orientation"):
        problem = upright_problem(results / (name + ".pdf"), corpus / name)
        if problem:
            result["problems"].append("orientation %d: %s" % (entry["image"]["orientation"], problem))
    if entry["image"].get("times257"):
        # 16-bit RGBA written from 8-bit values × 257: every sample is known exactly.
        rgba = Image.open(corpus / name).convert("RGBA")
        pixels = list(rgba.getdata())
        expected_color = b"".join((v * 257).to_bytes(2, "big") for p in pixels for v in p[:3])
        expected_alpha = b"".join((p[3] * 257).to_bytes(2, "big") for p in pixels)
        if obj.read_bytes() != expected_color:
            result["problems"].append("16-bit colour samples differ")
        if "/SMask" not in obj or obj.SMask.read_bytes() != expected_alpha:
            result["problems"].append("16-bit alpha samples differ")
        print(json.dumps(result))
        continue
    if entry["image"].get("compare"):
        color, alpha, sixteen = expected_color_and_alpha(corpus / name, entry)
        if sixteen:
            raw = obj.read_bytes()
            expected = b"".join(color.getpixel((x, y)).to_bytes(2, "big") for y in range(color.height) for x in range(color.width))
            if int(obj.BitsPerComponent) != 16 or raw != expected:
                result["problems"].append("16-bit samples differ")
        else:
            rendered = pikepdf.PdfImage(obj).as_pil_image()
            rendered = rendered.convert("L" if color.mode == "L" else "RGB")
            problem = same(color, rendered)
            if problem:
                result["problems"].append("colour: " + problem)
        if alpha is not None:
            if "/SMask" in obj:
                mask = pikepdf.PdfImage(obj.SMask).as_pil_image().convert("L")
                problem = same(alpha, mask)
                if problem:
                    result["problems"].append("alpha: " + problem)
            elif "/Mask" in obj:
                key = [int(v) for v in obj.Mask]
                indices = pikepdf.PdfImage(obj)
                raw = obj.read_bytes()
                transparent = sum(1 for b in raw if key[0] <= b <= key[1])
                opaque_expected = sum(1 for v in alpha.getdata() if v == 0)
                if transparent != opaque_expected:
                    result["problems"].append("colour-key mask covers %d pixels, expected %d" % (transparent, opaque_expected))
            else:
                result["problems"].append("alpha lost")
    print(json.dumps(result))
