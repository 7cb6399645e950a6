// "Open history files": a visible button that opens a hidden multi-file input.
// The button is the one control users and assistive tech meet; the input is
// out of the tab order and the accessibility tree (aria-hidden), keeping its
// label only so tests can hand it files as the file dialog would. It offers
// history JSON (plain or gzipped) and SQLite stores; what a file is, is
// decided by its bytes (loadController), not by this list.
import { useRef } from 'react';
import { prewarmStoreWorker } from '../../worker/storeClient.ts';
import { loadInputs } from './loadController.ts';

export function OpenFilesButton({ className }: { className?: string }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className={className}
        onClick={() => {
          // While the user picks, a store worker starts (a store among the files then opens sooner).
          prewarmStoreWorker();
          input.current?.click();
        }}
      >
        Open history files
      </button>
      <input
        ref={input}
        type="file"
        multiple
        accept=".json,.gz,.db,.sqlite,.sqlite3,application/json,application/gzip,application/vnd.sqlite3,application/x-sqlite3"
        aria-label="Open history files"
        aria-hidden="true"
        className="visually-hidden"
        tabIndex={-1}
        onChange={(e) => {
          const files = Array.from(e.currentTarget.files ?? []);
          // Clear so that picking the same file again still fires change.
          e.currentTarget.value = '';
          void loadInputs(files.map((f) => ({ name: f.name, data: f })));
        }}
      />
    </>
  );
}
