// Each consumer's dead letters (ADR 15) with re-drive and discard, and the SMS the anti-fraud
// policy blocked with their rules. Only an operator is given the write buttons.
import { api, el, beijingTime } from "/shared/suite.js";
import { SERVICES, EVENTS, canWrite, count, table, guarded } from "./common.js";


export function buildDeadLetters(section) {
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
    form.querySelector("p[role=status]")?.remove();
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
        entries.map((d) => el("tr", { "data-card": d.cardId || "", "data-offset": d.partition + "/" + d.offset },
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

export function buildSms(section) {
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
