export {execute, UsageError, type Command, type Streams} from './lib/index.js'
