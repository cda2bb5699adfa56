/** The torchtune rule family, in the order their issues are most useful to read. */
import type { Rule } from '../rule';
import { argumentsRule } from './arguments';
import { componentsRule } from './components';
import { interpolationRule } from './interpolation';
import { loraRule } from './lora';
import { recipeRule } from './recipe';

export const TORCHTUNE_RULES: Rule[] = [componentsRule, argumentsRule, loraRule, recipeRule, interpolationRule];
