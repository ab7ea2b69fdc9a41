/**
 * The article's memory figures for any T: the entries of one head's T×T score
 * matrix and its bytes at fp32 and fp16, from the lesson's figures (src/lesson/figures.ts), as the prose.
 */
import { useState } from 'preact/hooks';
import { attentionScoreCount, bytesFor } from '../lesson/figures';
import { formatBytes, formatCount, formatDecimalBytes } from '../utils/format';

const MAX_T = 10_000_000;

export default function MemoryCalculator({ initial = 4096 }: { initial?: number }) {
  const [raw, setRaw] = useState(String(initial));
  const parsed = Math.round(Number(raw));
  const valid = raw.trim() !== '' && Number.isFinite(parsed) && parsed >= 1 && parsed <= MAX_T;
  const t = valid ? parsed : initial;
  const values = attentionScoreCount(t);
  return (
    <div class="memory-calculator">
      <label for="memory-calculator-t">Sequence length T</label>
      <input
        id="memory-calculator-t"
        type="number"
        min={1}
        max={MAX_T}
        value={raw}
        aria-describedby="memory-calculator-range"
        onInput={(event) => setRaw((event.target as HTMLInputElement).value)}
      />
      <span id="memory-calculator-range" class="experiment-hint">
        1 to {formatCount(MAX_T)}
      </span>
      {!valid && (
        <p class="experiment-clamped" role="alert">
          “{raw}” is not a whole number from 1 to {formatCount(MAX_T)}; showing T = {formatCount(initial)}.
        </p>
      )}
      <dl aria-live="polite">
        <dt>Entries, T²</dt>
        <dd>{formatCount(values)}</dd>
        <dt>fp32 (4 bytes each)</dt>
        <dd>
          {formatCount(bytesFor(values, 'fp32'))} B = {formatBytes(bytesFor(values, 'fp32'))} = {formatDecimalBytes(bytesFor(values, 'fp32'))}
        </dd>
        <dt>fp16 (2 bytes each)</dt>
        <dd>
          {formatCount(bytesFor(values, 'fp16'))} B = {formatBytes(bytesFor(values, 'fp16'))} = {formatDecimalBytes(bytesFor(values, 'fp16'))}
        </dd>
      </dl>
      <p class="experiment-hint">Per head, per layer. Multiply by the heads and layers of a model for its total.</p>
    </div>
  );
}
