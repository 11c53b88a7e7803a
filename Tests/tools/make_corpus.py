"""Generates the document-engine test corpus (nothing is downloaded).

    make_corpus.py OUTDIR

Writes valid images and PDFs of every kind the wallet accepts, and hostile files it must
refuse, plus manifest.json describing what each file is and what should happen to it.
"""
import io
import json
import pathlib
import struct
import sys
import zlib

import pikepdf
from PIL import Image, ImageDraw

OUT = pathlib.Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)
MANIFEST = []


def add(name, data, expect="ok", error=None, pages=1, image=None, fmt=None):
    (OUT / name).write_bytes(data)
    MANIFEST.append({"file": name, "expect": expect, "error": error, "pages": pages, "image": image, "format": fmt})


def picture(mode, size=(320, 240)):
    """A test picture with gradients, shapes and text-like detail in the given mode."""
    im = Image.new("RGBA", size, (255, 255, 255, 255))
    draw = ImageDraw.Draw(im)
    for x in range(size[0]):
        draw.line([(x, 0), (x, size[1] // 2)], fill=(x % 256, (x * 3) % 256, 200, 255))
    w, h = size
    draw.rectangle([w // 16, h // 2 + h // 24, w - w // 16, h - h // 24], fill=(30, 60, 160, 128))
    draw.ellipse([w // 3, h // 8, w // 3 + w // 4, h // 8 + h // 3], fill=(220, 30, 30, 200))
    draw.text((w // 10, h - h // 6), "Guichet 2026", fill=(0, 0, 0, 255))
    if mode == "RGBA":
        return im
    if mode == "LA":
        return im.convert("LA")
    if mode == "P":
        return im.convert("RGB").quantize(colors=200)
    return im.convert(mode)


def png_bytes(im, **options):
    buffer = io.BytesIO()
    im.save(buffer, "PNG", **options)
    return buffer.getvalue()


def raw_png(width, height, color_type, bit_depth, pixels, interlace=False, extra_chunks=()):
    """A PNG written by hand, for what Pillow cannot write (interlacing, 16-bit with alpha,
    2- and 4-bit grey). `pixels[y][x]` is a tuple of sample values."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    def pack(row):
        out, bits, filled = bytearray(), 0, 0
        for pixel in row:
            for sample in pixel:
                if bit_depth == 16:
                    out += struct.pack(">H", sample)
                elif bit_depth == 8:
                    out.append(sample)
                else:
                    bits = (bits << bit_depth) | sample
                    filled += bit_depth
                    if filled == 8:
                        out.append(bits)
                        bits, filled = 0, 0
        if filled:
            out.append(bits << (8 - filled))
        return b"\0" + bytes(out)

    if interlace:
        data = b""
        for (x0, y0, dx, dy) in [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]:
            for y in range(y0, height, dy):
                row = [pixels[y][x] for x in range(x0, width, dx)]
                if row:
                    data += pack(row)
    else:
        data = b"".join(pack(pixels[y]) for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 1 if interlace else 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + b"".join(chunk(k, v) for k, v in extra_chunks)
            + chunk(b"IDAT", zlib.compress(data)) + chunk(b"IEND", b""))


def pdf_bytes(pages, size=(595, 842)):
    pdf = pikepdf.new()
    for number in range(pages):
        page = pdf.add_blank_page(page_size=size)
        font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica))
        page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        page.Contents = pdf.make_stream(b"BT /F1 24 Tf 72 720 Td (Page %d) Tj ET" % (number + 1))
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


# --- Valid JPEG: their bytes must reach the PDF unchanged.
for mode, name in [("RGB", "jpeg-rgb.jpg"), ("L", "jpeg-gray.jpg"), ("CMYK", "jpeg-cmyk.jpg")]:
    buffer = io.BytesIO()
    picture(mode).save(buffer, "JPEG", quality=90, dpi=(300, 300))
    add(name, buffer.getvalue(), image={"passthrough": True}, fmt="jpeg")
buffer = io.BytesIO()
picture("RGB", (640, 480)).save(buffer, "JPEG", quality=85, progressive=True)
add("jpeg-progressive.jpg", buffer.getvalue(), image={"passthrough": True}, fmt="jpeg")
buffer = io.BytesIO()
picture("RGB", (1600, 1200)).save(buffer, "JPEG", quality=80, dpi=(72, 72))
add("jpeg-photo-72dpi.jpg", buffer.getvalue(), image={"passthrough": True, "a4": True}, fmt="jpeg")

# --- Phone photos stored sideways with an EXIF orientation: the page shows them upright.
def quadrants(size=(320, 200)):
    """Four plain colours, one per corner, so that any wrong turn shows."""
    w, h = size
    im = Image.new("RGB", size)
    draw = ImageDraw.Draw(im)
    for (x, y), colour in {(0, 0): (220, 20, 20), (1, 0): (20, 180, 20), (0, 1): (20, 20, 220), (1, 1): (230, 200, 0)}.items():
        draw.rectangle([x * w // 2, y * h // 2, (x + 1) * w // 2 - 1, (y + 1) * h // 2 - 1], fill=colour)
    return im


for orientation in range(1, 9):
    exif = Image.Exif()
    exif[0x0112] = orientation
    buffer = io.BytesIO()
    quadrants().save(buffer, "JPEG", quality=95, exif=exif.tobytes())
    add("jpeg-exif-orientation-%d.jpg" % orientation, buffer.getvalue(),
        image={"passthrough": True, "orientation": orientation}, fmt="jpeg")

# PNG keeps EXIF data in an eXIf chunk (screenshots and photos exported from phones).
for orientation in [3, 6, 8]:
    exif = Image.Exif()
    exif[0x0112] = orientation
    add("png-exif-orientation-%d.png" % orientation, png_bytes(quadrants(), exif=exif.tobytes()),
        image={"compare": True, "orientation": orientation}, fmt="png")

# --- Valid PNG of every kind: pixels must come out identical.
add("png-gray8.png", png_bytes(picture("L")), image={"compare": True}, fmt="png")
add("png-gray1.png", png_bytes(picture("1")), image={"compare": True}, fmt="png")
add("png-gray4.png", raw_png(81, 60, 0, 4, [[((x + y) % 16,) for x in range(81)] for y in range(60)]), image={"compare": True}, fmt="png")
add("png-gray16.png", png_bytes(picture("L").convert("I;16")), image={"compare": True}, fmt="png")
add("png-rgb8.png", png_bytes(picture("RGB"), dpi=(150, 150)), image={"compare": True}, fmt="png")
add("png-palette8.png", png_bytes(picture("P")), image={"compare": True}, fmt="png")
add("png-palette4.png", png_bytes(picture("RGB").quantize(colors=16), bits=4), image={"compare": True}, fmt="png")
trns = picture("P")
trns.info["transparency"] = 0
add("png-palette-transparent.png", png_bytes(trns, transparency=0), image={"compare": True, "alpha": True}, fmt="png")
add("png-gray-alpha.png", png_bytes(picture("LA")), image={"compare": True, "alpha": True}, fmt="png")
add("png-rgba.png", png_bytes(picture("RGBA")), image={"compare": True, "alpha": True}, fmt="png")
add("png-rgb-colorkey.png", png_bytes(picture("RGB"), transparency=(255, 255, 255)), image={"compare": True}, fmt="png")
rgb = picture("RGB", (97, 61))
add("png-rgb-interlaced.png", raw_png(97, 61, 2, 8, [[rgb.getpixel((x, y)) for x in range(97)] for y in range(61)], interlace=True),
    image={"compare": True}, fmt="png")
rgba16 = picture("RGBA", (53, 37))
add("png-rgba16-interlaced.png", raw_png(53, 37, 6, 16, [[tuple(v * 257 for v in rgba16.getpixel((x, y))) for x in range(53)] for y in range(37)],
                                         interlace=True), image={"compare": True, "alpha": True, "times257": True}, fmt="png")
add("png-gray2-interlaced.png", raw_png(50, 31, 0, 2, [[((x * 3 + y) % 4,) for x in range(50)] for y in range(31)], interlace=True),
    image={"compare": True}, fmt="png")
scan = Image.new("L", (2480, 3508), 250)
ImageDraw.Draw(scan).text((200, 200), "Attestation", fill=0)
add("png-scan-a4-300dpi.png", png_bytes(scan, dpi=(300, 300)), image={"compare": True, "a4": True}, fmt="png")

# --- Valid GIF: the first frame.
add("gif-palette.gif", (lambda b: (picture("P").save(b, "GIF"), b.getvalue())[1])(io.BytesIO()), image={"compare": True}, fmt="gif")
transparent = picture("P")
buffer = io.BytesIO()
transparent.save(buffer, "GIF", transparency=0)
add("gif-transparent.gif", buffer.getvalue(), image={"compare": True, "alpha": True}, fmt="gif")
frames = [picture("RGB").convert("P"), Image.new("P", (320, 240), 3)]
buffer = io.BytesIO()
frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=200, loop=0)
add("gif-animated.gif", buffer.getvalue(), image={"compare": True, "first_frame": True}, fmt="gif")
buffer = io.BytesIO()
picture("P", (199, 151)).save(buffer, "GIF", interlace=True)
add("gif-interlaced.gif", buffer.getvalue(), image={"compare": True}, fmt="gif")

# --- Valid PDF.
for pages in (1, 10, 50):
    add("pdf-%d.pdf" % pages, pdf_bytes(pages), pages=pages, fmt="pdf")

add("pdf-200.pdf", pdf_bytes(200), pages=200, fmt="pdf")
import random
noise = Image.frombytes("RGB", (2000, 2000), random.Random(7).randbytes(2000 * 2000 * 3))
add("noise-2000.png", png_bytes(noise, compress_level=1), expect="error", error="resultTooLarge")

# A PNG named .jpg is a PNG: the name does not matter.
add("png-named.jpg", png_bytes(picture("RGB")), image={"compare": True}, fmt="png")

# --- Hostile files.
jpeg = (OUT / "jpeg-rgb.jpg").read_bytes()
png = (OUT / "png-rgb8.png").read_bytes()
gif = (OUT / "gif-palette.gif").read_bytes()
pdf = (OUT / "pdf-10.pdf").read_bytes()
add("zero.pdf", b"", expect="error", error="empty")
add("text.pdf", "Ceci est un simple texte, pas un PDF.\n".encode(), expect="error", error="unsupportedFormat")
add("html.png", b"<html><script>alert(1)</script></html>", expect="error", error="unsupportedFormat")
add("truncated.jpg", jpeg[: len(jpeg) // 2], expect="error", error="damaged")
add("truncated.png", png[: len(png) // 2], expect="error", error="damaged")
add("truncated.gif", gif[: len(gif) // 2], expect="error", error="damaged")
add("truncated.pdf", pdf[: len(pdf) // 2], expect="error", error="damaged")
corrupt = bytearray(png)
corrupt[len(corrupt) // 2] ^= 0xFF
add("bad-crc.png", bytes(corrupt), expect="error", error="damaged")
garbage = raw_png(4, 4, 0, 8, [[(0,)] * 4] * 4)
index = garbage.index(b"IDAT") + 4
length = struct.unpack(">I", garbage[index - 8:index - 4])[0]
body = bytes((b + 7) % 256 for b in garbage[index:index + length])
garbage = garbage[:index - 4] + b"IDAT" + body + struct.pack(">I", zlib.crc32(b"IDAT" + body) & 0xFFFFFFFF) + garbage[index + length + 4:]
add("not-zlib.png", garbage, expect="error", error="damaged")
xref = bytearray(pdf)
position = xref.rindex(b"startxref") + len(b"startxref\n")
xref[position:position + 3] = b"999"
add("broken-xref.pdf", bytes(xref), expect="error", error="damaged")
for name, password in [("encrypted.pdf", "secret"), ("encrypted-no-password.pdf", "")]:
    source = pikepdf.open(io.BytesIO(pdf))
    buffer = io.BytesIO()
    source.save(buffer, encryption=pikepdf.Encryption(owner="owner-secret", user=password, R=6))
    add(name, buffer.getvalue(), expect="error", error="encrypted")
add("polyglot-jpeg-pdf.jpg", jpeg + pdf, expect="error", error="unexpectedContent")
add("polyglot-png-html.png", png + b"<html><script>alert(1)</script></html>", expect="error", error="unexpectedContent")
add("polyglot-gif-js.gif", gif + b"alert(1)//", expect="error", error="unexpectedContent")
zip_tail = b"PK\x03\x04" + b"\x00" * 26 + b"hidden.txt" + b"PK\x05\x06" + b"\x00" * 18
add("polyglot-pdf-zip.pdf", pdf + zip_tail, expect="error", error="unexpectedContent")
huge = raw_png(1, 1, 0, 8, [[(0,)]])
huge = huge.replace(b"IHDR" + struct.pack(">II", 1, 1), b"IHDR" + struct.pack(">II", 50000, 50000))
ihdr = huge.index(b"IHDR")
huge = huge[:ihdr + 17] + struct.pack(">I", zlib.crc32(huge[ihdr:ihdr + 17]) & 0xFFFFFFFF) + huge[ihdr + 21:]
add("huge-50000x50000.png", huge, expect="error", error="tooManyPixels")
big_gif = bytearray(gif)
big_gif[6:10] = struct.pack("<HH", 12000, 12000)
add("huge-12000x12000.gif", bytes(big_gif), expect="error", error="tooManyPixels")


# --- JPEG whose headers or tables a decoder refuses (libjpeg stops on each): they go
# into the PDF unchanged, so they are refused at upload rather than shown broken.
def jpeg_segments(data):
    """(marker, offset of the marker, offset of the data, end) of each segment up to SOS."""
    found, index = [], 2
    while True:
        marker = data[index + 1]
        length = struct.unpack(">H", data[index + 2:index + 4])[0]
        found.append((marker, index, index + 4, index + 2 + length))
        if marker == 0xDA:
            return found
        index += 2 + length


def first_segment(data, marker):
    return next(s for s in jpeg_segments(data) if s[0] == marker)


def patched(data, at, new):
    return data[:at] + bytes(new) + data[at + len(new):]


_, _, dht, _ = first_segment(jpeg, 0xC4)          # Pillow writes the DC luminance table first
counts = list(jpeg[dht + 1:dht + 17])
add("jpeg-bogus-huffman.jpg", patched(jpeg, dht + 1, [3, sum(counts) - 3] + [0] * 14), expect="error", error="damaged")
add("jpeg-dc-symbol-out-of-range.jpg", patched(jpeg, dht + 17, [0x20]), expect="error", error="damaged")
_, _, sos, _ = first_segment(jpeg, 0xDA)
add("jpeg-undefined-huffman-table.jpg", patched(jpeg, sos + 2, [0x22]), expect="error", error="damaged")
_, _, sof, _ = first_segment(jpeg, 0xC0)
add("jpeg-undefined-quantization-table.jpg", patched(jpeg, sof + 8, [3]), expect="error", error="damaged")
add("jpeg-bad-sampling.jpg", patched(jpeg, sof + 7, [0x50]), expect="error", error="damaged")
add("jpeg-fractional-sampling.jpg", patched(jpeg, sof + 7, [0x32, 0, 2, 0x22]), expect="error", error="unsupportedVariant")
add("jpeg-reserved-marker.jpg", jpeg[:2] + b"\xff\xf0\x00\x04\x00\x00" + jpeg[2:], expect="error", error="damaged")
add("jpeg-arithmetic-conditioning.jpg", jpeg[:2] + b"\xff\xcc\x00\x04\x00\x12" + jpeg[2:], expect="error", error="damaged")
sos_marker = first_segment(jpeg, 0xDA)
add("jpeg-second-full-scan.jpg", jpeg[:-2] + jpeg[sos_marker[1]:sos_marker[3]] + b"\x00\xff\xd9", expect="error", error="damaged")
add("jpeg-no-scan.jpg", jpeg[:sos_marker[1]] + b"\xff\xd9", expect="error", error="damaged")
progressive = (OUT / "jpeg-progressive.jpg").read_bytes()
_, _, first_scan, _ = first_segment(progressive, 0xDA)
count = progressive[first_scan]
add("jpeg-bad-progression.jpg", patched(progressive, first_scan + 2 + 2 * count, [5]), expect="error", error="damaged")
# A progressive decoder has no standard tables to fall back on.
_, start, _, end = first_segment(progressive, 0xC4)
add("jpeg-progressive-missing-table.jpg", progressive[:start] + progressive[end:], expect="error", error="damaged")
# Valid: without Huffman tables, a sequential decoder uses the standard ones, which are
# those Pillow writes when it does not optimise.
no_tables = jpeg
while b"\xff\xc4" in no_tables[:first_segment(no_tables, 0xDA)[1]]:
    _, start, _, end = first_segment(no_tables, 0xC4)
    no_tables = no_tables[:start] + no_tables[end:]
add("jpeg-standard-huffman-tables.jpg", no_tables, image={"passthrough": True}, fmt="jpeg")

big_jpeg = bytearray(jpeg)
sof = big_jpeg.index(b"\xff\xc0")
big_jpeg[sof + 5:sof + 9] = struct.pack(">HH", 20000, 20000)
add("huge-20000x20000.jpg", bytes(big_jpeg), expect="error", error="tooManyPixels")

# --- Decompression bombs (issue 10): each is refused before it is decoded in full.
def compressed_zeros(total, chunk=1 << 20):
    """`total` zero bytes deflated, without ever holding them."""
    deflater = zlib.compressobj(9)
    block = bytes(chunk)
    parts = [deflater.compress(block) for _ in range(total // chunk)]
    parts.append(deflater.flush())
    return b"".join(parts)


def pdf_with_stream(data, **dictionary):
    """A one-page PDF whose content stream holds `data` as stored (already encoded)."""
    document = pikepdf.new()
    page = document.add_blank_page(page_size=(595, 842))
    stream = pikepdf.Stream(document, data)
    for key, value in dictionary.items():
        stream[pikepdf.Name("/" + key)] = value
    page.Contents = document.make_indirect(stream)
    buffer = io.BytesIO()
    document.save(buffer, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return buffer.getvalue()


# Content that inflates twice: a few KB become 600 MB of page description.
twice = zlib.compress(compressed_zeros(600 * 1000 * 1000), 9)
add("pdf-flate-bomb.pdf", pdf_with_stream(twice, Filter=pikepdf.Array([pikepdf.Name.FlateDecode, pikepdf.Name.FlateDecode])),
    expect="error", error="tooMuchContent")
# One layer may still hold more than the portal decodes for one document.
add("pdf-flate-heavy.pdf", pdf_with_stream(compressed_zeros(300 * 1000 * 1000), Filter=pikepdf.Name.FlateDecode),
    expect="error", error="tooMuchContent")
# An image XObject of 400 megapixels (its data need not be there: the size is refused).
document = pikepdf.new()
page = document.add_blank_page(page_size=(595, 842))
image = pikepdf.Stream(document, zlib.compress(bytes(64)))
image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
image.Width, image.Height, image.BitsPerComponent = 20000, 20000, 8
image.ColorSpace, image.Filter = pikepdf.Name.DeviceGray, pikepdf.Name.FlateDecode
page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=document.make_indirect(image)))
page.Contents = document.make_stream(b"q 595 0 0 842 0 0 cm /Im0 Do Q")
buffer = io.BytesIO()
document.save(buffer)
add("pdf-image-400-megapixels.pdf", buffer.getvalue(), expect="error", error="tooManyPixels")
# A tiny PNG declaring a 100-megapixel 16-bit RGBA canvas (800 MB of rows): the data
# cannot hold them, so it is refused before anything is allocated.
canvas = raw_png(1, 1, 6, 16, [[(0, 0, 0, 0)]])
canvas = canvas.replace(b"IHDR" + struct.pack(">II", 1, 1), b"IHDR" + struct.pack(">II", 10000, 10000))
ihdr = canvas.index(b"IHDR")
canvas = canvas[:ihdr + 17] + struct.pack(">I", zlib.crc32(canvas[ihdr:ihdr + 17]) & 0xFFFFFFFF) + canvas[ihdr + 21:]
add("png-canvas-100-megapixels-16-bit.png", canvas, expect="error", error="damaged")

(OUT / "manifest.json").write_text(json.dumps(MANIFEST, indent=1))
print("corpus: %d files in %s" % (len(MANIFEST), OUT))
