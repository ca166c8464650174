export {
  collapse,
  decode,
  DecodeError,
  decodeFile,
  hasDiacritic,
  isSyllable,
  measureDamage,
  normalizeSpace,
  placeTone,
  readBlocks,
  splitLines,
  stripTone,
  toBareKey,
  toKey
} from './lib/index.js'
