#!/usr/bin/env -S node --single-threaded-gc
// V8 collects garbage on one thread here: on two cores, its helper threads
// competed with the workers (cold batch of 1,000 documents: 59 s rather than
// 71 s with one worker, 49–51 s rather than 52–63 s with two). The flag only
// works on `node` itself, so `npm start` gives it too.
import {execute} from './index.js'

// A reader that closes the pipe early (`doichieu parse … | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})

process.exitCode = await execute(process.argv.slice(2), {stdout: process.stdout, stderr: process.stderr})
