/**
 * The one export path of every chart: a figure that stands alone (title, dataset, the
 * chart with its axes, a legend or colour bar), in the light theme's concrete sRGB
 * colours whatever theme is on screen, as SVG or as a PNG at twice the on-screen size.
 *
 * The chart itself is taken from the page: its SVG layers are cloned with every colour,
 * opacity and font resolved from the computed style (so currentColor, Tailwind classes
 * and CSS variables survive outside the page), its canvas layers embedded as images.
 * Marks tagged `data-export="skip"` (hover rectangles, the selection outline) are left
 * out, and the figure is cropped to what is drawn.
 */

import type { RefObject } from "react";

/** One legend entry: a line, a dot or a filled swatch in a colour. */
export interface FigureLegendEntry {
  label: string;
  color: string;
  mark?: "line" | "dashed" | "dot" | "swatch";
}

/** A continuous colour scale (the heatmap's, the density's). */
export interface FigureColorBar {
  title: string;
  /** Colours from left to right, evenly spaced. */
  stops: readonly string[];
  /** Tick labels at positions in [0, 1] along the bar. */
  ticks: readonly { at: number; label: string }[];
  /** A note beside the bar, e.g. "grey: undefined". */
  note?: string;
}

/** What a chart's export needs besides its element: the words that make it stand alone. */
export interface FigureSpec {
  /** The chart: one <svg>, or an element holding canvas and svg layers. */
  ref: RefObject<Element | null>;
  /** What the figure shows, e.g. "Coverage of positive influence, top-k". */
  title: string;
  /** The dataset(s) it comes from, e.g. "demo-7b" or "demo-7b vs demo-35b". */
  dataset: string;
  legend?: readonly FigureLegendEntry[];
  colorBar?: FigureColorBar;
  /** The canvas layer redrawn in the light theme's colours (when the theme changes what a canvas draws). */
  lightCanvas?: (onScreen: HTMLCanvasElement) => HTMLCanvasElement;
}

const SVG_NS = "http://www.w3.org/2000/svg";
const PAD = 12;
const TITLE_SIZE = 14;
const TEXT_SIZE = 11;
const TEXT_COLOR = "rgb(24, 24, 27)"; // zinc-900: the light theme's text
const MUTED_COLOR = "rgb(82, 82, 91)"; // zinc-600
const BACKGROUND = "rgb(255, 255, 255)";

/** Colours as concrete sRGB: the browser resolves lab(), oklch(), color-mix() by painting one pixel. */
function colorResolver() {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  const context = canvas.getContext("2d", { willReadFrequently: true })!;
  const cache = new Map<string, { rgb: string; alpha: number }>();
  return (css: string): { rgb: string; alpha: number } => {
    const known = cache.get(css);
    if (known) return known;
    context.clearRect(0, 0, 1, 1);
    context.fillStyle = "#000";
    context.fillStyle = css;
    context.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
    const resolved = { rgb: `rgb(${r}, ${g}, ${b})`, alpha: a! / 255 };
    cache.set(css, resolved);
    return resolved;
  };
}

/** Runs `read` with the light theme applied (synchronously: nothing is painted meanwhile). */
function inLightTheme<T>(read: () => T): T {
  const root = document.documentElement;
  const dark = root.classList.contains("dark");
  const scheme = root.style.colorScheme;
  if (dark) {
    root.classList.remove("dark");
    root.style.colorScheme = "light";
  }
  try {
    return read();
  } finally {
    if (dark) {
      root.classList.add("dark");
      root.style.colorScheme = scheme;
    }
  }
}

const skipped = (element: Element) => element.closest('[data-export="skip"]') !== null;

