/**
 * What every webview of the extension shares with its host: the ready handshake, the protocol version, and the
 * checks a message from a page passes. Each webview has its own protocol file on top of this one (formProtocol.ts
 * for the 1:1 form); the host module (src/vscode/webview/host.ts) and the page client (webview/shared/client.ts)
 * import it. It imports neither `vscode` nor the DOM.
 *
 * Every message is an object with a `type` naming its kind. A page says `ready` when its script has loaded (and
 * again after a reload, when VS Code shows a hidden tab again): the host sends nothing before, and sends what the
 * page needs after.
 */

/**
 * Raised when a message changes meaning between the page and the host. Both ship in one bundle, so a mismatch
 * means a page left over from another version of the extension: the host does not talk to it.
 */
export const PROTOCOL_VERSION = 1;

export interface ReadyMessage {
  readonly type: 'ready';
  /** The page's PROTOCOL_VERSION. Version 1 pages may leave it out (the first pages said just `ready`). */
  readonly protocol?: number;
}

export function readyMessage(): ReadyMessage {
  return { type: 'ready', protocol: PROTOCOL_VERSION };
}

/** True when `v` is a ready message of this protocol version. */
export function isReady(v: unknown): boolean {
  if (!isObject(v) || v.type !== 'ready' || !hasOnly(v, ['type', 'protocol'])) return false;
  return v.protocol === undefined ? PROTOCOL_VERSION === 1 : v.protocol === PROTOCOL_VERSION;
}

// Checks for the protocols' parsers: a page is untrusted, so every message is checked key by key.

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A message sequence number or document version: a non-negative safe integer. */
export const isSeq = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= Number.MAX_SAFE_INTEGER;
/** True when the object has no key other than these (a message with more is not the protocol's). */
export const hasOnly = (o: Record<string, unknown>, keys: readonly string[]): boolean => Object.keys(o).every((k) => keys.includes(k));
