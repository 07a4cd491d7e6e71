import { getMetadataStorage, IsInt, IsString, MaxLength, validate } from 'class-validator';
import { rememberValidationRules } from './remembered-rules';

class Base {
  @IsString()
  title!: string;
}

class Derived extends Base {
  @IsInt({ groups: ['strict'] })
  count!: number;
}

const failed = async (object: object, groups?: string[]) =>
  (await validate(object, groups ? { groups } : {})).map((e) => e.property).sort();

describe('rememberValidationRules', () => {
  beforeAll(() => rememberValidationRules());

  it('validates as before: own and inherited rules, per group', async () => {
    const bad = Object.assign(new Derived(), { title: 7, count: 'x' });
    expect(await failed(bad)).toEqual(['count', 'title']);
    expect(await failed(bad, ['strict'])).toEqual(['count']);
    expect(await failed(Object.assign(new Base(), { title: 7 }))).toEqual(['title']);
    // The same answers a second time, from memory.
    expect(await failed(bad)).toEqual(['count', 'title']);
    expect(await failed(bad, ['strict'])).toEqual(['count']);
  });

  it('remembers a class’s rules, and forgets them when a rule is added', async () => {
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(Derived, '', false, false);
    expect(storage.getTargetValidationMetadatas(Derived, '', false, false)).toBe(first);
    expect(storage.getTargetValidationMetadatas(Derived, '', false, false, ['strict'])).not.toBe(
      first,
    );

    const long = Object.assign(new Derived(), { title: 'x'.repeat(20), count: 1 });
    expect(await failed(long)).toEqual([]);
    // A rule declared after the first validation (a class loaded later) applies at once.
    MaxLength(10)(Base.prototype, 'title');
    expect(await failed(long)).toEqual(['title']);
  });

  it('patches the storage once however often it is called', () => {
    const storage = getMetadataStorage();
    const patched = storage.getTargetValidationMetadatas;
    rememberValidationRules();
    expect(storage.getTargetValidationMetadatas).toBe(patched);
  });
});
