// The operator console (issue 21 item 3): a consumer's projection rebuilt with a live progress
// bar and its final comparison; a card's history as a timeline and its state at any instant;
// the chain verification and the reconciliation report; dead letters with re-drive and discard;
// the blocked SMS with their rules; pictures of due and overdue cards and of consumer lag.
// Auditors see it read only: no write button is built for them, and the APIs refuse them anyway.
import { session, signOut, el, signInForm } from "/shared/suite.js";
import { buildRebuild } from "./rebuild.js";
import { buildCard, buildAudit } from "./card.js";
import { buildDeadLetters, buildSms } from "./dead-letters.js";
import { buildCharts } from "./charts.js";

const VIEWS = [
  ["rebuild", "投影重建"],
  ["card", "卡片查询"],
  ["audit", "校验与对账"],
  ["dead-letters", "死信"],
  ["sms", "拦截短信"],
  ["charts", "图表"],
];
const ROLES = { operator: "运营人员", auditor: "审计人员（只读）" };

const root = document.getElementById("console");
const who = document.getElementById("who");
const views = new Map();

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

window.addEventListener("hashchange", show);
start();
