/**
 * A fake `CustomFunctions` global for Node tests: the error class and codes Excel's runtime
 * provides, and `associate`, which records what the functions bundle registers.
 */
export const errorCodes = {
  invalidValue: '#VALUE!',
  notAvailable: '#N/A',
  divisionByZero: '#DIV/0!',
  invalidNumber: '#NUM!',
  nullReference: '#NULL!',
  invalidName: '#NAME?',
  invalidReference: '#REF!',
} as const;

export class FakeCustomFunctionError extends Error {
  constructor(
    readonly code: string,
    override readonly message: string = '',
  ) {
    super(message);
  }
}

export interface FakeCustomFunctions {
  readonly Error: typeof FakeCustomFunctionError;
  readonly ErrorCode: typeof errorCodes;
  readonly associated: Map<string, (...args: unknown[]) => unknown>;
  associate(id: string | Record<string, (...args: unknown[]) => unknown>, fn?: (...args: unknown[]) => unknown): void;
}

/** Installs the fake as `globalThis.CustomFunctions` and returns it (with what was associated). */
export function installFakeCustomFunctions(): FakeCustomFunctions {
  const associated = new Map<string, (...args: unknown[]) => unknown>();
  const fake: FakeCustomFunctions = {
    Error: FakeCustomFunctionError,
    ErrorCode: errorCodes,
    associated,
    associate(id, fn) {
      if (typeof id === 'string') {
        if (fn !== undefined) associated.set(id.toUpperCase(), fn);
      } else for (const [k, f] of Object.entries(id)) associated.set(k.toUpperCase(), f);
    },
  };
  (globalThis as Record<string, unknown>).CustomFunctions = fake;
  return fake;
}
