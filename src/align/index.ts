export {alignDocument, annotate, assembleMatrix, buildMatrix, buildModel, matrixPart, parseReference, ReferenceSyntaxError, sectionQuorum} from './lib/index.js'
export type * from './lib/index.js'
