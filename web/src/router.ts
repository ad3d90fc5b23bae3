/**
 * Client-side routes, by path (the server answers index.html for every path outside /api):
 * `/` the cluster, `/topology/<id>` a topology, `/topology/<id>/component/<c>` a component.
 * Clicks on same-origin links are turned into history entries instead of page loads.
 */
export type Route =
  | { readonly page: 'cluster' }
  | { readonly page: 'topology'; readonly id: string }
  | { readonly page: 'component'; readonly id: string; readonly component: string }
  | { readonly page: 'not-found'; readonly path: string };

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter((p) => p !== '');
  const dec = decodeURIComponent;
  if (parts.length === 0) return { page: 'cluster' };
  if (parts[0] === 'topology' && parts[1] !== undefined) {
    if (parts.length === 2) return { page: 'topology', id: dec(parts[1]) };
    if (parts.length === 4 && parts[2] === 'component' && parts[3] !== undefined)
      return { page: 'component', id: dec(parts[1]), component: dec(parts[3]) };
  }
  return { page: 'not-found', path: pathname };
}

const enc = encodeURIComponent;

export const links = {
  cluster: (): string => '/',
  topology: (id: string): string => `/topology/${enc(id)}`,
  component: (id: string, component: string): string => `/topology/${enc(id)}/component/${enc(component)}`,
};

/** Calls `show` with the current route now and after every navigation. */
export function startRouter(show: (route: Route) => void): void {
  const current = (): void => show(parseRoute(location.pathname));
  document.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = e.target instanceof Element ? e.target.closest('a') : null;
    const href = a?.getAttribute('href');
    if (a === null || a === undefined || href === null || href === undefined) return;
    if (
      !href.startsWith('/') ||
      href.startsWith('//') ||
      href.startsWith('/api/') ||
      a.hasAttribute('download')
    )
      return;
    e.preventDefault();
    if (href !== location.pathname) history.pushState(null, '', href);
    current();
  });
  window.addEventListener('popstate', current);
  current();
}
