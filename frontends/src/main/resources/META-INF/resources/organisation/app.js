// The employer and university portal (issue 21 item 2, ADR 39): an organisation's HR staff choose
// its cooperating banks, submit the collective application as a CSV file and see the result of
// every row, follow its people's applications (status, due date, overdue) and export them as CSV.
// Every call goes to application-service's own API with the organisation's token; the API decides.
import { api, beijingTime, clearRefusals, el, session, showRefusal, signInForm, signOut } from "/shared/suite.js";

const ROLES = [["employer", "用人单位"], ["university", "高校"]];
const CHANNELS = { employer: "EMPLOYER_COLLECTIVE", university: "UNIVERSITY_COLLECTIVE" };

/** The cooperating banks' Chinese names by code, from GET /cooperating-banks (filled at sign-in). */
const BANK_NAMES = {};
/** Settled once the banks' names are read (or refused): the list waits for it to name the banks. */
let banksRead = Promise.resolve();

/** The collective application file's columns (application-service's CollectiveImport), in Chinese. */
const COLUMNS = {
  idNumber: "身份证号", name: "姓名", mobile: "手机号", bankCode: "银行代码",
  collectionMethod: "领卡方式", outletName: "网点名称", address: "地址", file: "文件",
};
const TEMPLATE = Object.keys(COLUMNS).filter((column) => column !== "file").join(",");
const METHODS = { OUTLET_PICKUP: "网点领卡", MAIL: "邮寄", DOOR_TO_DOOR: "银行上门送卡" };
const STATUSES = [
  ["REQUESTED", "已受理"], ["PRODUCTION_FAILED", "制卡失败，重新制卡中"], ["PRODUCED", "已制卡"], ["DISPATCHED", "已发出"],
  ["COLLECTED", "已领取"], ["DELIVERED", "已送达"], ["ACTIVE", "已启用"], ["REPLACED", "已补换"],
  ["WITHDRAWN", "已撤回申领"], ["RETURNED_TO_BANK", "已退回银行卡库"], ["CANCELLED", "已注销"],
];
const PAGE_SIZE = 50;

const main = document.getElementById("portal");
const signOutButton = document.getElementById("sign-out");
signOutButton.addEventListener("click", () => {
  signOut();
  start();
});

function start() {
  const current = session();
  main.replaceChildren();
  if (!current || !CHANNELS[current.role]) {
    signOutButton.hidden = true;
    main.append(
      el("p", {}, "请以单位或高校身份登录，办理本单位职工或本校学生的第三代社会保障卡集体申领。"),
      signInForm(ROLES, "单位编号（如 EMP-110105-0001）", start));
    main.querySelector("#sign-in select, #sign-in input")?.focus();
    return;
  }
  signOutButton.hidden = false;
  // ?org= names the organisation (a link to its list); by default the signed-in organisation.
  const organisation = new URLSearchParams(location.search).get("org") || current.subject;
  const context = { organisation, channel: CHANNELS[current.role], path: "/organisations/" + encodeURIComponent(organisation) };
  const list = applicationsSection(context);
  main.append(
    el("p", { id: "signed-in" }, "当前登录：", ROLES.find(([role]) => role === current.role)[1], " ", el("strong", {}, current.subject),
      organisation === current.subject ? "" : el("span", {}, "；正在查看单位 ", el("strong", {}, organisation))),
    banksSection(context),
    importSection(context, () => list.reload()),
    list.section);
  list.reload();
}

/** R-BANK-2, R-BANK-3: the organisation's 1 to 3 cooperating banks (PUT .../banks). */
function banksSection({ path, channel }) {
  const saved = el("p", { id: "banks-saved", role: "status" });
  const boxes = el("div", { class: "banks", "aria-busy": "true" });
  const form = el("form", { id: "banks-form", novalidate: true },
    el("fieldset", { "data-field": "banks" },
      el("legend", {}, "选择1至3家合作银行（职工或学生在其中选择发卡银行）"), boxes),
    el("button", { type: "submit" }, "保存合作银行"),
    saved);
  // The cooperating banks as application-service lists them (a 16th bank appears without a release).
  banksRead = api("application", "GET", "/cooperating-banks").then((banks) => {
    banks.forEach((bank) => { BANK_NAMES[bank.code] = bank.nameZh; });
    boxes.replaceChildren(...banks.map((bank) =>
      el("label", {}, el("input", { type: "checkbox", name: "bank", value: bank.code }), bank.nameZh + "（" + bank.code + "）")));
    boxes.removeAttribute("aria-busy");
  }, (refusal) => showRefusal(form, refusal));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearRefusals(form);
    saved.textContent = "";
    const banks = [...form.querySelectorAll("input[name=bank]:checked")].map((box) => box.value);
    try {
      const organisation = await api("application", "PUT", path + "/banks", { body: { banks }, channel });
      const chosen = [...organisation.banks].sort();
      form.querySelectorAll("input[name=bank]").forEach((box) => { box.checked = chosen.includes(box.value); });
      saved.textContent = "已保存。" + organisation.name + "的合作银行：" + chosen.map(bankName).join("、");
    } catch (refusal) {
      showRefusal(form, refusal);
    }
  });
  return el("section", { class: "card", "aria-labelledby": "banks-title" },
    el("h2", { id: "banks-title" }, "合作银行"), form);
}

