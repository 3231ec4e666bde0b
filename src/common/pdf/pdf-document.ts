import PDFDocument from 'pdfkit';

import { PdfStrings } from './pdf-strings';

export const INK = '#1a1a1a';
export const MUTED = '#555555';
export const ACCENT = '#8b1a1a';
export const RULE = '#b0b0b0';

const MARGIN = 56;
/** Room kept at the top and bottom of every page for the header and footer, written last. */
const HEADER = 34;
const FOOTER = 34;
const BODY = 10;

/** The time zone a jurisdiction's documents are dated in. */
export function timeZoneOf(jurisdiction: string): string {
  return jurisdiction.startsWith('BE') ? 'Europe/Brussels' : 'Europe/Paris';
}

export interface FrameOptions {
  title: string;
  reference: string;
  jurisdiction: string;
  generatedAt: Date;
  strings: PdfStrings;
}

/**
 * The frame of every printed document (the report, the decision, the concertation minutes): A4, standard fonts, text that
 * wraps and is measured before it is placed (a line is never printed over another), headings kept
 * with what follows, and, once the body is written, on every page the case reference, the
 * confidentiality notice, the print date and "Page n / N". pdfkit with buffered pages.
 */
export class PdfFrame {
  readonly doc: PDFKit.PDFDocument;
  readonly width: number;
  readonly left = MARGIN;
  private readonly done: Promise<Buffer>;

  constructor(private readonly options: FrameOptions) {
    this.doc = new PDFDocument({
      size: 'A4',
      bufferPages: true,
      margins: { top: MARGIN + HEADER, bottom: MARGIN + FOOTER, left: MARGIN, right: MARGIN },
      info: {
        Title: `${options.title} — ${options.reference}`,
        Author: 'TGD',
        Subject: options.reference,
      },
    });
    const chunks: Buffer[] = [];
    this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    this.done = new Promise((resolve) => this.doc.on('end', () => resolve(Buffer.concat(chunks))));
    this.width = this.doc.page.width - 2 * MARGIN;
    this.doc.fillColor(INK).font('Helvetica').fontSize(BODY);
  }

  get t(): PdfStrings {
    return this.options.strings;
  }

  /** The lowest y the body may reach on this page. */
  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** A new page unless `height` points still fit on this one. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  /** A date (YYYY-MM-DD or an instant) in the document's language and jurisdiction's time zone. */
  date(value: Date | string): string {
    const day = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
    const when = typeof value === 'string' ? new Date(day ? `${value}T12:00:00Z` : value) : value;
    return new Intl.DateTimeFormat(this.t.dateLocale, {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      timeZone: day ? 'UTC' : timeZoneOf(this.options.jurisdiction),
    }).format(when);
  }

  dateTime(value: Date | string): string {
    const when = new Date(value);
    const time = new Intl.DateTimeFormat(this.t.dateLocale, {
      hour: '2-digit',
      minute: '2-digit',
      timeZone: timeZoneOf(this.options.jurisdiction),
    }).format(when);
    return this.t.at(this.date(when), time);
  }

  /** Measured height of `text` at the current font, in `width`. */
  height(text: string, width: number, options: PDFKit.Mixins.TextOptions = {}): number {
    return this.doc.heightOfString(text, { width, ...options });
  }

  title(text: string, subtitle?: string): void {
    this.doc.font('Helvetica-Bold').fontSize(15).fillColor(INK);
    this.text(text);
    if (subtitle) {
      this.doc.font('Helvetica').fontSize(10).fillColor(MUTED);
      this.text(subtitle);
    }
    this.doc.moveDown(0.4).fillColor(INK).font('Helvetica').fontSize(BODY);
  }

  /** A section heading, kept on the page with at least `keep` points of what follows. */
  heading(text: string, keep = 60): void {
    this.doc.font('Helvetica-Bold').fontSize(12);
    const h = this.height(text, this.width);
    this.ensure(h + 14 + keep);
    if (this.doc.y > this.doc.page.margins.top + 1) this.doc.y += 12;
    this.doc.fillColor(ACCENT).text(text, this.left, this.doc.y, { width: this.width });
    const y = this.doc.y + 2;
    this.doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(0.5)
      .strokeColor(ACCENT)
      .stroke();
    this.doc.y = y + 6;
    this.doc.fillColor(INK).font('Helvetica').fontSize(BODY);
  }

  /** A paragraph across the page (or indented), on a new page if it does not fit whole. */
  text(text: string, options: { indent?: number; color?: string; gap?: number } = {}): void {
    const indent = options.indent ?? 0;
    const width = this.width - indent;
    const h = this.height(text, width);
    if (h < this.bottom - this.doc.page.margins.top) this.ensure(h);
    if (options.color) this.doc.fillColor(options.color);
    this.doc.text(text, this.left + indent, this.doc.y, { width });
    this.doc.fillColor(INK);
    this.doc.y += options.gap ?? 2;
  }

  /** A label and its value side by side, each wrapped in its column; the taller sets the row. */
  field(label: string, value: string, labelWidth = 150): void {
    const valueWidth = this.width - labelWidth - 8;
    this.doc.font('Helvetica-Bold');
    const lh = this.height(label, labelWidth);
    this.doc.font('Helvetica');
    const vh = this.height(value, valueWidth);
    const h = Math.max(lh, vh);
    this.ensure(h);
    const y = this.doc.y;
    this.doc
      .font('Helvetica-Bold')
      .fillColor(MUTED)
      .text(label, this.left, y, { width: labelWidth });
    this.doc
      .font('Helvetica')
      .fillColor(INK)
      .text(value, this.left + labelWidth + 8, y, { width: valueWidth });
    this.doc.x = this.left;
    this.doc.y = y + h + 3;
  }

