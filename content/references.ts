/**
 * Every source the lesson cites, by key. Chapters cite with <Cite id="key" />;
 * each chapter page lists the entries it cites, in order of first citation.
 * The build rejects a key that is not here (src/integrations/citations.ts).
 *
 * Data only: nothing here computes. `authors` lists the authors in the paper's
 * order; `etAl` marks a list cut short.
 */
export interface Reference {
  authors: string[];
  etAl?: boolean;
  title: string;
  year: number;
  /** Where it appeared: journal, conference, or arXiv identifier. */
  venue: string;
  url: string;
}

export const references = {
  elman1990: {
    authors: ['Jeffrey L. Elman'],
    title: 'Finding Structure in Time',
    year: 1990,
    venue: 'Cognitive Science 14(2)',
    url: 'https://doi.org/10.1207/s15516709cog1402_1',
  },
  williams1989: {
    authors: ['Ronald J. Williams', 'David Zipser'],
    title: 'A Learning Algorithm for Continually Running Fully Recurrent Neural Networks',
    year: 1989,
    venue: 'Neural Computation 1(2)',
    url: 'https://doi.org/10.1162/neco.1989.1.2.270',
  },
  williams1990: {
    authors: ['Ronald J. Williams', 'Jing Peng'],
    title: 'An Efficient Gradient-Based Algorithm for On-Line Training of Recurrent Network Trajectories',
    year: 1990,
    venue: 'Neural Computation 2(4)',
    url: 'https://doi.org/10.1162/neco.1990.2.4.490',
  },
  bengio1994: {
    authors: ['Yoshua Bengio', 'Patrice Simard', 'Paolo Frasconi'],
    title: 'Learning Long-Term Dependencies with Gradient Descent is Difficult',
    year: 1994,
    venue: 'IEEE Transactions on Neural Networks 5(2)',
    url: 'https://doi.org/10.1109/72.279181',
  },
  hochreiter1997: {
    authors: ['Sepp Hochreiter', 'Jürgen Schmidhuber'],
    title: 'Long Short-Term Memory',
    year: 1997,
    venue: 'Neural Computation 9(8)',
    url: 'https://doi.org/10.1162/neco.1997.9.8.1735',
  },
  gers2000: {
    authors: ['Felix A. Gers', 'Jürgen Schmidhuber', 'Fred Cummins'],
    title: 'Learning to Forget: Continual Prediction with LSTM',
    year: 2000,
    venue: 'Neural Computation 12(10)',
    url: 'https://doi.org/10.1162/089976600300015015',
  },
  blelloch1990: {
    authors: ['Guy E. Blelloch'],
    title: 'Prefix Sums and Their Applications',
    year: 1990,
    venue: 'Technical report CMU-CS-90-190, Carnegie Mellon University',
    url: 'https://www.cs.cmu.edu/~guyb/papers/Ble93.pdf',
  },
  schmidhuber1992: {
    authors: ['Jürgen Schmidhuber'],
    title: 'Learning to Control Fast-Weight Memories: An Alternative to Dynamic Recurrent Networks',
    year: 1992,
    venue: 'Neural Computation 4(1)',
    url: 'https://doi.org/10.1162/neco.1992.4.1.131',
  },
  cho2014: {
    authors: ['Kyunghyun Cho', 'Bart van Merriënboer', 'Caglar Gulcehre', 'Dzmitry Bahdanau', 'Fethi Bougares', 'Holger Schwenk', 'Yoshua Bengio'],
    title: 'Learning Phrase Representations using RNN Encoder–Decoder for Statistical Machine Translation',
    year: 2014,
    venue: 'EMNLP 2014',
    url: 'https://arxiv.org/abs/1406.1078',
  },
  sutskever2014: {
    authors: ['Ilya Sutskever', 'Oriol Vinyals', 'Quoc V. Le'],
    title: 'Sequence to Sequence Learning with Neural Networks',
    year: 2014,
    venue: 'NeurIPS 2014',
    url: 'https://arxiv.org/abs/1409.3215',
  },
  bahdanau2014: {
    authors: ['Dzmitry Bahdanau', 'Kyunghyun Cho', 'Yoshua Bengio'],
    title: 'Neural Machine Translation by Jointly Learning to Align and Translate',
    year: 2014,
    venue: 'arXiv:1409.0473; ICLR 2015',
    url: 'https://arxiv.org/abs/1409.0473',
  },
  jozefowicz2015: {
    authors: ['Rafal Jozefowicz', 'Wojciech Zaremba', 'Ilya Sutskever'],
    title: 'An Empirical Exploration of Recurrent Network Architectures',
    year: 2015,
    venue: 'ICML 2015',
    url: 'https://proceedings.mlr.press/v37/jozefowicz15.html',
  },
  collins2017: {
    authors: ['Jasmine Collins', 'Jascha Sohl-Dickstein', 'David Sussillo'],
    title: 'Capacity and Trainability in Recurrent Neural Networks',
    year: 2017,
    venue: 'ICLR 2017',
    url: 'https://arxiv.org/abs/1611.09913',
  },
  vaswani2017: {
    authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar', 'Jakob Uszkoreit', 'Llion Jones', 'Aidan N. Gomez', 'Łukasz Kaiser', 'Illia Polosukhin'],
    title: 'Attention Is All You Need',
    year: 2017,
    venue: 'NeurIPS 2017',
    url: 'https://arxiv.org/abs/1706.03762',
  },
  tallec2018: {
    authors: ['Corentin Tallec', 'Yann Ollivier'],
    title: 'Can Recurrent Neural Networks Warp Time?',
    year: 2018,
    venue: 'ICLR 2018',
    url: 'https://arxiv.org/abs/1804.11188',
  },
  khandelwal2018: {
    authors: ['Urvashi Khandelwal', 'He He', 'Peng Qi', 'Dan Jurafsky'],
    title: 'Sharp Nearby, Fuzzy Far Away: How Neural Language Models Use Context',
    year: 2018,
    venue: 'ACL 2018',
    url: 'https://arxiv.org/abs/1805.04623',
  },
  martin2018: {
    authors: ['Eric Martin', 'Chris Cundy'],
    title: 'Parallelizing Linear Recurrent Neural Nets Over Sequence Length',
    year: 2018,
    venue: 'ICLR 2018',
    url: 'https://arxiv.org/abs/1709.04057',
  },
  shazeer2019: {
    authors: ['Noam Shazeer'],
    title: 'Fast Transformer Decoding: One Write-Head is All You Need',
    year: 2019,
    venue: 'arXiv:1911.02150',
    url: 'https://arxiv.org/abs/1911.02150',
  },
  beltagy2020: {
    authors: ['Iz Beltagy', 'Matthew E. Peters', 'Arman Cohan'],
    title: 'Longformer: The Long-Document Transformer',
    year: 2020,
    venue: 'arXiv:2004.05150',
    url: 'https://arxiv.org/abs/2004.05150',
  },
  katharopoulos2020: {
    authors: ['Angelos Katharopoulos', 'Apoorv Vyas', 'Nikolaos Pappas', 'François Fleuret'],
    title: 'Transformers are RNNs: Fast Autoregressive Transformers with Linear Attention',
    year: 2020,
    venue: 'ICML 2020',
    url: 'https://arxiv.org/abs/2006.16236',
  },
  su2021: {
    authors: ['Jianlin Su', 'Yu Lu', 'Shengfeng Pan', 'Ahmed Murtadha', 'Bo Wen', 'Yunfeng Liu'],
    title: 'RoFormer: Enhanced Transformer with Rotary Position Embedding',
    year: 2021,
    venue: 'arXiv:2104.09864',
    url: 'https://arxiv.org/abs/2104.09864',
  },
  schlag2021: {
    authors: ['Imanol Schlag', 'Kazuki Irie', 'Jürgen Schmidhuber'],
    title: 'Linear Transformers Are Secretly Fast Weight Programmers',
    year: 2021,
    venue: 'ICML 2021',
    url: 'https://arxiv.org/abs/2102.11174',
  },
  dao2022: {
    authors: ['Tri Dao', 'Daniel Y. Fu', 'Stefano Ermon', 'Atri Rudra', 'Christopher Ré'],
    title: 'FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness',
    year: 2022,
    venue: 'NeurIPS 2022',
    url: 'https://arxiv.org/abs/2205.14135',
  },
  nvidia2022: {
    authors: ['NVIDIA'],
    title: 'NVIDIA H100 Tensor Core GPU Architecture (whitepaper)',
    year: 2022,
    venue: 'NVIDIA',
    url: 'https://resources.nvidia.com/en-us-tensor-core',
  },
  ainslie2023: {
    authors: ['Joshua Ainslie', 'James Lee-Thorp', 'Michiel de Jong', 'Yury Zemlyanskiy', 'Federico Lebrón', 'Sumit Sanghai'],
    title: 'GQA: Training Generalized Multi-Query Transformer Models from Multi-Head Checkpoints',
    year: 2023,
    venue: 'EMNLP 2023',
    url: 'https://arxiv.org/abs/2305.13245',
  },
  peng2023: {
    authors: ['Bo Peng', 'Eric Alcaide', 'Quentin Anthony'],
    etAl: true,
    title: 'RWKV: Reinventing RNNs for the Transformer Era',
    year: 2023,
    venue: 'Findings of EMNLP 2023',
    url: 'https://arxiv.org/abs/2305.13048',
  },
  gu2023: {
    authors: ['Albert Gu', 'Tri Dao'],
    title: 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
    year: 2023,
    venue: 'arXiv:2312.00752',
    url: 'https://arxiv.org/abs/2312.00752',
  },
  arora2023: {
    authors: ['Simran Arora', 'Sabri Eyuboglu', 'Aman Timalsina', 'Isys Johnson', 'Michael Poli', 'James Zou', 'Atri Rudra', 'Christopher Ré'],
    title: 'Zoology: Measuring and Improving Recall in Efficient Language Models',
    year: 2023,
    venue: 'arXiv:2312.04927; ICLR 2024',
    url: 'https://arxiv.org/abs/2312.04927',
  },
  arora2024: {
    authors: ['Simran Arora', 'Sabri Eyuboglu', 'Michael Zhang', 'Aman Timalsina', 'Silas Alberti', 'Dylan Zinsley', 'James Zou', 'Atri Rudra', 'Christopher Ré'],
    title: 'Simple Linear Attention Language Models Balance the Recall-Throughput Tradeoff',
    year: 2024,
    venue: 'ICML 2024',
    url: 'https://arxiv.org/abs/2402.18668',
  },
  jelassi2024: {
    authors: ['Samy Jelassi', 'David Brandfonbrener', 'Sham M. Kakade', 'Eran Malach'],
    title: 'Repeat After Me: Transformers are Better than State Space Models at Copying',
    year: 2024,
    venue: 'ICML 2024',
    url: 'https://arxiv.org/abs/2402.01032',
  },
  de2024: {
    authors: ['Soham De', 'Samuel L. Smith', 'Anushan Fernando', 'Aleksandar Botev'],
    etAl: true,
    title: 'Griffin: Mixing Gated Linear Recurrences with Local Attention for Efficient Language Models',
    year: 2024,
    venue: 'arXiv:2402.19427',
    url: 'https://arxiv.org/abs/2402.19427',
  },
  botev2024: {
    authors: ['Aleksandar Botev', 'Soham De', 'Samuel L. Smith'],
    etAl: true,
    title: 'RecurrentGemma: Moving Past Transformers for Efficient Open Language Models',
    year: 2024,
    venue: 'arXiv:2404.07839',
    url: 'https://arxiv.org/abs/2404.07839',
  },
  gemini2024: {
    authors: ['Gemini Team, Google'],
    title: 'Gemini 1.5: Unlocking Multimodal Understanding across Millions of Tokens of Context',
    year: 2024,
    venue: 'arXiv:2403.05530',
    url: 'https://arxiv.org/abs/2403.05530',
  },
  lieber2024: {
    authors: ['Opher Lieber', 'Barak Lenz', 'Hofit Bata'],
    etAl: true,
    title: 'Jamba: A Hybrid Transformer-Mamba Language Model',
    year: 2024,
    venue: 'arXiv:2403.19887',
    url: 'https://arxiv.org/abs/2403.19887',
  },
  beck2024: {
    authors: ['Maximilian Beck', 'Korbinian Pöppel', 'Markus Spanring', 'Andreas Auer', 'Oleksandra Prudnikova', 'Michael Kopp', 'Günter Klambauer', 'Johannes Brandstetter', 'Sepp Hochreiter'],
    title: 'xLSTM: Extended Long Short-Term Memory',
    year: 2024,
    venue: 'NeurIPS 2024',
    url: 'https://arxiv.org/abs/2405.04517',
  },
  dao2024: {
    authors: ['Tri Dao', 'Albert Gu'],
    title: 'Transformers are SSMs: Generalized Models and Efficient Algorithms Through Structured State Space Duality',
    year: 2024,
    venue: 'ICML 2024',
    url: 'https://arxiv.org/abs/2405.21060',
  },
  yang2024: {
    authors: ['Songlin Yang', 'Bailin Wang', 'Yu Zhang', 'Yikang Shen', 'Yoon Kim'],
    title: 'Parallelizing Linear Transformers with the Delta Rule over Sequence Length',
    year: 2024,
    venue: 'NeurIPS 2024',
    url: 'https://arxiv.org/abs/2406.06484',
  },
  ren2024: {
    authors: ['Liliang Ren', 'Yang Liu', 'Yadong Lu', 'Yelong Shen', 'Chen Liang', 'Weizhu Chen'],
    title: 'Samba: Simple Hybrid State Space Models for Efficient Unlimited Context Language Modeling',
    year: 2024,
    venue: 'arXiv:2406.07522',
    url: 'https://arxiv.org/abs/2406.07522',
  },
  llama2024: {
    authors: ['Llama Team, AI @ Meta'],
    title: 'The Llama 3 Herd of Models',
    year: 2024,
    venue: 'arXiv:2407.21783',
    url: 'https://arxiv.org/abs/2407.21783',
  },
  feng2024: {
    authors: ['Leo Feng', 'Frederick Tung', 'Mohamed Osama Ahmed', 'Yoshua Bengio', 'Hossein Hajimirsadeghi'],
    title: 'Were RNNs All We Needed?',
    year: 2024,
    venue: 'arXiv:2410.01201',
    url: 'https://arxiv.org/abs/2410.01201',
  },
  webgpu: {
    authors: ['W3C GPU for the Web Working Group'],
    title: 'WebGPU',
    year: 2024,
    venue: 'W3C Candidate Recommendation; the “Limits” section',
    url: 'https://www.w3.org/TR/webgpu/#limits',
  },
} satisfies Record<string, Reference>;

export type ReferenceKey = keyof typeof references;