/** S-LIST-2: the collective application as a CSV file, and the result of each of its rows. */
function importSection({ path, channel }, afterImport) {
  const results = el("div", { id: "import-results" });
  const file = el("input", { type: "file", name: "file", id: "staff-file", accept: ".csv,text/csv", "data-field": "file", required: true });
  const form = el("form", { id: "import-form", novalidate: true },
    el("p", {}, "上传UTF-8编码的CSV文件（Excel“CSV UTF-8”格式），每行一人，列依次为：",
      Object.entries(COLUMNS).filter(([column]) => column !== "file").map(([column, label]) => label + "（" + column + "）").join("、"),
      "。首行可为表头；领卡方式为 OUTLET_PICKUP（网点领卡，填写网点名称）、MAIL（邮寄）或 DOOR_TO_DOOR（银行上门送卡），后两种需填写地址。每次最多5000行。"),
    el("p", {}, el("a", { href: blobUrl("\uFEFF" + TEMPLATE + "\r\n", null), download: "集体申领模板.csv" }, "下载CSV模板（仅表头）")),
    el("label", { for: "staff-file" }, "人员名单文件（CSV）", file),
    el("button", { type: "submit" }, "上传并提交申领"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearRefusals(form);
    results.replaceChildren();
    const chosen = file.files[0];
    if (!chosen) {
      showRefusal(form, { field: "file", message: "请选择要上传的CSV文件" });
      file.focus();
      return;
    }
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    results.append(el("p", { role: "status" }, "正在提交，请稍候……"));
    try {
      const report = await api("application", "POST", path + "/applications/import", { body: chosen, raw: "text/csv", channel });
      results.replaceChildren(...reportView(report));
      results.querySelector("h3").focus();
      afterImport();
    } catch (refusal) {
      results.replaceChildren();
      showRefusal(form, refusal);
    } finally {
      button.disabled = false;
    }
  });
  return el("section", { class: "card", "aria-labelledby": "import-title" },
    el("h2", { id: "import-title" }, "集体申领：上传人员名单"), form, results);
}

function reportView(report) {
  return [
    el("h3", { tabindex: "-1", id: "import-summary" },
      "共读取 " + report.rowsRead + " 行：已受理 " + report.accepted + " 行，未受理 " + report.rejected + " 行"),
    el("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-labelledby": "import-caption" },
      el("table", { id: "import-rows" },
        el("caption", { id: "import-caption" }, "逐行结果（行号为文件中的行，含表头）"),
        el("thead", {}, el("tr", {},
          ["行号", "结果", "卡号或原因", "规则编号", "有误的列"].map((title) => el("th", { scope: "col" }, title)))),
        el("tbody", {}, report.rows.map((row) => row.cardId
          ? el("tr", { "data-line": row.line, "data-outcome": "accepted" },
              el("th", { scope: "row" }, "第" + row.line + "行"),
              el("td", { class: "done" }, row.existing ? "已有申领" : "已受理"),
              el("td", {}, row.cardId), el("td", {}), el("td", {}))
          : el("tr", { "data-line": row.line, "data-outcome": "refused" },
              el("th", { scope: "row" }, "第" + row.line + "行"),
              el("td", { class: "refusal" }, "未受理"),
              el("td", { class: "message" }, row.message),
              el("td", { class: "rule" }, row.rule),
              el("td", {}, row.field ? (COLUMNS[row.field] || row.field) + "（" + row.field + "）" : "")))))),
  ];
}

