// Lab text may link to remote pages (the host marks them data-external). Following one
// would take the app's own window away from the lab (the web host) or do nothing at
// all (Electron denies navigation), so the click is stopped here and the link handed
// to the caller, which shows it for the student to open in their own browser.

import type { Action } from 'svelte/action';

export const externalLinks: Action<HTMLElement, (href: string) => void> = (node, onExternal) => {
  let report = onExternal;
  const guard = (e: MouseEvent): void => {
    const a = e.target instanceof Element ? e.target.closest('a[data-external]') : null;
    if (!a || !node.contains(a)) return;
    e.preventDefault();
    report(a.getAttribute('href') ?? '');
  };
  node.addEventListener('click', guard);
  node.addEventListener('auxclick', guard);
  return {
    update(next) {
      report = next;
    },
    destroy() {
      node.removeEventListener('click', guard);
      node.removeEventListener('auxclick', guard);
    },
  };
};
