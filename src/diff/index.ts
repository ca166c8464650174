export {changeKinds, compareWords, diff, redline} from './lib/index.js'
export type {
  AlignedNodeInput,
  AssignmentInput,
  CellInput,
  CoverageInput,
  DiffOptions,
  DiffSide,
  FrameworkGroupInput,
  FrameworkInput,
  RecordsInput,
  RedlineRow,
  RedlineTrees,
  ReferenceInput,
  RowStatus,
  TargetInput,
  TimeFrameInput
} from './lib/index.js'
export type * from './lib/types.js'
