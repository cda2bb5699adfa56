/** The catalog's files, one per model family (core/data/models/README.md): a new family adds one line. */
import bloom from '../../data/models/bloom.json';
import encoders from '../../data/models/encoders.json';
import falcon from '../../data/models/falcon.json';
import gemma from '../../data/models/gemma.json';
import gpt2 from '../../data/models/gpt2.json';
import llama from '../../data/models/llama.json';
import llamaVision from '../../data/models/llama-vision.json';
import llava from '../../data/models/llava.json';
import mistral from '../../data/models/mistral.json';
import mt5 from '../../data/models/mt5.json';
import opt from '../../data/models/opt.json';
import phi from '../../data/models/phi.json';
import qwen from '../../data/models/qwen.json';
import qwenVl from '../../data/models/qwen-vl.json';
import t5 from '../../data/models/t5.json';
import voxtral from '../../data/models/voxtral.json';
import whisper from '../../data/models/whisper.json';

export const CATALOG_FILES: readonly unknown[] = [llama, mistral, qwen, gemma, phi, gpt2, opt, bloom, falcon, t5, encoders, qwenVl, llamaVision, llava, mt5, whisper, voxtral];
