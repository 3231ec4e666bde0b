// Parses a PDF read from stdin with pdf.js and prints as JSON {"pages": n, "text": [...per page],
// "items": [[{str, x, y, width, height}...] per page], "info": {...}}: each text item's box in PDF
// points, origin bottom left, y its baseline. In its own process: Jest's VM cannot load pdf.js's ES
// modules.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const pdf = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), verbosity: 0 })
  .promise;
const text = [];
const items = [];
for (let n = 1; n <= pdf.numPages; n++) {
  const content = await (await pdf.getPage(n)).getTextContent();
  text.push(content.items.map((item) => item.str).join(' '));
  items.push(
    content.items
      .filter((item) => 'str' in item)
      .map((item) => ({
        str: item.str,
        x: item.transform[4],
        y: item.transform[5],
        width: item.width,
        height: item.height,
      })),
  );
}
process.stdout.write(
  JSON.stringify({ pages: pdf.numPages, text, items, info: (await pdf.getMetadata()).info }),
);