/** Copies the computed presentation of `source` (and its subtree) onto its clone as plain attributes. */
function inlineStyles(source: Element, clone: Element, resolve: ReturnType<typeof colorResolver>) {
  const style = getComputedStyle(source);
  for (const [property, opacityProperty] of [["fill", "fill-opacity"], ["stroke", "stroke-opacity"], ["stop-color", "stop-opacity"]] as const) {
    let value = style.getPropertyValue(property);
    if (!value) continue;
    if (value.startsWith("url(")) {
      clone.setAttribute(property, value.replace(/url\("?([^")]*)"?\)/, "url($1)"));
      continue;
    }
    if (value === "none") {
      clone.setAttribute(property, "none");
      continue;
    }
    if (value.toLowerCase() === "currentcolor") value = style.color;
    const { rgb, alpha } = resolve(value);
    clone.setAttribute(property, rgb);
    const own = Number.parseFloat(style.getPropertyValue(opacityProperty) || "1");
    const opacity = (Number.isFinite(own) ? own : 1) * alpha;
    if (opacity < 1) clone.setAttribute(opacityProperty, String(Number(opacity.toFixed(3))));
    else clone.removeAttribute(opacityProperty);
  }
  const opacity = Number.parseFloat(style.opacity);
  if (opacity < 1) clone.setAttribute("opacity", String(opacity));
  if (source instanceof SVGTextElement || source instanceof SVGTSpanElement) {
    clone.setAttribute("font-size", style.fontSize);
    clone.setAttribute("font-weight", style.fontWeight);
  }
  clone.removeAttribute("class");
  const children = [...source.children];
  const cloneChildren = [...clone.children];
  children.forEach((child, i) => {
    const copy = cloneChildren[i];
    if (!copy) return;
    const childStyle = getComputedStyle(child);
    if (child.getAttribute("data-export") === "skip" || childStyle.display === "none" || childStyle.visibility === "hidden") {
      copy.remove();
      return;
    }
    inlineStyles(child, copy, resolve);
  });
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function union(boxes: Box[]): Box {
  const x0 = Math.min(...boxes.map((b) => b.x));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const x1 = Math.max(...boxes.map((b) => b.x + b.width));
  const y1 = Math.max(...boxes.map((b) => b.y + b.height));
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** What a layer draws, in the figure's coordinates: an svg's content box (not its empty margins), a canvas's whole box. */
function drawnBox(layer: Element, origin: DOMRect): Box {
  const at = layer.getBoundingClientRect();
  const box = { x: at.left - origin.left, y: at.top - origin.top, width: at.width, height: at.height };
  if (layer instanceof SVGSVGElement) {
    try {
      const content = layer.getBBox();
      if (content.width > 0 && content.height > 0) return { x: box.x + content.x, y: box.y + content.y, width: content.width, height: content.height };
    } catch {
      // A detached or undisplayed svg has no box: use its element box.
    }
  }
  return box;
}

/** Text width in pixels, as the export's font draws it. */
function textMeasurer(fontFamily: string) {
  const context = document.createElement("canvas").getContext("2d")!;
  return (text: string, size: number, weight = 400) => {
    context.font = `${weight} ${size}px ${fontFamily}`;
    return context.measureText(text).width;
  };
}

function element(name: string, attributes: Record<string, string | number>, text?: string): SVGElement {
  const node = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Legend entries laid out in rows no wider than `maxWidth`: each entry's x and row. */
export function layoutLegend(widths: readonly number[], maxWidth: number, gap = 16): { x: number; row: number }[] {
  const placed: { x: number; row: number }[] = [];
  let x = 0;
  let row = 0;
  for (const width of widths) {
    if (x > 0 && x + width > maxWidth) {
      x = 0;
      row += 1;
    }
    placed.push({ x, row });
    x += width + gap;
  }
  return placed;
}

/**
 * The standalone figure as SVG markup: title and dataset above the chart, the legend
 * and colour bar below it, on a white background, every colour a concrete sRGB value.
 * Returns the markup and its size in CSS pixels.
 */
export function composeFigure(spec: FigureSpec): { markup: string; width: number; height: number } {
  const root = spec.ref.current;
  if (!root) throw new Error("The chart is not on the page");
  return inLightTheme(() => {
    const resolve = colorResolver();
    const fontFamily = getComputedStyle(document.body).fontFamily || "sans-serif";
    const measure = textMeasurer(fontFamily);
    const origin = root.getBoundingClientRect();
    const layers = (root instanceof SVGSVGElement ? [root] : [...root.querySelectorAll("canvas, svg")]).filter(
      (layer) => !skipped(layer) && (layer === root || !layer.parentElement?.closest("svg")) && getComputedStyle(layer).display !== "none",
    ) as (SVGSVGElement | HTMLCanvasElement)[];
    if (layers.length === 0) throw new Error("The chart has nothing to export");
    const content = union(layers.map((layer) => drawnBox(layer, origin)));
    const crop = { x: content.x - 4, y: content.y - 4, width: content.width + 8, height: content.height + 8 };

    const dataset = `Dataset: ${spec.dataset}`;
    const legend = spec.legend ?? [];
    const entryWidths = legend.map((entry) => 22 + measure(entry.label, TEXT_SIZE));
    const width = Math.ceil(Math.max(crop.width, measure(spec.title, TITLE_SIZE, 600), measure(dataset, TEXT_SIZE), spec.colorBar ? 260 : 0) + 2 * PAD);
    const placed = layoutLegend(entryWidths, width - 2 * PAD);
    const legendRows = legend.length > 0 ? Math.max(...placed.map((p) => p.row)) + 1 : 0;
    const chartTop = PAD + TITLE_SIZE + 6 + TEXT_SIZE + 10;
    const legendTop = chartTop + crop.height + 8;
    const barTop = legendTop + legendRows * 18 + (legendRows > 0 ? 6 : 0);
    const height = Math.ceil(barTop + (spec.colorBar ? 48 : 0) + PAD);

    const svg = element("svg", { xmlns: SVG_NS, width, height, viewBox: `0 0 ${width} ${height}`, "font-family": fontFamily, fill: TEXT_COLOR });
    svg.append(element("rect", { width, height, fill: BACKGROUND }));
    svg.append(element("text", { x: PAD, y: PAD + TITLE_SIZE, "font-size": TITLE_SIZE, "font-weight": 600 }, spec.title));
    svg.append(element("text", { x: PAD, y: PAD + TITLE_SIZE + 6 + TEXT_SIZE, "font-size": TEXT_SIZE, fill: MUTED_COLOR }, dataset));

    const chart = element("g", { transform: `translate(${PAD - crop.x},${chartTop - crop.y})` });
    for (const layer of layers) {
      const at = layer.getBoundingClientRect();
      const [x, y] = [at.left - origin.left, at.top - origin.top];
      if (layer instanceof HTMLCanvasElement) {
        const image = (spec.lightCanvas?.(layer) ?? layer).toDataURL("image/png");
        chart.append(element("image", { href: image, x, y, width: at.width, height: at.height, preserveAspectRatio: "none", style: "image-rendering:pixelated" }));
      } else {
        const clone = layer.cloneNode(true) as SVGSVGElement;
        inlineStyles(layer, clone, resolve);
        for (const attribute of ["role", "aria-label", "style", "class"]) clone.removeAttribute(attribute);
        clone.setAttribute("x", String(x));
        clone.setAttribute("y", String(y));
        clone.setAttribute("overflow", "visible");
        chart.append(clone);
      }
    }
    svg.append(chart);

    const legendGroup = element("g", { transform: `translate(${PAD},${legendTop})`, "font-size": TEXT_SIZE });
    legend.forEach((entry, i) => {
      const { x, row } = placed[i]!;
      const y = row * 18 + 9;
      const color = resolve(entry.color).rgb;
      const mark = entry.mark ?? "line";
      if (mark === "dot") legendGroup.append(element("circle", { cx: x + 8, cy: y, r: 4, fill: color }));
      else if (mark === "swatch") legendGroup.append(element("rect", { x: x + 2, y: y - 5, width: 12, height: 10, fill: color }));
      else legendGroup.append(element("line", { x1: x, x2: x + 16, y1: y, y2: y, stroke: color, "stroke-width": 2, ...(mark === "dashed" ? { "stroke-dasharray": "4 3" } : {}) }));
      legendGroup.append(element("text", { x: x + 22, y, dy: "0.32em" }, entry.label));
    });
    if (legend.length > 0) svg.append(legendGroup);

    if (spec.colorBar) {
      const bar = spec.colorBar;
      const barWidth = 220;
      const id = "figure-color-bar";
      const gradient = element("linearGradient", { id });
      bar.stops.forEach((stop, i) => gradient.append(element("stop", { offset: `${(i / Math.max(1, bar.stops.length - 1)) * 100}%`, "stop-color": resolve(stop).rgb })));
      const defs = element("defs", {});
      defs.append(gradient);
      svg.append(defs);
      const group = element("g", { transform: `translate(${PAD},${barTop})`, "font-size": TEXT_SIZE });
      group.append(element("text", { y: 10 }, bar.title));
      group.append(element("rect", { y: 16, width: barWidth, height: 10, fill: `url(#${id})`, stroke: MUTED_COLOR, "stroke-opacity": 0.5 }));
      for (const tick of bar.ticks) group.append(element("text", { x: tick.at * barWidth, y: 40, "text-anchor": "middle", fill: MUTED_COLOR }, tick.label));
      if (bar.note) group.append(element("text", { x: barWidth + 16, y: 25, fill: MUTED_COLOR }, bar.note));
      svg.append(group);
    }
    return { markup: new XMLSerializer().serializeToString(svg), width, height };
  });
}

/** The composed figure as a PNG at `scale` times its size (2: sharp on print and high-density screens). */
export async function figurePng(spec: FigureSpec, scale = 2): Promise<Blob> {
  const { markup, width, height } = composeFigure(spec);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  const context = canvas.getContext("2d")!;
  context.scale(scale, scale);
  context.drawImage(image, 0, 0, width, height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG export failed"))), "image/png"));
}
