import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

/** Debian's chromium: tests never download a browser build of their own. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SCREENSHOT_DIR = "test-results/screenshots";

/**
 * Whether the browser tests can run here. On a developer's machine without chromium they are skipped;
 * in CI a missing chromium is a failure, because .ci/run installs it and its absence means a broken set-up.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI) throw new Error(`CI is set but ${CHROMIUM_PATH} is missing: .ci/run should have installed the chromium package`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

/** The browser's own report of a failed request the app expects, such as /api/auth/me before logging in. */
export interface ExpectedFailure {
  status: number;
  path: string;
}

/**
 * Records uncaught exceptions and console errors, so that a test can fail on any of them.
 * Chromium logs every 4xx answer as a console error; the ones listed in `expected` are answers, not faults.
 */
export function watchForErrors(page: Page, expected: ExpectedFailure[] = []): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const text = message.text();
    const url = message.location().url;
    const isExpected = expected.some(({ status, path }) => text.includes(`status of ${status}`) && url && new URL(url).pathname === path);
    if (!isExpected) errors.push(`console error: ${text} (${url})`);
  });
  return errors;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.waitForLoadState("networkidle"); // images and late answers, so the picture shows the settled page
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Logs in through the French login form, as a person would, and waits for Files. */
export async function logInThroughForm(page: Page, login: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Identifiant ou adresse e-mail").fill(login);
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL("**/files");
}
