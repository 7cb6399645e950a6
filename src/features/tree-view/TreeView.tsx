// The step tree drawing: a canvas showing the active run's layout (memoised
// on run, collapsed set and, when hiding, the filter's keep mask). The
// viewport lives in a ref, not React state: zoom/pan only ask the frame
// scheduler for a redraw. The outline beside it is the accessible way to walk
// the tree; this canvas takes wheel/pinch/drag and the keys of treeKeys.ts
// (+ - arrows 0 F, and Enter or Space to select the step under the crosshair
// shown while it has keyboard focus).
import {
  type KeyboardEvent as ReactKeyboardEvent,
  type MouseEvent as ReactMouseEvent,
  type PointerEvent as ReactPointerEvent,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useExplorerStore } from '../../store/explorerStore.ts';
import { useActiveRun, useCollapsed, useFilterResult, useShownSteps } from '../../store/selectors.ts';
import { watchCanvasSize } from './canvasSize.ts';
import { hasOneDataMode } from './dataModes.ts';
import { createDrawCache, type DrawState, drawTree } from './drawTree.ts';
import { createFrameScheduler, type FrameScheduler } from './frameScheduler.ts';
import { type Hit, hitTest, nearestNode } from './hitTest.ts';
import { fitBelowButtons, initialView } from './initialView.ts';
import { chooseGeometry, computeLayout, nodeRect, type Orientation, type TreeLayout } from './layout.ts';
import { measureLabel } from './measureLabel.ts';
import { pathSlots, revealCollapsed } from './reveal.ts';
import { durationText, statusWords } from './stepText.ts';
import { TreeLegend } from './TreeLegend.tsx';
import { currentPalette, watchTheme } from './theme.ts';
import { keyAction, TREE_KEYS, viewCentre, ZOOM_STEP } from './treeKeys.ts';
import {
  ensureVisible,
  IDENTITY,
  panBy,
  type Size,
  screenToWorld,
  type Viewport,
  visibleWorldRect,
  worldToScreen,
  zoomAt,
  zoomCentered,
} from './viewport.ts';
import './treeView.css';

/** Pointer travel (CSS px) below which a press counts as a click, not a drag. */
const CLICK_SLOP = 5;

interface Scene {
  layout: TreeLayout | null;
  vp: Viewport;
  size: Size;
  dpr: number;
  state: Omit<DrawState, 'palette'>;
  cache: ReturnType<typeof createDrawCache>;
  /** The run and direction last given an opening view; a new one gets it once the canvas has a size. */
  fittedRun: object | null;
  fittedOrientation: Orientation | null;
  /** True while the opening view stands untouched: a resize then recomputes it for the new size. */
  autoView: boolean;
}

interface Hover {
  readonly step: number;
  readonly x: number;
  readonly y: number;
}

interface Gesture {
  pointers: Map<number, { x: number; y: number }>;
  startX: number;
  startY: number;
  moved: boolean;
  /** True once a second finger joined: the gesture ends without a click. */
  multi: boolean;
  pinchDist: number;
  pinchX: number;
  pinchY: number;
}

