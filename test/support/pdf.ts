import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** The text of each page of a PDF, as pdf.js reads it back. */
export function readPdf(pdf: Buffer): {
  pages: number;
  text: string[];
  info: Record<string, unknown>;
} {
  const out = execFileSync(process.execPath, [join(__dirname, 'pdf-text.mjs')], { input: pdf });
  return JSON.parse(out.toString());
}
