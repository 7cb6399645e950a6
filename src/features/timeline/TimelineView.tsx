// The timeline: one row per step in the outline's order (folds and "hide
// non-matching" apply), a bar from start to end on a shared wall-clock axis,
// the critical path underlined and summed up in the toolbar. The canvas
// draws only the rows in view; scale and scroll live in a ref (no React
// render per wheel tick), redrawn once per frame. Wheel scrolls the rows,
// Ctrl+wheel zooms about the pointer, Shift+wheel or a drag pans the time;
// keys in timelineKeys.ts. A click selects the step everywhere; the outline
// is the drawing's keyboard and screen-reader twin, as for the tree.
import { useCallback, useEffect, useId, useMemo, useRef } from 'react';
import { useExplorerStore } from '../../store/explorerStore.ts';
import { useActiveRun, useCollapsed, useFilterResult, useShownSteps } from '../../store/selectors.ts';
import { DETACHED_GROUP, flattenOutline } from '../outline/flattenOutline.ts';
import { watchCanvasSize } from '../tree-view/canvasSize.ts';
import { createFrameScheduler, type FrameScheduler } from '../tree-view/frameScheduler.ts';
import { currentPalette, watchTheme } from '../tree-view/theme.ts';
import { CriticalPathSummary } from './CriticalPathSummary.tsx';
import { AXIS_HEIGHT, drawTimeline, GUTTER_WIDTH, ROW_HEIGHT } from './drawTimeline.ts';
import { TimelineTooltip } from './TimelineTooltip.tsx';
import { timelineData } from './timelineData.ts';
import { type TimelineAction, timelineAction, ZOOM_STEP } from './timelineKeys.ts';
import { fitScale, panBy, withWidth, zoomAt } from './timeScale.ts';
import { type TimelineScene, useTimelinePointer } from './useTimelinePointer.ts';
import './timeline.css';

const TIMELINE_KEYS = 'ArrowUp ArrowDown ArrowLeft ArrowRight + - W S A D F 0 Home End Enter';

