// The operator console (issue 21 item 3): a consumer's projection rebuilt with a live progress
// bar and its final comparison; a card's history as a timeline and its state at any instant;
// the chain verification and the reconciliation report; dead letters with re-drive and discard;
// the blocked SMS with their rules; pictures of due and overdue cards and of consumer lag.
// Auditors see it read only: no write button is built for them, and the APIs refuse them anyway.
import { api, session, signOut, el, clearRefusals, showRefusal, beijingTime, signInForm } from "/shared/suite.js";
import { barChart } from "./chart.js";

/** The consumer services: api() key, name in the APIs, name shown. */
const SERVICES = [
  ["cardProduction", "card-production-service", "制卡服务"],
  ["bankGateway", "bank-gateway-service", "银行网关服务"],
  ["notification", "notification-service", "短信通知服务"],
];
const VIEWS = [
  ["rebuild", "投影重建"],
  ["card", "卡片查询"],
  ["audit", "校验与对账"],
  ["dead-letters", "死信"],
  ["sms", "拦截短信"],
  ["charts", "图表"],
];
const STATES = {
  NEVER_RUN: "从未运行", COPYING: "复制数据表", REPLAYING: "重放事件", SWITCHING: "切换中", DONE: "已完成", FAILED: "失败",
};
const RUNNING = new Set(["COPYING", "REPLAYING", "SWITCHING"]);
const EVENTS = {
  CardRequested: "提交申领", ApplicationChanged: "修改申领", ApplicationWithdrawn: "撤回申领",
  CardProduced: "制卡完成", CardProductionFailed: "制卡失败", CardDispatched: "寄出或送达网点",
  CardDelivered: "送达", CardCollected: "领卡", FinancialFunctionActivated: "金融功能激活",
  SocialFunctionEnabled: "社保功能启用", OldCardInvalidated: "旧卡失效", CardReportedLost: "挂失",
  LossReportCancelled: "解除挂失", CardReplaced: "补换", ReplacementCardIssued: "补换新卡",
  IssuingBankChanged: "变更发卡银行", MobileNumberChanged: "变更手机号", MailReturned: "邮件退回",
  PickupPeriodEnding: "领卡期即将届满", UncollectedCardReturned: "逾期未领退回", CardCancelled: "注销",
};
const ROLES = { operator: "运营人员", auditor: "审计人员（只读）" };

const root = document.getElementById("console");
const who = document.getElementById("who");
const views = new Map();

const canWrite = () => session()?.role === "operator";
const serviceName = (key) => SERVICES.find(([k]) => k === key)[2];
const count = (n) => (n ?? 0).toLocaleString("zh-CN");

/** A datetime-local value, read as Beijing time, as an ISO-8601 instant. */
function beijingInstant(value) {
  if (!value) return null;
  const full = value.length === 16 ? value + ":00" : value;
  return new Date(full + "+08:00").toISOString();
}

/** An instant as a datetime-local value in Beijing time, rounded up to the whole second. */
function beijingInput(instant) {
  const millis = Math.ceil(Date.parse(instant) / 1000) * 1000;
  return new Date(millis + 8 * 3600 * 1000).toISOString().slice(0, 19);
}

/** A two-column description list from [label, value] pairs. */
function facts(pairs, attributes = {}) {
  return el("dl", { class: "facts", ...attributes }, pairs.flatMap(([label, value]) => [el("dt", {}, label), el("dd", {}, value)]));
}

