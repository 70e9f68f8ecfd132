/** A message at the top of a page for a while (why a change was not made): an alert for screen readers. */
import { el } from './dom';

const BANNER_MS = 10_000;
let timer: ReturnType<typeof setTimeout> | undefined;

export function showBanner(message: string): void {
  let banner = document.getElementById('banner');
  if (!banner) {
    banner = el('div', 'banner');
    banner.id = 'banner';
    banner.setAttribute('role', 'alert');
    document.body.prepend(banner);
  }
  banner.textContent = message;
  banner.hidden = false;
  if (timer) clearTimeout(timer);
  const shown = banner;
  timer = setTimeout(() => {
    shown.hidden = true;
  }, BANNER_MS);
}
