import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** A text item as pdf.js places it: PDF points, origin bottom left, `y` its baseline. */
export interface PdfTextItem {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The text of each page of a PDF, and its items with their positions, as pdf.js reads it back. */
export function readPdf(pdf: Buffer): {
  pages: number;
  text: string[];
  items: PdfTextItem[][];
  info: Record<string, unknown>;
} {
  const out = execFileSync(process.execPath, [join(__dirname, 'pdf-text.mjs')], {
    input: pdf,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.toString());
}

/**
 * Pairs of text items of one page printed over each other: their boxes (baseline to baseline plus
 * the font size, start to start plus the width) overlap both vertically and horizontally, beyond a
 * tolerance of `slack` points. Blank items are ignored.
 */
export function overprints(items: PdfTextItem[], slack = 0.5): Array<[string, string]> {
  const boxes = items
    .filter((item) => item.str.trim() !== '' && item.width > 0)
    .map((item) => ({
      str: item.str,
      left: item.x + slack,
      right: item.x + item.width - slack,
      bottom: item.y + slack,
      top: item.y + item.height - slack,
    }));
  const found: Array<[string, string]> = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (a.left < b.right && b.left < a.right && a.bottom < b.top && b.bottom < a.top)
        found.push([a.str, b.str]);
    }
  return found;
}
