// What every page of the frontends shares (issue 21, ADR 39): where the APIs are, the person's
// session (in sessionStorage only: gone when the tab closes), calls with the person's token, the
// suite's one refusal document shown next to the field it names, and elements built from text only
// (a value from the API is never parsed as HTML).

const SESSION_KEY = "suite.session";
let configPromise;

/** Where the four APIs and the sign-in are: GET /suite-config.json of this server. */
export function config() {
  configPromise ??= fetch("/suite-config.json", { cache: "no-store" }).then((answer) => {
    if (!answer.ok) throw new Error("配置读取失败");
    return answer.json();
  });
  return configPromise;
}

/** The signed-in person ({token, role, subject, expiresAt}) or null when none or expired. */
export function session() {
  const raw = sessionStorage.getItem(SESSION_KEY);
  if (!raw) return null;
  const current = JSON.parse(raw);
  if (Date.parse(current.expiresAt) <= Date.now()) {
    sessionStorage.removeItem(SESSION_KEY);
    return null;
  }
  return current;
}

export function signOut() {
  sessionStorage.removeItem(SESSION_KEY);
}

/** Signs in at once with the local run's development issuer (its sign-in form, kind "dev"). */
export async function signIn(role, subject) {
  const { signIn: how } = await config();
  if (how.kind !== "dev") {
    throw new ApiRefusal(0, { rule: "SIGN-IN", message: "请使用统一身份认证登录" });
  }
  const answer = await fetch(how.url + "/dev-token", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ role, subject }),
  });
  const body = await answer.json();
  if (!answer.ok) throw new ApiRefusal(answer.status, { rule: "SIGN-IN", message: body.message, field: "subject" });
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(body));
  return body;
}

const OIDC_KEY = "suite.oidc";

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

async function oidcProvider() {
  const { signIn: how } = await config();
  const answer = await fetch(how.url.replace(/\/$/, "") + "/.well-known/openid-configuration");
  if (!answer.ok) throw new ApiRefusal(answer.status, { rule: "SIGN-IN", message: "统一身份认证暂时无法访问" });
  return { how, provider: await answer.json() };
}

/**
 * Signs in with the bureau's OpenID Connect provider (kind "oidc"): the authorization code flow
 * with PKCE (S256). The browser leaves for the provider and comes back to this page with a code.
 */
export async function startOidcSignIn() {
  const { how, provider } = await oidcProvider();
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  const redirectUri = location.origin + location.pathname;
  sessionStorage.setItem(OIDC_KEY, JSON.stringify({ verifier, state, redirectUri }));
  const query = new URLSearchParams({
    response_type: "code", client_id: how.clientId, redirect_uri: redirectUri, scope: "openid",
    state, code_challenge: challenge, code_challenge_method: "S256",
  });
  location.assign(provider.authorization_endpoint + "?" + query);
}

/**
 * Completes an OpenID Connect sign-in when this page was opened by the provider's redirect (a code
 * and the state this tab sent): the code and its verifier are exchanged for the token, and the
 * code is taken out of the address. Answers the session, or null when there was nothing to do.
 */
export async function completeOidcSignIn() {
  const query = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(OIDC_KEY) || "null");
  if (!query.has("code") || !pending) return null;
  sessionStorage.removeItem(OIDC_KEY);
  history.replaceState(null, "", location.pathname);
  if (query.get("state") !== pending.state) {
    throw new ApiRefusal(0, { rule: "SIGN-IN", message: "登录状态不一致，请重新登录" });
  }
  const { how, provider } = await oidcProvider();
  const answer = await fetch(provider.token_endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code", code: query.get("code"), redirect_uri: pending.redirectUri,
      client_id: how.clientId, code_verifier: pending.verifier,
    }),
  });
  const body = await answer.json();
  if (!answer.ok) throw new ApiRefusal(answer.status, { rule: "SIGN-IN", message: "登录未成功，请重新登录" });
  const claims = JSON.parse(atob(body.access_token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
  const signedIn = {
    token: body.access_token,
    role: (claims.groups || [])[0],
    subject: claims.id_number || claims.sub,
    expiresAt: new Date(claims.exp * 1000).toISOString(),
  };
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(signedIn));
  return signedIn;
}

/** A refusal of the API: its status and the suite's refusal document (rule, message, field). */
export class ApiRefusal extends Error {
  constructor(status, problem) {
    super(problem.message || problem.title || "请求未成功");
    this.status = status;
    this.rule = problem.rule;
    this.field = problem.field;
    this.problem = problem;
  }
}

