/**
 * A fake `Office` global for the task pane in a browser: onReady, the document settings (kept in
 * memory, as the workbook would keep them) and the requirement-set check.
 */
export interface FakeOffice {
  readonly settings: Record<string, unknown>;
  readonly office: unknown;
}

export function fakeOffice(): FakeOffice {
  const settings: Record<string, unknown> = {};
  const info = { host: 'Excel', platform: 'OfficeOnline' };
  const office = {
    HostType: { Excel: 'Excel' },
    PlatformType: { OfficeOnline: 'OfficeOnline' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    onReady(callback?: (i: typeof info) => void) {
      callback?.(info);
      return Promise.resolve(info);
    },
    context: {
      document: {
        settings: {
          get: (name: string) => (name in settings ? JSON.parse(JSON.stringify(settings[name])) : null),
          set: (name: string, value: unknown) => {
            settings[name] = JSON.parse(JSON.stringify(value));
          },
          remove: (name: string) => {
            delete settings[name];
          },
          saveAsync: (callback?: (r: { status: string }) => void) => callback?.({ status: 'succeeded' }),
        },
      },
      requirements: { isSetSupported: (_name: string, _version?: string) => true },
    },
  };
  return { settings, office };
}