  /** A bulleted list item, wrapped under its own text. */
  bullet(text: string, options: { color?: string; bold?: boolean } = {}): void {
    this.doc.font(options.bold ? 'Helvetica-Bold' : 'Helvetica');
    const h = this.height(text, this.width - 14);
    this.ensure(h);
    const y = this.doc.y;
    this.doc.fillColor(options.color ?? INK).text('•', this.left + 2, y, { lineBreak: false });
    this.doc.text(text, this.left + 14, y, { width: this.width - 14 });
    this.doc.x = this.left;
    this.doc.y = y + h + 3;
    this.doc.font('Helvetica').fillColor(INK);
  }

  /** An empty box to tick, and its label. */
  checkbox(label: string, checked = false): void {
    const h = Math.max(12, this.height(label, this.width - 22));
    this.ensure(h + 4);
    const y = this.doc.y;
    this.doc
      .rect(this.left + 2, y, 10, 10)
      .lineWidth(0.8)
      .strokeColor(INK)
      .stroke();
    if (checked)
      this.doc
        .moveTo(this.left + 4, y + 5)
        .lineTo(this.left + 6.5, y + 8)
        .lineTo(this.left + 11, y + 1.5)
        .lineWidth(1.2)
        .stroke();
    this.doc.fillColor(INK).text(label, this.left + 20, y + 1, { width: this.width - 22 });
    this.doc.x = this.left;
    this.doc.y = y + h + 6;
  }

  /** Ruled lines to write on by hand. */
  writingLines(count: number): void {
    this.ensure(count * 20);
    for (let i = 0; i < count; i++) {
      const y = this.doc.y + 18;
      this.doc
        .moveTo(this.left, y)
        .lineTo(this.left + this.width, y)
        .lineWidth(0.4)
        .strokeColor(RULE)
        .stroke();
      this.doc.y = y + 2;
    }
    this.doc.y += 6;
  }

  /**
   * "Fait à …, le …", the signatory's title, and a box for the signature and the seal, kept whole
   * on one page. `place` and `date` left blank are dotted lines to fill by hand.
   */
  signatureBlock(options: { place?: string; date?: string; signer?: string }): void {
    const t = this.t;
    const boxHeight = 72;
    this.ensure(6 + 3 * 13 + 10 + boxHeight);
    this.doc.y += 6;
    const x = this.left + this.width / 2;
    const width = this.width / 2;
    const place = options.place ?? '……………………………';
    const date = options.date ?? '……………………';
    this.doc.font('Helvetica').fillColor(INK);
    this.doc.text(`${t.madeAt} ${place}, ${t.on} ${date}`, x, this.doc.y, { width });
    this.doc.y += 4;
    this.doc.font('Helvetica-Bold').text(t.prosecutor, x, this.doc.y, { width });
    this.doc.font('Helvetica');
    if (options.signer) this.doc.text(options.signer, x, this.doc.y, { width });
    else this.doc.text(`${t.nameAndRank} ……………………………`, x, this.doc.y, { width });
    this.doc.y += 6;
    const y = this.doc.y;
    this.doc.rect(x, y, width, boxHeight).lineWidth(0.8).strokeColor(INK).stroke();
    this.doc
      .fontSize(8)
      .fillColor(MUTED)
      .text(t.signatureAndSeal, x + 6, y + 5, { width: width - 12 });
    this.doc.fontSize(BODY).fillColor(INK);
    this.doc.x = this.left;
    this.doc.y = y + boxHeight + 8;
  }

  /** Writes the header and footer on every page, then closes the document. */
  finish(): Promise<Buffer> {
    const { doc, t } = this;
    const range = doc.bufferedPageRange();
    const printed = t.generatedOn(this.dateTime(this.options.generatedAt));
    for (let i = 0; i < range.count; i++) {
      doc.switchToPage(range.start + i);
      // The footer sits in the bottom margin: let pdfkit write there without adding a page.
      const bottomMargin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const top = MARGIN - 6;
      doc.font('Helvetica').fontSize(8).fillColor(MUTED);
      doc.text(this.options.title, this.left, top, {
        width: this.width * 0.7,
        lineBreak: false,
        ellipsis: true,
      });
      doc.text(t.caseRef(this.options.reference), this.left + this.width * 0.7, top, {
        width: this.width * 0.3,
        align: 'right',
        lineBreak: false,
      });
      doc
        .moveTo(this.left, top + 13)
        .lineTo(this.left + this.width, top + 13)
        .lineWidth(0.4)
        .strokeColor(RULE)
        .stroke();
      const foot = doc.page.height - MARGIN - 14;
      doc
        .moveTo(this.left, foot - 6)
        .lineTo(this.left + this.width, foot - 6)
        .lineWidth(0.4)
        .strokeColor(RULE)
        .stroke();
      doc.font('Helvetica-Bold').text(t.confidential, this.left, foot, {
        width: this.width * 0.7,
        lineBreak: false,
      });
      doc.font('Helvetica').text(t.page(i + 1, range.count), this.left + this.width * 0.7, foot, {
        width: this.width * 0.3,
        align: 'right',
        lineBreak: false,
      });
      doc.text(`${t.caseRef(this.options.reference)} — ${printed}`, this.left, foot + 11, {
        width: this.width,
        lineBreak: false,
      });
      doc.page.margins.bottom = bottomMargin;
    }
    doc.end();
    return this.done;
  }
}
