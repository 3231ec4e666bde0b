// Parses a PDF read from stdin with pdf.js and prints {"pages": n, "text": [...per page]} as JSON.
// In its own process: Jest's VM cannot load pdf.js's ES modules.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const pdf = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), verbosity: 0 })
  .promise;
const text = [];
for (let n = 1; n <= pdf.numPages; n++) {
  const content = await (await pdf.getPage(n)).getTextContent();
  text.push(content.items.map((item) => item.str).join(' '));
}
process.stdout.write(
  JSON.stringify({ pages: pdf.numPages, text, info: (await pdf.getMetadata()).info }),
);
