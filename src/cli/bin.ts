#!/usr/bin/env -S node --single-threaded-gc
// V8 collects garbage on one thread: on two cores its helper threads competed
// with a batch's workers (README, Measurements). The flag only works on
// `node` itself, so `npm start` gives it too.
import {setFlagsFromString} from 'node:v8'
import {execute} from './index.js'

// Functions are optimised after eight times the budget of work V8 gives
// them in Node 20 (67,584): a worker that optimised them before their
// feedback settled lost the optimised code to deoptimisations and compiled
// it again (README, Measurements). V8 reads the budget as it counts, so it
// can be set here, before any worker starts; the collector's threads are
// fixed when the heap is made, hence the shebang.
setFlagsFromString('--interrupt-budget=' + 8 * 67_584)

// A reader that closes the pipe early (`doichieu parse … | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})

process.exitCode = await execute(process.argv.slice(2), {stdout: process.stdout, stderr: process.stderr})
