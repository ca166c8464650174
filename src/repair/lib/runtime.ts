/**
 * What repair keeps per model besides its plain data: the channels built
 * from its counts, its unit index, and the candidates found per form.
 */
import type {Proposal} from './candidates.js'
import {createChannel, readCosts, reserveCosts, type Channel} from './channel.js'
import type {RepairModel} from './model.js'

/** Per-model state: the channels, the unit index and caches. */
export interface Runtime {
  /** Channel of the model's committed counts. */
  channel: Channel
  /** Channel of code capitals. */
  codeChannel: Channel
  /** Id of each unit. */
  index: Map<string, number>
  /** Candidates found by searching the channel, per form. */
  proposals: Map<string, Proposal>
  /** Candidates by lookup only, per form. */
  plain: Map<string, Proposal>
  /** Ids of the words the training texts use. */
  seen: Set<number>
}

const runtimes = new WeakMap<RepairModel, Runtime>()

/**
 * Set up the state of a freshly trained model, so that its first repair
 * does not pay for it: the channel its trie was built with, room for the
 * cost vectors of a document's pieces (some thousands), and the costs of
 * the readings the counts know (the rest are filled as texts need them).
 *
 * @param model
 *   Model.
 * @param channel
 *   Channel of `model.channel` over `model.letters`.
 * @param index
 *   Id of each unit of `model.vocabulary`.
 */
export function prepareRuntime(model: RepairModel, channel: Channel, index: Map<string, number>): void {
  reserveCosts(channel, 2048)
  for (const read of channel.readers.keys()) readCosts(channel, read)
  runtimes.set(model, {
    channel,
    codeChannel: createChannel({_source: '', emissions: model.channel.codes ?? {}}, []),
    index,
    proposals: new Map(),
    plain: new Map(),
    seen: new Set(model.trie.words)
  })
}

/**
 * The state of a model, set up on first use for a model that was not
 * trained here (a copy with other counts, say).
 *
 * @param model
 *   Model.
 * @returns
 *   Its runtime state.
 */
export function runtimeOf(model: RepairModel): Runtime {
  let runtime = runtimes.get(model)
  if (!runtime) {
    const index = new Map<string, number>()
    for (const [id, unit] of model.vocabulary.entries()) index.set(unit, id)
    prepareRuntime(model, createChannel(model.channel, model.letters), index)
    runtime = runtimes.get(model)
    if (!runtime) throw new Error('Cannot prepare the repair model')
  }
  return runtime
}
