/**
 * The core facade: every front end (language server, CLI, tests) goes through these functions.
 * Pure: no VS Code or LSP imports, no I/O except through the injected Host.
 */
export type { ConfigDoc } from './document';
export { openDocument } from './document';
export { updateDocument } from './incremental';
export type { Context } from './context';
export { createContext } from './context';
export type { Host } from './host';
export { NULL_HOST } from './host';
export type { Settings } from './settings';
export { DEFAULT_SETTINGS, resolveSettings } from './settings';
export type { FormatId, Issue, Fix, Severity, Span, TextEdit } from './types';
export { FORMAT_IDS } from './types';
export type { TrainingPlan, Sourced } from './plan';
export type { EstimateOverrides, EstimateResult, MemoryBand, MemoryEstimate, ParamCounts, SourcedTerm, TermProvenance } from './estimate/types';
export type { Architecture, ModelResolver } from './models/types';
export type { ModelResolution, ModuleInfo } from './models/types';
export { createModelResolver } from './models/resolver';
export { catalogEntries, lookupCatalog } from './models/catalog';
export { countParams } from './estimate/params/countParams';
export { check } from './features/check';
export type { HoverResult } from './features/hover';
export { hoverAt } from './features/hover';
export type { Completion } from './features/complete';
export { completeAt } from './features/complete';
export { estimate } from './features/estimate';
export { allIssueCodes } from './codes';
export { FORMATS } from './formats/registry';
export type { Lens } from './features/codeLens';
export { codeLensesFor } from './features/codeLens';
export type { Breakdown, BreakdownTerm } from './features/breakdown';
export { breakdownOf } from './features/breakdown';
export type { RankComparison, RankRow } from './features/compareRanks';
export { compareRanks, RANKS_TO_COMPARE } from './features/compareRanks';
export type { LargestFit } from './features/largestFit';
export { largestFit } from './features/largestFit';
export type { FitVerdict, FitVerdictKind } from './features/fit';
export { fitVerdict, verdictWords } from './features/fit';
export { bandPercent } from './estimate/memory/band';
export type { Gpu } from './features/gpus';
export { GPU_CATALOG, findGpu } from './features/gpus';
export type { MethodPicker } from './features/methods';
export type { MethodItem } from './docs/methods';
export type { PaperRef } from './docs/papers';
export { methodPicker } from './features/methods';
export type { EstimateInput } from './features/estimateInputs';
