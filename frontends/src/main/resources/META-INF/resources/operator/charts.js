// The console's pictures (issue 21): open, due and overdue cards over time for every bank, one
// bank or one of its outlets (card-production-service's daily series), due and overdue per bank
// or per outlet as stacked bars; and each consumer's lag as sampled while this page is open.
import { api, el, session } from "/shared/suite.js";
import { SERVICES, guarded } from "./common.js";
import { lineChart, stackedBars } from "./chart.js";

const RANGES = [[30, "最近30天"], [7, "最近7天"], [92, "最近92天"]];
const MOST_GROUPS = 7;
const LAG_EVERY_MS = 5000;
const LAG_KEPT = 120;

/** The lag samples of this page, in memory only: [{at: Date, lags: [number or null]}]. */
const lagSamples = [];
let sampler = null;
let drawLag = () => {};

/** The day N days before DATE (YYYY-MM-DD), as YYYY-MM-DD. */
function daysBefore(date, n) {
  const d = new Date(date + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

const option = (value, text) => el("option", { value }, text);

export function buildCharts(section) {
  const overTime = el("div", { id: "chart-over-time" });
  const perGroup = el("div", { id: "chart-per-group" });
  const lag = el("div", { id: "chart-lag" });
  const form = el("form", { class: "card", novalidate: true, id: "charts-form" },
    el("label", { class: "inline" }, "发卡银行 ", el("select", { name: "bank", id: "chart-bank", "data-field": "bankCode" }, option("", "全部银行"))),
    " ",
    el("label", { class: "inline" }, "领卡网点 ", el("select", { name: "outlet", id: "chart-outlet", "data-field": "outletName", disabled: true }, option("", "全部网点"))),
    " ",
    el("label", { class: "inline" }, "时间范围 ", el("select", { name: "days", id: "chart-days", "data-field": "from" }, RANGES.map(([n, text]) => option(n, text)))),
    " ",
    el("button", { type: "submit", class: "secondary" }, "刷新"),
    el("p", { class: "muted", id: "charts-note" },
      "每天按北京时间当天结束（24:00）时统计：未完成＝当天及以前申领、尚未制成也未撤回或注销的卡；当日到期＝其中法定期限最后一天是当天的；已逾期＝其中已过法定期限的（R-SLA-5）。数字来自制卡服务的每日序列。"),
    el("h3", {}, "未完成、当日到期与逾期的卡（随时间）"), overTime,
    el("h3", { id: "chart-per-group-title" }, "各发卡银行的逾期与当日到期（随时间）"), perGroup);
  const lagNote = el("p", { class: "muted", id: "lag-note" },
    "本页打开期间每 5 秒读取一次各消费服务的消费延迟（尚未应用的记录数），样本只保存在本页内存中，最多 " + LAG_KEPT + " 个；刷新或关闭页面即清空，不是服务端保存的历史。");
  section.append(form, el("div", { class: "card" }, el("h3", {}, "各消费服务的消费延迟（本页打开以来）"), lagNote, lag));
  let bankNames = new Map();

  async function loadBanks() {
    const banks = await api("notification", "GET", "/notifications/banks");
    bankNames = new Map(banks.map((b) => [b.code, b.name]));
    form.bank.replaceChildren(option("", "全部银行"), ...banks.map((b) => option(b.code, b.name + "（" + b.code + "）")));
  }

  async function draw() {
    const bank = form.bank.value;
    const outlet = form.outlet.value;
    const query = (more) => new URLSearchParams(Object.entries(more).filter(([, v]) => v)).toString();
    const summary = await api("cardProduction", "GET", "/production-orders/summary?" + query({ bankCode: bank }));
    if (form.outlet.dataset.bank !== bank) {
      const names = bank ? summary.outlets.filter((o) => o.outletName).map((o) => o.outletName) : [];
      form.outlet.replaceChildren(option("", "全部网点"), ...names.map((name) => option(name, name)));
      form.outlet.value = names.includes(outlet) ? outlet : "";
      form.outlet.dataset.bank = bank;
    }
    form.outlet.disabled = !bank;
    const chosenOutlet = bank ? form.outlet.value : "";
    const to = summary.asOf;
    const from = daysBefore(to, Number(form.days.value) - 1);
    const groupBy = chosenOutlet ? "" : bank ? "outlet" : "bank";
    const daily = await api("cardProduction", "GET", "/production-orders/daily?" + query({ from, to, bankCode: bank, outletName: chosenOutlet, groupBy }));
    const times = daily.totals.map((d) => d.date.slice(5));
    const where = (bank ? bankNames.get(bank) || bank : "全部银行") + (chosenOutlet ? " " + chosenOutlet : "");
    overTime.replaceChildren(lineChart({
      id: "over-time-figure", label: where + " " + from + " 至 " + to + " 每天的未完成、当日到期与逾期卡", times,
      series: [
        { name: "未完成", cls: "open", values: daily.totals.map((d) => d.open) },
        { name: "当日到期", cls: "due", values: daily.totals.map((d) => d.due) },
        { name: "已逾期", cls: "overdue", values: daily.totals.map((d) => d.overdue) },
      ],
    }));
    document.getElementById("chart-per-group-title").textContent = groupBy === "bank"
      ? "各发卡银行的逾期与当日到期（随时间）" : groupBy === "outlet" ? where + " 各领卡网点的逾期与当日到期（随时间）" : where + "：已选定一个网点，不再分组";
    perGroup.replaceChildren(...(groupBy ? groupCharts(daily, times, groupBy, bankNames) : []));
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    guarded(form, draw);
  });
  form.bank.addEventListener("change", () => form.requestSubmit());
  form.outlet.addEventListener("change", () => form.requestSubmit());
  form.days.addEventListener("change", () => form.requestSubmit());
  let banksLoaded = false;
  section.addEventListener("shown", () => guarded(form, async () => {
    if (!banksLoaded) {
      await loadBanks();
      banksLoaded = true;
    }
    await draw();
  }));
  drawLag = () => {
    if (!lag.isConnected) return;
    lag.replaceChildren(lagSamples.length ? lineChart({
      id: "lag-figure", label: "各消费服务的消费延迟（本页打开以来的样本）", height: 220,
      times: lagSamples.map((s) => new Date(s.at.getTime() + 8 * 3600 * 1000).toISOString().slice(11, 19)),
      series: SERVICES.map(([, , name], i) => ({ name, cls: "s" + i, values: lagSamples.map((s) => s.lags[i] ?? 0) })),
    }) : el("p", { class: "muted" }, "正在读取第一个样本…"));
    const unread = SERVICES.filter((_, i) => lagSamples.at(-1)?.lags[i] === null).map(([, , name]) => name);
    if (unread.length) lag.append(el("p", { class: "refusal" }, "最近一次无法读取：" + unread.join("、") + "（图中记为 0）"));
  };
  startSampling();
}

/** Due and overdue per bank (or outlet) as stacked bars: the groups with most, the rest together. */
function groupCharts(daily, times, groupBy, bankNames) {
  const name = (g) => groupBy === "bank" ? (bankNames.get(g.bankCode) || g.bankCode) : (g.outletName || "邮寄及上门送卡");
  const weight = (g) => g.days.reduce((sum, d) => sum + d.due + d.overdue, 0);
  const groups = daily.groups.filter((g) => weight(g) > 0).sort((a, b) => weight(b) - weight(a));
  if (!groups.length) return [el("p", { class: "muted", id: "per-group-none" }, "所选时间范围内没有当日到期或逾期的卡。")];
  const shown = groups.slice(0, MOST_GROUPS);
  const rest = groups.slice(MOST_GROUPS);
  const stacks = (field) => [
    ...shown.map((g) => ({ name: name(g), values: g.days.map((d) => d[field]) })),
    ...(rest.length ? [{ name: "其他 " + rest.length + " 个", values: times.map((_, i) => rest.reduce((sum, g) => sum + g.days[i][field], 0)) }] : []),
  ];
  return [
    el("h4", {}, "已逾期"), stackedBars({ id: "overdue-per-group", label: "每天已逾期的卡，按" + (groupBy === "bank" ? "银行" : "网点") + "叠加", times, stacks: stacks("overdue") }),
    el("h4", {}, "当日到期"), stackedBars({ id: "due-per-group", label: "每天当日到期的卡，按" + (groupBy === "bank" ? "银行" : "网点") + "叠加", times, stacks: stacks("due") }),
  ];
}

/** Reads each consumer's lag every few seconds while the page is open and signed in. */
function startSampling() {
  if (sampler) {
    drawLag();
    return;
  }
  const sample = async () => {
    if (!session()) {
      clearInterval(sampler);
      sampler = null;
      return;
    }
    const lags = await Promise.all(SERVICES.map(([key]) => api(key, "GET", "/projection/summary").then((s) => s.lag ?? null, () => null)));
    lagSamples.push({ at: new Date(), lags });
    lagSamples.splice(0, Math.max(0, lagSamples.length - LAG_KEPT));
    drawLag();
  };
  sampler = setInterval(sample, LAG_EVERY_MS);
  sample();
}
