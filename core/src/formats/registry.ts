import type { FormatId } from '../types';
import { axolotl } from './axolotl';
import { llamaFactory } from './llamaFactory';
import { peftAdapter } from './peftAdapter';
import { torchtune } from './torchtune';
import { trl } from './trl';
import type { FormatModule } from './types';

export const FORMATS: Record<FormatId, FormatModule> = {
  'peft-adapter': peftAdapter,
  axolotl,
  llamafactory: llamaFactory,
  torchtune,
  trl,
};