/**
 * Calls SERVICE's API (application, cardProduction, bankGateway, notification) with the person's
 * token. Answers the JSON (or the text, for CSV); throws an ApiRefusal on any refusal.
 */
export async function api(service, method, path, { body, channel, accept, raw } = {}) {
  const { apis } = await config();
  const current = session();
  const headers = { Accept: accept || "application/json" };
  if (current) headers.Authorization = "Bearer " + current.token;
  if (channel) headers["X-Channel"] = channel;
  let payload;
  if (body !== undefined) {
    if (raw) {
      payload = body;
      headers["Content-Type"] = raw;
    } else {
      payload = JSON.stringify(body);
      headers["Content-Type"] = "application/json";
    }
  }
  let answer;
  try {
    answer = await fetch(apis[service] + path, { method, headers, body: payload, cache: "no-store" });
  } catch (unreachable) {
    throw new ApiRefusal(0, { rule: "NETWORK", message: "网络连接失败，请稍后再试" });
  }
  const type = answer.headers.get("Content-Type") || "";
  const content = type.includes("json") ? await answer.json() : await answer.text();
  if (!answer.ok) {
    if (answer.status === 401) signOut();
    throw new ApiRefusal(answer.status, typeof content === "object" ? content : { message: answer.status === 401 ? "登录已过期，请重新登录" : "请求未成功（" + answer.status + "）" });
  }
  return content;
}

/** An element built from text only: {tag, attributes, children (elements or strings)}. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Removes the refusals shown in FORM. */
export function clearRefusals(form) {
  form.querySelectorAll(".refusal").forEach((node) => node.remove());
  form.querySelectorAll("[aria-invalid]").forEach((node) => {
    node.removeAttribute("aria-invalid");
    node.removeAttribute("aria-describedby");
  });
}

/**
 * Shows REFUSAL's Chinese message (and its rule id) next to the form field it names (the element
 * whose data-field is the refusal's field, or the longest such prefix of it), else at the top of
 * FORM. Answers the element the message was put beside.
 */
export function showRefusal(form, refusal) {
  const text = refusal.message + (refusal.rule ? "（" + refusal.rule + "）" : "");
  const field = refusal.field || "";
  let target = null;
  for (let name = field; name && !target; name = name.includes(".") ? name.slice(0, name.lastIndexOf(".")) : "") {
    target = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
  }
  const id = "refusal-" + Math.random().toString(36).slice(2);
  const message = el("p", { class: "refusal", role: "alert", id, "data-rule": refusal.rule || "" }, text);
  if (target) {
    target.setAttribute("aria-invalid", "true");
    target.setAttribute("aria-describedby", id);
    (target.closest("label") || target).after(message);
  } else {
    form.prepend(message);
  }
  return target;
}

/** An instant shown as Beijing's local date and time. */
export function beijingTime(instant) {
  if (!instant) return "";
  return new Date(instant).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
}

/**
 * The sign-in form of a page: the roles it offers, and what to do once signed in. With the local
 * run's issuer (kind "dev") the person types a role and subject; with the bureau's provider
 * ("oidc") a button leaves for the provider, and the form completes the sign-in on the way back.
 */
export function signInForm(roles, subjectLabel, onSignedIn) {
  const fields = [
    roles.length > 1
      ? el("label", {}, "身份",
          el("select", { name: "role", "data-field": "role" }, roles.map(([value, label]) => el("option", { value }, label))))
      : el("input", { type: "hidden", name: "role", value: roles[0][0] }),
    el("label", {}, subjectLabel, el("input", { name: "subject", "data-field": "subject", required: true, autocomplete: "username" })),
    el("button", { type: "submit" }, "登录"),
  ];
  const form = el("form", { class: "card", id: "sign-in", novalidate: true }, el("h2", {}, "登录"), fields);
  config().then(async ({ signIn: how }) => {
    if (how.kind !== "oidc") return;
    fields.forEach((field) => field.remove());
    form.append(el("button", { type: "submit" }, "使用统一身份认证登录"));
    try {
      const signedIn = await completeOidcSignIn();
      if (signedIn) onSignedIn(signedIn);
    } catch (refusal) {
      showRefusal(form, refusal);
    }
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearRefusals(form);
    try {
      const { signIn: how } = await config();
      if (how.kind === "oidc") {
        await startOidcSignIn();
        return;
      }
      await signIn(form.role.value, form.subject.value.trim());
      onSignedIn(session());
    } catch (refusal) {
      showRefusal(form, refusal);
    }
  });
  return form;
}
