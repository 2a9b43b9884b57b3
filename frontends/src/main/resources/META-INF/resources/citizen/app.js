// The citizen H5 app (issue 21 item 1, ADR 39): what a citizen does in WeChat's in-app browser or the
// mini-program, through application-service's and notification-service's own REST APIs with the
// citizen's token and the WeChat channel. Every refusal is the API's own (rule id and Chinese
// message), shown next to the field it names; nothing here decides what the API decides.
import { api, beijingTime, clearRefusals, el, session, showRefusal, signInForm, signOut } from "/shared/suite.js";

/** The channel of the 北京人社 WeChat official account (event contract's Channel). */
const CHANNEL = "BEIJING_HRSS_WECHAT";
const METHODS = [["OUTLET_PICKUP", "到发卡银行网点领卡"], ["MAIL", "邮寄到家"]];
const METHOD_NAMES = Object.fromEntries(METHODS);
/** A step's detail may name the channel an application came through. */
const CHANNEL_NAMES = {
  BEIJING_HRSS_WECHAT: "北京人社微信公众号",
  JINGTONG_MINI_PROGRAM: "京通小程序",
  MINSHENG_ONE_CARD_MINI_PROGRAM: "民生一卡通小程序",
  BUREAU_WEBSITE: "北京市人社局网站",
  EMPLOYER_COLLECTIVE: "单位集体申领",
  UNIVERSITY_COLLECTIVE: "高校统一申领",
};
/** Before production an application may still be changed or withdrawn (S-CHANGE-1, S-WITHDRAW-1). */
const CHANGEABLE = new Set(["REQUESTED", "PRODUCTION_FAILED"]);
/** A card in the holder's hands may be reported lost (R-LOSS-1). */
const IN_HOLDERS_HANDS = new Set(["COLLECTED", "DELIVERED", "ACTIVE"]);
const OUTLET_KINDS = { BANK_INSTANT: "即时制卡网点", BANK: "银行网点" };
let banksPromise = null;

const view = document.getElementById("view");
const nav = document.getElementById("views");
const signOutButton = document.getElementById("sign-out");
let flash = null;

signOutButton.addEventListener("click", () => {
  signOut();
  location.hash = "";
  render();
});
window.addEventListener("hashchange", () => render().then(() => view.focus()));
render().then(() => performance.mark("citizen-interactive"));

