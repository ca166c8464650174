/**
 * Alignment against a framework (a resolution's task groups) and the gap
 * matrix. Pure: no file system, so the review page can run it in a browser.
 */
export {alignDocument, type AlignDocumentOptions} from './align.js'
export {annotate} from './annotate.js'
export {assembleMatrix, buildMatrix, matrixPart, type BuildMatrixOptions, type MatrixDocument, type MatrixPart, type MatrixTarget} from './matrix.js'
export {buildModel, sectionQuorum, type BuildModelOptions, type ModelDocument} from './model.js'
export {parseReference, ReferenceSyntaxError, type ParseReferenceOptions} from './reference.js'
export type * from './types.js'
