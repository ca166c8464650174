/**
 * Types shared by every stage: the blocks ingest produces, the document tree
 * segment builds, document metadata, and the typed `file.data` of a `VFile`.
 */

import type {DocumentAlignment} from './align/index.js'
import type {ExtractResult} from './extract/index.js'
import type {RepairChange} from './repair/index.js'

/** A place in the NFC text: line and column from 1, offset from 0. */
export interface Point {
  line: number
  column: number
  offset: number
}

/** A range in the NFC text, as in unist. */
export interface Position {
  start: Point
  end: Point
}

/** How a block begins, as ingest saw it (numbering is read by segment). */
export type BlockKind = 'text' | 'rule' | 'footnote'

/**
 * One paragraph-like unit of the source after layout clean-up: a Markdown
 * paragraph, heading or list item, or a run of joined plain-text lines.
 */
export interface Block {
  /** What the block is. */
  kind: BlockKind
  /** Display text: the source text with layout marks removed, wraps joined by one space. */
  text: string
  /** Where the block sits in the NFC source. */
  position: Position
  /** Marker the source put before the text and Markdown hides (`-`, `+`, `1.`), if any. */
  marker: string | null
  /** Markdown heading depth, kept for information only: hierarchy never uses it. */
  depth: number | null
  /** Footnote anchors (`(1)`, `1`) found in the text, in order. */
  anchors: string[]
  /** For a footnote block: its label. */
  label: string | null
}

/** Kinds of node in the document tree, from the root down. */
export type NodeKind =
  | 'root'
  | 'title'
  | 'dateline'
  | 'part'
  | 'group'
  | 'item'
  | 'point'
  | 'header'
  | 'bullet'
  | 'subbullet'
  | 'paragraph'
  | 'closing'
  | 'recipients'
  | 'signature'
  | 'footnote'

/** What a part (or group) of a program is for, read from its title. */
export type Role =
  | 'purpose'
  | 'situation'
  | 'viewpoints'
  | 'objectives'
  | 'targets'
  | 'tasks'
  | 'assignments'
  | 'implementation'

/** A node of the document tree. */
export interface DocNode {
  /** Kind of node. */
  kind: NodeKind
  /** Stable id from the node's place in the hierarchy (`part_III__group_2__bullet_3`). */
  id: string
  /** Numbering as written (`III.`, `1.1.`, `a)`, `-`), or null. */
  num: string | null
  /** Numbering normalised (`III`, `1.1`, `a`), or null for bullets and paragraphs. */
  numValue: string | null
  /** Title of a numbered heading, or null. */
  heading: string | null
  /** Body text of this node itself (children excluded). */
  text: string
  /** Role of a part or group, from its title. */
  role: Role | null
  /** First line of the node in the source, from 1. */
  line: number
  /** First column of the node in the source, from 1. */
  column: number
  /** Range of the node's own block(s) in the NFC source. */
  position: Position
  /** Child nodes, in source order. */
  children: DocNode[]
}

/** Document metadata; `null` where the text does not say. */
export interface Meta {
  /** Document kind in Vietnamese, lower case (`chương trình hành động`, `nghị quyết`). */
  kind: string | null
  /** Issuing body. */
  issuer: string | null
  /** Province. */
  province: string | null
  /** Date of issue, ISO `YYYY-MM-DD`. */
  date: string | null
  /** Name of the signer. */
  signer: string | null
  /** Title as written. */
  title: string | null
  /** Codes of the resolutions the document implements (`["28-NQ/TW"]`). */
  implements: string[]
}

/** How damaged a text looks. */
export interface Damage {
  /** Whether the text is OCR- or stripping-damaged. */
  damaged: boolean
  /** Share of Vietnamese-looking word tokens that carry no diacritic or are not valid syllables. */
  score: number
  /** Word tokens looked at. */
  tokens: number
}

declare module 'vfile' {
  interface DataMap {
    /** Document id derived from the file name. */
    id: string
    /** Source format. */
    format: 'md' | 'txt'
    /** OCR damage estimate. */
    damage: Damage
    /** OCR repair: the text before repair and the tokens changed. */
    repair: {source: string; changes: RepairChange[]; syllables: number}
    /** Blocks after layout clean-up. */
    blocks: Block[]
    /** Footnotes lifted out of the body, by label. */
    footnotes: Block[]
    /** Metadata. */
    meta: Meta
    /** The document tree. */
    tree: DocNode
    /** Targets, assignments and references. */
    extract: ExtractResult
    /** Alignment with the framework. */
    alignment: DocumentAlignment
  }
}
