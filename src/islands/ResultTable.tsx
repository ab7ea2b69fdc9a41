/**
 * The one result table: every experiment's rows as an accessible <table> with a
 * caption. A long table shows its first rows and a button that reveals all of
 * them; copying as CSV or JSON always takes every row.
 */
import { useState } from 'preact/hooks';
import type { Column } from '../experiments/shared/results';

/** Tables longer than this show their first rows until the reader asks for all. */
export const PREVIEW_ROWS = 50;

interface Props<Row> {
  rows: readonly Row[];
  columns: readonly Column<Row>[];
  caption: string;
}

export function ResultTable<Row>({ rows, columns, caption }: Props<Row>) {
  const [showAll, setShowAll] = useState(false);
  const long = rows.length > PREVIEW_ROWS;
  const shown = long && !showAll ? rows.slice(0, PREVIEW_ROWS) : rows;
  return (
    <div class="result-table" tabIndex={0} role="region" aria-label={`Data: ${caption}`}>
      <table>
        <caption>
          {caption}
          {long && <span class="result-table-count">{showAll ? ` (all ${rows.length} rows)` : ` (the first ${PREVIEW_ROWS} of ${rows.length} rows)`}</span>}
        </caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" key={column.key}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row, index) => (
            <tr key={index}>
              {columns.map((column) => {
                const value = row[column.key];
                return (
                  <td key={column.key} data-column={column.key} data-value={value === undefined ? '' : String(value)}>
                    {column.format ? column.format(value, row) : value === undefined ? '—' : String(value)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {long && (
        <button type="button" class="result-table-toggle" aria-expanded={showAll} onClick={() => setShowAll(!showAll)}>
          {showAll ? `Show the first ${PREVIEW_ROWS} rows` : `Show all ${rows.length} rows`}
        </button>
      )}
    </div>
  );
}
