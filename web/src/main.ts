/**
 * The Gale web UI: a header (breadcrumbs, live-stream indicator) and the page of the current
 * route. Pages are plain DOM, updated in place from server-sent events; see docs/ui.md.
 */
import { clusterPage } from './cluster-page.js';
import { componentPage } from './component-page.js';
import { ConnectionBadge } from './connection-badge.js';
import { h, replace } from './dom.js';
import type { Crumb, Page, PageContext } from './page.js';
import { links, startRouter, type Route } from './router.js';
import { topologyPage } from './topology-page.js';

const connection = new ConnectionBadge();
const crumbs = h('nav', { class: 'crumbs', 'aria-label': 'breadcrumbs' });
const main = h('main');

function setCrumbs(list: readonly Crumb[]): void {
  const items = list.flatMap((c, i) => [
    i === 0 ? null : h('span', { class: 'sep', 'aria-hidden': 'true' }, '›'),
    c.href === undefined ? h('span', { 'aria-current': 'page' }, c.label) : h('a', { href: c.href }, c.label),
  ]);
  replace(crumbs, ...items);
  document.title = [...list]
    .reverse()
    .map((c) => c.label)
    .concat('Gale')
    .join(' · ');
}

const ctx: PageContext = { connection, setCrumbs };

function notFound(path: string): Page {
  setCrumbs([{ label: 'Cluster', href: links.cluster() }, { label: 'Not found' }]);
  connection.set('gone');
  return {
    element: h('div', { class: 'page' }, h('h1', {}, 'Not found'), h('p', {}, `Nothing at ${path}.`)),
    dispose: () => undefined,
  };
}

function pageFor(route: Route): Page {
  switch (route.page) {
    case 'cluster':
      return clusterPage(ctx);
    case 'topology':
      return topologyPage(ctx, route.id);
    case 'component':
      return componentPage(ctx, route.id, route.component);
    case 'not-found':
      return notFound(route.path);
  }
}

let current: Page | null = null;
document.body.append(
  h(
    'header',
    { class: 'top' },
    h('a', { class: 'brand', href: links.cluster() }, 'Gale'),
    crumbs,
    connection.element,
  ),
  main,
);
startRouter((route) => {
  current?.dispose();
  current = pageFor(route);
  main.replaceChildren(current.element);
  window.scrollTo(0, 0);
});
