import { describe, expect, it } from 'vitest';
import { plainText } from '@/lib/feeds/plain-text';

describe('feed text as plain text', () => {
  it('drops a script or style with what it holds, whatever the case of its tags, and after text whose lower case is longer', () => {
    expect(plainText('a<SCRIPT>x</Script>b<style>y')).toBe('ab');
    expect(plainText('İİ<script>alert(1)</script>ok')).toBe('İİok');
  });
});
