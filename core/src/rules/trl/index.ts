/** The TRL rule families. */
import type { Rule } from '../rule';
import { dataset } from './dataset';
import { handbook } from './handbook';
import { peft } from './peft';
import { quantization } from './quantization';
import { trainerOptions } from './trainerOptions';

export const trlRules: Rule[] = [quantization, peft, dataset, trainerOptions, handbook];
