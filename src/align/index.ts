export {alignDocument, annotate, buildMatrix, buildModel, parseReference, ReferenceSyntaxError, sectionQuorum} from './lib/index.js'
export type * from './lib/index.js'
