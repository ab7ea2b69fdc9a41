/** The one result table: every experiment's rows as an accessible <table> with a caption. */
import type { Column } from '../experiments/results';

interface Props<Row> {
  rows: readonly Row[];
  columns: readonly Column<Row>[];
  caption: string;
}

export function ResultTable<Row>({ rows, columns, caption }: Props<Row>) {
  return (
    <div class="result-table" tabIndex={0} role="region" aria-label={`Data: ${caption}`}>
      <table>
        <caption>{caption}</caption>
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
          {rows.map((row, index) => (
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
    </div>
  );
}