/** S-LIST-2: the organisation's people's applications, filtered and paged, and the CSV export. */
function applicationsSection({ path }) {
  let page = 0;
  const filters = el("form", { id: "list-filters", class: "filters", novalidate: true },
    el("label", {}, "状态",
      el("select", { name: "status", "data-field": "status" }, el("option", { value: "" }, "全部"),
        STATUSES.map(([value, label]) => el("option", { value }, label)))),
    el("label", {}, "是否逾期",
      el("select", { name: "overdue", "data-field": "overdue" }, el("option", { value: "" }, "全部"),
        el("option", { value: "true" }, "仅逾期"), el("option", { value: "false" }, "未逾期"))),
    el("button", { type: "submit" }, "查询"));
  const table = el("div", { id: "applications" });
  const exportArea = el("div", { id: "export" });
  const exportButton = el("button", { type: "button", class: "secondary", id: "export-csv" }, "导出CSV");
  let exportUrl = null;

  const query = (extra) => {
    const parameters = new URLSearchParams(extra);
    if (filters.status.value) parameters.set("status", filters.status.value);
    if (filters.overdue.value) parameters.set("overdue", filters.overdue.value);
    return path + "/applications?" + parameters;
  };

  async function reload() {
    clearRefusals(filters);
    table.replaceChildren(el("p", { role: "status" }, "正在查询……"));
    await banksRead;
    try {
      const answer = await api("application", "GET", query({ page, size: PAGE_SIZE }));
      table.replaceChildren(...listView(answer, (next) => { page = next; reload(); }));
    } catch (refusal) {
      table.replaceChildren();
      showRefusal(filters, refusal);
    }
  }

  filters.addEventListener("submit", (event) => {
    event.preventDefault();
    page = 0;
    reload();
  });

  exportButton.addEventListener("click", async () => {
    clearRefusals(filters);
    exportArea.replaceChildren(el("p", { role: "status" }, "正在生成导出文件……"));
    try {
      const csv = await api("application", "GET", query({}), { accept: "text/csv" });
      // fetch's text() drops the API's byte-order mark; it goes back so that Excel reads the names.
      exportUrl = blobUrl(csv.startsWith("\uFEFF") ? csv : "\uFEFF" + csv, exportUrl);
      const rows = csv.split(/\r?\n/).filter((line) => line.length > 0).length - 1;
      const link = el("a", { href: exportUrl, download: "applications.csv", id: "export-link" },
        "下载 applications.csv（" + rows + " 条申领）");
      exportArea.replaceChildren(link);
      link.focus();
    } catch (refusal) {
      exportArea.replaceChildren();
      showRefusal(filters, refusal);
    }
  });

  const section = el("section", { class: "card", "aria-labelledby": "list-title" },
    el("h2", { id: "list-title" }, "本单位人员申领情况"),
    filters, table, el("p", {}, exportButton, "导出当前筛选条件下的全部申领（CSV，含应完成日期与逾期标记）。"), exportArea);
  return { section, reload };
}

function listView(answer, goTo) {
  const pages = Math.max(1, Math.ceil(answer.total / answer.size));
  const summary = el("p", { id: "list-summary" },
    "共 " + answer.total + " 条申领（业务日期 " + answer.businessDate + "），第 " + (answer.page + 1) + "/" + pages + " 页。应完成日期按法定制卡时限和在用的节假日安排计算；逾期指应完成日期已过而卡尚未制成。");
  if (answer.items.length === 0) return [summary, el("p", { class: "muted" }, "暂无符合条件的申领。")];
  const rows = answer.items.map((item) => el("tr", { "data-card": item.cardId, "data-status": item.status },
    el("th", { scope: "row" }, item.holderName),
    el("td", {}, item.holderIdNumber),
    el("td", { class: "status" }, item.statusName),
    el("td", {}, bankName(item.bankCode)),
    el("td", {}, METHODS[item.collectionMethod] || item.collectionMethod || ""),
    el("td", {}, item.outletName || ""),
    el("td", {}, item.applicationDate || ""),
    el("td", { class: "due" }, item.dueDate ? item.dueDate + (item.dueRule ? "（" + item.dueRule + "）" : "") : "—"),
    el("td", { class: item.overdue ? "overdue" : "" }, item.overdue ? "已逾期" : "否"),
    el("td", {}, item.collective ? "是" : "否")));
  const nav = el("p", {},
    el("button", { type: "button", class: "secondary", disabled: answer.page === 0, onclick: () => goTo(answer.page - 1) }, "上一页"),
    el("button", { type: "button", class: "secondary", disabled: answer.page + 1 >= pages, onclick: () => goTo(answer.page + 1) }, "下一页"));
  return [summary,
    el("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-labelledby": "list-caption" },
      el("table", { id: "applications-table" },
        el("caption", { id: "list-caption" }, "人员申领列表（姓名、证件号已脱敏）；更新于 " + beijingTime(new Date().toISOString())),
        el("thead", {}, el("tr", {},
          ["姓名", "身份证号", "状态", "发卡银行", "领卡方式", "网点", "申请日期", "应完成日期（规则）", "是否逾期", "集体申领"]
            .map((title) => el("th", { scope: "col" }, title)))),
        el("tbody", {}, rows))),
    nav];
}

function bankName(code) {
  if (!code) return "";
  return BANK_NAMES[code] ? BANK_NAMES[code] + "（" + code + "）" : code;
}

/** A link's address for TEXT as a CSV file (UTF-8), replacing PREVIOUS. */
function blobUrl(text, previous) {
  if (previous) URL.revokeObjectURL(previous);
  return URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
}

start();