function table(headings, rows, attributes = {}) {
  return el("table", attributes,
    el("thead", {}, el("tr", {}, headings.map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, rows));
}

/** Runs ACTION, showing its refusal in FORM (next to the field it names). */
async function guarded(form, action) {
  clearRefusals(form);
  try {
    await action();
  } catch (refusal) {
    showRefusal(form, refusal);
  }
}

function start() {
  const current = session();
  who.replaceChildren();
  if (!current || !ROLES[current.role]) {
    root.replaceChildren(
      el("p", { class: "card muted" }, "运营人员可发起重建、重新投递和丢弃死信；审计人员只能查看。"),
      signInForm([["operator", "运营人员"], ["auditor", "审计人员（只读）"]], "工号", start));
    return;
  }
  who.append(el("span", { id: "signed-in-as" }, ROLES[current.role] + " " + current.subject), " ",
    el("button", { type: "button", onclick: () => { signOut(); start(); } }, "退出"));
  const nav = el("nav", { class: "card views", "aria-label": "控制台功能" },
    VIEWS.map(([id, label]) => el("a", { href: "#" + id, id: "to-" + id }, label)));
  views.clear();
  const sections = VIEWS.map(([id, label]) => {
    const section = el("section", { id: id + "-view", "aria-labelledby": id + "-title", hidden: true },
      el("h2", { id: id + "-title" }, label));
    views.set(id, { section, shown: false });
    return section;
  });
  root.replaceChildren(nav, ...sections);
  buildRebuild(views.get("rebuild").section);
  buildCard(views.get("card").section);
  buildAudit(views.get("audit").section);
  buildDeadLetters(views.get("dead-letters").section);
  buildSms(views.get("sms").section);
  buildCharts(views.get("charts").section);
  show();
}

/** Shows the view the address names (the rebuild by default) and refreshes what it lists. */
function show() {
  if (!views.size) return;
  const wanted = location.hash.slice(1);
  const id = views.has(wanted) ? wanted : "rebuild";
  for (const [name, view] of views) {
    view.section.hidden = name !== id;
    document.getElementById("to-" + name).toggleAttribute("aria-current", name === id);
    if (name === id) view.section.dispatchEvent(new Event("shown"));
  }
}

// ---- Rebuild ------------------------------------------------------------------------------

function buildRebuild(section) {
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

// ---- A card: its history and its state at an instant --------------------------------------

function buildCard(section) {
  const result = el("div", { id: "card-result" });
  const form = el("form", { class: "card", id: "card-form", novalidate: true },
    el("label", {}, "卡片编号", el("input", { name: "cardId", id: "card-id", required: true, "data-field": "cardId", autocomplete: "off" })),
    el("label", {}, "查看某一时刻的状态（北京时间，可留空：当前）",
      el("input", { type: "datetime-local", name: "asOf", id: "card-as-of", step: 1, "data-field": "asOf" })),
    el("button", { type: "submit" }, "查询"),
    result);
  section.append(form);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const cardId = form.cardId.value.trim();
    if (!cardId) {
      clearRefusals(form);
      showRefusal(form, { message: "请填写卡片编号", field: "cardId" });
      return;
    }
    const asOf = beijingInstant(form.asOf.value);
    guarded(form, async () => {
      const path = "/audit/cards/" + encodeURIComponent(cardId);
      const [now, then] = await Promise.all([
        api("application", "GET", path),
        asOf ? api("application", "GET", path + "?asOf=" + encodeURIComponent(asOf)) : null,
      ]);
      renderCard(result, now, then, asOf, (instant) => {
        form.asOf.value = beijingInput(instant);
        form.requestSubmit();
      });
    });
  });
}

function renderCard(target, now, then, asOf, pickInstant) {
  const state = then || now;
  const verify = el("div", { id: "card-verify", "aria-live": "polite" });
  const verifyButton = el("button", { type: "button", class: "secondary", onclick: async () => {
    verify.replaceChildren(el("p", { class: "muted" }, "校验中…"));
    try {
      verify.replaceChildren(chainReport(await api("application", "GET", "/audit/verify?cardId=" + encodeURIComponent(now.cardId))));
    } catch (refusal) {
      verify.replaceChildren(el("p", { class: "refusal", role: "alert" }, refusal.message + (refusal.rule ? "（" + refusal.rule + "）" : "")));
    }
  } }, "校验此卡的防篡改链");
  const limit = asOf ? Date.parse(asOf) : Infinity;
  target.replaceChildren(
    el("h3", { id: "card-state-title" }, asOf ? "截至 " + beijingTime(asOf) + " 的状态" : "当前状态"),
    facts([
      ["卡片编号", now.cardId],
      ["状态", state.statusName + "（" + state.status + "）"],
      ["类型", state.issueName || ""],
      ["发卡银行", state.bankCode || ""],
      ["领卡方式", state.collectionMethod || ""],
      ["申领日期", state.applicationDate || ""],
      ["申领人", (state.applicantName || "") + " " + (state.applicantIdNumber || "")],
      ["挂失冻结", state.blockedByLossReport ? "是" : "否"],
      ["金融功能", state.financialFunctionActive ? "已激活" : "未激活"],
      ["事件序号", String(state.version)],
    ], { id: "card-state" }),
    verifyButton, verify,
    el("h3", {}, "历史（" + now.history.length + " 个事件）"),
    el("ol", { class: "timeline", id: "card-timeline" }, now.history.map((e) => {
      const after = Date.parse(e.occurredAt) > limit;
      return el("li", { class: after ? "after" : "" },
        el("strong", {}, EVENTS[e.eventType] || e.eventType), " ",
        el("span", { class: "muted" }, e.eventType + " v" + e.eventVersion + " · 第 " + e.sequence + " 个事件"),
        after ? el("span", { class: "muted" }, "（所选时刻之后）") : null,
        el("br"),
        el("time", { datetime: e.occurredAt }, beijingTime(e.occurredAt)),
        " · 操作人 " + (e.actorRole || "") + " " + (e.actorId || "") + " · 渠道 " + (e.channel || "") +
          (e.correlationId ? " · 关联号 " + e.correlationId : ""),
        " ",
        el("button", { type: "button", class: "secondary small", onclick: () => pickInstant(e.occurredAt) }, "查看此刻状态"));
    })));
}

