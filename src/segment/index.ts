export {buildTree, classify, levenshtein, readMeta, roleOf, romanValue, segment, toRoman, visit} from './lib/index.js'
