// "Paste JSON": a button opening a modal dialog with a textarea; its text is
// loaded as a file named "pasted.json". Escape or Cancel closes it and focus
// returns to the button. Also: pasting JSON anywhere outside a text field
// loads it straight away (usePasteToLoad).
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { loadPastedText } from './loadController.ts';

export function PasteJsonButton({ className }: { className?: string }) {
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        ref={opener}
        type="button"
        className={className}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        Paste JSON
      </button>
      {open && (
        <PasteDialog
          onClose={() => {
            setOpen(false);
            opener.current?.focus();
          }}
        />
      )}
    </>
  );
}

function focusables(root: HTMLElement): HTMLElement[] {
  return Array.from(
    root.querySelectorAll<HTMLElement>('button:not([disabled]), textarea, input, [tabindex="0"]'),
  );
}

function PasteDialog({ onClose }: { onClose: () => void }) {
  const [text, setText] = useState('');
  const titleId = useId();
  const hintId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const area = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    area.current?.focus();
  }, []);

  const submit = () => {
    if (text.trim() === '') return;
    void loadPastedText(text);
    onClose();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    } else if (e.key === 'Tab' && dialog.current) {
      // Keep focus inside the modal.
      const items = focusables(dialog.current);
      const first = items[0];
      const last = items.at(-1);
      if (!first || !last) return;
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a click on the backdrop closes the dialog (Escape does too)
    <div
      className="modal-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div
        ref={dialog}
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={hintId}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="modal__title">
          Paste JSON
        </h2>
        <p id={hintId} className="modal__hint">
          Paste an execution history (the output of <code>ExecutionHistory.to_dict()</code> or a storage
          file). It is loaded as <code>pasted.json</code>. Ctrl+Enter loads it.
        </p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <textarea
            ref={area}
            className="modal__text"
            aria-label="History JSON"
            spellCheck={false}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            placeholder='{"summary": {...}, "paths": [...], "mode_storage": {...}}'
          />
          <div className="modal__actions">
            <button type="button" className="btn" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="btn btn--primary" disabled={text.trim() === ''}>
              Load
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}

function inTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA';
}

/** Pasting JSON text anywhere on the page (outside text fields) loads it as "pasted.json". */
export function usePasteToLoad(): void {
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      if (inTextField(e.target)) return;
      const text = e.clipboardData?.getData('text/plain') ?? '';
      const start = text.trimStart()[0];
      if (start !== '{' && start !== '[') return;
      e.preventDefault();
      void loadPastedText(text);
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, []);
}
