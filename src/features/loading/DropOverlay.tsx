// Drop files anywhere on the page. Listens on the window and counts
// dragenter/dragleave (they fire for every child element crossed), so the
// overlay stays up for the whole drag and goes away when it leaves the page.
import { useEffect, useRef, useState } from 'react';
import { prewarmStoreWorker } from '../../worker/storeClient.ts';
import { loadInputs } from './loadController.ts';

function carriesFiles(e: DragEvent): boolean {
  const types = e.dataTransfer?.types;
  return types ? Array.from(types).includes('Files') : false;
}

export function DropOverlay() {
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);

  useEffect(() => {
    const onEnter = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth.current++;
      setDragging(true);
      // Files on their way: a store among them would wait for its worker and SQLite; start one now.
      prewarmStoreWorker();
    };
    const onOver = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    };
    const onDrop = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth.current = 0;
      setDragging(false);
      const files = Array.from(e.dataTransfer?.files ?? []);
      void loadInputs(files.map((f) => ({ name: f.name, data: f })));
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  if (!dragging) return null;
  return (
    <div className="drop-overlay" aria-hidden="true">
      <div className="drop-overlay__target">
        <div className="drop-overlay__title">Drop to open</div>
        <div className="drop-overlay__hint">
          History JSON files, .json.gz, storage database files, SQLite stores
        </div>
      </div>
    </div>
  );
}
