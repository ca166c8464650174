#!/usr/bin/env -S node --single-threaded-gc
// V8 collects garbage on one thread: on two cores its helper threads competed
// with a batch's workers (README, Measurements). The flag only works on
// `node` itself, so `npm start` gives it too.
import {execute} from './index.js'

// A reader that closes the pipe early (`doichieu parse … | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})

process.exitCode = await execute(process.argv.slice(2), {stdout: process.stdout, stderr: process.stderr})
