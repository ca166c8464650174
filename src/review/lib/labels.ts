/**
 * Bilingual words the pages share: statuses, decision kinds, review actions,
 * and the class that colours a group.
 */
import {bi} from './html.js'
import type {DecisionKind, NodeReview, ReferenceGroup} from './types.js'

/** Vietnamese and English for each cell status of the matrix. */
const statuses: Record<string, [string, string]> = {
  covered: ['Đầy đủ', 'covered'],
  partial: ['Một phần', 'partial'],
  missing: ['Thiếu', 'missing']
}

/** Vietnamese and English for each decision kind. */
const kinds: Record<DecisionKind, [string, string]> = {
  group: ['Đổi nhóm', 'reassign'],
  confirm: ['Xác nhận', 'confirm'],
  word: ['Sửa từ', 'word'],
  meta: ['Thông tin', 'metadata']
}

/** Vietnamese and English for what an editor did to a node. */
const actions: Record<NodeReview['action'], [string, string]> = {
  confirmed: ['Đã xác nhận', 'confirmed'],
  reassigned: ['Đã đổi nhóm', 'reassigned'],
  'not-task': ['Không phải nhiệm vụ', 'not a task']
}

/**
 * A cell status, bilingual.
 *
 * @param status
 *   Status.
 * @returns
 *   HTML.
 */
export function statusLabel(status: string): string {
  const [vi, en] = statuses[status] ?? [status, status]
  return bi(vi, en)
}

/**
 * A decision kind, bilingual.
 *
 * @param kind
 *   Kind.
 * @returns
 *   HTML.
 */
export function kindLabel(kind: DecisionKind): string {
  const [vi, en] = kinds[kind]
  return bi(vi, en)
}

/**
 * An editor's action on a node, bilingual.
 *
 * @param action
 *   Action.
 * @returns
 *   HTML.
 */
export function actionLabel(action: NodeReview['action']): string {
  const [vi, en] = actions[action]
  return bi(vi, en)
}

/**
 * The colour class of a group: by its place in the reference, so any
 * framework's groups get distinct colours.
 *
 * @param groups
 *   Groups of the reference.
 * @param id
 *   Group id, or null.
 * @returns
 *   Class name (`gc-0` … `gc-7`, or `gc-none`).
 */
export function groupClass(groups: readonly ReferenceGroup[], id: string | null | undefined): string {
  if (id === null || id === undefined) return 'gc-none'
  const index = groups.findIndex((group) => group.id === id)
  return index < 0 ? 'gc-unknown' : 'gc-' + (index % 8)
}
