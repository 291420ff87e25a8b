/**
 * Where the background leaves the capture request in the page's isolated world before it injects
 * /capture.js (scripting.executeScript cannot pass arguments to a file, only to a function).
 */
export const CAPTURE_REQUEST_KEY = '__cadenceCaptureRequest';
