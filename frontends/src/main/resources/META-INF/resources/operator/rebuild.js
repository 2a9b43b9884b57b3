// The rebuild of a consumer's projection (ADR 13): started by an operator, followed by a progress
// bar polled every second, then the comparison per table. Auditors read the last run only.
import { api, el, beijingTime } from "/shared/suite.js";
import { SERVICES, canWrite, serviceName, count, beijingInstant, facts, table, guarded } from "./common.js";

const STATES = {
  NEVER_RUN: "从未运行", COPYING: "复制数据表", REPLAYING: "重放事件", SWITCHING: "切换中", DONE: "已完成", FAILED: "失败",
};
const RUNNING = new Set(["COPYING", "REPLAYING", "SWITCHING"]);

export function buildRebuild(section) {
  const status = el("div", { id: "rebuild-progress", "aria-live": "polite" });
  const form = el("form", { class: "card", id: "rebuild-form", novalidate: true },
    el("p", { class: "muted" }, "重建把一个消费服务的投影从卡片事件主题重放到副本中，原投影照常服务，完成后切换，并逐表比较重建结果与原投影。重建不发送任何短信。"),
    el("label", {}, "服务",
      el("select", { name: "service", id: "rebuild-service", "data-field": "service" },
        SERVICES.map(([key, , label]) => el("option", { value: key }, label)))),
    canWrite()
      ? [el("label", {}, "只重建此时刻之后有事件的卡（北京时间，可留空：全部重建）",
          el("input", { type: "datetime-local", name: "from", step: 1, "data-field": "from" })),
        el("button", { type: "submit", id: "start-rebuild" }, "开始重建")]
      : el("p", { class: "muted", id: "read-only-note" }, "审计人员只读：可查看重建进度与结果，不能发起重建。"),
    el("button", { type: "button", class: "secondary", id: "refresh-rebuild", onclick: () => follow() }, "刷新进度"),
    status);
  section.append(form);
  let following = 0;

  /** Polls the chosen service's rebuild every second while it runs. */
  async function follow(first) {
    const run = ++following;
    const service = form.service.value;
    await guarded(form, async () => {
      let progress = first ?? (await api(service, "GET", "/projection/rebuild"));
      while (run === following) {
        renderProgress(status, service, progress);
        if (!RUNNING.has(progress.state)) break;
        await new Promise((resolve) => setTimeout(resolve, 1000));
        if (run !== following) break;
        progress = await api(service, "GET", "/projection/rebuild");
      }
    });
  }

  form.service.addEventListener("change", () => follow());
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!canWrite()) return;
    const from = beijingInstant(form.from.value);
    guarded(form, async () => {
      const started = await api(form.service.value, "POST", "/projection/rebuild" + (from ? "?from=" + encodeURIComponent(from) : ""));
      await follow(started);
    });
  });
  section.addEventListener("shown", () => follow());
}

function renderProgress(target, service, p) {
  const total = p.eventsApplied + p.eventsLeft;
  const percent = p.state === "DONE" ? 100 : total > 0 ? Math.floor((p.eventsApplied * 100) / total) : 0;
  const seconds = p.eventsPerSecond > 0 ? Math.ceil(p.eventsLeft / p.eventsPerSecond) : null;
  const parts = [
    el("h3", {}, serviceName(service) + "：" + (STATES[p.state] || p.state)),
    el("label", { for: "rebuild-bar" }, "进度 ", el("span", { id: "rebuild-percent" }, percent + "%")),
    el("progress", { id: "rebuild-bar", max: 100, value: percent }, percent + "%"),
    facts([
      ["已应用事件", count(p.eventsApplied)],
      ["速率", count(p.eventsPerSecond) + " 个/秒"],
      ["剩余事件", count(p.eventsLeft)],
      ["预计剩余时间", p.state === "DONE" ? "0 秒" : seconds === null ? "—" : seconds + " 秒"],
      ["开始于", beijingTime(p.startedAt) || "—"],
      ["完成于", beijingTime(p.finishedAt) || "—"],
      ...(p.from ? [["起点", beijingTime(p.from)], ["重建的卡", count(p.cardsRebuilt)], ["沿用的卡", count(p.cardsCarriedOver)]] : []),
      ...(p.liveConsumerPausedMillis != null ? [["切换时在线消费暂停", p.liveConsumerPausedMillis + " 毫秒"]] : []),
    ], { id: "rebuild-facts" }),
  ];
  if (p.error) parts.push(el("p", { class: "refusal", role: "alert" }, "重建失败：" + p.error));
  const tables = Object.entries(p.comparedWithPrevious || {});
  if (p.identical !== null && p.identical !== undefined) {
    parts.push(el("p", { id: "rebuild-verdict", class: p.identical ? "done" : "refusal" },
      p.identical ? "比较结果：重建后的每张表与原投影完全一致" : "比较结果：重建后的投影与原投影不一致，请查看下表"));
  }
  if (tables.length) {
    parts.push(table(["数据表", "重建后行数", "原有行数", "仅重建后有", "仅原有", "结论"],
      tables.map(([name, c]) => {
        const same = c.rows === c.previousRows && c.onlyRebuilt === 0 && c.onlyPrevious === 0;
        return el("tr", {}, el("td", {}, name), el("td", {}, count(c.rows)), el("td", {}, count(c.previousRows)),
          el("td", {}, count(c.onlyRebuilt)), el("td", {}, count(c.onlyPrevious)),
          el("td", { class: same ? "done" : "refusal" }, same ? "一致" : "不一致"));
      }), { id: "rebuild-comparison" }));
  }
  target.replaceChildren(...parts);
}
