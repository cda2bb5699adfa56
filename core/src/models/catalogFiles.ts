/**
 * The catalog's files: every core/data/models/*.json (one per model family, see its README), found by
 * the build (scripts/data.mjs), so a new family is a new file and nothing else; parsed on first use.
 */
import loadFiles from '../../data/models/*.json?lazy';

export const catalogFiles = loadFiles as () => readonly unknown[];
