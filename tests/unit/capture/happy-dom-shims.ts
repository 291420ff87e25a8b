import type { Window } from 'happy-dom';

/**
 * Two places where happy-dom differs from browsers in ways DOMPurify depends on. Tests run the
 * sanitizer as it runs in a page, so these make happy-dom behave like the DOM standard there.
 *
 * 1. `Node.prototype.nodeName` returns '' for elements (subclasses override the getter), whereas
 *    browsers have one getter on Node.prototype. DOMPurify reads nodeName through that getter to
 *    resist DOM clobbering, so it would see no tag names (the sanitizer's self-check then refuses).
 * 2. `createNodeIterator` is a TreeWalker without the standard's "pre-removing steps": when the
 *    current node is removed, iteration continues from the detached node and skips what followed
 *    it. DOMPurify removes the node it is visiting, so every removal hid the next node from it.
 */
export function applyStandardDomShims(win: Window): void {
  const nodeProto = win.Node.prototype;
  Object.defineProperty(nodeProto, 'nodeName', {
    configurable: true,
    get(this: object): string {
      for (let proto = Object.getPrototypeOf(this); proto && proto !== nodeProto; proto = Object.getPrototypeOf(proto)) {
        const getter = Object.getOwnPropertyDescriptor(proto, 'nodeName')?.get;
        if (getter) return getter.call(this) as string;
      }
      return '';
    },
  });
  // Patched where happy-dom defines it: the window's Document class is a subclass of that one,
  // and documents DOMPurify makes (template contents, DOMParser) need not be of the window's class.
  let documentProto: object | null = Object.getPrototypeOf(win.document) as object;
  while (documentProto && !Object.hasOwn(documentProto, 'createNodeIterator')) documentProto = Object.getPrototypeOf(documentProto) as object | null;
  Object.defineProperty(documentProto ?? win.Document.prototype, 'createNodeIterator', {
    configurable: true,
    value: (root: Node, whatToShow = 0xffffffff) => createNodeIterator(root, whatToShow),
  });
}

/** A forward-only NodeIterator (no filter function) that survives removal of its current node. */
function createNodeIterator(root: Node, whatToShow: number) {
  let reference: Node | null = null;
  // The node before `reference` in tree order when it was returned: where to resume if it is removed.
  let preceding: Node | null = null;
  // Walks up, where happy-dom's contains() searches every descendant (quadratic over a page).
  const isInRoot = (node: Node) => {
    for (let at: Node | null = node; at; at = at.parentNode) if (at === root) return true;
    return false;
  };
  const isShown = (node: Node) => (whatToShow & (1 << (node.nodeType - 1))) !== 0;
  const following = (node: Node): Node | null => {
    if (node.firstChild) return node.firstChild;
    for (let at: Node | null = node; at && at !== root; at = at.parentNode) if (at.nextSibling) return at.nextSibling;
    return null;
  };
  const precedingOf = (node: Node): Node | null => {
    let at = node.previousSibling;
    if (!at) return node.parentNode;
    while (at.lastChild) at = at.lastChild;
    return at;
  };
  return {
    root,
    whatToShow,
    filter: null,
    nextNode(): Node | null {
      let next: Node | null;
      if (!reference) next = root;
      else if (isInRoot(reference)) next = following(reference);
      else next = preceding && isInRoot(preceding) ? (preceding === root ? root.firstChild : following(preceding)) : null;
      while (next && !isShown(next)) next = following(next);
      if (next) {
        reference = next;
        preceding = next === root ? null : precedingOf(next);
      }
      return next;
    },
  };
}
