import type { Runtime } from 'webextension-polyfill';
import { answerCleanArticle } from '@/lib/platform/article-cleaner';
import { browser } from '@/lib/platform/browser';

// Chrome's offscreen document (lib/platform/article-cleaner.ts): it only cleans article markup for
// the service worker. Opened and closed by the worker; nothing here is ever shown.
const self = { id: browser.runtime.id, workerUrl: browser.runtime.getURL('/background.js') };
browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => answerCleanArticle(message, sender, self, document));
