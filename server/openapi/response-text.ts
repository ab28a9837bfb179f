/**
 * The JSON text of the Open API's answers, kept beside the Response that carries it, so the request log
 * reads it without cloning the body (a cloned stream costs ≈ 80 µs of CPU per request; docs/adr/0030).
 */
const texts = new WeakMap<Response, string>();

export function withText(response: Response, text: string): Response {
  texts.set(response, text);
  return response;
}

/** The answer's text when it was made from one; otherwise read from a clone (error envelopes, other answers). */
export function responseText(response: Response): string | Promise<string> {
  return texts.get(response) ?? response.clone().text();
}
