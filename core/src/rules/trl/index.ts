/** The TRL rule families. */
import type { Rule } from '../rule';
import { customScript, stockScriptOnly } from './customScript';
import { dataset } from './dataset';
import { handbook } from './handbook';
import { peft } from './peft';
import { quantization } from './quantization';
import { trainerOptions } from './trainerOptions';

export const trlRules: Rule[] = [customScript, quantization, peft, stockScriptOnly(dataset), trainerOptions, stockScriptOnly(handbook)];