// ---- Chain verification and reconciliation ------------------------------------------------

function chainReport(report) {
  const parts = [
    el("p", { class: report.intact ? "done" : "refusal", id: "chain-verdict" },
      report.intact ? "防篡改链完整" : "防篡改链被破坏"),
    facts([["校验的卡", count(report.cardsChecked)], ["校验的事件", count(report.eventsChecked)]]),
  ];
  const m = report.firstMismatch;
  if (m) {
    parts.push(facts([["第一个不符的事件", m.cardId + " 第 " + m.sequence + " 个（" + m.eventId + "，全局序号 " + m.globalIndex + "）"], ["原因", m.reason]]));
  }
  return el("div", {}, parts);
}

/** A card of the audit view: one button that reads PATH of application-service and shows it. */
function auditCard({ title, note, buttonId, buttonText, resultId, busy, path, render }) {
  const result = el("div", { id: resultId, "aria-live": "polite" });
  const form = el("form", { class: "card" },
    el("h3", {}, title), el("p", { class: "muted" }, note),
    el("button", { type: "submit", id: buttonId }, buttonText), result);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    guarded(form, async () => {
      result.replaceChildren(el("p", { class: "muted" }, busy));
      result.replaceChildren(render(await api("application", "GET", path)));
    });
  });
  return form;
}

function buildAudit(section) {
  section.append(
    auditCard({
      title: "防篡改链校验", note: "从每张卡的第一个事件起重新计算哈希链，指出第一个不符的事件。",
      buttonId: "verify-all", buttonText: "校验整个事件库", resultId: "chain-result", busy: "校验中…",
      path: "/audit/verify", render: chainReport,
    }),
    auditCard({
      title: "对账报告", note: "把每个消费服务的投影与事件库逐卡比较：一致、滞后（事件在途，见消费延迟）、缺失、超前或事件库中没有。",
      buttonId: "reconcile", buttonText: "生成对账报告", resultId: "reconciliation-result", busy: "对账中…",
      path: "/audit/reconciliation", render: reconciliation,
    }));
}

function reconciliation(r) {
  return el("div", {},
    el("p", { class: r.consistent ? "done" : "refusal", id: "reconciliation-verdict" },
      (r.consistent ? "全部一致" : "存在差异") + "（生成于 " + beijingTime(r.generatedAt) + "；事件库 " + count(r.storeCards) + " 张卡、" + count(r.storeEvents) + " 个事件）"),
    table(["服务", "结论", "消费延迟", "卡数", "一致", "滞后", "缺失", "超前", "事件库中没有"],
      r.services.map((s) => el("tr", {},
        el("td", {}, s.service),
        el("td", { class: s.consistent ? "done" : "refusal" }, s.consistent ? "一致" : s.error ? "无法读取：" + s.error : "有差异"),
        [s.lag, s.cards, s.inStep, s.behind, s.missing, s.ahead, s.unknownToStore].map((n) => el("td", {}, n == null ? "—" : count(n))))),
      { id: "reconciliation-table" }),
    r.services.filter((s) => s.differences?.length).map((s) => el("details", {},
      el("summary", {}, s.service + " 的差异（" + s.differences.length + (s.differencesCut ? "，仅列出部分" : "") + "）"),
      table(["卡片编号", "事件库序号", "服务中序号"], s.differences.map((d) => el("tr", {},
        el("td", {}, d.cardId), el("td", {}, d.store ?? "无"), el("td", {}, d.service ?? "无")))))));
}

