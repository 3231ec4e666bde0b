import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The PDFs read back by another reader than the one that checks them elsewhere (pdf.js): poppler's
 * pdftotext, as a clerk's tools would extract them, and pdftoppm, to look at the pages.
 */
const available = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!available && process.env.REQUIRE_POPPLER === '1')
  throw new Error(
    'REQUIRE_POPPLER=1 but pdftotext/pdftoppm are missing: apt-get install poppler-utils',
  );
if (!available)
  console.warn(
    'Poppler PDF checks SKIPPED: no pdftotext/pdftoppm. Install them (apt-get install poppler-utils); .ci/run always runs them.',
  );

/** `it` when poppler's tools are installed, `it.skip` (announced above) when not. */
export const itWithPoppler = available ? it : it.skip;

/** A word and its box on the page, in points from the top left, as `pdftotext -bbox` gives it. */
export interface WordBox {
  word: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

function withFile<T>(pdf: Buffer, use: (dir: string, file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'poppler-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    return use(dir, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Each page's text with its layout kept (`pdftotext -layout`). */
export function pdftotextPages(pdf: Buffer): string[] {
  const text = withFile(pdf, (_, file) =>
    execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']).toString(),
  );
  return text.split('\f').slice(0, -1);
}

/** Each page's words with their boxes (`pdftotext -bbox`). */
export function wordBoxes(pdf: Buffer): WordBox[][] {
  const html = withFile(pdf, (_, file) =>
    execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-']).toString(),
  );
  return html
    .split(/<page [^>]*>/)
    .slice(1)
    .map((page) =>
      [
        ...page.matchAll(
          /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
        ),
      ].map(([, xMin, yMin, xMax, yMax, word]) => ({
        word,
        xMin: Number(xMin),
        yMin: Number(yMin),
        xMax: Number(xMax),
        yMax: Number(yMax),
      })),
    );
}

/**
 * Words of one page printed over each other: their boxes overlap by more than `slack` points both
 * across and down (a line cut off and run into the next one, text over text).
 */
export function overlappingWords(words: WordBox[], slack = 1): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  for (let i = 0; i < words.length; i++)
    for (let j = i + 1; j < words.length; j++) {
      const a = words[i];
      const b = words[j];
      const across = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
      const down = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
      if (across > slack && down > slack) found.push([a.word, b.word]);
    }
  return found;
}

/** The pages as PNG images (`pdftoppm -r <dpi>`), in order. */
export function pageImages(pdf: Buffer, dpi = 80): Buffer[] {
  return withFile(pdf, (dir, file) => {
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), file, join(dir, 'page')]);
    return readdirSync(dir)
      .filter((name) => name.endsWith('.png'))
      .sort()
      .map((name) => readFileSync(join(dir, name)));
  });
}
