import { describe, expect, it, vi } from 'vitest';
import { createActionClick } from '@/lib/platform/sidebar';

// Firefox honours sidebarAction.toggle() only inside the click's user gesture (issue 21).
describe('the toolbar button in Firefox', () => {
  it('toggles the sidebar synchronously, inside the click', () => {
    const toggle = vi.fn(async () => undefined);
    const onClick = createActionClick(() => ({ toggle }));
    onClick();
    // No await between the click and this line: the call happened in the listener's own turn.
    expect(toggle).toHaveBeenCalledTimes(1);
  });

  it('does nothing where there is no sidebar (Chrome opens its side panel itself)', () => {
    expect(() => createActionClick(() => undefined)()).not.toThrow();
  });

  it('says so in the console when Firefox refuses, and never throws from the listener', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    createActionClick(() => ({ toggle: () => Promise.reject(new Error('not a user gesture')) }))();
    await vi.waitFor(() => expect(error).toHaveBeenCalledWith('Cadence: the sidebar could not be opened', expect.any(Error)));
    error.mockRestore();
  });
});
