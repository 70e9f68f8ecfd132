/**
 * The form page's state: one object, made once by main.ts and handed to the sync, sections and render modules (no
 * module keeps state of its own). It holds what the page shows and what is on its way to the host; nothing of it
 * is kept with `setState` (only the scroll position is).
 */
import type { HostMessage, ViewState, WebviewMessage, WebviewUiState } from '../../src/shared/formProtocol';
import type { Client } from '../shared/client';
import type { Control } from './toolkit';

export type FormClient = Client<WebviewMessage, HostMessage, WebviewUiState>;

export interface FormPage {
  readonly app: HTMLElement;
  readonly client: FormClient;
  /** The last state the host sent. */
  state: ViewState | undefined;
  /** What decides the form's layout in that state (render.ts): the same layout updates values in place. */
  layout: string;
  /** The seq of the last edit sent. */
  seq: number;
  /** Controls by field id. */
  readonly controls: Map<string, Control>;
  /** The value each field had in the last state, or was last sent: an edit is sent only when the value differs. */
  readonly known: Map<string, string | boolean>;
  /** Field id → the seq of its last edit not yet acknowledged by the host. */
  readonly pending: Map<string, number>;
  /** Field id → the pause in typing after which its edit is sent. */
  readonly typing: Map<string, ReturnType<typeof setTimeout>>;
  /**
   * Field id → the file version the user's change of it started from. Its edit names that version, so that the host
   * can tell when the file changed under the typing (a state that came in meanwhile leaves a field being typed in
   * alone, and must not make the typing look newer than it is).
   */
  readonly base: Map<string, number>;
  /** Keys typed after Enter added an item, before the new item is there to take them. */
  keyBuffer: string;
  /** Where each field's, row's, list's or section's problems go, by target id. */
  readonly problemSlots: Map<string, HTMLElement>;
  /** The seq of the last add/remove/move sent; until the host has dealt with it, item indices may be about to shift. */
  structuralSeq: number;
  /** The last seq the host has dealt with. */
  ackedSeq: number;
  /** The field to focus after the next rebuild (a new item, a moved item). */
  focusNext: string | undefined;
  restoredScroll: boolean;
  /** The header's date field, when the 1:1 can be moved: not a field of the file's edits (its own `moveDate`). */
  readonly date: {
    control: Control<string> | undefined;
    invalid: HTMLElement | undefined;
    /** The date last sent with `moveDate` and not answered yet: Enter then leaving the field sends it once. */
    sent: string | undefined;
  };
}

export function createPage(app: HTMLElement, client: FormClient): FormPage {
  return {
    app,
    client,
    state: undefined,
    layout: '',
    seq: 0,
    controls: new Map(),
    known: new Map(),
    pending: new Map(),
    typing: new Map(),
    base: new Map(),
    keyBuffer: '',
    problemSlots: new Map(),
    structuralSeq: 0,
    ackedSeq: 0,
    focusNext: undefined,
    restoredScroll: false,
    date: { control: undefined, invalid: undefined, sent: undefined },
  };
}

export function readOnly(page: FormPage): boolean {
  return page.state?.kind === 'form' && page.state.readOnly;
}
