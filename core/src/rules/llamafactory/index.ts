/** The LLaMA-Factory rule families, each restricted to the layout it was written for. */
import type { Rule } from '../rule';
import { data } from './data';
import { distributed } from './distributed';
import { evaluation } from './evaluation';
import { exporting } from './exporting';
import { onlyWhen } from './helpers';
import { ktransformers } from './ktransformers';
import { isV1 } from '../../formats/llamaFactory/layout';
import { methodOptions } from './methodOptions';
import { numberAsString } from './numberAsString';
import { precision } from './precision';
import { quantization } from './quantization';
import { stage } from './stage';
import { targets } from './targets';
import { template } from './template';
import { v1Training } from './v1Training';

const v0 = (ctx: Parameters<Rule['check']>[0]) => !isV1(ctx.doc);

export const llamaFactoryRules: Rule[] = [
  numberAsString,
  ...[methodOptions, targets, quantization, stage, data, template, evaluation, distributed, precision, ktransformers, exporting].map((rule) => onlyWhen(v0, rule)),
  onlyWhen((ctx) => isV1(ctx.doc), v1Training),
];