export function TreeView() {
  const run = useActiveRun();
  const filter = useFilterResult();
  const collapsed = useCollapsed();
  const selectedStep = useExplorerStore((s) => s.selectedStep);
  const highlightedResource = useExplorerStore((s) => s.highlightedResource);
  const selectStep = useExplorerStore((s) => s.selectStep);
  const toggleCollapsed = useExplorerStore((s) => s.toggleCollapsed);
  const setCollapsed = useExplorerStore((s) => s.setCollapsed);

  const keep = useShownSteps();
  const matches = filter?.active ? filter.matches : null;
  // The direction chosen for the run, or the other one after "Rotate layout" (per run, kept in the URL).
  const flipped = useExplorerStore((s) => run !== undefined && run !== null && s.rotated.has(run.id));
  const setRotated = useExplorerStore((s) => s.setRotated);
  const geometry = useMemo(() => {
    if (!run) return null;
    const g = chooseGeometry(run, measureLabel());
    return flipped ? { ...g, orientation: g.orientation === 'lr' ? ('tb' as const) : ('lr' as const) } : g;
  }, [run, flipped]);
  const layout = useMemo(
    () => (run && geometry ? computeLayout(run, collapsed, keep, geometry) : null),
    [run, geometry, collapsed, keep],
  );
  const selectedSlot = layout && selectedStep >= 0 ? (layout.slotOfStep[selectedStep] ?? -1) : -1;
  const onPath = useMemo(
    () => (layout ? pathSlots(layout.parentSlot, layout.count, selectedSlot) : null),
    [layout, selectedSlot],
  );

  const [hover, setHover] = useState<Hover | null>(null);
  const hintId = useId();
  const stageRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const sceneRef = useRef<Scene>({
    layout: null,
    vp: IDENTITY,
    size: { width: 0, height: 0 },
    dpr: 1,
    state: { selectedStep: -1, onPath: null, matches: null, highlightedResource: null, hoverSlot: -1 },
    cache: createDrawCache(),
    fittedRun: null,
    fittedOrientation: null,
    autoView: false,
  });
  const schedulerRef = useRef<FrameScheduler | null>(null);
  const gestureRef = useRef<Gesture>({
    pointers: new Map(),
    startX: 0,
    startY: 0,
    moved: false,
    multi: false,
    pinchDist: 0,
    pinchX: 0,
    pinchY: 0,
  });
  /** A node to keep still on screen across the next layout change (after a collapse toggle). */
  const anchorRef = useRef<{ step: number; sx: number; sy: number } | null>(null);
  /** Selection waiting to be revealed and panned into view. */
  const pendingRevealRef = useRef(-1);
  const lastSelectedRef = useRef(-1);

  const requestDraw = useCallback(() => schedulerRef.current?.request(), []);
  const setViewport = useCallback(
    (vp: Viewport) => {
      sceneRef.current.vp = vp;
      sceneRef.current.autoView = false;
      requestDraw();
    },
    [requestDraw],
  );

  const fitToView = useCallback(() => {
    const scene = sceneRef.current;
    setViewport(fitBelowButtons(scene.layout, scene.size));
  }, [setViewport]);

  // The scheduler, the resize observer, the theme watcher and the wheel listener. A layout
  // effect, so the canvas has its size and a scheduler before the first frame of a run is drawn.
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const stage = stageRef.current;
    if (!canvas || !stage) return;
    const scene = sceneRef.current;
    const draw = () => {
      const ctx = scene.size.width > 0 ? canvas.getContext('2d') : null;
      if (!ctx) return;
      drawTree(
        ctx,
        scene.layout,
        scene.vp,
        scene.size,
        scene.dpr,
        { ...scene.state, palette: currentPalette() },
        scene.cache,
      );
      announceFirstFrame(scene.layout?.run);
    };
    const scheduler = createFrameScheduler(draw);
    schedulerRef.current = scheduler;

    const unobserve = watchCanvasSize(stage, canvas, (width, height, dpr) => {
      scene.size = { width, height };
      scene.dpr = dpr;
      if (scene.layout && (scene.autoView || needsOpeningView(scene, scene.layout)) && width > 0) {
        scene.fittedRun = scene.layout.run;
        scene.fittedOrientation = scene.layout.orientation;
        scene.vp = initialView(scene.layout, scene.size);
        scene.autoView = true;
      }
      scheduler.flush();
      scheduler.request();
    });
    const unwatch = watchTheme(() => scheduler.request());

    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? scene.size.height : 1;
      const [x, y] = localPoint(canvas, e.clientX, e.clientY);
      // Trackpad pinch arrives as ctrl+wheel with small deltas: same formula, finer.
      const factor = Math.exp((-e.deltaY * unit) / (e.ctrlKey ? 100 : 500));
      scene.vp = zoomAt(scene.vp, factor, x, y);
      scene.autoView = false;
      scheduler.request();
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });

    return () => {
      canvas.removeEventListener('wheel', onWheel);
      unobserve();
      unwatch();
      scheduler.cancel();
      schedulerRef.current = null;
    };
  }, []);

  // New layout or overlay state: update the scene, fit a new run, keep a toggled node still.
  // A layout effect: a newly shown run is drawn at once, so it is on screen in the very frame
  // that shows its panels (not one or two frames later); other changes wait for the next frame.
  useLayoutEffect(() => {
    const scene = sceneRef.current;
    const previous = scene.layout;
    scene.layout = layout;
    scene.state = { selectedStep, onPath, matches, highlightedResource, hoverSlot: scene.state.hoverSlot };
    let opening = false;
    if (layout && needsOpeningView(scene, layout) && scene.size.width > 0) {
      scene.fittedRun = layout.run;
      scene.fittedOrientation = layout.orientation;
      scene.vp = initialView(layout, scene.size);
      scene.autoView = true;
      opening = true;
    }
    const anchor = anchorRef.current;
    if (anchor && layout && previous !== layout) {
      anchorRef.current = null;
      const slot = layout.slotOfStep[anchor.step] ?? -1;
      if (slot >= 0) {
        const [sx, sy] = worldToScreen(scene.vp, layout.x[slot]!, layout.y[slot]!);
        scene.vp = panBy(scene.vp, anchor.sx - sx, anchor.sy - sy);
        scene.autoView = false;
      }
    }
    if (previous !== layout) scene.state = { ...scene.state, hoverSlot: -1 };
    requestDraw();
    if (opening) schedulerRef.current?.flush();
  }, [layout, selectedStep, onPath, matches, highlightedResource, requestDraw]);

  // Selection from anywhere: open collapsed ancestors if needed, then pan it into view.
  useEffect(() => {
    if (selectedStep !== lastSelectedRef.current) {
      lastSelectedRef.current = selectedStep;
      pendingRevealRef.current = selectedStep;
    }
    const want = pendingRevealRef.current;
    if (want < 0 || !layout || !run) return;
    const slot = layout.slotOfStep[want] ?? -1;
    if (slot >= 0) {
      pendingRevealRef.current = -1;
      const scene = sceneRef.current;
      if (scene.size.width > 0) {
        // A node already on screen stays put (a fitted view is not nudged); else it is brought in with a margin.
        const rect = nodeRect(layout, slot);
        if (ensureVisible(scene.vp, rect, scene.size, 0) !== scene.vp) {
          setViewport(ensureVisible(scene.vp, rect, scene.size));
        }
      }
      return;
    }
    const opened = revealCollapsed(run, collapsed, want);
    if (opened) setCollapsed(opened);
    else pendingRevealRef.current = -1;
  }, [selectedStep, layout, run, collapsed, setCollapsed, setViewport]);

  const hitAt = (x: number, y: number, touch: boolean): Hit | null => {
    const scene = sceneRef.current;
    if (!scene.layout) return null;
    const [wx, wy] = screenToWorld(scene.vp, x, y);
    return hitTest(scene.layout, wx, wy, (touch ? 8 : 2) / scene.vp.scale);
  };

  const setHoverSlot = (slot: number) => {
    const scene = sceneRef.current;
    if (scene.state.hoverSlot === slot) return;
    scene.state = { ...scene.state, hoverSlot: slot };
    requestDraw();
  };

  const setCursor = (cursor: string) => {
    if (canvasRef.current) canvasRef.current.style.cursor = cursor;
  };

  const toggleAt = (hit: Hit) => {
    const scene = sceneRef.current;
    if (scene.layout) {
      const [sx, sy] = worldToScreen(scene.vp, scene.layout.x[hit.slot]!, scene.layout.y[hit.slot]!);
      anchorRef.current = { step: hit.step, sx, sy };
    }
    toggleCollapsed(hit.step);
  };

  const onPointerDown = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const g = gestureRef.current;
    const [x, y] = localPoint(canvasRef.current ?? e.currentTarget, e.clientX, e.clientY);
    e.currentTarget.setPointerCapture?.(e.pointerId);
    g.pointers.set(e.pointerId, { x, y });
    if (g.pointers.size === 1) {
      g.startX = x;
      g.startY = y;
      g.moved = false;
      g.multi = false;
    } else if (g.pointers.size === 2) {
      g.multi = true;
      const [a, b] = [...g.pointers.values()];
      g.pinchDist = Math.hypot(a!.x - b!.x, a!.y - b!.y);
      g.pinchX = (a!.x + b!.x) / 2;
      g.pinchY = (a!.y + b!.y) / 2;
    }
    setHover(null);
  };

  const onPointerMove = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const g = gestureRef.current;
    const [x, y] = localPoint(canvasRef.current ?? e.currentTarget, e.clientX, e.clientY);
    const prev = g.pointers.get(e.pointerId);
    const scene = sceneRef.current;
    if (!prev) {
      // Hover (no button down).
      const hit = e.pointerType === 'touch' ? null : hitAt(x, y, false);
      setCursor(hit ? 'pointer' : '');
      setHoverSlot(hit ? hit.slot : -1);
      setHover(hit ? { step: hit.step, x, y } : null);
      return;
    }
    g.pointers.set(e.pointerId, { x, y });
    if (g.pointers.size >= 2) {
      const [a, b] = [...g.pointers.values()];
      const dist = Math.hypot(a!.x - b!.x, a!.y - b!.y);
      const mx = (a!.x + b!.x) / 2;
      const my = (a!.y + b!.y) / 2;
      let vp = panBy(scene.vp, mx - g.pinchX, my - g.pinchY);
      if (g.pinchDist > 0 && dist > 0) vp = zoomAt(vp, dist / g.pinchDist, mx, my);
      g.pinchDist = dist;
      g.pinchX = mx;
      g.pinchY = my;
      setViewport(vp);
      return;
    }
    if (!g.moved && Math.hypot(x - g.startX, y - g.startY) > CLICK_SLOP) {
      g.moved = true;
      setCursor('grabbing');
    }
    if (g.moved) setViewport(panBy(scene.vp, x - prev.x, y - prev.y));
  };

  const endPointer = (e: ReactPointerEvent<HTMLCanvasElement>, cancelled: boolean) => {
    const g = gestureRef.current;
    if (!g.pointers.delete(e.pointerId)) return;
    if (g.pointers.size > 0) {
      // One finger of a pinch lifted: continue as a drag from here.
      const [rest] = [...g.pointers.values()];
      g.pinchDist = 0;
      g.pinchX = rest!.x;
      g.pinchY = rest!.y;
      return;
    }
    setCursor('');
    if (cancelled || g.moved || g.multi) return;
    const [x, y] = localPoint(canvasRef.current ?? e.currentTarget, e.clientX, e.clientY);
    const hit = hitAt(x, y, e.pointerType === 'touch');
    if (!hit) return;
    if (hit.part === 'toggle' || e.altKey) toggleAt(hit);
    else selectStep(hit.step);
  };

  const onDoubleClick = (e: ReactMouseEvent<HTMLCanvasElement>) => {
    const [x, y] = localPoint(canvasRef.current ?? e.currentTarget, e.clientX, e.clientY);
    const hit = hitAt(x, y, false);
    if (hit?.part === 'node' && !e.altKey) toggleAt(hit);
  };

  const onKeyDown = (e: ReactKeyboardEvent<HTMLCanvasElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const scene = sceneRef.current;
    const action = keyAction(e.key, e.shiftKey, scene.vp, scene.size);
    if (!action) return;
    e.preventDefault();
    if (action.kind === 'view') setViewport(action.vp);
    else if (action.kind === 'fit') fitToView();
    else if (scene.layout) {
      const [cx, cy] = viewCentre(scene.size);
      const [wx, wy] = screenToWorld(scene.vp, cx, cy);
      const hit = nearestNode(scene.layout, wx, wy, visibleWorldRect(scene.vp, scene.size));
      if (hit) selectStep(hit.step);
    }
  };

  const zoomBy = (factor: number) => {
    const scene = sceneRef.current;
    setViewport(zoomCentered(scene.vp, factor, scene.size));
  };

  const stepCount = run ? run.steps.length : 0;
  /** Something to zoom, fit or rotate: a run with at least one step laid out. */
  const drawable = (layout?.count ?? 0) > 0;
  const hoverStep = hover && run ? run.steps[hover.step] : undefined;

  return (
    <section aria-label="Tree view" className="tree-view">
      <div ref={stageRef} className="tree-view__stage">
        {/* biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: a focusable drawing that takes zoom/pan keys is what role="application" is for. */}
        <canvas
          ref={canvasRef}
          className="tree-view__canvas"
          tabIndex={0}
          role="application"
          aria-label={`Step tree drawing, ${stepCount.toLocaleString('en-US')} ${stepCount === 1 ? 'step' : 'steps'}`}
          aria-describedby={hintId}
          aria-keyshortcuts={TREE_KEYS}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={(e) => endPointer(e, false)}
          onPointerCancel={(e) => endPointer(e, true)}
          onPointerLeave={() => {
            if (gestureRef.current.pointers.size === 0) {
              setHover(null);
              setHoverSlot(-1);
            }
          }}
          onDoubleClick={onDoubleClick}
          onKeyDown={onKeyDown}
        />
        <span className="tree-view__crosshair" aria-hidden="true" />
        <p id={hintId} className="visually-hidden">
          Arrow keys pan, + and − zoom, 0 fits the tree in view, Enter selects the step at the centre mark.
          The Step tree outline walks the tree step by step.
        </p>
        <div className="tree-view__buttons">
          <button
            type="button"
            disabled={!drawable}
            onClick={() => zoomBy(ZOOM_STEP)}
            title="Zoom in (+)"
            aria-label="Zoom in"
          >
            +
          </button>
          <button
            type="button"
            disabled={!drawable}
            onClick={() => zoomBy(1 / ZOOM_STEP)}
            title="Zoom out (−)"
            aria-label="Zoom out"
          >
            −
          </button>
          <button type="button" disabled={!drawable} onClick={fitToView} title="Fit to view (0 or F)">
            Fit to view
          </button>
          <button
            type="button"
            disabled={!run || !drawable}
            onClick={() => run && setRotated(run.id, !flipped)}
            title={
              layout?.orientation === 'tb' ? 'Draw the tree left to right' : 'Draw the tree top to bottom'
            }
          >
            Rotate layout
          </button>
        </div>
        {!run && <p className="tree-view__empty">No run to draw yet.</p>}
        {run && layout?.count === 0 && <p className="tree-view__empty">No steps to draw.</p>}
        {hoverStep && hover && (
          <div
            role="tooltip"
            className="tree-view__tooltip"
            style={tooltipPosition(hover, sceneRef.current.size)}
          >
            <strong>{hoverStep.stateName}</strong>
            {`Status: ${statusWords(hoverStep.status)}\nData mode: ${hoverStep.dataMode}\nDuration: ${durationText(hoverStep)}`}
            {hoverStep.detached ? '\nDetached (not in the tree)' : ''}
          </div>
        )}
      </div>
      <TreeLegend dataModes={run ? !hasOneDataMode(run) : false} />
    </section>
  );
}

function needsOpeningView(scene: Scene, layout: TreeLayout): boolean {
  return scene.fittedRun !== layout.run || scene.fittedOrientation !== layout.orientation;
}

function localPoint(el: Element, clientX: number, clientY: number): [number, number] {
  const r = el.getBoundingClientRect();
  return [clientX - r.left, clientY - r.top];
}

function tooltipPosition(h: Hover, size: Size): { left: number; top: number } {
  const left = Math.max(4, Math.min(h.x + 14, size.width - 240));
  const top = h.y + 16 > size.height - 80 ? Math.max(4, h.y - 90) : h.y + 16;
  return { left, top };
}

let lastAnnouncedRun: unknown = null;

/**
 * After the first frame of a newly shown run is drawn, say so: the benchmark
 * (and any embedding page) waits for `fsm:tree-drawn` on window or for
 * `data-tree-drawn` on <html> to time "bytes to tree drawn".
 */
function announceFirstFrame(run: { readonly id: string } | undefined): void {
  if (!run || run === lastAnnouncedRun) return;
  lastAnnouncedRun = run;
  document.documentElement.dataset.treeDrawn = run.id;
  window.dispatchEvent(new CustomEvent('fsm:tree-drawn', { detail: { runId: run.id } }));
}
