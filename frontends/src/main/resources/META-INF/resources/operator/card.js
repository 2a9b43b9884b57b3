// A card: its history as a timeline, its state at a chosen instant and its chain; and the audit
// view: the whole store's chain and the reconciliation report per service.
import { api, el, clearRefusals, showRefusal, beijingTime } from "/shared/suite.js";
import { EVENTS, count, beijingInstant, beijingInput, facts, table, guarded } from "./common.js";

export function buildCard(section) {
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

export function buildAudit(section) {
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
