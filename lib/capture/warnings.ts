/** Sentences a capture hands the user, in one place so tests and the UI agree on them. */
export const WARNINGS = {
  notReaderable: "This page doesn't look like an article, so it was saved as a link.",
  socialUnreadable: "Couldn't read this post's details; saved as a link",
  postTextUnread: "Couldn't read this post's text; kept its author and address. Open the source to read it.",
  extractFailed: "Couldn't read this page; saved as a link.",
  noSelection: 'No text was selected, so the page was saved instead.',
  formattingLost: "Kept this article's words but not its formatting: Cadence could not clean its markup. Clip it again to try once more.",
  imageNotFound: "Couldn't find this image on the page; saved its address only.",
} as const;
