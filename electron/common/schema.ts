// A tiny schema language for the IPC contract: each schema validates untrusted input
// at runtime and carries its TypeScript type, so the contract is written once.

export type Check<T> = (value: unknown, path: string) => { ok: true; value: T } | { ok: false; error: string };

export interface Schema<T> {
  readonly kind: string;
  readonly check: Check<T>;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

const ok = <T>(value: T) => ({ ok: true as const, value });
const fail = (path: string, message: string) => ({ ok: false as const, error: `${path}: ${message}` });

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

export function str(opts: { maxLength?: number; minLength?: number; pattern?: RegExp } = {}): Schema<string> {
  const maxLength = opts.maxLength ?? 1_000_000;
  return {
    kind: 'string',
    check: (v, path) => {
      if (typeof v !== 'string') return fail(path, `expected a string, got ${describe(v)}`);
      if (v.length > maxLength) return fail(path, `string longer than ${maxLength} characters`);
      if (opts.minLength !== undefined && v.length < opts.minLength) return fail(path, `string shorter than ${opts.minLength}`);
      if (opts.pattern && !opts.pattern.test(v)) return fail(path, `does not match ${opts.pattern}`);
      return ok(v);
    },
  };
}

export function num(opts: { int?: boolean; min?: number; max?: number } = {}): Schema<number> {
  return {
    kind: 'number',
    check: (v, path) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) return fail(path, `expected a finite number, got ${describe(v)}`);
      if (opts.int && !Number.isInteger(v)) return fail(path, 'expected an integer');
      if (opts.min !== undefined && v < opts.min) return fail(path, `must be ≥ ${opts.min}`);
      if (opts.max !== undefined && v > opts.max) return fail(path, `must be ≤ ${opts.max}`);
      return ok(v);
    },
  };
}

export function bool(): Schema<boolean> {
  return { kind: 'boolean', check: (v, path) => (typeof v === 'boolean' ? ok(v) : fail(path, `expected a boolean, got ${describe(v)}`)) };
}

export function oneOf<const T extends readonly (string | number)[]>(values: T): Schema<T[number]> {
  return {
    kind: 'enum',
    check: (v, path) =>
      (values as readonly unknown[]).includes(v) ? ok(v as T[number]) : fail(path, `expected one of ${values.join(', ')}`),
  };
}

/** Anything JSON-shaped; used only for results the host itself produces, never for arguments. */
export function unchecked<T>(): Schema<T> {
  return { kind: 'unchecked', check: (v) => ok(v as T) };
}

export function array<T>(item: Schema<T>, opts: { maxItems?: number } = {}): Schema<T[]> {
  const maxItems = opts.maxItems ?? 10_000;
  return {
    kind: 'array',
    check: (v, path) => {
      if (!Array.isArray(v)) return fail(path, `expected an array, got ${describe(v)}`);
      if (v.length > maxItems) return fail(path, `more than ${maxItems} items`);
      const out: T[] = [];
      for (let i = 0; i < v.length; i++) {
        const r = item.check(v[i], `${path}[${i}]`);
        if (!r.ok) return r;
        out.push(r.value);
      }
      return ok(out);
    },
  };
}

export interface OptionalSchema<T> extends Schema<T | undefined> {
  readonly optional: true;
}

export function optional<T>(inner: Schema<T>): OptionalSchema<T> {
  return {
    kind: `optional ${inner.kind}`,
    optional: true,
    check: (v, path) => (v === undefined ? ok(undefined) : inner.check(v, path)),
  };
}

type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends OptionalSchema<unknown> ? K : never }[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
export type ObjectOf<S extends Shape> = { [K in RequiredKeys<S>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Infer<S[K]> };

export function obj<S extends Shape>(shape: S): Schema<ObjectOf<S>> {
  return {
    kind: 'object',
    check: (v, path) => {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(path, `expected an object, got ${describe(v)}`);
      const input = v as Record<string, unknown>;
      for (const key of Object.keys(input)) {
        if (!Object.prototype.hasOwnProperty.call(shape, key)) return fail(path, `unknown field '${key}'`);
      }
      const out: Record<string, unknown> = {};
      for (const [key, schema] of Object.entries(shape)) {
        const r = schema.check(input[key], `${path}.${key}`);
        if (!r.ok) return r;
        if (r.value !== undefined) out[key] = r.value;
      }
      return ok(out as ObjectOf<S>);
    },
  };
}

export function validate<T>(schema: Schema<T>, value: unknown, root = 'args') {
  return schema.check(value, root);
}
