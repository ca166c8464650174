/**
 * The workspace's HTTP server: `node:http` on 127.0.0.1 only. A framework
 * would add nothing the handler needs (a dozen routes, JSON in, HTML out)
 * and more code to trust.
 */
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {createHandler} from './handler.js'
import type {ReviewSource} from './source.js'
import type {DecisionStore} from './store.js'

/** The only address the workspace listens on. */
export const host = '127.0.0.1'

/** Options for {@link startReview}. */
export interface ServeOptions {
  /** The decisions database. */
  store: DecisionStore
  /** The pipeline's outputs. */
  source: ReviewSource
  /** Port; 0 picks a free one. */
  port: number
  /** Called with unexpected errors. */
  onError?: (error: unknown) => void
}

/** A running workspace. */
export interface ReviewServer {
  /** Address to open, `http://127.0.0.1:PORT/`. */
  url: string
  /** Port it listens on. */
  port: number
  /** The server. */
  server: Server
  /**
   * Stop accepting requests and wait for the open ones to finish.
   *
   * @returns
   *   When closed.
   */
  close(): Promise<void>
}

/**
 * Start the workspace.
 *
 * @param options
 *   Store, source, port.
 * @returns
 *   The running server.
 */
export async function startReview(options: ServeOptions): Promise<ReviewServer> {
  const handler = createHandler({store: options.store, source: options.source, onError: options.onError})
  const server = createServer((request, response) => {
    void handler(request, response)
  })
  // Keep-alive sockets would hold `close` open for seconds after the last page.
  server.keepAliveTimeout = 2000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  return {
    url: 'http://' + host + ':' + port + '/',
    port,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeIdleConnections()
      })
  }
}
