/** What a page is to the shell (main.ts): an element to mount and a dispose that ends its streams. */
import type { ConnectionBadge } from './connection-badge.js';

export interface Crumb {
  readonly label: string;
  readonly href?: string;
}

export interface PageContext {
  /** The header's live-stream indicator. */
  readonly connection: ConnectionBadge;
  /** Sets the header's breadcrumbs and the document title. */
  readonly setCrumbs: (crumbs: readonly Crumb[]) => void;
}

export interface Page {
  readonly element: HTMLElement;
  dispose(): void;
}
