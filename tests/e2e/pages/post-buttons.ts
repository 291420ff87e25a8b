import type { CDPSession, Page } from 'puppeteer-core';
import { HIDDEN } from '@/lib/capture/site-buttons/post-buttons';

interface DomNode {
  nodeId: number;
  nodeName: string;
  nodeValue?: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

/**
 * Cadence's buttons on a social site's posts. They live in closed shadow roots, which page
 * scripts (and so puppeteer's selectors) cannot enter; the DevTools protocol's DOM domain can
 * (`pierce`), and clicks go through the real mouse, so the buttons see trusted events.
 */
export class PostButtons {
  private constructor(
    readonly page: Page,
    private readonly cdp: CDPSession,
  ) {}

  static async on(page: Page): Promise<PostButtons> {
    return new PostButtons(page, await page.createCDPSession());
  }

  /** Every element of the page, shadow roots included, in document order. */
  private async elements(): Promise<DomNode[]> {
    const { root } = (await this.cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const out: DomNode[] = [];
    const walk = (node: DomNode) => {
      out.push(node);
      for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) walk(child);
    };
    walk(root);
    return out;
  }

  private static attribute(node: DomNode, name: string): string | null {
    const attributes = node.attributes ?? [];
    for (let i = 0; i < attributes.length; i += 2) if (attributes[i] === name) return attributes[i + 1] ?? null;
    return null;
  }

  /** How many posts carry Cadence's buttons. */
  async count(): Promise<number> {
    return (await this.elements()).filter((node) => node.nodeName === 'CADENCE-POST-ACTIONS').length;
  }

  /**
   * Each Cadence bar's listening label ("Matches: <stream>"), or null where the post matches no
   * stream, in the order of the posts.
   */
  async matchLabels(): Promise<(string | null)[]> {
    const find = (node: DomNode): DomNode | null => {
      if (node.nodeName === 'SPAN' && PostButtons.attribute(node, 'class') === 'match') return node;
      for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) {
        const found = find(child);
        if (found) return found;
      }
      return null;
    };
    return (await this.elements()).filter((node) => node.nodeName === 'CADENCE-POST-ACTIONS').map((host) => find(host)?.children?.[0]?.nodeValue ?? null);
  }

  /** The button of post `index` (0-based) with this visible label, e.g. "Share next". */
  private async button(index: number, label: string): Promise<DomNode> {
    const buttons = (await this.elements()).filter((node) => node.nodeName === 'BUTTON' && node.children?.[0]?.nodeValue === label);
    const button = buttons[index];
    if (!button) throw new Error(`no "${label}" button on post ${index} (found ${buttons.length})`);
    return button;
  }

  async click(index: number, label: string): Promise<void> {
    const { nodeId } = await this.button(index, label);
    await this.cdp.send('DOM.scrollIntoViewIfNeeded', { nodeId });
    const { model } = (await this.cdp.send('DOM.getBoxModel', { nodeId })) as { model: { content: number[] } };
    const [x1 = 0, y1 = 0, , , x2 = 0, y2 = 0] = model.content;
    await this.page.mouse.click((x1 + x2) / 2, (y1 + y2) / 2);
  }

  /**
   * Presses Share next on post `index` once Cadence's bar has been seen, and returns what its
   * status line then says. The bar acts only after Chromium's IntersectionObserver v2 has seen it
   * unhidden for half a second (issue 18, hole 9), and Chromium reports that only some time after
   * the tab comes to the front, later still on a loaded machine: a person's hand takes longer than
   * that, a test's does not. The refusal writes nothing, so pressing again until the bar has been
   * seen (within `timeout`) tests the same product; a test that means to see the refusal clicks.
   */
  async shareNext(index: number, { unless = /…$/, timeout = 10_000 } = {}): Promise<string> {
    const end = Date.now() + timeout;
    for (;;) {
      await this.click(index, 'Share next');
      const status = await this.status(index, { unless, timeout });
      if (status !== HIDDEN || Date.now() > end) return status;
      await new Promise((done) => setTimeout(done, 250));
    }
  }

  /** The status line of post `index` once it says something other than `unless` (e.g. "Clipping…"). */
  async status(index: number, { unless = /…$/, timeout = 10_000 } = {}): Promise<string> {
    const end = Date.now() + timeout;
    for (;;) {
      const statuses = (await this.elements()).filter((node) => node.nodeName === 'SPAN' && PostButtons.attribute(node, 'role') === 'status');
      const text = statuses[index]?.children?.[0]?.nodeValue ?? '';
      if (text && !unless.test(text)) return text;
      if (Date.now() > end) throw new Error(`post ${index}'s status said ${JSON.stringify(text)} after ${timeout} ms`);
      await new Promise((done) => setTimeout(done, 100));
    }
  }
}
