/**
 * The one result table: every experiment's rows as an accessible <table>. Its caption
 * stands above the scroll box, so it is never cut off, and names the table for
 * assistive technology; the first column stays put when the table scrolls sideways.
 * A long table shows its first rows and a button that reveals all of them; a table
 * that marks some columns essential shows those first and a button for the rest.
 * Copying as CSV or JSON always takes every row and column.
 */
import { useId, useState } from 'preact/hooks';
import type { Column } from '../experiments/shared/results';
import { Powers } from './Powers';

/** Tables longer than this show their first rows until the reader asks for all. */
export const PREVIEW_ROWS = 50;

interface Props<Row> {
  rows: readonly Row[];
  columns: readonly Column<Row>[];
  caption: string;
}

/** The columns shown before the reader asks for all: the first, and those marked essential; every column when none is marked. */
export function essentialColumns<Row>(columns: readonly Column<Row>[]): readonly Column<Row>[] {
  if (!columns.some((column) => column.essential)) return columns;
  return columns.filter((column, index) => index === 0 || column.essential);
}

export function ResultTable<Row>({ rows, columns, caption }: Props<Row>) {
  const [showAll, setShowAll] = useState(false);
  const [allColumns, setAllColumns] = useState(false);
  const captionId = useId();
  const long = rows.length > PREVIEW_ROWS;
  const shown = long && !showAll ? rows.slice(0, PREVIEW_ROWS) : rows;
  const essential = essentialColumns(columns);
  const hidden = columns.length - essential.length;
  // Columns left out are still rendered, hidden, so a row reads the same whichever columns show.
  const isHidden = (column: Column<Row>) => hidden > 0 && !allColumns && !essential.includes(column);
  return (
    <div class="result-table-block">
      <p class="result-table-caption" id={captionId}>
        <Powers text={caption} />
        {long && <span class="result-table-count">{showAll ? ` (all ${rows.length} rows)` : ` (the first ${PREVIEW_ROWS} of ${rows.length} rows)`}</span>}
      </p>
      <div class="result-table" tabIndex={0} role="region" aria-labelledby={captionId}>
        <table aria-labelledby={captionId}>
          <thead>
            <tr>
              {columns.map((column) => (
                <th scope="col" key={column.key} data-column={column.key} hidden={isHidden(column)}>
                  <Powers text={column.label} />
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
                    <td key={column.key} data-column={column.key} data-value={value === undefined ? '' : String(value)} hidden={isHidden(column)}>
                      <Powers text={column.format ? column.format(value, row) : value === undefined ? '—' : String(value)} />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="result-table-buttons">
        {long && (
          <button type="button" class="result-table-toggle" aria-expanded={showAll} onClick={() => setShowAll(!showAll)}>
            {showAll ? `Show the first ${PREVIEW_ROWS} rows` : `Show all ${rows.length} rows`}
          </button>
        )}
        {hidden > 0 && (
          <button type="button" class="result-table-columns" aria-expanded={allColumns} onClick={() => setAllColumns(!allColumns)}>
            {allColumns ? `Show the ${essential.length} deciding columns` : `Show all ${columns.length} columns`}
          </button>
        )}
      </div>
    </div>
  );
}
