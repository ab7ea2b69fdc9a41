/**
 * What each authoring component is for and which props it takes. The content
 * checks use this to catch an unknown component or a wrong prop, and the
 * Components page (/components/) lists it with a live example of each.
 */
export interface PropInfo {
  description: string;
  required?: boolean;
  /** The type as an author writes it. */
  type: string;
}

export interface ComponentInfo {
  description: string;
  props: Record<string, PropInfo>;
  /** MDX that uses it, shown and rendered on the Components page. */
  example: string;
}

export const COMPONENT_MANIFEST: Record<string, ComponentInfo> = {
  Num: {
    description: 'A figure computed in src/lesson/figures.ts, by name. Every number in the prose comes through here.',
    props: { of: { description: 'the name of the value in lessonNumbers', required: true, type: 'string' } },
    example: 'At <Tex of="scoresShort" /> values, the scores take <Num of="scoresShortBytesFp32" />.',
  },
  Tex: {
    description: 'A formula that contains computed values, rendered by KaTeX at build time. Formulas without computed values are written as $…$ or $$…$$.',
    props: {
      of: { description: 'the name of the formula in lessonFormulas', required: true, type: 'string' },
      display: { description: 'render as a centred block', type: 'boolean' },
    },
    example: '<Tex of="forgetProduct" display />',
  },
  Note: {
    description: 'An aside. kind="correction" marks where the lesson corrects or sharpens a figure from the source article.',
    props: {
      kind: { description: '"note" (default) or "correction"', type: '"note" | "correction"' },
      title: { description: 'the heading of the aside', type: 'string' },
    },
    example: '<Note kind="correction" title="Checking the figure">The exact figure is <Num of="forgetReduction500" />.</Note>',
  },
  Experiment: {
    description: 'A live experiment, run on the reader’s device; its parameters, plots and kernels are defined in src/experiments/<name>/.',
    props: {
      name: { description: 'the experiment’s name: parallelism, bottleneck, gradients, quadratic-cost, streaming or scan', required: true, type: 'string' },
    },
    example: '<Experiment name="parallelism">What it measures, in a sentence or two.</Experiment>',
  },
  KernelSource: {
    description: 'A kernel’s WGSL exactly as it runs, highlighted by Shiki at build time.',
    props: {
      file: { description: 'the path under kernels/, e.g. rnn/step.wgsl', required: true, type: 'string' },
      caption: { description: 'a caption above the code', type: 'string' },
    },
    example: '<KernelSource file="recall/argmax.wgsl" />',
  },
  MemoryCalculator: {
    description: 'The memory of one head’s T×T score matrix for any T, at fp32 and fp16.',
    props: { initial: { description: 'the T shown first', type: 'number' } },
    example: '<MemoryCalculator initial={8192} />',
  },
  Predict: {
    description:
      'Predict, then run: the reader types a prediction before running the experiment on the same page, and after the run it is compared with what the run measured.',
    props: {
      measure: {
        description:
          'the name of the measure in src/utils/prediction.ts: parallelism-attention-growth, bottleneck-fixed-state-fails, gradients-forget-kept, quadratic-memory-slope or streaming-clock-position',
        required: true,
        type: 'string',
      },
    },
    example: '<Predict measure="quadratic-memory-slope">Before you run the experiment below, predict the power of T.</Predict>',
  },
  EdgeCalculator: {
    description: 'Parameters and FLOPs per token for LSTM, GRU and transformer configurations, with the arithmetic.',
    props: {},
    example: '<EdgeCalculator />',
  },
  SpineTable: {
    description:
      'Work per layer, sequential operations and maximum path length for recurrent, convolutional, self-attention and sliding-window attention layers, computed, each cell linked to the section that shows it.',
    props: {},
    example: '<SpineTable />',
  },
  Diagram: {
    description:
      'An explanatory figure drawn at build time from the lesson’s numbers (src/components/figures/): a caption, SVG panels with a title and description, and the same information in words.',
    props: {
      of: { description: 'the figure’s name, a key of DIAGRAMS in src/components/figures/index.ts', required: true, type: 'string' },
    },
    example: '<Diagram of="recurrence-vs-attention" />',
  },
  WaveStepper: {
    description:
      'The RNN’s chain beside attention’s waves on a toy machine, stepped by the reader for a T they choose. A small island loaded near the viewport; without JavaScript it shows the last tick.',
    props: { initial: { description: 'the T shown first (2 to 24)', type: 'number' } },
    example: '<WaveStepper initial={8} />',
  },
  SummaryTable: {
    description: 'The lesson’s table of problems and solutions, each row linked to its experiment, with the reader’s own results.',
    props: {},
    example: '<SummaryTable />',
  },
  Cite: {
    description:
      'A citation of a source in content/references.ts, shown as (Author, year) and linked to the chapter’s references list. The build rejects a key with no entry.',
    props: {
      id: { description: 'the key of the entry in content/references.ts', required: true, type: 'string' },
      year: { description: 'show only the year, where the sentence already names the authors', type: 'boolean' },
    },
    example: 'The transformer <Cite id="vaswani2017" /> dropped the recurrence; Vaswani et al. <Cite id="vaswani2017" year /> called it attention.',
  },
};
