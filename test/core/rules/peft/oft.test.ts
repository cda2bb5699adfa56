import { config, table } from './table';

table('oft', [
  { name: 'block size only (defaults): no issue', text: config('"peft_type": "OFT"', '"oft_block_size": 32', '"target_modules": ["q_proj", "v_proj"]'), expect: [] },
  { name: 'rank with block size 0: fine', text: config('"peft_type": "OFT"', '"r": 32', '"oft_block_size": 0'), expect: [] },
  { name: 'both r and oft_block_size', text: config('"peft_type": "OFT"', '"r": 8', '"oft_block_size": 32'), expect: ['peft/oft-r-and-block-size@3'], severities: { 'peft/oft-r-and-block-size': 'error' } },
  { name: 'neither', text: config('"peft_type": "OFT"', '"r": 0', '"oft_block_size": 0'), expect: ['peft/oft-no-block@3'] },
  { name: 'a saved config without oft_block_size (pre-0.14)', text: config('"peft_type": "OFT"', '"r": 8', '"module_dropout": 0.0'), expect: ['peft/oft-block-size-missing@2'], severities: { 'peft/oft-block-size-missing': 'error' } },
  { name: 'Cayley-Neumann adapter without a peft_version', text: config('"peft_type": "OFT"', '"oft_block_size": 32', '"use_cayley_neumann": true'), expect: ['peft/oft-cayley-old-version@4'], severities: { 'peft/oft-cayley-old-version': 'warning' } },
  { name: 'Cayley-Neumann adapter from 0.17', text: config('"peft_type": "OFT"', '"oft_block_size": 32', '"use_cayley_neumann": true', '"peft_version": "0.17.1"'), expect: ['peft/oft-cayley-old-version@4'] },
  { name: 'Cayley-Neumann adapter from a 0.20 dev build: fine', text: config('"peft_type": "OFT"', '"oft_block_size": 32', '"use_cayley_neumann": true', '"peft_version": "0.20.1.dev0@abc123"'), expect: [] },
  { name: 'OFT left-over LyCORIS keys are deprecated', text: config('"peft_type": "OFT"', '"oft_block_size": 32', '"rank_pattern": {}'), expect: ['schema/deprecated-key@4'] },
  { name: 'BOFT defaults: fine', text: config('"peft_type": "BOFT"', '"boft_block_size": 4', '"boft_block_num": 0', '"boft_n_butterfly_factor": 1'), expect: [] },
  { name: 'BOFT both sizes (block_size defaults to 4)', text: config('"peft_type": "BOFT"', '"boft_block_num": 8'), expect: ['peft/boft-block-size-and-num@3'] },
  { name: 'BOFT neither', text: config('"peft_type": "BOFT"', '"boft_block_size": 0'), expect: ['peft/boft-no-block@3'] },
  { name: 'BOFT butterfly factor below 1', text: config('"peft_type": "BOFT"', '"boft_n_butterfly_factor": 0'), expect: ['schema/out-of-range@3'] },
]);
