#!/usr/bin/python3
"""Make parallel (clean, OCR) line pairs for the OCR-repair channel model.

Renders the clean corpus documents (never the eval gold, never the OCR seed)
in DejaVu fonts with PIL, reads the pages back with Tesseract's English model
(the damage seed 002 shows), and writes one JSON line per rendered line:
{"clean": ..., "ocr": ...}. Needs the Debian packages tesseract-ocr,
tesseract-ocr-eng, fonts-dejavu-core and python3-pil; the committed channel
table is built from its output, so nothing else ever needs Tesseract.

usage: scripts/repair-render-ocr.py OUT.jsonl DOC...
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import textwrap
import unicodedata

from PIL import Image, ImageDraw, ImageFilter, ImageFont

# (font, pixel size, scan degradation): a clean and a blurred, downsampled
# rendering each, so the table sees both crisp and scanner-like damage.
FONTS = [
    ('/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf', 30, False),
    ('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', 28, False),
    ('/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf', 36, True),
]
WIDTH = 80
PAGE_LINES = 40


def clean_lines(path):
    """Plain lines of a document: Markdown and word-processor marks removed."""
    text = unicodedata.normalize('NFC', open(path, encoding='utf-8').read())
    text = re.sub(r'\[bookmark: [^\]]*\]|\[footnoteRef:\d+\]|<sup>|</sup>', '', text)
    text = text.replace('\u00a0', ' ').replace('\t', ' ')
    out = []
    for line in text.split('\n'):
        line = re.sub(r'^\s*#+\s*', '', line)
        line = re.sub(r'\*\*|__|\*|\|', ' ', line)
        line = re.sub(r'\s+', ' ', line).strip()
        if not line or re.fullmatch(r'[-=_ ]+', line):
            continue
        out.extend(textwrap.wrap(line, WIDTH))
    return out


def ocr_page(lines, font_path, size, degrade, workdir):
    """Render `lines` on one page and return the OCR text of each line."""
    font = ImageFont.truetype(font_path, size)
    step = int(size * 1.9)
    width = int(size * 0.62 * WIDTH) + 200
    height = step * len(lines) + 200
    image = Image.new('L', (width, height), 255)
    draw = ImageDraw.Draw(image)
    tops = []
    for index, line in enumerate(lines):
        top = 100 + index * step
        tops.append(top)
        draw.text((100, top), line, font=font, fill=0)
    if degrade:
        image = image.filter(ImageFilter.GaussianBlur(1.2))
        small = image.resize((width // 2, height // 2), Image.BILINEAR)
        image = small.point(lambda value: 0 if value < 150 else 255).resize((width, height), Image.NEAREST)
    png = os.path.join(workdir, 'page.png')
    image.save(png)
    tsv = subprocess.run(
        ['tesseract', png, '-', '-l', 'eng', '--psm', '6', 'tsv'],
        capture_output=True, text=True, check=True,
        env={**os.environ, 'OMP_THREAD_LIMIT': '1'}
    ).stdout
    words = [[] for _ in lines]
    for row in tsv.split('\n')[1:]:
        cells = row.split('\t')
        if len(cells) < 12 or cells[0] != '5' or not cells[11].strip():
            continue
        left, top, h = int(cells[6]), int(cells[7]), int(cells[9])
        middle = top + h / 2
        # Each word goes to the rendered line whose band holds its middle.
        index = min(range(len(lines)), key=lambda i: abs(tops[i] + size * 0.6 - middle))
        words[index].append((left, cells[11]))
    return [' '.join(word for _, word in sorted(line)) for line in words]


def main():
    out_path, docs = sys.argv[1], sys.argv[2:]
    pairs = []
    with tempfile.TemporaryDirectory() as workdir:
        for doc in docs:
            lines = clean_lines(doc)
            for font_path, size, degrade in FONTS:
                for start in range(0, len(lines), PAGE_LINES):
                    page = lines[start:start + PAGE_LINES]
                    for clean, ocr in zip(page, ocr_page(page, font_path, size, degrade, workdir)):
                        pairs.append({'clean': clean, 'ocr': ocr})
                print(doc, font_path, size, len(pairs), file=sys.stderr)
    with open(out_path, 'w', encoding='utf-8') as handle:
        for pair in pairs:
            handle.write(json.dumps(pair, ensure_ascii=False) + '\n')


main()
