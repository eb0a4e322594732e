import { describe, expect, test } from 'vitest';
import { escapeHtml, renderSignInPage } from './sign-in-page';

describe('the sign-in page', () => {
  test('escapes what it echoes, so a crafted email or app name cannot inject markup', () => {
    // Action
    const html = renderSignInPage({
      action: '/t1/interaction/abc/login',
      appName: '<script>alert(1)</script>',
      email: '"><img src=x onerror=alert(1)>',
      error: 'Wrong & <b>bad</b>',
    });

    // Assertions
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).toContain('to continue to &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
    expect(html).toContain('<p class="error" role="alert">Wrong &amp; &lt;b&gt;bad&lt;/b&gt;</p>');
  });

  test('posts the email and password fields to the interaction', () => {
    // Action
    const html = renderSignInPage({ action: '/t1/interaction/abc/login', appName: 'Console' });

    // Assertions
    expect(html).toContain('<form method="post" action="/t1/interaction/abc/login">');
    expect(html).toContain('name="login" type="email"');
    expect(html).toContain('name="passwd" type="password"');
    expect(html).not.toContain('role="alert"');
  });

  test('escapeHtml covers both quote kinds', () => {
    // Action and assertions
    expect(escapeHtml(`a'b"c`)).toBe('a&#39;b&quot;c');
  });
});
