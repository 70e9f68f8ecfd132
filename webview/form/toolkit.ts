/**
 * The ONLY module that imports @vscode/webview-ui-toolkit (archived upstream): the rest of the webview works with
 * the small `Control` interface below, so moving to another component set changes this file alone.
 */
import {
  provideVSCodeDesignSystem,
  vsCodeButton,
  vsCodeCheckbox,
  vsCodeDropdown,
  vsCodeOption,
  vsCodeTextArea,
  vsCodeTextField,
} from '@vscode/webview-ui-toolkit';
import { MAX_TEXT } from '../../src/shared/formProtocol';

provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeCheckbox(), vsCodeDropdown(), vsCodeOption(), vsCodeTextArea(), vsCodeTextField());

/** A form control: its element, its value, and the two moments the form cares about (typing, and done). */
export interface Control<V extends string | boolean = string | boolean> {
  readonly element: HTMLElement;
  get(): V;
  set(value: V): void;
  /** Fires on every keystroke (text) or change (others). */
  onInput(listener: () => void): void;
  /** Fires when the value is final: a change, or leaving the field. */
  onCommit(listener: () => void): void;
  hasFocus(): boolean;
  focus(): void;
}

interface ToolkitValueElement extends HTMLElement {
  value: string;
  disabled: boolean;
}

interface ToolkitCheckElement extends HTMLElement {
  checked: boolean;
  disabled: boolean;
  /** FAST's own Space handler (an instance property its template calls). */
  keypressHandler(e: KeyboardEvent): boolean | void;
}

/**
 * The parts of FAST's Select that decide when a choice becomes the value. Its template calls these methods on the
 * instance at each event, so an instance's own function takes their place. A handler returning true lets the
 * browser's default action happen; anything else cancels it.
 */
interface ToolkitSelectElement extends ToolkitValueElement {
  open: boolean;
  selectedIndex: number;
  /** The selected index when the list opened: the value to go back to. */
  indexWhenOpened: number;
  keydownHandler(e: KeyboardEvent): boolean | void;
  clickHandler(e: MouseEvent): boolean | void;
  focusoutHandler(e: FocusEvent): boolean | void;
}

const isChord = (e: KeyboardEvent): boolean => e.ctrlKey || e.altKey || e.metaKey;

/**
 * Toolkit components set their own aria-label from their text when they are attached; ours is set again after
 * that, so that a control without a visible label is still named for a screen reader.
 */
function label(el: HTMLElement, text: string): void {
  el.setAttribute('aria-label', text);
  requestAnimationFrame(() => el.setAttribute('aria-label', text));
}

function within(el: HTMLElement): boolean {
  const active = document.activeElement;
  return active === el || (active !== null && el.contains(active));
}

/** A Control over a toolkit element: `prop` holds its value; `inputEvent` fires while it changes. */
function control<V extends string | boolean>(el: HTMLElement, prop: 'value' | 'checked', inputEvent: 'input' | 'change'): Control<V> {
  const host = el as unknown as Record<typeof prop, V>;
  return {
    element: el,
    get: () => host[prop],
    set: (v) => {
      host[prop] = v;
    },
    onInput: (l) => el.addEventListener(inputEvent, l),
    onCommit: (l) => el.addEventListener('change', l),
    hasFocus: () => within(el),
    focus: () => el.focus(),
  };
}

function textControl(tag: 'vscode-text-field' | 'vscode-text-area', ariaLabel: string, value: string, options: { placeholder?: string; disabled?: boolean; rows?: number }): Control<string> {
  const el = document.createElement(tag) as ToolkitValueElement;
  if (options.placeholder) el.setAttribute('placeholder', options.placeholder);
  if (options.rows) el.setAttribute('rows', String(options.rows));
  if (tag === 'vscode-text-area') el.setAttribute('resize', 'vertical');
  // The host takes texts up to this length; a longer paste is cut here, visibly, rather than dropped there.
  el.setAttribute('maxlength', String(MAX_TEXT));
  el.value = value;
  el.disabled = options.disabled ?? false;
  label(el, ariaLabel);
  return control<string>(el, 'value', 'input');
}