// ---- Dead letters -------------------------------------------------------------------------

function buildDeadLetters(section) {
  section.append(el("p", { class: "muted" }, "消费服务无法应用的记录进入死信（ADR 15）；该卡之后的事件暂停，直到重新投递。此处只显示位置与原因，不显示内容。"));
  for (const [key, , label] of SERVICES) {
    const list = el("div", { id: "dead-letters-" + key, "aria-live": "polite" });
    const form = el("form", { class: "card", novalidate: true, "data-service": key },
      el("h3", {}, label),
      el("label", { class: "inline" }, el("input", { type: "checkbox", name: "all" }), " 包括已处理的"),
      el("button", { type: "submit", class: "secondary" }, "刷新"),
      canWrite() ? el("button", { type: "button", name: "redriveAll", onclick: () => act(form, key, "POST", "/dead-letters/redrive") }, "全部重新投递") : null,
      list);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      guarded(form, () => loadDeadLetters(form, key, list));
    });
    form.all.addEventListener("change", () => form.requestSubmit());
    section.append(form);
  }
  section.addEventListener("shown", () => section.querySelectorAll("form").forEach((form) => form.requestSubmit()));
}

async function act(form, key, method, path) {
  await guarded(form, async () => {
    const outcome = await api(key, method, path);
    const text = Array.isArray(outcome)
      ? outcome.map((o) => o.cardId + "：应用 " + o.applied + " 个" + (o.parked ? "，仍暂停（" + (o.reason || "") + "）" : "")).join("；") || "没有等待的死信"
      : "已处理";
    form.prepend(el("p", { class: "done refusal-free", role: "status" }, text));
    await loadDeadLetters(form, key, document.getElementById("dead-letters-" + key));
  });
}

async function loadDeadLetters(form, key, list) {
  const [summary, entries] = await Promise.all([
    api(key, "GET", "/dead-letters/summary"),
    api(key, "GET", "/dead-letters" + (form.all.checked ? "?all=true" : "")),
  ]);
  const write = canWrite();
  list.replaceChildren(
    el("p", {}, "主题 " + summary.topic + "，等待处理 " + count(summary.waiting) + " 条"),
    entries.length
      ? table(["分区/位点", "卡片编号", "事件", "原因", "进入死信", "处理", ...(write ? ["操作"] : [])],
        entries.map((d) => el("tr", {},
          el("td", {}, d.partition + "/" + d.offset),
          el("td", {}, d.cardId || "—"),
          el("td", {}, (d.eventType ? (EVENTS[d.eventType] || d.eventType) + " v" + (d.eventVersion ?? "") : "—") + (d.sequence != null ? " 第 " + d.sequence + " 个" : "")),
          el("td", {}, d.reason || ""),
          el("td", {}, beijingTime(d.deadLetteredAt)),
          el("td", {}, d.doneAt ? (d.outcome || "") + " " + beijingTime(d.doneAt) : "等待"),
          write && !d.doneAt
            ? el("td", {},
                d.cardId ? el("button", { type: "button", onclick: () => act(form, key, "POST", "/dead-letters/redrive?cardId=" + encodeURIComponent(d.cardId)) }, "重新投递此卡") : null,
                el("button", { type: "button", class: "secondary", onclick: () => {
                  if (confirm("丢弃分区 " + d.partition + " 位点 " + d.offset + " 的死信？它不会被应用。")) act(form, key, "POST", "/dead-letters/" + d.partition + "/" + d.offset + "/discard");
                } }, "丢弃"))
            : write ? el("td", {}) : null)))
      : el("p", { class: "muted" }, "没有死信"));
}

// ---- Blocked SMS --------------------------------------------------------------------------

