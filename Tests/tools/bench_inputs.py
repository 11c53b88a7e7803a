"""Generates the benchmark inputs: a 12 MP photo (JPEG), A4 300 dpi scans in grey and
colour (PNG), an RGBA PNG, a palette GIF, and PDFs of 1, 10 and 50 pages.

    bench_inputs.py OUTDIR
"""
import io
import pathlib
import random
import sys

import pikepdf
from PIL import Image, ImageDraw, ImageFilter

out = pathlib.Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
rng = random.Random(2026)


def page_text(draw, width, height, colour):
    for line in range(60):
        y = 200 + line * (height - 400) // 60
        x = 200
        while x < width - 300:
            word = rng.randint(40, 220)
            draw.rectangle([x, y, x + word, y + 28], fill=colour)
            x += word + rng.randint(25, 45)


# A 12-megapixel photo: smooth gradients and texture, as a camera gives.
photo = Image.effect_noise((4000, 3000), 40).convert("RGB")
gradient = Image.linear_gradient("L").resize((4000, 3000)).convert("RGB")
photo = Image.blend(photo, gradient, 0.6).filter(ImageFilter.GaussianBlur(1.2))
photo.save(out / "photo-12mp.jpg", quality=90)

# A4 scans at 300 dpi: white paper, black text, a little scanner noise.
for mode, name in [("L", "scan-a4-gray.png"), ("RGB", "scan-a4-rgb.png")]:
    scan = Image.new(mode, (2480, 3508), 245 if mode == "L" else (245, 243, 238))
    draw = ImageDraw.Draw(scan)
    page_text(draw, 2480, 3508, 20 if mode == "L" else (25, 25, 60))
    noise = Image.effect_noise((2480, 3508), 6).convert(mode)
    scan = Image.blend(scan, noise, 0.08)
    scan.save(out / name, dpi=(300, 300))

rgba = Image.new("RGBA", (1600, 1200), (0, 0, 0, 0))
draw = ImageDraw.Draw(rgba)
for _ in range(400):
    x, y = rng.randint(0, 1500), rng.randint(0, 1100)
    draw.ellipse([x, y, x + rng.randint(20, 200), y + rng.randint(20, 200)],
                 fill=(rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255), rng.randint(60, 255)))
rgba.save(out / "rgba.png")

photo.resize((1600, 1200)).quantize(colors=256).save(out / "palette.gif")

for pages in (1, 10, 50):
    pdf = pikepdf.new()
    for number in range(pages):
        page = pdf.add_blank_page(page_size=(595, 842))
        font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica))
        page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        text = b"BT /F1 11 Tf 50 800 Td 14 TL " + b" ".join(b"(Ligne %d de la page %d du document) '" % (i, number + 1) for i in range(50)) + b" ET"
        page.Contents = pdf.make_stream(text)
    pdf.save(out / ("document-%d.pdf" % pages))
print("inputs in", out)
