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
import prequantized from '../../data/models/prequantized.json';
import qwen from '../../data/models/qwen.json';
import qwenVl from '../../data/models/qwen-vl.json';
import t5 from '../../data/models/t5.json';
import gptNeox from '../../data/models/gptNeox.json';
import gptj from '../../data/models/gptj.json';
import mpt from '../../data/models/mpt.json';
import starcoder2 from '../../data/models/starcoder2.json';
import stablelm from '../../data/models/stablelm.json';
import cohere from '../../data/models/cohere.json';
import smollm3 from '../../data/models/smollm3.json';
import olmo from '../../data/models/olmo.json';
import apertus from '../../data/models/apertus.json';
import gptOss from '../../data/models/gptOss.json';
import seedOss from '../../data/models/seedOss.json';
import falconH1 from '../../data/models/falconH1.json';
import deepseekMoe from '../../data/models/deepseekMoe.json';
import glm4Moe from '../../data/models/glm4Moe.json';
import nemotronH from '../../data/models/nemotronH.json';
import qwen3Next from '../../data/models/qwen3Next.json';
import jamba from '../../data/models/jamba.json';
import lfm2 from '../../data/models/lfm2.json';
import minimaxM2 from '../../data/models/minimaxM2.json';
import graniteHybrid from '../../data/models/graniteHybrid.json';
import glm4 from '../../data/models/glm4.json';
import voxtral from '../../data/models/voxtral.json';
import whisper from '../../data/models/whisper.json';
import nemotron from '../../data/models/nemotron.json';
import mistral4 from '../../data/models/mistral4.json';
import qwenV1 from '../../data/models/qwenV1.json';
import dbrxConverted from '../../data/models/dbrxConverted.json';
import lfm2Vl from '../../data/models/lfm2Vl.json';
import afmoe from '../../data/models/afmoe.json';
import gemma4 from '../../data/models/gemma4.json';
import gemma3n from '../../data/models/gemma3n.json';
import kimiLinear from '../../data/models/kimiLinear.json';

export const CATALOG_FILES: readonly unknown[] = [
  bloom,
  encoders,
  falcon,
  gemma,
  gpt2,
  llama,
  llamaVision,
  llava,
  mistral,
  mt5,
  opt,
  phi,
  qwen,
  qwenVl,
  t5,
  gptNeox,
  gptj,
  mpt,
  starcoder2,
  stablelm,
  cohere,
  smollm3,
  olmo,
  apertus,
  gptOss,
  seedOss,
  falconH1,
  deepseekMoe,
  glm4Moe,
  nemotronH,
  qwen3Next,
  jamba,
  lfm2,
  minimaxM2,
  graniteHybrid,
  glm4,
  voxtral,
  whisper,
  nemotron,
  mistral4,
  qwenV1,
  dbrxConverted,
  lfm2Vl,
  afmoe,
  gemma4,
  gemma3n,
  prequantized,
  kimiLinear,
];
