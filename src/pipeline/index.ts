export {failed, processFile, type ProcessOptions} from './lib/index.js'