export function textField(ariaLabel: string, value: string, options: { placeholder?: string; disabled?: boolean } = {}): Control<string> {
  return textControl('vscode-text-field', ariaLabel, value, options);
}

export function textArea(ariaLabel: string, value: string, options: { placeholder?: string; disabled?: boolean; rows?: number } = {}): Control<string> {
  return textControl('vscode-text-area', ariaLabel, value, options);
}

export function checkbox(text: string, checked: boolean, options: { disabled?: boolean } = {}): Control<boolean> {
  const el = document.createElement('vscode-checkbox') as ToolkitCheckElement;
  el.textContent = text;
  el.checked = checked;
  el.disabled = options.disabled ?? false;
  // Ctrl+Space and the like are shortcuts, not a tick.
  const keypress = el.keypressHandler.bind(el);
  el.keypressHandler = (e) => (isChord(e) ? true : keypress(e));
  return control<boolean>(el, 'checked', 'change');
}

/**
 * Makes the toolkit's select behave like a native one: the highlighted option becomes the value only when the user
 * confirms it (Enter, Space, a click on an option). Escape, Tab, a click on the box or leaving it close the list
 * with the value it had when it opened; FAST's select would fire `change` with the highlighted option on any close.
 * Chords are not for the select at all: Ctrl+S must not type-ahead to "Skipped".
 */
function nativeChoice(el: ToolkitSelectElement): void {
  const keydown = el.keydownHandler.bind(el);
  const click = el.clickHandler.bind(el);
  const focusout = el.focusoutHandler.bind(el);
  const restore = (): void => {
    if (el.open && el.selectedIndex !== el.indexWhenOpened) el.selectedIndex = el.indexWhenOpened;
  };
  el.keydownHandler = (e) => {
    if (isChord(e)) return true;
    if (e.key === 'Escape' || e.key === 'Tab') restore();
    return keydown(e);
  };
  el.clickHandler = (e) => {
    const target = e.target instanceof Element ? e.target : null;
    if (!target?.closest('option,[role=option]')) restore();
    return click(e);
  };
  el.focusoutHandler = (e) => {
    const to = e.relatedTarget;
    if (!(to instanceof Node && el.contains(to))) restore();
    return focusout(e);
  };
}

export function dropdown(ariaLabel: string, choices: ReadonlyArray<readonly [value: string, text: string]>, value: string, options: { disabled?: boolean } = {}): Control<string> {
  const el = document.createElement('vscode-dropdown') as ToolkitSelectElement;
  nativeChoice(el);
  for (const [v, text] of choices) {
    const opt = document.createElement('vscode-option');
    opt.setAttribute('value', v);
    opt.textContent = text;
    el.append(opt);
  }
  // A value the choices do not have (a typo in the file) is shown as it is, so nothing looks fixed that is not.
  if (value !== '' && !choices.some(([v]) => v === value)) {
    const opt = document.createElement('vscode-option');
    opt.setAttribute('value', value);
    opt.textContent = `${value} (not valid)`;
    el.append(opt);
  }
  el.disabled = options.disabled ?? false;
  label(el, ariaLabel);
  // The options are read when the element is attached; the value is set once they are.
  requestAnimationFrame(() => {
    if (el.value !== value) el.value = value;
  });
  el.value = value;
  return control<string>(el, 'value', 'change');
}

export function button(text: string, onClick: () => void, options: { ariaLabel?: string; appearance?: 'primary' | 'secondary' | 'icon'; disabled?: boolean; title?: string } = {}): HTMLElement {
  const el = document.createElement('vscode-button') as ToolkitValueElement;
  el.textContent = text;
  if (options.appearance) el.setAttribute('appearance', options.appearance);
  if (options.ariaLabel) label(el, options.ariaLabel);
  if (options.title) el.title = options.title;
  el.disabled = options.disabled ?? false;
  el.addEventListener('click', () => {
    if (!el.disabled) onClick();
  });
  return el;
}

/**
 * A badge: a plain span in the theme's badge colours. Not the toolkit's badge, whose template has a `style`
 * attribute, which the page's Content Security Policy (no inline styles) refuses, and reports, each time one is drawn.
 */
export function badge(text: string): HTMLElement {
  const el = document.createElement('span');
  el.className = 'badge';
  el.textContent = text;
  return el;
}
