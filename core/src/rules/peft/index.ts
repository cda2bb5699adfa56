/** The PEFT adapter_config.json rule families, in the order PEFT's loader would meet their checks. */
import type { Rule } from '../rule';
import { adaloraRule } from './adalora';
import { baseModelRule } from './baseModel';
import { ia3Rule } from './ia3';
import { layersRule } from './layers';
import { loraRule } from './lora';
import { oftRule } from './oft';
import { othersRule } from './others';
import { peftTypeRule } from './peftType';
import { projectionsRule } from './projections';
import { promptLearningRule } from './promptLearning';
import { xloraRule } from './xlora';

export const PEFT_RULES: Rule[] = [peftTypeRule, layersRule, loraRule, adaloraRule, ia3Rule, oftRule, promptLearningRule, projectionsRule, xloraRule, othersRule, baseModelRule];
