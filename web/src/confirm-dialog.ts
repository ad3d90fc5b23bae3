/**
 * A modal <dialog> that asks before an action runs, runs it, and stays open with the server's
 * message when it fails. Test hooks: `[data-testid=confirm]`, `[data-testid=cancel]`,
 * `[data-testid=dialog-error]`.
 */
import { h, setText, type Child } from './dom.js';

export interface ConfirmOptions {
  readonly title: string;
  /** What will happen, and any inputs the action takes. */
  readonly body: readonly Child[];
  readonly confirmLabel: string;
  /** A destructive action: the confirm button is red. */
  readonly danger?: boolean;
  /** Runs the action; a thrown error's message is shown in the dialog. */
  readonly run: () => Promise<void>;
}

export function confirmAction(options: ConfirmOptions): HTMLDialogElement {
  const error = h('p', { class: 'dialog-error', role: 'alert', 'data-testid': 'dialog-error', hidden: true });
  const cancel = h('button', { type: 'button', 'data-testid': 'cancel' }, 'Cancel');
  const confirm = h(
    'button',
    { type: 'submit', class: options.danger === true ? 'danger' : 'primary', 'data-testid': 'confirm' },
    options.confirmLabel,
  );
  const form = h(
    'form',
    { method: 'dialog' },
    h('h2', {}, options.title),
    ...options.body,
    error,
    h('div', { class: 'dialog-buttons' }, cancel, confirm),
  );
  const dialog = h('dialog', { class: 'confirm', 'aria-label': options.title }, form);

  cancel.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => dialog.remove());
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    confirm.disabled = true;
    cancel.disabled = true;
    error.hidden = true;
    options.run().then(
      () => dialog.close(),
      (err: unknown) => {
        setText(error, err instanceof Error ? err.message : String(err));
        error.hidden = false;
        confirm.disabled = false;
        cancel.disabled = false;
      },
    );
  });
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}
