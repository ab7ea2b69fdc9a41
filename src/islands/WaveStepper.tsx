/**
 * Step through time on a toy parallel machine: the RNN's chain advances one
 * state per tick, because each step needs the last, while attention's T² scores
 * fill in waves of as many as the machine has lanes. The reader picks T.
 * Rendered on the server at the last tick, which is the figure without JavaScript.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { arrowGeometry, familyClass, gridCells, spread, sub } from '../components/figures/geometry';
import { FIGURE_TOY_LANES as lanes, FIGURE_TOY_LENGTHS as lengths, waveProgress, waveSummary } from '../lesson/waves';
import { formatCount } from '../utils/format';

const PANEL_WIDTH = 320;
const PANEL_HEIGHT = 210;

/** One of the stepper's two drawings: an SVG named by its title and described by its description, as the static figures are. */
function StepperPanel({ id, title, description, children }: { id: string; title: string; description: string; children: ComponentChildren }) {
  return (
    <svg
      class="diagram-panel"
      role="img"
      viewBox={`0 0 ${PANEL_WIDTH} ${PANEL_HEIGHT}`}
      width={PANEL_WIDTH}
      height={PANEL_HEIGHT}
      style={{ minWidth: '280px' }}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {children}
    </svg>
  );
}

export default function WaveStepper({ initialT = lengths.initial }: { initialT?: number }) {
  const [T, setT] = useState(initialT);
  const progress = waveProgress(T, Number.POSITIVE_INFINITY);
  const [tick, setTick] = useState(progress.ticks);
  const [live, setLive] = useState(false);
  useEffect(() => {
    setLive(true);
    setTick(0);
  }, []);
  const now = waveProgress(T, tick);
  const pitch = (PANEL_WIDTH - 40) / Math.max(1, T - 1);
  const size = Math.min(24, pitch * 0.7);
  const xs = spread(T, 20, pitch);
  const cell = Math.min(14, 150 / T);
  const gridX = (PANEL_WIDTH - cell * T) / 2;
  const summary = waveSummary(T, tick);

  return (
    <div class="wave-stepper">
      <div class="wave-stepper-controls" hidden={!live}>
        <label>
          T = {T}{' '}
          <input
            type="range"
            min={lengths.min}
            max={lengths.max}
            value={T}
            onInput={(event) => {
              setT(Number((event.target as HTMLInputElement).value));
              setTick(0);
            }}
          />
        </label>
        <button type="button" onClick={() => setTick(Math.max(0, tick - 1))} disabled={tick === 0}>
          Back
        </button>
        <button type="button" onClick={() => setTick(Math.min(now.ticks, tick + 1))} disabled={tick === now.ticks}>
          Next tick
        </button>
        <button type="button" onClick={() => setTick(0)}>
          Reset
        </button>
      </div>
      <p class="wave-stepper-status" aria-live="polite">
        {summary}
      </p>
      <div class="diagram-panels">
        <StepperPanel
          id="wave-stepper-rnn"
          title={`RNN chain after ${tick} ticks`}
          description={`${T} states in a row; ${now.states} computed, one per tick, each after the one before.`}
        >
          <text class="fig-text is-recurrent" x={PANEL_WIDTH / 2} y={20} text-anchor="middle">
            {`RNN: ${now.states} of ${T} steps`}
          </text>
          {xs.slice(1).map((x, index) => {
            const arrow = arrowGeometry({ x: xs[index]!, y: 90 }, { x, y: 90 }, { gap: size / 2 });
            return (
              <g key={`a${index}`}>
                <path class={familyClass('fig-edge', 'recurrent', index + 1 < now.states)} d={arrow.path} />
                <polygon class={familyClass('fig-edge-head', 'recurrent')} points={arrow.head} />
              </g>
            );
          })}
          {xs.map((x, index) => (
            <rect
              key={`s${index}`}
              class={index < now.states ? 'fig-shape is-recurrent' : 'fig-shape'}
              x={x - size / 2}
              y={90 - size / 2}
              width={size}
              height={size}
              rx={1}
            />
          ))}
          <text class="fig-text is-small" x={xs[0]} y={90 + size / 2 + 16} text-anchor="middle">
            {sub('h', 1)}
          </text>
          <text class="fig-text is-small" x={xs.at(-1)} y={90 + size / 2 + 16} text-anchor="middle">
            {sub('h', T)}
          </text>
          <text class="fig-text is-small is-muted" x={PANEL_WIDTH / 2} y={170} text-anchor="middle">
            one state per tick, in order
          </text>
        </StepperPanel>
        <StepperPanel
          id="wave-stepper-attention"
          title={`Attention scores after ${tick} ticks`}
          description={`A ${T} × ${T} grid of scores; ${formatCount(now.scoresDone)} computed, up to ${lanes} per tick, in ${now.wavesDone} of ${now.waves} waves.`}
        >
          <text class="fig-text is-attention" x={PANEL_WIDTH / 2} y={20} text-anchor="middle">
            {`Attention: ${now.wavesDone} of ${now.waves} waves`}
          </text>
          {gridCells(T).map(({ row, column }, index) => (
            <rect
              key={`c${index}`}
              class={index < now.scoresDone ? (index >= (tick - 1) * lanes ? 'fig-cell is-active' : 'fig-cell is-score') : 'fig-cell'}
              x={gridX + column * cell}
              y={35 + row * cell}
              width={cell}
              height={cell}
            />
          ))}
          <rect class="fig-outline" x={gridX} y={35} width={cell * T} height={cell * T} />
          <text class="fig-text is-small is-muted" x={PANEL_WIDTH / 2} y={35 + cell * T + 18} text-anchor="middle">
            {`${lanes} independent scores per tick`}
          </text>
        </StepperPanel>
      </div>
    </div>
  );
}
