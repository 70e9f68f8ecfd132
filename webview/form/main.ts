/**
 * The 1:1 form, inside the webview: the entry point. It shows the state the host sends and sends back field edits,
 * addressed by the ids in that state. Its parts: page.ts (the page's one state object), sync.ts (edits on their
 * way), sections.ts (the form, built from a state), render.ts (a state shown: in place or rebuilt), toolkit.ts (the
 * only module that knows the component toolkit), and webview/shared/ (the envelope client, DOM and key helpers
 * any page uses). It keeps no people data in `setState` (only the scroll position).
 *
 * No loops: a text field sends its edit after a pause in typing (or on leaving it); while an edit of a field is on
 * its way (its `seq` not yet acknowledged), new states leave that field alone.
 */
import type { HostMessage, WebviewMessage, WebviewUiState } from '../../src/shared/formProtocol';
import { parseHostMessage } from '../../src/shared/formProtocol';
import { showBanner } from '../shared/banner';
import { createClient } from '../shared/client';
import { guardChords } from '../shared/keys';
import { createPage } from './page';
import { render } from './render';
import { formSections } from './sections';
import { acknowledge, flushAll } from './sync';

// First of all the page's key listeners: no chord changes a value, and every chord still reaches VS Code.
guardChords(window);

const client = createClient<WebviewMessage, HostMessage, WebviewUiState>(parseHostMessage);
const page = createPage(document.getElementById('app') as HTMLElement, client);
const sections = formSections(page);

client.listen((m) => {
  // Only edits this page sent can be answered (a state meant for the page before a reload may still come in).
  if (m.type === 'refused') {
    showBanner(m.message);
    // Seq 0: the move to another day was refused (that day has a note already): the field shows the 1:1's date again.
    if (m.seq === 0) {
      page.date.sent = undefined;
      if (page.state?.kind === 'form') sections.showDate(page.state.header.date);
      return;
    }
    if (m.seq === page.structuralSeq) page.keyBuffer = '';
    acknowledge(page, Math.min(m.seq, page.seq));
    return;
  }
  acknowledge(page, Math.min(m.ackSeq, page.seq));
  render(page, sections, m.state);
});

let scrollTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('scroll', () => {
  if (scrollTimer) clearTimeout(scrollTimer);
  scrollTimer = setTimeout(() => client.saveUi({ scrollY: Math.round(window.scrollY) }), 200);
});

// Leaving the page (tab closed or hidden) sends what was typed; so does Ctrl/Cmd+S, before VS Code saves.
const flush = (): void => flushAll(page);
window.addEventListener('blur', flush);
window.addEventListener('pagehide', flush);
document.addEventListener('visibilitychange', flush);
document.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') flush();
  // Right after Enter added an item, typing belongs to the new item, which is not there yet: keep the keys for it.
  if (page.focusNext && page.structuralSeq > page.ackedSeq && e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && !e.isComposing) {
    page.keyBuffer += e.key;
    e.preventDefault();
    e.stopPropagation();
  }
}, true);

client.ready();
