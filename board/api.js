// The board reads only through the API, with its session cookie (same origin).

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** GET a JSON answer of the API; paths are relative to the board (`v1/...`). */
export async function getJson(path) {
  let res;
  try {
    res = await fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  } catch {
    throw new ApiError(0, '无法连接服务器，请检查网络后刷新。');
  }
  const text = await res.text();
  let body;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!res.ok) throw new ApiError(res.status, (body && body.error) || `服务器返回 ${res.status}`);
  return body;
}

/** A query string of the non-empty values, `?a=1&b=2` (or nothing). */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