export function TimelineView() {
  const run = useActiveRun();
  const filter = useFilterResult();
  const collapsed = useCollapsed();
  const hide = useExplorerStore((s) => s.filters.hideNonMatching);
  const selectedStep = useExplorerStore((s) => s.selectedStep);
  const selectStep = useExplorerStore((s) => s.selectStep);
  const toggleCollapsed = useExplorerStore((s) => s.toggleCollapsed);
  const keep = useShownSteps();
  const matches = filter?.active && !hide ? filter.matches : null;
  const rows = useMemo(
    () => (run ? flattenOutline(run, collapsed, keep, true) : null),
    [run, collapsed, keep],
  );
  const data = run ? timelineData(run) : null;
  const onPath = useMemo(() => {
    if (!run || selectedStep < 0) return null;
    const mask = new Uint8Array(run.steps.length);
    for (let i = selectedStep; i >= 0; i = run.tree.parent[i]!) mask[i] = 1;
    return mask;
  }, [run, selectedStep]);

  const stageRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const schedulerRef = useRef<FrameScheduler | null>(null);
  const sceneRef = useRef<TimelineScene>({
    scale: null,
    scrollTop: 0,
    width: 0,
    height: 0,
    dpr: 1,
    hoverRow: -1,
    fittedRun: null,
  });
  const propsRef = useRef({ run, rows, data, selectedStep, onPath, matches });
  propsRef.current = { run, rows, data, selectedStep, onPath, matches };
  const hintId = useId();
  const timed = data !== null && Number.isFinite(data.from);

  const maxScroll = useCallback(() => {
    const s = sceneRef.current;
    const count = propsRef.current.rows?.count ?? 0;
    return Math.max(0, count * ROW_HEIGHT - (s.height - AXIS_HEIGHT));
  }, []);
  const fitRun = useCallback(() => {
    const s = sceneRef.current;
    const d = propsRef.current.data;
    if (!d || !Number.isFinite(d.from)) return;
    s.scale = fitScale(d.origin, d.from, d.to, Math.max(1, s.width - GUTTER_WIDTH));
    schedulerRef.current?.request();
  }, []);

  // Canvas, scheduler, size and wheel: set up once.
  useEffect(() => {
    const canvas = canvasRef.current;
    const stage = stageRef.current;
    const ctx = canvas?.getContext('2d') ?? null;
    if (!canvas || !stage) return;
    const scene = sceneRef.current;
    const draw = () => {
      const p = propsRef.current;
      if (!ctx || !p.run || !p.rows || !p.data || !scene.scale) return;
      drawTimeline(
        ctx,
        {
          ...p,
          run: p.run,
          rows: p.rows,
          data: p.data,
          scale: scene.scale,
          width: scene.width,
          height: scene.height,
          scrollTop: scene.scrollTop,
          palette: currentPalette(),
          hoverRow: scene.hoverRow,
        },
        scene.dpr,
      );
    };
    const scheduler = createFrameScheduler(draw);
    schedulerRef.current = scheduler;
    const unobserve = watchCanvasSize(stage, canvas, (width, height, dpr) => {
      scene.dpr = dpr;
      scene.width = width;
      scene.height = height;
      if (scene.scale) scene.scale = withWidth(scene.scale, width - GUTTER_WIDTH);
      else fitRun();
      scene.scrollTop = Math.min(scene.scrollTop, maxScroll());
      scheduler.request();
    });
    const unwatch = watchTheme(() => scheduler.request());
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const unit = e.deltaMode === 1 ? ROW_HEIGHT : e.deltaMode === 2 ? scene.height : 1;
      const x = e.clientX - canvas.getBoundingClientRect().left - GUTTER_WIDTH;
      if (!scene.scale) return;
      if (e.ctrlKey || e.metaKey)
        scene.scale = zoomAt(scene.scale, Math.max(0, x), Math.exp((-e.deltaY * unit) / 300));
      else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY))
        scene.scale = panBy(scene.scale, (e.shiftKey ? e.deltaY : e.deltaX) * unit);
      else scene.scrollTop = Math.max(0, Math.min(maxScroll(), scene.scrollTop + e.deltaY * unit));
      scheduler.request();
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      canvas.removeEventListener('wheel', onWheel);
      unobserve();
      unwatch();
      scheduler.cancel();
    };
  }, [fitRun, maxScroll]);

  // A new run is fitted; anything else that changes what is drawn redraws.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the draw reads them through propsRef; they are what asks for a redraw.
  useEffect(() => {
    const scene = sceneRef.current;
    if (run && scene.fittedRun !== run) {
      scene.fittedRun = run;
      scene.scrollTop = 0;
      fitRun();
    }
    scene.scrollTop = Math.min(scene.scrollTop, maxScroll());
    schedulerRef.current?.request();
  }, [run, rows, data, selectedStep, onPath, matches, fitRun, maxScroll]);

  // The selected step (chosen here, in the outline or the tree) scrolls into view.
  useEffect(() => {
    const scene = sceneRef.current;
    const row = rows && selectedStep >= 0 ? rows.rowOfStep[selectedStep]! : -1;
    if (row < 0) return;
    const top = row * ROW_HEIGHT;
    const view = scene.height - AXIS_HEIGHT;
    if (top < scene.scrollTop) scene.scrollTop = top;
    else if (top + ROW_HEIGHT > scene.scrollTop + view)
      scene.scrollTop = Math.max(0, top + ROW_HEIGHT - view);
    schedulerRef.current?.request();
  }, [rows, selectedStep]);

  const apply = useCallback(
    (a: TimelineAction) => {
      const scene = sceneRef.current;
      const r = propsRef.current.rows;
      if (a.kind === 'zoom' && scene.scale)
        scene.scale = zoomAt(scene.scale, scene.scale.width / 2, a.factor);
      else if (a.kind === 'pan' && scene.scale) scene.scale = panBy(scene.scale, a.pixels);
      else if (a.kind === 'fit') fitRun();
      else if (r && r.count > 0 && (a.kind === 'row' || a.kind === 'edge')) {
        const current = selectedStep >= 0 ? r.rowOfStep[selectedStep]! : -1;
        let row =
          a.kind === 'edge'
            ? a.last
              ? r.count - 1
              : 0
            : Math.max(0, Math.min(r.count - 1, current + a.delta));
        // The detached group row is not a step: step over it.
        if (r.step[row] === DETACHED_GROUP)
          row = Math.max(0, Math.min(r.count - 1, row + (a.kind === 'row' && a.delta < 0 ? -1 : 1)));
        const step = r.step[row]!;
        if (step >= 0) selectStep(step);
      } else if (a.kind === 'fold' && selectedStep >= 0 && r) {
        const row = r.rowOfStep[selectedStep]!;
        if (row >= 0 && r.hasChildren[row]) toggleCollapsed(selectedStep);
      }
      schedulerRef.current?.request();
    },
    [fitRun, selectStep, selectedStep, toggleCollapsed],
  );

  const pointer = useTimelinePointer({
    scene: sceneRef,
    rows: () => propsRef.current.rows,
    redraw: () => schedulerRef.current?.request(),
    maxScroll,
    select: selectStep,
  });
  const hover = pointer.hover;

  const count = run?.steps.length ?? 0;
  const hoverStep = hover && rows && run ? (run.steps[rows.step[hover.row]!] ?? null) : null;
  return (
    <section aria-label="Timeline" className="timeline">
      <div className="timeline__bar">
        <CriticalPathSummary run={run ?? null} data={data} />
        <span className="timeline__buttons">
          <button
            type="button"
            disabled={!timed}
            onClick={() => apply({ kind: 'zoom', factor: ZOOM_STEP })}
            aria-label="Zoom in"
            title="Zoom in (+ or W)"
          >
            +
          </button>
          <button
            type="button"
            disabled={!timed}
            onClick={() => apply({ kind: 'zoom', factor: 1 / ZOOM_STEP })}
            aria-label="Zoom out"
            title="Zoom out (− or S)"
          >
            −
          </button>
          <button
            type="button"
            disabled={!timed}
            onClick={() => apply({ kind: 'fit' })}
            title="Fit the run (F or 0)"
          >
            Fit
          </button>
        </span>
      </div>
      <div ref={stageRef} className="timeline__stage">
        {/* biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: a focusable drawing that takes zoom/pan keys is what role="application" is for. */}
        <canvas
          ref={canvasRef}
          className="timeline__canvas"
          tabIndex={0}
          role="application"
          aria-label={`Timeline drawing, ${count.toLocaleString('en-US')} ${count === 1 ? 'step' : 'steps'}`}
          aria-describedby={hintId}
          aria-keyshortcuts={TIMELINE_KEYS}
          {...pointer.handlers}
          onKeyDown={(e) => {
            const a = timelineAction(e.key, e.shiftKey);
            if (!a || e.altKey || e.ctrlKey || e.metaKey) return;
            e.preventDefault();
            apply(a);
          }}
        />
        <p id={hintId} className="visually-hidden">
          Up and down arrows select the step above or below, left and right pan the time axis, + and − zoom, F
          fits the run, Enter folds or unfolds the selected step. The Step tree outline walks the same steps.
        </p>
        {run && !timed && <p className="timeline__empty">No step has a recorded time to draw.</p>}
        {hoverStep && hover && data && (
          <TimelineTooltip
            step={hoverStep}
            data={data}
            x={hover.x}
            y={hover.y}
            width={sceneRef.current.width}
            height={sceneRef.current.height}
          />
        )}
      </div>
    </section>
  );
}
