/**
 * n8n's editor in headless Chromium (Debian's chromium, driven by playwright-core), signed in
 * as the e2e owner. The journeys in journeys.ts use it the way a person uses the editor.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Locator, Page } from 'playwright-core';

import { done, eventually, notYet } from '../../tools/n8n/eventually';
import { OWNER } from '../../tools/n8n/n8nProcess';

const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];

export class Editor {
	private constructor(
		private readonly browser: Browser,
		readonly page: Page,
		readonly baseUrl: string,
		/** Where shot() saves its pictures. */
		readonly shotFolder: string,
	) {}

	static async open(
		baseUrl: string,
		shotFolder: string,
		account: { email: string; password: string } = OWNER,
	): Promise<Editor> {
		mkdirSync(shotFolder, { recursive: true });
		// scripts/e2e.sh finds the browser (scripts/find-browser.sh); Debian's chromium otherwise.
		const browser = await chromium.launch({
			executablePath: process.env.E2E_BROWSER || '/usr/bin/chromium',
			args: CHROMIUM_ARGS,
		});
		const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		page.setDefaultTimeout(30_000);
		const editor = new Editor(browser, page, baseUrl, shotFolder);
		await page.goto(`${baseUrl}/signin`);
		await page.fill('input[name="emailOrLdapLoginId"], input[type="email"]', account.email);
		await page.fill('input[name="password"]', account.password);
		await page.click('[data-test-id="form-submit-button"]');
		await page.waitForURL((url) => !url.pathname.includes('signin'));
		return editor;
	}

	async close(): Promise<void> {
		await this.browser.close();
	}

	/** Saves what the screen shows now as <shotFolder>/<name>.png. */
	async shot(name: string): Promise<string> {
		const path = join(this.shotFolder, `${name}.png`);
		// Panels slide in: wait for the finite animations to finish (spinners run forever).
		await this.page.evaluate(`Promise.all(document.getAnimations()
			.filter((animation) => animation.effect?.getTiming().iterations !== Infinity)
			.map((animation) => animation.finished.catch(() => undefined)))`);
		await this.page.screenshot({ path });
		return path;
	}

	byTestId(id: string): Locator {
		return this.page.locator(`[data-test-id="${id}"]`);
	}

	/** A new, empty workflow; the node panel opens from "Add first step". */
	async newWorkflow(): Promise<void> {
		await this.page.goto(`${this.baseUrl}/workflow/new`);
		await this.byTestId('canvas-add-button').waitFor();
	}

	async openWorkflow(id: string): Promise<void> {
		await this.page.goto(`${this.baseUrl}/workflow/${id}`);
		await this.byTestId('canvas-node').first().waitFor();
	}

	get panelSearch(): Locator {
		// 2.x puts the test id on the input itself, 1.x on its wrapper.
		return this.page
			.locator(
				'input[data-test-id="node-creator-search-bar"], [data-test-id="node-creator-search-bar"] input',
			)
			.first();
	}

	/** Types into the open node panel's search and returns the names it lists. */
	async searchPanel(query: string): Promise<string[]> {
		await this.panelSearch.fill(query);
		return await this.settledEntries('node-creator-item-name', { orNone: true });
	}

	/** Texts of the open node's panel that the editor cuts off with an ellipsis (too long to fit). */
	async cutOffTexts(): Promise<string[]> {
		return (await this.page
			.evaluate(`[...document.querySelectorAll('[data-test-id="node-parameters"] *')]
			.filter((el) => el.children.length === 0 && getComputedStyle(el).textOverflow === 'ellipsis')
			.filter((el) => el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
			.map((el) => el.textContent.trim())
			.filter((text) => text !== '')`)) as string[];
	}

	/**
	 * The description the node panel shows under the entry named exactly `name`; undefined
	 * where it shows none (n8n 1.x's "What happens next?" lists app entries by name only).
	 */
	async panelEntryDescription(name: string): Promise<string | undefined> {
		const entryName = this.byTestId('node-creator-item-name')
			.getByText(name, { exact: true })
			.first();
		await entryName.waitFor();
		// The nearest element around the name that also holds a description: the entry.
		const description = entryName.locator(
			'xpath=ancestor::*[.//*[@data-test-id="node-creator-item-description"]][1]//*[@data-test-id="node-creator-item-description"]',
		);
		if ((await description.count()) === 0) return undefined;
		return (await description.innerText()).trim();
	}

	/** Clicks the panel entry whose name is exactly `name`. */
	async pickFromPanel(name: string): Promise<void> {
		const names = await this.byTestId('node-creator-item-name').allInnerTexts();
		if (!names.includes(name)) {
			throw new Error(
				`The node panel does not list "${name}"; it lists: ${names.map((n) => `"${n}"`).join(', ') || 'nothing'}`,
			);
		}
		await this.byTestId('node-creator-item-name').getByText(name, { exact: true }).first().click();
	}

	/** The node panel's own text (an app's triggers and actions, once one is opened). */
	async panelText(): Promise<string> {
		return await this.byTestId('node-creator').innerText();
	}

	node(name: string): Locator {
		return this.page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
	}

	async openNode(name: string): Promise<void> {
		await this.node(name).dblclick();
		await this.byTestId('ndv').waitFor();
	}

	async closeNode(): Promise<void> {
		// 2.x has a close button; 1.x a "Back to canvas" link.
		await this.page
			.locator('[data-test-id="ndv-close-button"], [data-test-id="back-to-canvas"]')
			.filter({ visible: true })
			.first()
			.click();
		await this.byTestId('ndv').waitFor({ state: 'hidden' });
	}

	parameter(name: string): Locator {
		return this.byTestId(`parameter-input-${name}`);
	}

	/** The entries of an open list (1.x keeps closed lists in the page, hidden). */
	private visible(testId: string): Locator {
		return this.byTestId(testId).filter({ visible: true });
	}

	private get locatorEntries(): Locator {
		return this.visible('rlc-item');
	}

	/** Opens a resource locator's list, optionally types a search, and returns its entries. */
	async openLocatorList(parameter: string, search?: string): Promise<string[]> {
		await this.byTestId(`resource-locator-${parameter}`)
			.locator('[data-test-id="rlc-input"]')
			.click();
		await this.locatorEntries.first().waitFor();
		if (search !== undefined) await this.page.keyboard.type(search);
		return await this.settledEntries('rlc-item');
	}

	/**
	 * A list's entries once two reads 400 ms apart agree (results load after typing); an empty
	 * list counts only with `orNone` (a search that finds nothing).
	 */
	async settledEntries(testId: string, { orNone = false } = {}): Promise<string[]> {
		let last: string | undefined;
		return await eventually(
			`The entries of ${testId} to settle`,
			async () => {
				const entries = await this.visible(testId).allInnerTexts();
				const now = JSON.stringify(entries);
				const settled = now === last && (entries.length > 0 || orNone);
				last = now;
				return settled ? done(entries) : notYet(now);
			},
			16_000,
			400,
		);
	}

	async pickLocatorEntry(text: string): Promise<void> {
		await this.locatorEntries.filter({ hasText: text }).first().click();
		await this.locatorEntries.first().waitFor({ state: 'hidden' });
	}

	/** Picks an entry of an options parameter's list by its text (typed first, to filter a long list). */
	async pickOption(parameter: string, text: string, { type = false } = {}): Promise<void> {
		await this.parameter(parameter).locator('input').first().click();
		if (type) await this.page.keyboard.type(text);
		await this.visible('parameter-input-item').filter({ hasText: text }).first().click();
		await this.visible('parameter-input-item').first().waitFor({ state: 'hidden' });
	}

	async fill(parameter: string, value: string): Promise<void> {
		await this.parameter(parameter).locator('input, textarea').first().fill(value);
	}

	/** The output panel's table: its column names and the cells of each row. */
	async outputTable(): Promise<{ columns: string[]; rows: string[][] }> {
		const table = this.byTestId('output-panel').locator('table').first();
		await table.waitFor();
		const columns = (await table.locator('thead th').allInnerTexts())
			.map((t) => t.trim())
			.filter(Boolean);
		const rows: string[][] = [];
		for (const row of await table.locator('tbody tr').all()) {
			rows.push((await row.locator('td').allInnerTexts()).map((t) => t.trim()));
		}
		return { columns, rows };
	}
}
