/**
 * Parameters and FLOPs per token for small LSTM, GRU and transformer
 * configurations, with the arithmetic shown. Uses the lesson's figures and the attention cost model,
 * so it agrees with the prose; nothing here is measured.
 */
import { useState } from 'preact/hooks';
import { kvStepWork } from '../../kernels/attention/cost';
import { weightFlopsPerToken } from '../../kernels/matmul/cost';
import { gruLayerParameters, lstmLayerParameters, transformerLayerParameters } from '../lesson/figures';
import { formatCount } from '../utils/format';

type Kind = 'lstm' | 'gru' | 'transformer';

interface Config {
  kind: Kind;
  layers: number;
  width: number;
  input: number;
  context: number;
}

const LIMITS = { layers: [1, 48], width: [1, 8192], input: [1, 8192], context: [1, 1_000_000] } as const;

function describe(config: Config): { parameters: number; flops: number; lines: string[] } {
  const { kind, layers, width: h, input: x, context } = config;
  if (kind === 'transformer') {
    const perLayer = transformerLayerParameters(h);
    const parameters = layers * perLayer;
    const attention = layers * kvStepWork(context, h).flops;
    return {
      parameters,
      flops: weightFlopsPerToken(parameters) + attention,
      lines: [
        `one block: 4(d² + d) + (d·4d + 4d) + (4d·d + d) + 4d = 12d² + 13d = ${formatCount(perLayer)} at d = ${formatCount(h)}`,
        `${formatCount(layers)} blocks: ${formatCount(parameters)} parameters (token embeddings not counted)`,
        `per token: 2 FLOPs per parameter, plus attention over ${formatCount(context)} cached tokens, 4·p·d per block = ${formatCount(attention)}`,
      ],
    };
  }
  const gates = kind === 'lstm' ? 4 : 3;
  const layer = kind === 'lstm' ? lstmLayerParameters : gruLayerParameters;
  const first = layer(h, x);
  const rest = layer(h, h);
  const parameters = first + (layers - 1) * rest;
  return {
    parameters,
    flops: weightFlopsPerToken(parameters),
    lines: [
      `first layer: ${gates}·(h·(x + h) + h) = ${gates}·(${formatCount(h)}·(${formatCount(x)} + ${formatCount(h)}) + ${formatCount(h)}) = ${formatCount(first)}`,
      layers > 1
        ? `each later layer reads h: ${gates}·(${formatCount(h)}·${formatCount(2 * h)} + ${formatCount(h)}) = ${formatCount(rest)}, × ${formatCount(layers - 1)}`
        : 'one layer only',
      `per token: 2 FLOPs per weight, the same at every position`,
    ],
  };
}

const PRESETS: Array<{ label: string; config: Config }> = [
  { label: "The article's LSTM: 2 layers of 256", config: { kind: 'lstm', layers: 2, width: 256, input: 256, context: 1 } },
  { label: 'A GRU of the same size', config: { kind: 'gru', layers: 2, width: 256, input: 256, context: 1 } },
  { label: 'A small transformer: 4 blocks of 256, 1,024 tokens of context', config: { kind: 'transformer', layers: 4, width: 256, input: 256, context: 1024 } },
];

export default function EdgeCalculator() {
  const [config, setConfig] = useState<Config>(PRESETS[0]!.config);
  const [message, setMessage] = useState('');
  const result = describe(config);
  const set = (key: keyof typeof LIMITS, raw: string) => {
    const [min, max] = LIMITS[key];
    const value = Math.round(Number(raw));
    if (raw.trim() === '' || !Number.isFinite(value)) {
      setMessage(`“${raw}” is not a number; keeping ${formatCount(config[key])}.`);
      return;
    }
    const clamped = Math.min(max, Math.max(min, value));
    setMessage(clamped === value ? '' : `${formatCount(value)} is outside ${formatCount(min)} to ${formatCount(max)}; using ${formatCount(clamped)}.`);
    setConfig({ ...config, [key]: clamped });
  };
  const field = (key: keyof typeof LIMITS, label: string) => (
    <div class="experiment-param">
      <label for={`edge-${key}`}>{label}</label>
      <input
        id={`edge-${key}`}
        type="number"
        min={LIMITS[key][0]}
        max={LIMITS[key][1]}
        value={config[key]}
        onChange={(event) => set(key, (event.target as HTMLInputElement).value)}
      />
      <span class="experiment-hint">
        {formatCount(LIMITS[key][0])} to {formatCount(LIMITS[key][1])}
      </span>
    </div>
  );
  return (
    <div class="edge-calculator">
      <div class="experiment-buttons">
        {PRESETS.map((preset) => (
          <button type="button" key={preset.label} onClick={() => (setConfig(preset.config), setMessage(''))}>
            {preset.label}
          </button>
        ))}
      </div>
      <div class="experiment-controls">
        <div class="experiment-param">
          <label for="edge-kind">Architecture</label>
          <select id="edge-kind" value={config.kind} onChange={(event) => setConfig({ ...config, kind: (event.target as HTMLSelectElement).value as Kind })}>
            <option value="lstm">LSTM</option>
            <option value="gru">GRU</option>
            <option value="transformer">Transformer</option>
          </select>
        </div>
        {field('layers', 'Layers')}
        {field('width', config.kind === 'transformer' ? 'Width d' : 'Hidden size h')}
        {config.kind !== 'transformer' && field('input', 'Input size x')}
        {config.kind === 'transformer' && field('context', 'Tokens of context p')}
      </div>
      {message && (
        <p class="experiment-clamped" role="alert">
          {message}
        </p>
      )}
      <div aria-live="polite">
        <p class="edge-total">
          <strong>{formatCount(result.parameters)}</strong> parameters; <strong>{formatCount(result.flops)}</strong> FLOPs per token.
        </p>
        <ul class="edge-arithmetic">
          {result.lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}
