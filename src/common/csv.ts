/**
 * Rows as CSV (RFC 4180), the first row the header. A cell a spreadsheet would run as a formula
 * (=, +, -, @) is prefixed with a quote mark, so opening the file executes nothing.
 */
export function csv(rows: readonly (readonly unknown[])[]): string {
  const cell = (value: unknown): string => {
    let text =
      value === null || value === undefined
        ? ''
        : value instanceof Date
          ? value.toISOString()
          : typeof value === 'object'
            ? JSON.stringify(value)
            : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return rows
    .map((row) => row.map(cell).join(','))
    .join('\r\n')
    .concat('\r\n');
}
