// Charts drawn as SVG with DOM APIs only (no inline script or style: the page's
// Content-Security-Policy forbids them; colours come from operator.css by class, text goes in as
// text nodes). Each chart carries its numbers as a table too, for screen readers and for copying.
const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 900;

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function legend(series, x) {
  return series.map((s, i) => svg("g", { transform: `translate(${x + i * 130},6)` },
    svg("rect", { class: "key " + s.cls, width: 12, height: 12 }),
    svg("text", { x: 18, y: 11, class: "legend" }, s.name)));
}

/** The chart's numbers: one row per category, one column per series. */
function numbers(categories, series) {
  const details = document.createElement("details");
  const summary = document.createElement("summary");
  summary.textContent = "数据表";
  const table = document.createElement("table");
  const head = table.createTHead().insertRow();
  ["", ...series.map((s) => s.name)].forEach((text) => {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = text;
    head.append(th);
  });
  const body = table.createTBody();
  categories.forEach((category, row) => {
    const tr = body.insertRow();
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = category;
    tr.append(th);
    series.forEach((s) => { tr.insertCell().textContent = String(s.values[row] ?? 0); });
  });
  details.append(summary, table);
  return details;
}

function figure(picture, categories, series, id) {
  const box = document.createElement("figure");
  box.className = "chart";
  if (id) box.id = id;
  box.append(picture, numbers(categories, series));
  return box;
}

/** A round top for a value axis: 1, 2 or 5 times a power of ten, at least MAX. */
function niceMax(max) {
  const power = 10 ** Math.floor(Math.log10(Math.max(1, max)));
  return [1, 2, 5, 10].map((m) => m * power).find((top) => top >= max);
}

/** The value axis of a chart over time: grid lines and their numbers at a fifth of TOP each. */
function valueAxis(top, y, left, right) {
  const ticks = [0, 1, 2, 3, 4, 5].map((i) => (top * i) / 5).filter((v) => Number.isInteger(v));
  return ticks.map((v) => [
    svg("line", { x1: left, x2: WIDTH - right, y1: y(v), y2: y(v), class: v === 0 ? "axis" : "grid" }),
    svg("text", { x: left - 6, y: y(v), class: "tick", "text-anchor": "end", "dominant-baseline": "middle" }, String(v)),
  ]);
}

/** Labels along the time axis, about ten of them, at the centres {@code x(i)}. */
function timeAxis(labels, x, y) {
  const step = Math.max(1, Math.ceil(labels.length / 10));
  return labels.map((label, i) => (i % step === 0 || i === labels.length - 1) && (i === labels.length - 1 || labels.length - 1 - i >= step)
    ? svg("text", { x: x(i), y, class: "tick", "text-anchor": i === 0 ? "start" : i === labels.length - 1 ? "end" : "middle" }, label) : null);
}

/**
 * A chart of {label, categories: [text], series: [{name, cls, values: [number]}]}: one row per
 * category, one bar per series, the value written at the end of each bar.
 */
export function barChart({ label, categories, series, id }) {
  const labelWidth = 220;
  const bar = 14;
  const rowHeight = series.length * (bar + 2) + 10;
  const top = 28;
  const height = top + categories.length * rowHeight + 8;
  const scale = (WIDTH - labelWidth - 60) / Math.max(1, ...series.flatMap((s) => s.values));
  const rows = categories.map((category, row) => {
    const y = top + row * rowHeight;
    return svg("g", { class: "row" },
      svg("text", { x: labelWidth - 8, y: y + rowHeight / 2, class: "category", "text-anchor": "end", "dominant-baseline": "middle" }, category),
      series.map((s, i) => {
        const value = s.values[row] ?? 0;
        const length = Math.max(value > 0 ? 2 : 0, value * scale);
        const barY = y + 4 + i * (bar + 2);
        return [
          svg("rect", { class: "bar " + s.cls, x: labelWidth, y: barY, width: length, height: bar },
            svg("title", {}, category + " " + s.name + "：" + value)),
          svg("text", { x: labelWidth + length + 4, y: barY + bar - 3, class: "value" }, String(value)),
        ];
      }));
  });
  const picture = svg("svg", { viewBox: `0 0 ${WIDTH} ${height}`, role: "img", "aria-label": label, class: "chart" },
    svg("line", { x1: labelWidth, x2: labelWidth, y1: top - 4, y2: height - 4, class: "axis" }), legend(series, labelWidth), rows);
  return figure(picture, categories, series, id);
}

/**
 * Lines over time: {label, times: [text], series: [{name, cls, values: [number]}]}, one point per
 * time. Each line keeps its numbers in {@code data-values}, each point its own in a title.
 */
export function lineChart({ label, times, series, id, height = 280 }) {
  const left = 56, right = 16, top = 30, bottom = 34;
  const max = niceMax(Math.max(1, ...series.flatMap((s) => s.values)));
  const x = (i) => left + (times.length <= 1 ? (WIDTH - left - right) / 2 : (i * (WIDTH - left - right)) / (times.length - 1));
  const y = (v) => top + (height - top - bottom) * (1 - v / max);
  const lines = series.map((s) => svg("g", { class: "series" },
    svg("polyline", { class: "line " + s.cls, points: s.values.map((v, i) => x(i) + "," + y(v)).join(" "), "data-values": s.values.join(",") }),
    s.values.map((v, i) => svg("circle", { class: "point " + s.cls, cx: x(i), cy: y(v), r: 3 },
      svg("title", {}, times[i] + " " + s.name + "：" + v)))));
  const picture = svg("svg", { viewBox: `0 0 ${WIDTH} ${height}`, role: "img", "aria-label": label, class: "chart over-time" },
    valueAxis(max, y, left, right), timeAxis(times, x, height - 10), legend(series, left), lines);
  return figure(picture, times, series, id);
}

/**
 * Stacked bars over time: {label, times: [text], stacks: [{name, values: [number]}]}, one bar per
 * time, one block per stack (coloured s0, s1, ... in order).
 */
export function stackedBars({ label, times, stacks, id, height = 280 }) {
  const left = 56, right = 16, top = 30, bottom = 34;
  const series = stacks.map((s, i) => ({ ...s, cls: "s" + (i % 8) }));
  const totals = times.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const max = niceMax(Math.max(1, ...totals));
  const slot = (WIDTH - left - right) / Math.max(1, times.length);
  const x = (i) => left + slot * (i + 0.5);
  const y = (v) => top + (height - top - bottom) * (1 - v / max);
  const bars = times.map((time, i) => {
    let below = 0;
    return svg("g", { class: "stack" }, series.map((s) => {
      const value = s.values[i] ?? 0;
      const block = value > 0 ? svg("rect", { class: "bar " + s.cls, x: x(i) - slot * 0.35, width: slot * 0.7, y: y(below + value), height: y(below) - y(below + value) },
        svg("title", {}, time + " " + s.name + "：" + value)) : null;
      below += value;
      return block;
    }));
  });
  const picture = svg("svg", { viewBox: `0 0 ${WIDTH} ${height}`, role: "img", "aria-label": label, class: "chart over-time" },
    valueAxis(max, y, left, right), timeAxis(times, x, height - 10), legend(series, left), bars);
  return figure(picture, times, [...series, { name: "合计", values: totals }], id);
}
