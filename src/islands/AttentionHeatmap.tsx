/**
 * The attention model's weights on the example sequence as a heatmap: one grid per
 * head, queries down and keys across, each cell shaded by its weight in the
 * lesson's attention colour and holding the number itself, so the table is the
 * heatmap and a screen reader reads the same numbers. The LSTM's answers on the
 * same example sit beside it. Redrawn whenever a newer evaluation's weights arrive,
 * so the reader watches attention learn during a run.
 */
import type { HeatmapData } from '../experiments/shared/definition';
import './AttentionHeatmap.css';

/** A weight as the cell prints it: two decimals, without the leading zero. */
export const formatWeight = (weight: number) => (weight >= 0.995 ? '1' : weight.toFixed(2).replace(/^0/, ''));

export function AttentionHeatmap({ data }: { data: HeatmapData }) {
  return (
    <figure class="attention-heatmap">
      <figcaption>{data.caption}</figcaption>
      <div class="attention-heatmap-panels">
        {data.grids.map((grid) => (
          <div class="attention-heatmap-grid" key={grid.title} tabIndex={0} role="region" aria-label={`${grid.title}: ${data.caption}`}>
            <table>
              <caption>{grid.title}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span class="visually-hidden">Query, then its weight on each key</span>
                  </th>
                  {grid.columnLabels.map((label, column) => (
                    <th scope="col" key={column}>
                      {label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {grid.rowLabels.map((label, row) => (
                  <tr key={row}>
                    <th scope="row">{label}</th>
                    {grid.columnLabels.map((_, column) => {
                      const weight = grid.values[row]?.[column];
                      return weight === undefined ? (
                        <td key={column} class="attention-heatmap-masked" aria-label="masked (a later token)" />
                      ) : (
                        <td key={column} style={{ '--weight': `${Math.round(weight * 100)}%` }}>
                          <span>{formatWeight(weight)}</span>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
        {data.beside && (
          <div class="attention-heatmap-beside">
            <table>
              <caption>{data.beside.caption}</caption>
              <thead>
                <tr>
                  {data.beside.header.map((cell) => (
                    <th scope="col" key={cell}>
                      {cell}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.beside.rows.map((cells, index) => (
                  <tr key={index}>
                    {cells.map((cell, column) =>
                      column === 0 ? (
                        <th scope="row" key={column}>
                          {cell}
                        </th>
                      ) : (
                        <td key={column}>{cell}</td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </figure>
  );
}
