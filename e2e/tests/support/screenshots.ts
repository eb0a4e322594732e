import { join } from 'node:path';
import type { Page } from '@playwright/test';

/** Where the browser tests keep a picture of each console page: kept by CI with the rest of the test results. */
export const screenshotsDir = join(import.meta.dirname, '..', '..', '..', '.data', 'test-results', 'screenshots');

/** Saves the whole page as `<name>.png` in `screenshotsDir`, so a reviewer sees each page as the test left it. */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotsDir, `${name}.png`), fullPage: true });
}