/** The rule ids a blocked message's reason names ("RULE: why; RULE: why"). */
function rulesOf(reason) {
  return [...(reason || "").matchAll(/([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)\s*:/g)].map((m) => m[1]);
}

function buildSms(section) {
  const list = el("div", { id: "blocked-sms", "aria-live": "polite" });
  const form = el("form", { class: "card", novalidate: true },
    el("p", { class: "muted" }, "反诈策略拦截、未发出的短信，最新的在前；手机号已脱敏。"),
    el("button", { type: "submit", class: "secondary" }, "刷新"), list);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    guarded(form, async () => {
      const blocked = await api("notification", "GET", "/notifications/blocked?limit=200");
      list.replaceChildren(blocked.length
        ? table(["卡片编号", "事件", "模板", "收件人", "拦截原因", "规则", "事件时间"], blocked.map(({ cardId, message: m }) => el("tr", {},
            el("td", {}, cardId),
            el("td", {}, EVENTS[m.eventType] || m.eventType || ""),
            el("td", {}, m.template || ""),
            el("td", {}, m.recipientMobile || ""),
            el("td", {}, m.reason || ""),
            el("td", {}, rulesOf(m.reason).map((rule) => el("code", { class: "rule" }, rule))),
            el("td", {}, beijingTime(m.eventOccurredAt)))))
        : el("p", { class: "muted" }, "没有被拦截的短信"));
    });
  });
  section.append(form);
  section.addEventListener("shown", () => form.requestSubmit());
}

// ---- Pictures -----------------------------------------------------------------------------

function buildCharts(section) {
  const banks = el("div", { id: "chart-banks" });
  const outlets = el("div", { id: "chart-outlets" });
  const lag = el("div", { id: "chart-lag" });
  const form = el("form", { class: "card", novalidate: true },
    el("p", { class: "muted", id: "charts-note" }, "制卡服务只提供当前时刻（截至今天，北京时间）的在制、今日到期与逾期数，没有历史序列，所以图中是此刻的情况，不是随时间的变化。"),
    el("button", { type: "submit", class: "secondary" }, "刷新"),
    el("h3", {}, "各发卡银行的在制、今日到期与逾期卡"), banks,
    el("h3", {}, "各领卡网点（今日到期与逾期最多的 12 个）"), outlets,
    el("h3", {}, "各消费服务的消费延迟（尚未应用的记录数）"), lag);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    guarded(form, async () => {
      const bankList = await api("notification", "GET", "/notifications/banks");
      const [perBank, all, summaries] = await Promise.all([
        Promise.all(bankList.map((b) => api("cardProduction", "GET", "/production-orders/summary?bankCode=" + encodeURIComponent(b.code)))),
        api("cardProduction", "GET", "/production-orders/summary"),
        Promise.all(SERVICES.map(([key]) => api(key, "GET", "/projection/summary").catch((refusal) => ({ lag: null, refusal })))),
      ]);
      const open = (c) => ["ORDERED", "PRODUCTION_FAILED", "PRODUCED", "DISPATCHED"].reduce((sum, s) => sum + (c.byStatus?.[s] || 0), 0);
      banks.replaceChildren(barChart({
        label: "各发卡银行的卡（截至 " + all.asOf + "）",
        categories: bankList.map((b) => b.name + "（" + b.code + "）"),
        series: [
          { name: "在制", cls: "open", values: perBank.map((s) => open(s.totals)) },
          { name: "今日到期", cls: "due", values: perBank.map((s) => s.totals.dueToday) },
          { name: "已逾期", cls: "overdue", values: perBank.map((s) => s.totals.overdue) },
        ],
      }));
      const top = [...all.outlets].sort((a, b) => (b.counts.overdue + b.counts.dueToday) - (a.counts.overdue + a.counts.dueToday) || open(b.counts) - open(a.counts)).slice(0, 12);
      outlets.replaceChildren(top.length ? barChart({
        label: "各领卡网点的卡（截至 " + all.asOf + "）",
        categories: top.map((o) => o.outletName || "邮寄及上门送卡"),
        series: [
          { name: "今日到期", cls: "due", values: top.map((o) => o.counts.dueToday) },
          { name: "已逾期", cls: "overdue", values: top.map((o) => o.counts.overdue) },
        ],
      }) : el("p", { class: "muted" }, "还没有制卡订单"));
      lag.replaceChildren(barChart({
        label: "各消费服务的消费延迟",
        categories: SERVICES.map(([, , label], i) => label + (summaries[i].refusal ? "（无法读取）" : "")),
        series: [{ name: "消费延迟", cls: "lag", values: summaries.map((s) => s.lag ?? 0) }],
      }));
    });
  });
  section.append(form);
  section.addEventListener("shown", () => form.requestSubmit());
}

window.addEventListener("hashchange", show);
start();
