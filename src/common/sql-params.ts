/** Positional parameters for a statement assembled from parts: `add` returns the placeholder. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * SQL text of a relation whose rows have the columns of `Row`: the typed contract between a
 * statement and the owner of the tables a part of it reads or writes. Only the owner's repository
 * writes the text; the statement that embeds it sees the columns.
 */
export type Relation<Row> = string & { readonly __row?: Row };

/** Declares that `sql` (a relation name, a sub-select) yields rows with the columns of `Row`. */
export function relation<Row>(sql: string): Relation<Row> {
  return sql as Relation<Row>;
}
