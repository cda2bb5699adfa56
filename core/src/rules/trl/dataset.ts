/** Where the data comes from (trl/scripts: `datasets` mixture or `dataset_name`). */
import type { Rule } from '../rule';
import { Reporter, isSet, present } from '../rule';
import { removeKeyFix } from '../fixes';

const HANDBOOK_DATA = ['dataset_mixture', 'dataset_mixer'];

export const dataset: Rule = {
  codes: {
    'trl/dataset-name-ignored': '`dataset_name` together with `datasets`, which takes precedence.',
    'trl/missing-dataset': 'Neither `dataset_name` nor `datasets`.',
  },
  check(ctx) {
    const r = new Reporter(ctx);
    const mixture = Array.isArray(ctx.config.datasets) && ctx.config.datasets.length > 0;
    const name = isSet(ctx, 'dataset_name');
    if (mixture && name) {
      r.report('trl/dataset-name-ignored', 'warning', 'Both `datasets` and `dataset_name` are set: TRL loads the `datasets` mixture and ignores `dataset_name`. Remove one.', ['dataset_name'], 'key', [removeKeyFix(ctx, 'dataset_name')]);
    }
    if (!mixture && !name && present(ctx, HANDBOOK_DATA).length === 0) {
      r.report('trl/missing-dataset', 'error', 'No training data: the TRL scripts stop with "Either `datasets` or `dataset_name` must be provided". Add `dataset_name: <Hub id or path>` or a `datasets:` list.', ['model_name_or_path']);
    }
    return r.issues;
  },
};
