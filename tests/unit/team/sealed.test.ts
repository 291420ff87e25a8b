import { describe, expect, it } from 'vitest';
import { makeKeyPair, open, seal, sealedSchema } from '@/lib/team/sealed';

/** A sign-in sealed to a runner's key (lib/team/sealed.ts): only that key, in that context, opens it. */
describe('sealing a sign-in to a runner', () => {
  it('opens with the runner’s key and context, and carries no private key', async () => {
    const runner = await makeKeyPair();
    expect(runner.publicJwk).toEqual({ kty: 'EC', crv: 'P-256', x: expect.any(String), y: expect.any(String) });
    const sealed = await seal(runner.publicJwk, 'app-password-1234', 'ctx-a');
    expect(sealedSchema.parse(sealed)).toEqual(sealed);
    expect(JSON.stringify(sealed)).not.toContain('app-password-1234');
    expect(sealed.epk).not.toHaveProperty('d');
    expect(await open(runner.privateJwk, sealed, 'ctx-a')).toBe('app-password-1234');
  });

  it('does not open with another key, in another context, or when a byte was changed', async () => {
    const runner = await makeKeyPair();
    const other = await makeKeyPair();
    const sealed = await seal(runner.publicJwk, 'secret', 'ctx-a');
    await expect(open(other.privateJwk, sealed, 'ctx-a')).rejects.toThrow();
    await expect(open(runner.privateJwk, sealed, 'ctx-b')).rejects.toThrow();
    const flipped = sealed.ciphertext.startsWith('A') ? `B${sealed.ciphertext.slice(1)}` : `A${sealed.ciphertext.slice(1)}`;
    await expect(open(runner.privateJwk, { ...sealed, ciphertext: flipped }, 'ctx-a')).rejects.toThrow();
  });

  it('seals the same secret differently every time (fresh ephemeral key, salt and IV)', async () => {
    const runner = await makeKeyPair();
    const [a, b] = [await seal(runner.publicJwk, 'same', 'ctx'), await seal(runner.publicJwk, 'same', 'ctx')];
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(a.epk).not.toEqual(b.epk);
  });
});
