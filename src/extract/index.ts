export {extract, type ExtractOptions} from './lib/index.js'
export {documentCode, resolveCitations} from './lib/citations.js'
export {parseDeadline} from './lib/deadline.js'
export type {
  AgencyRole,
  Assignment,
  CitationDocument,
  CitationEdge,
  CitationGraph,
  CitationNode,
  Comparator,
  Deadline,
  DeadlineKind,
  ExtractResult,
  Level,
  Reference,
  ResolveMethod,
  Target,
  TargetKind,
  TimeFrame,
  TimeFrameKind
} from './lib/types.js'
