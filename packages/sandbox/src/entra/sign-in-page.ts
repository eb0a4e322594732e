/** What the sign-in page shows. */
export interface SignInPage {
  /** Where the form posts: `/<tenant>/interaction/<uid>/login`. */
  action: string;
  /** The app asking for the sign-in, as Entra names it on its page. */
  appName: string;
  /** The email typed before, kept after a failed attempt. */
  email?: string;
  /** A message after a failed attempt. */
  error?: string;
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => entities[character] ?? character);
}

/**
 * The simulator's sign-in page: an email and password form, server-rendered, no script. Field names follow Entra's
 * own form loosely (`login`, `passwd`) so that a Playwright test reads like one against the real page's labels.
 */
export function renderSignInPage(page: SignInPage): string {
  const error = page.error ? `<p class="error" role="alert">${escapeHtml(page.error)}</p>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in to your account</title>
<style>
  body { font-family: "Segoe UI", system-ui, sans-serif; background: #f2f2f2; margin: 0; }
  main { max-width: 360px; margin: 10vh auto; background: #fff; padding: 44px; box-shadow: 0 2px 6px rgba(0,0,0,.2); }
  h1 { font-size: 24px; font-weight: 600; margin: 0 0 8px; }
  p.app { color: #555; margin: 0 0 24px; }
  label { display: block; font-size: 14px; margin-top: 16px; }
  input { width: 100%; box-sizing: border-box; padding: 6px 0; border: 0; border-bottom: 1px solid #666; font-size: 15px; }
  button { margin-top: 28px; float: right; background: #0067b8; color: #fff; border: 0; padding: 8px 32px; font-size: 15px; }
  p.error { color: #e81123; }
  footer { clear: both; }
</style>
</head>
<body>
<main>
  <h1>Sign in</h1>
  <p class="app">to continue to ${escapeHtml(page.appName)}</p>
  ${error}
  <form method="post" action="${escapeHtml(page.action)}">
    <label for="login">Email</label>
    <input id="login" name="login" type="email" autocomplete="username" required value="${escapeHtml(page.email ?? '')}">
    <label for="passwd">Password</label>
    <input id="passwd" name="passwd" type="password" autocomplete="current-password" required>
    <button type="submit">Sign in</button>
  </form>
  <footer></footer>
</main>
</body>
</html>
`;
}