async function render() {
  const me = session();
  nav.hidden = !me;
  signOutButton.hidden = !me;
  if (!me) {
    show(signInForm([["citizen", "市民"]], "身份证号码", () => {
      location.hash = "#cards";
      render();
    }));
    return;
  }
  const [name, id] = location.hash.slice(1).split("/");
  for (const link of nav.querySelectorAll("a")) {
    if (link.getAttribute("href") === "#" + (name || "cards")) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  if (name === "apply") return show(await applyForm(me));
  if (name === "sms") return show(smsCheck());
  if (name === "card" && id) return show(await cardPage(decodeURIComponent(id)));
  return show(await myCards());
}

function show(...nodes) {
  const notice = flash ? el("p", { class: "done", role: "status" }, flash) : null;
  flash = null;
  view.replaceChildren(...[notice, ...nodes.flat()].filter(Boolean));
}

/** A labelled input whose data-field is the API's field path, so a refusal lands beside it. */
function field(label, name, attributes = {}) {
  return el("label", {}, label, el("input", { name, "data-field": name, ...attributes }));
}

function methodSelect(name, withEmpty) {
  return el("label", {}, "领卡方式",
    el("select", { name, "data-field": name },
      withEmpty ? el("option", { value: "" }, "不修改") : null,
      METHODS.map(([value, text]) => el("option", { value }, text))));
}

/**
 * The cooperating banks and their outlets (application-service's GET /cooperating-banks, public
 * reference data), read once per page; a refusal is shown like any other.
 */
function banks() {
  banksPromise ??= api("application", "GET", "/cooperating-banks").catch((refusal) => {
    banksPromise = null;
    throw refusal;
  });
  return banksPromise;
}

/** The bank to pick from the list: its Chinese name and code; EMPTY names the empty choice. */
function bankSelect(label, list, empty) {
  return el("label", {}, label,
    el("select", { name: "bankCode", "data-field": "bankCode" },
      el("option", { value: "" }, empty),
      list.map((bank) => el("option", { value: bank.code }, bank.nameZh + "（" + bank.code + "）"))));
}

/** The outlet select follows the bank chosen (or FALLBACK, the card's bank, when none is). */
function followBank(form, list, fallback) {
  const bank = form.elements.bankCode;
  const outlet = form.elements["collection.outletName"];
  const sync = () => {
    const chosen = list.find((item) => item.code === (bank.value || fallback));
    outlet.replaceChildren(el("option", { value: "" }, chosen ? "请选择领卡网点" : "请先选择发卡银行"),
      ...(chosen ? chosen.outlets : []).map((place) => el("option", { value: place.name },
        place.name + "（" + (OUTLET_KINDS[place.kind] || place.kind) + "，" + (place.address || "") + "）")));
  };
  bank.addEventListener("change", sync);
  sync();
}

function outletSelect() {
  return el("label", {}, "领卡网点", el("select", { name: "collection.outletName", "data-field": "collection.outletName" }));
}

/** Shows the outlet for a pickup and the address for mail, as the chosen method needs. */
function followMethod(form) {
  const method = form.elements["collection.method"];
  const sync = () => {
    hide(form.elements["collection.outletName"].closest("label"), method.value === "MAIL");
    hide(form.elements["collection.address"].closest("label"), method.value === "OUTLET_PICKUP");
  };
  method.addEventListener("change", sync);
  sync();
}

/** Hides a label (the style sheet's display:block for labels outranks the hidden attribute). */
function hide(node, hidden) {
  node.hidden = hidden;
  node.style.display = hidden ? "none" : "";
}

function value(form, name) {
  const text = form.elements[name].value.trim();
  return text === "" ? undefined : text;
}

function collectionOf(form) {
  const method = value(form, "collection.method");
  if (!method) return undefined;
  return method === "MAIL"
    ? { method, address: value(form, "collection.address") }
    : { method, outletName: value(form, "collection.outletName") };
}

/** A form that sends to the API and shows a refusal next to its field. */
function submitting(form, send) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearRefusals(form);
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      await send();
    } catch (refusal) {
      const beside = showRefusal(form, refusal);
      (beside || form.querySelector(".refusal")).focus?.();
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

// ---- 申领: for oneself or for one's minor (R-BANK-4, ADR 22) --------------------------------------
async function applyForm(me) {
  let list;
  try {
    list = await banks();
  } catch (refusal) {
    const section = el("section", { class: "card", id: "apply" }, el("h2", {}, "申领第三代社保卡"));
    showRefusal(section, refusal);
    return section;
  }
  const form = el("form", { class: "card", id: "apply", novalidate: true },
    el("h2", {}, "申领第三代社保卡"),
    el("fieldset", {},
      el("legend", {}, "为谁申领"),
      el("label", {}, el("input", { type: "radio", name: "for", value: "self", checked: true }), " 本人"),
      el("label", {}, el("input", { type: "radio", name: "for", value: "minor" }), " 未满18周岁的子女（我是登记的监护人）")),
    el("fieldset", { "data-field": "applicant" },
      el("legend", {}, "申领人"),
      field("姓名", "applicant.name", { autocomplete: "name", required: true }),
      field("身份证号码", "applicant.idNumber", { value: me.subject, readonly: true, required: true }),
      field("手机号码", "applicant.mobile", { type: "tel", inputmode: "numeric", autocomplete: "tel", required: true })),
    el("fieldset", { "data-field": "guardian", hidden: true },
      el("legend", {}, "监护人（本人）"),
      field("监护人姓名", "guardian.name", { autocomplete: "name" }),
      field("监护人身份证号码", "guardian.idNumber", { value: me.subject, readonly: true }),
      field("监护人手机号码", "guardian.mobile", { type: "tel", inputmode: "numeric", autocomplete: "tel" })),
    bankSelect("发卡银行（合作银行）", list, "请选择发卡银行"),
    el("fieldset", { "data-field": "collection" },
      el("legend", {}, "领卡"),
      methodSelect("collection.method", false),
      outletSelect(),
      field("邮寄地址", "collection.address", { autocomplete: "street-address" })),
    el("button", { type: "submit" }, "提交申请"));
  followMethod(form);
  followBank(form, list, null);
  const forMinor = () => form.elements.for.value === "minor";
  form.querySelectorAll("input[name=for]").forEach((radio) => radio.addEventListener("change", () => {
    const applicantId = form.elements["applicant.idNumber"];
    applicantId.readOnly = !forMinor();
    applicantId.value = forMinor() ? "" : me.subject;
    form.querySelector("[data-field=guardian]").hidden = !forMinor();
  }));
  return submitting(form, async () => {
    const body = {
      applicant: {
        idNumber: value(form, "applicant.idNumber"),
        name: value(form, "applicant.name"),
        mobile: value(form, "applicant.mobile"),
      },
      bankCode: value(form, "bankCode"),
      collection: collectionOf(form),
    };
    if (forMinor()) {
      body.guardian = {
        idNumber: value(form, "guardian.idNumber"),
        name: value(form, "guardian.name"),
        mobile: value(form, "guardian.mobile"),
      };
    }
    const accepted = await api("application", "POST", "/cards", { body, channel: CHANNEL });
    flash = accepted.existing ? "您已有一份申请，以下是该申请的进度。" : "申请已提交。";
    location.hash = "#card/" + encodeURIComponent(accepted.cardId);
  });
}

// ---- 我的社保卡: own cards and those of one's minors, each with its progress (S-LIST-1) ------------
async function myCards() {
  const section = el("section", { class: "card", id: "my-cards", "aria-labelledby": "my-cards-title" },
    el("h2", { id: "my-cards-title" }, "我的社保卡"));
  let cards;
  try {
    cards = await api("application", "GET", "/me/cards");
  } catch (refusal) {
    showRefusal(section, refusal);
    return section;
  }
  if (cards.length === 0) {
    section.append(el("p", {}, "您还没有申领记录。"), el("a", { href: "#apply" }, "现在申领"));
  }
  for (const card of cards) {
    section.append(el("article", { class: "card", "data-card": card.cardId },
      el("h3", {}, card.holderName, card.forMinor ? "（未成年子女）" : ""),
      el("p", {}, "状态：", el("strong", {}, card.progress.statusName)),
      el("p", { class: "muted" }, "发卡银行：", card.bankCode || "",
        " · ", METHOD_NAMES[card.collectionMethod] || card.collectionMethod || "", card.outletName ? "（" + card.outletName + "）" : ""),
      dueDate(card.progress),
      timeline(card.progress.steps),
      el("a", { href: "#card/" + encodeURIComponent(card.cardId) }, "查看详情与办理")));
  }
  return section;
}

/** The date the card is due to be produced, and whether it may still move (R-SLA-*, issue 17). */
function dueDate(progress) {
  if (!progress.dueDate) {
    return el("p", { class: "due muted" }, progress.dueNote || "暂无制卡期限");
  }
  return el("p", { class: "due" }, "应于 ", el("strong", {}, progress.dueDate), " 前制卡完成",
    progress.dueDateProvisional ? el("span", { class: "provisional", "data-provisional": "true" }, "（暂定）") : null,
    progress.dueNote ? el("span", { class: "muted" }, " ", progress.dueNote) : null);
}

function timeline(steps) {
  return el("ol", { class: "timeline", "aria-label": "办理进度" },
    steps.map((step) => el("li", { class: step.done ? "done" : "muted", "data-step": step.step },
      step.name, "：", step.done ? "已完成 " + beijingTime(step.at) : "待办理",
      step.detail ? el("span", { class: "muted" }, "（" + (CHANNEL_NAMES[step.detail] || step.detail) + "）") : null)));
}

// ---- 一张卡: progress, loss report, change and withdrawal ---------------------------------------
async function cardPage(cardId) {
  const section = el("section", { class: "card", id: "card-page", "aria-labelledby": "card-title" },
    el("h2", { id: "card-title" }, "社保卡办理进度"));
  let progress, card;
  try {
    [progress, card] = await Promise.all([
      api("application", "GET", "/cards/" + encodeURIComponent(cardId) + "/progress"),
      api("application", "GET", "/cards/" + encodeURIComponent(cardId)),
    ]);
  } catch (refusal) {
    showRefusal(section, refusal);
    section.append(el("a", { href: "#cards" }, "返回我的社保卡"));
    return section;
  }
  section.append(
    el("p", {}, card.applicantName, " · 状态：", el("strong", {}, progress.statusName),
      card.blockedByLossReport ? el("span", { class: "overdue" }, "（已挂失）") : null),
    el("p", { class: "muted" }, "发卡银行：", card.bankCode || "", " · ", METHOD_NAMES[card.collectionMethod] || card.collectionMethod || ""),
    dueDate(progress),
    timeline(progress.steps));
  const actions = [];
  const path = "/cards/" + encodeURIComponent(cardId);
  const done = (message) => {
    flash = message;
    render();
  };
  if (CHANGEABLE.has(card.status)) {
    actions.push(await changeForm(path, card, done), simpleAction("withdraw", "撤回申请", "撤回后如需办理须重新申领。", path + "/withdrawal", "申请已撤回。", done));
  } else if (card.status === "WITHDRAWN") {
    actions.push(el("p", { class: "card", id: "withdrawn" }, "该申请已撤回。如需办理，请", el("a", { href: "#apply" }, "重新申领"), "。"));
  } else if (card.blockedByLossReport) {
    actions.push(simpleAction("loss-cancel", "解除挂失", "找回卡片后可解除挂失。", path + "/loss-report/cancellation", "已解除挂失。", done));
  } else if (IN_HOLDERS_HANDS.has(card.status)) {
    actions.push(simpleAction("loss", "挂失", "卡片遗失时立即挂失，卡片即刻停用。", path + "/loss-report", "已挂失，卡片已停用。", done));
  }
  return [section, ...actions];
}

/** A command without a body (挂失, 解挂, 撤回), sent on the WeChat channel. */
function simpleAction(id, title, explanation, path, success, done) {
  const form = el("form", { class: "card", id, novalidate: true },
    el("h2", {}, title), el("p", { class: "muted" }, explanation),
    el("button", { type: "submit", class: "secondary" }, title));
  return submitting(form, async () => {
    await api("application", "POST", path, { channel: CHANNEL });
    done(success);
  });
}

/** S-CHANGE-1: the bank or the collection, before production; what is left out stays. */
async function changeForm(path, card, done) {
  let list = [];
  const form = el("form", { class: "card", id: "change", novalidate: true },
    el("h2", {}, "修改申请"),
    el("p", { class: "muted" }, "制卡前可修改发卡银行或领卡方式，未选择的项目保持不变。"));
  try {
    list = await banks();
  } catch (refusal) {
    showRefusal(form, refusal);
  }
  form.append(
    bankSelect("新的发卡银行", list, "不修改"),
    el("fieldset", { "data-field": "collection" },
      el("legend", {}, "领卡"),
      methodSelect("collection.method", true),
      outletSelect(),
      field("邮寄地址", "collection.address")),
    el("button", { type: "submit" }, "保存修改"));
  followMethod(form);
  followBank(form, list, card.bankCode);
  return submitting(form, async () => {
    const body = { bankCode: value(form, "bankCode"), collection: collectionOf(form) };
    await api("application", "POST", path + "/application-change", { body, channel: CHANNEL });
    done("申请已修改。");
  });
}

// ---- 短信验真: notification-service's citizen check -----------------------------------------------
function smsCheck() {
  const result = el("section", { id: "sms-answer", "aria-live": "polite" });
  const form = el("form", { class: "card", id: "sms-check", novalidate: true },
    el("h2", {}, "短信验真"),
    el("p", { class: "muted" }, "收到自称来自社保卡换发的短信？填写接收短信的手机号码并粘贴短信全文，查询是否由本市社保卡换发工作发出。"),
    field("接收短信的手机号码", "mobile", { type: "tel", inputmode: "numeric", autocomplete: "tel", required: true }),
    el("label", {}, "短信内容", el("textarea", { name: "text", "data-field": "text", rows: 5, required: true })),
    el("button", { type: "submit" }, "查询"),
    result);
  return submitting(form, async () => {
    result.replaceChildren();
    const answer = await api("notification", "POST", "/notifications/verify", {
      body: { mobile: value(form, "mobile"), text: form.elements.text.value },
      channel: CHANNEL,
    });
    result.append(
      el("p", { class: answer.sentByProgramme ? "done" : "refusal", "data-genuine": String(answer.sentByProgramme) }, answer.answer),
      answer.sentAt ? el("p", {}, "发送时间：", beijingTime(answer.sentAt)) : null,
      answer.noticeWarning ? el("blockquote", {}, answer.noticeWarning, el("footer", { class: "muted" }, answer.noticeSource || "")) : null,
      answer.fraudSigns?.length ? el("ul", { "aria-label": "可疑之处" }, answer.fraudSigns.map((sign) => el("li", {}, sign))) : null);
  });
}
