import { z } from 'zod';

/**
 * A secret sealed to one runner's public key (issue 23): only that runner's private key opens it.
 * ECDH on P-256 with a fresh ephemeral key per seal, HKDF-SHA-256 over the shared secret (a random
 * salt, a fixed info string), AES-256-GCM with a random IV and the document's identity as
 * additional data, so a sealed secret copied onto another account or runner does not open.
 *
 * P-256 rather than X25519: WebCrypto has had ECDH P-256 in every browser Cadence runs in and in
 * Node for years; X25519 arrived in WebCrypto only recently. Everything here is WebCrypto
 * (`crypto.subtle`), so the same module runs in the side panel, which seals, and in the runner,
 * which opens.
 */
export const SEAL_ALG = 'ECDH-P256+HKDF-SHA256+A256GCM';
const INFO = new TextEncoder().encode('cadence runner credential v1');
const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;

export const publicJwkSchema = z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string().min(1), y: z.string().min(1) });
export type PublicJwk = z.infer<typeof publicJwkSchema>;
export const privateJwkSchema = publicJwkSchema.extend({ d: z.string().min(1) });
export type PrivateJwk = z.infer<typeof privateJwkSchema>;

export const sealedSchema = z.object({
  alg: z.literal(SEAL_ALG),
  epk: publicJwkSchema,
  salt: z.string().min(1),
  iv: z.string().min(1),
  ciphertext: z.string().min(1),
});
export type Sealed = z.infer<typeof sealedSchema>;

/** A new key pair for a runner; the private half never leaves the runner's machine. */
export async function makeKeyPair(): Promise<{ publicJwk: PublicJwk; privateJwk: PrivateJwk }> {
  const pair = await crypto.subtle.generateKey(ECDH, true, ['deriveBits']);
  const privateJwk = privateJwkSchema.parse(await crypto.subtle.exportKey('jwk', pair.privateKey));
  return { publicJwk: publicOf(privateJwk), privateJwk };
}

/** Only the curve and the point: no `d`, no `key_ops` or `ext` from the export. */
export function publicOf(jwk: PublicJwk): PublicJwk {
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
}

async function aesKey(shared: ArrayBuffer, salt: Uint8Array<ArrayBuffer>, usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
  const hkdf = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt, info: INFO }, hkdf, { name: 'AES-GCM', length: 256 }, false, [usage]);
}

export async function seal(recipient: PublicJwk, plaintext: string, context: string): Promise<Sealed> {
  const publicKey = await crypto.subtle.importKey('jwk', publicOf(recipient), ECDH, false, []);
  const ephemeral = await crypto.subtle.generateKey(ECDH, true, ['deriveBits']);
  const shared = await crypto.subtle.deriveBits({ name: 'ECDH', public: publicKey }, ephemeral.privateKey, 256);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await aesKey(shared, salt, 'encrypt');
  const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: utf8(context) }, key, utf8(plaintext));
  const epk = publicOf(publicJwkSchema.parse(await crypto.subtle.exportKey('jwk', ephemeral.publicKey)));
  return { alg: SEAL_ALG, epk, salt: toBase64Url(salt), iv: toBase64Url(iv), ciphertext: toBase64Url(new Uint8Array(ciphertext)) };
}

/** The plaintext; throws when this key, or this context, is not the one it was sealed for. */
export async function open(own: PrivateJwk, sealed: Sealed, context: string): Promise<string> {
  const privateKey = await crypto.subtle.importKey('jwk', { ...own, ext: true }, ECDH, false, ['deriveBits']);
  const epk = await crypto.subtle.importKey('jwk', sealed.epk, ECDH, false, []);
  const shared = await crypto.subtle.deriveBits({ name: 'ECDH', public: epk }, privateKey, 256);
  const key = await aesKey(shared, fromBase64Url(sealed.salt), 'decrypt');
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64Url(sealed.iv), additionalData: utf8(context) },
    key,
    fromBase64Url(sealed.ciphertext),
  );
  return new TextDecoder().decode(plain);
}

function utf8(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text) as Uint8Array<ArrayBuffer>;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
