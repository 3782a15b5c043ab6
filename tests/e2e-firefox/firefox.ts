/**
 * Debian's Firefox ESR with the built add-on, driven over WebDriver BiDi by
 * puppeteer-core, headless, in a profile of its own that can be relaunched. Everything
 * the browser says or keeps is recorded for the leak scan.
 *
 * The add-on is installed the way a user's add-on is, not as a temporary one
 * (`browser.installExtension`): Firefox removes a temporary add-on when it quits, so a
 * relaunch would be a reinstall (no `runtime.onStartup`, storage emptied by the removal)
 * rather than a restart. A pointer file in the profile's `extensions/` folder names the
 * unpacked build; Debian's Firefox ESR loads it unsigned when signatures are not required.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { findLeaks, type Seen } from '../e2e/leak-scan.ts';
import { storedAreas } from './extension-pages.ts';

export const FIREFOX_EXTENSION_PATH = path.resolve('.output/firefox-mv2');
const ADDON_ID = 'ai-key-vault@example.org';

/** Debian's Firefox ESR unless FIREFOX_PATH says otherwise. */
export function firefoxPath(): string {
  return process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
}

function preferences(uuid: string, downloads: string): Record<string, unknown> {
  return {
    // The add-on's address, so that pages can be opened by URL.
    'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: uuid }),
    // The unpacked build, unsigned, from the profile's extensions folder.
    'xpinstall.signatures.required': false,
    // console.* of every extension page, the background page included, goes to stdout.
    'devtools.console.stdout.content': true,
    // Nothing but loopback is reached: no name is resolved, and every request to
    // another host goes to a closed proxy port.
    'network.dns.disabled': true,
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': 9,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': 9,
    'network.proxy.allow_hijacking_localhost': false,
    // Downloads land in a folder the test reads, without asking.
    'browser.download.dir': downloads,
    'browser.download.folderList': 2,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
  };
}

/** One Firefox profile with the add-on; `restart` closes and relaunches that profile. */
export class Firefox {
  /** Where downloads land. */
  readonly downloads = mkdtempSync(path.join(tmpdir(), 'akv-ff-downloads-'));
  readonly #base: string;
  /** The pages' console messages and requests, for the leak scan. */
  readonly #seen: Seen[] = [];
  #browser: Browser | undefined;
  /** What Firefox printed, every launch: kept whole so that no text is split across chunks. */
  #output = '';
  readonly #profile = mkdtempSync(path.join(tmpdir(), 'akv-ff-profile-'));
  readonly #uuid = randomUUID();

  private constructor() {
    this.#base = `moz-extension://${this.#uuid}`;
  }

  /** Starts Firefox in a new profile with the built add-on installed. */
  static async launch(): Promise<Firefox> {
    if (!existsSync(path.join(FIREFOX_EXTENSION_PATH, 'manifest.json'))) {
      throw new Error('Build the Firefox extension first: npm run build:firefox');
    }
    const firefox = new Firefox();
    mkdirSync(path.join(firefox.#profile, 'extensions'));
    writeFileSync(path.join(firefox.#profile, 'extensions', ADDON_ID), FIREFOX_EXTENSION_PATH);
    await firefox.#start();
    return firefox;
  }

  /** What Firefox printed so far: the console of every extension page, the background's too. */
  get output(): string {
    return this.#output;
  }

  /** The running browser, for what the helpers here do not cover. */
  get browser(): Browser {
    if (!this.#browser) throw new Error('Firefox is not running');
    return this.#browser;
  }

  async #start(): Promise<void> {
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: firefoxPath(),
      headless: true,
      userDataDir: this.#profile,
      // Navigating a tab to moz-extension:// over BiDi takes this flag.
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: preferences(this.#uuid, this.downloads),
    });
    browser.process()?.stdout?.on('data', (chunk: Buffer) => (this.#output += String(chunk)));
    this.#browser = browser;
  }

  /**
   * Opens an extension page in a new tab. Over BiDi the load of a moz-extension:// page
   * may never be reported: wait for the page's document, not for the navigation.
   */
  async open(file: string): Promise<Page> {
    const page = await this.browser.newPage();
    page.on('console', (message) => this.#seen.push({ where: `console of ${file}`, text: message.text() }));
    page.on('request', (request) => {
      const origin = new URL(request.url()).origin;
      this.#seen.push({ where: `request ${request.method()} ${request.url()}`, text: request.url(), origin });
      this.#seen.push({ where: `request headers to ${request.url()}`, text: JSON.stringify(request.headers()), origin });
    });
    const url = `${this.#base}/${file}`;
    page.setDefaultTimeout(15_000);
    page.goto(url).catch(() => undefined);
    // Polled from here: an evaluation that meets the document being swapped fails.
    const until = Date.now() + 15_000;
    while (!(await page.evaluate((wanted) => location.href === wanted && document.readyState !== 'loading', url).catch(() => false))) {
      if (Date.now() > until) throw new Error(`${file} did not open`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return page;
  }

  /**
   * The text of the one finished download, waiting for it. Firefox creates the file
   * empty at once and writes into a `.part` file beside it until done.
   */
  async downloaded(): Promise<string> {
    const until = Date.now() + 15_000;
    for (;;) {
      const names = readdirSync(this.downloads);
      const [name, ...others] = names;
      if (name && others.length === 0 && statSync(path.join(this.downloads, name)).size > 0) return readFileSync(path.join(this.downloads, name), 'utf8');
      if (Date.now() > until) throw new Error(`No finished download: ${names.join(', ') || 'none'}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Quits Firefox and starts the same profile again. */
  async restart(): Promise<void> {
    await this.browser.close();
    this.#browser = undefined;
    await this.#start();
  }

  /** The scan: storage of every area, and all recorded output, searched for watched values. */
  async leaks(): Promise<string[]> {
    const page = await this.open('manifest.json');
    const stored = await storedAreas(page);
    await page.close();
    const kept = Object.entries(stored).map(([area, items]) => ({ where: `storage.${area}`, text: JSON.stringify(items) }));
    return findLeaks([...this.#seen, ...kept, { where: 'Firefox output (console of every extension page)', text: this.output }]);
  }

  /** Quits Firefox and deletes its profile and downloads. */
  async close(): Promise<void> {
    await this.#browser?.close();
    for (const folder of [this.#profile, this.downloads]) rmSync(folder, { recursive: true, force: true });
  }
}
