export {documentJson, formatMessages, messageJson, outline, type DocumentJson, type MessageJson} from './lib/document.js'
export {toJson, writeAtomic} from './lib/write.js'
