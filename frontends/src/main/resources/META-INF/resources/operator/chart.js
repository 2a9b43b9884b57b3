// Horizontal grouped bar charts drawn as SVG with DOM APIs only (no inline script or style: the
// page's Content-Security-Policy forbids them; colours come from operator.css by class). Each chart
// carries its numbers as a table too, for screen readers and for copying.
const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/**
 * A chart of {label, categories: [text], series: [{name, cls, values: [number]}]}: one row per
 * category, one bar per series, the value written at the end of each bar.
 */
export function barChart({ label, categories, series }) {
  const labelWidth = 220;
  const width = 900;
  const bar = 14;
  const rowHeight = series.length * (bar + 2) + 10;
  const top = 28;
  const height = top + categories.length * rowHeight + 8;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const scale = (width - labelWidth - 60) / max;
  const legend = series.map((s, i) => svg("g", { transform: `translate(${labelWidth + i * 120},6)` },
    svg("rect", { class: "key " + s.cls, width: 12, height: 12 }),
    svg("text", { x: 18, y: 11, class: "legend" }, s.name)));
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
  const picture = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label, class: "chart" },
    svg("line", { x1: labelWidth, x2: labelWidth, y1: top - 4, y2: height - 4, class: "axis" }), legend, rows);
  const numbers = document.createElement("details");
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
  numbers.append(summary, table);
  const figure = document.createElement("figure");
  figure.className = "chart";
  figure.append(picture, numbers);
  return figure;
}
