// Calls to the gateway with the signed-in user's bearer token. Every error answer is the platform's JSON
// `{"error": …}` body; it travels in ApiError.body so forms can put messages at their fields.

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error ?? (status ? `HTTP ${status}` : 'The server could not be reached'));
    this.status = status;
    this.body = body ?? {};
  }
}

export class Api {
  /** @param {() => Promise<string|null>} token  @param {() => void} onSignedOut */
  constructor(token, onSignedOut) {
    this.token = token;
    this.onSignedOut = onSignedOut;
  }

  async request(method, path, body, { timeoutMs = 30_000, accept = 'application/json' } = {}) {
    const bearer = await this.token();
    if (!bearer) {
      this.onSignedOut();
      throw new ApiError(401, { error: 'Please sign in again' });
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let response;
    try {
      response = await fetch(path, {
        method,
        headers: {
          Authorization: `Bearer ${bearer}`,
          Accept: accept,
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal: controller.signal,
      });
    } catch (e) {
      throw new ApiError(0, { error: controller.signal.aborted ? 'The server took too long to answer' : 'The server could not be reached' });
    } finally {
      clearTimeout(timer);
    }
    if (response.status === 401) this.onSignedOut();
    if (accept !== 'application/json' && response.ok) return { status: response.status, response };
    const payload = await response.json().catch(() => ({}));
    if (!response.ok) throw new ApiError(response.status, payload);
    return { status: response.status, body: payload };
  }

  get(path, options) { return this.request('GET', path, undefined, options).then((a) => a.body); }
  post(path, body, options) { return this.request('POST', path, body, options).then((a) => a.body); }
  put(path, body, options) { return this.request('PUT', path, body, options).then((a) => a.body); }
  patch(path, body, options) { return this.request('PATCH', path, body, options).then((a) => a.body); }

  /** Fetches a file with the token (a plain link cannot carry it) and hands it to the browser as a download. */
  async download(path, filename, accept) {
    const { response } = await this.request('GET', path, undefined, { accept, timeoutMs: 120_000 });
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    const link = Object.assign(document.createElement('a'), { href: url, download: filename });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

