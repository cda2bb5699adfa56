/** The catalog's files, one per model family (core/data/models/README.md): a new family adds one line. */
import bloom from '../../data/models/bloom.json';
import encoders from '../../data/models/encoders.json';
import falcon from '../../data/models/falcon.json';
import gemma from '../../data/models/gemma.json';
import gpt2 from '../../data/models/gpt2.json';
import llama from '../../data/models/llama.json';
import mistral from '../../data/models/mistral.json';
import opt from '../../data/models/opt.json';
import phi from '../../data/models/phi.json';
import qwen from '../../data/models/qwen.json';
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

export const CATALOG_FILES: readonly unknown[] = [llama, mistral, qwen, gemma, phi, gpt2, opt, bloom, falcon, t5, encoders, gptNeox, gptj, mpt, starcoder2, stablelm, cohere, smollm3, olmo, apertus, gptOss, seedOss, falconH1, deepseekMoe, glm4Moe, nemotronH];
