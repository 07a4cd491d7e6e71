import { getMetadataStorage, MetadataStorage } from 'class-validator';

type Rules = ReturnType<MetadataStorage['getTargetValidationMetadatas']>;

const REMEMBERING = Symbol('rememberedRules');

/**
 * class-validator finds a class's rules afresh on every validation, testing
 * the class against every class that has rules (for inherited ones): with our
 * two hundred DTO classes that search was most of the cost of validating a
 * small body (about 35 µs of every request that has one). Rules are declared
 * by decorators as classes load, so the answer is remembered per class and
 * options, and everything remembered is forgotten whenever a rule or a schema
 * is added. Idempotent: the storage is patched once per process.
 */
export function rememberValidationRules(): void {
  const storage = getMetadataStorage() as MetadataStorage & { [REMEMBERING]?: true };
  if (storage[REMEMBERING]) return;
  storage[REMEMBERING] = true;

  let remembered = new WeakMap<Function, Map<string, Rules>>();
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0000') ?? ''}`;
    let byOptions = remembered.get(target);
    if (!byOptions) remembered.set(target, (byOptions = new Map()));
    let rules = byOptions.get(key);
    if (!rules) byOptions.set(key, (rules = lookup(target, schema, always, strictGroups, groups)));
    return rules;
  };
  for (const method of [
    'addValidationMetadata',
    'addConstraintMetadata',
    'addValidationSchema',
  ] as const) {
    const add = storage[method].bind(storage) as (arg: never) => void;
    storage[method] = ((arg: never) => {
      remembered = new WeakMap();
      add(arg);
    }) as never;
  }
}
