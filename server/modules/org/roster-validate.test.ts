import { describe, expect, it } from 'vitest';
import { idNumber } from '../../../test/fixtures/roster-files.ts';
import { readCell, type RawRow } from './roster-read.ts';
import { type Places, validateRoster } from './roster-validate.ts';

const today = new Date('2026-06-01T00:00:00Z');
const building = (id: string, name: string, parentId: string) => ({
  id,
  name,
  parentId,
  path: `/d/s/c/${parentId}/${id}/`,
  districtId: 'd',
});
const community: Places = {
  target: { id: 'c', kind: 'community', name: '春熙社区' },
  compounds: [
    { id: 'k1', name: '幸福家园小区' },
    { id: 'k2', name: '阳光花园' },
  ],
  buildings: [building('b1', '1号楼', 'k1'), building('b3', '3号楼', 'k2')],
};

function row(n: number, cells: Record<string, string | number>): RawRow {
  return {
    row: n,
    cells: Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, readCell(v)!])),
  };
}

describe('reading cells', () => {
  it('takes text, numbers, rich text, hyperlinks and a formula’s cached result', () => {
    expect(readCell('  302 ')).toEqual({ kind: 'text', text: '302' });
    expect(readCell('   ')).toBeNull();
    expect(readCell(302)).toEqual({ kind: 'number', value: 302, text: '302' });
    expect(readCell({ richText: [{ text: '张' }, { text: '三' }] })).toEqual({ kind: 'text', text: '张三' });
    expect(readCell({ text: '1号楼', hyperlink: 'http://x' })).toEqual({ kind: 'text', text: '1号楼' });
    expect(readCell({ formula: 'A1*2', result: 89.5 })).toMatchObject({ kind: 'number', value: 89.5 });
    expect(readCell({ formula: 'A1*2' } as never)).toEqual({ kind: 'bad', code: 'formula_cell' });
    expect(readCell(new Date())).toEqual({ kind: 'bad', code: 'invalid_value' });
  });
});

describe('validating rows', () => {
  it('accepts the ways rosters write buildings, units, rooms, areas and labels', async () => {
    const id = idNumber('650103', '19800101', 21);
    const v = await validateRoster(
      [
        row(2, {
          compound: '阳光花园',
          building: '３栋',
          unitNo: '2单元',
          room: '302室',
          floorArea: '89.5㎡',
          householdTags: '出租户，重点关注',
          name: '张三',
          relation: '妻子',
          phone: '139 1234 0001',
          idNumber: id.toLowerCase(),
          personTags: '党员 志愿者',
        }),
      ],
      community,
      undefined,
      200,
      today,
    );
    expect(v.issues).toEqual([]);
    expect(v.rows[0]).toMatchObject({
      building: { id: 'b3' },
      unitNo: '2',
      room: '302',
      floorAreaM2: '89.50',
      householdTags: ['key_care', 'rental'],
      relation: 'spouse',
      phone: '13912340001',
      idNumber: id.toUpperCase(),
      gender: 'male',
      birthYear: 1980,
      personTags: ['party_member', 'volunteer'],
    });
  });

  it('leaves blank optional cells undefined, and 无 clears tags', async () => {
    const v = await validateRoster(
      [
        row(2, {
          compound: '幸福家园小区',
          building: '1',
          room: '101',
          name: '李四',
          idNumber: idNumber('650103', '19700101', 2),
          personTags: '无',
        }),
      ],
      community,
      undefined,
      200,
      today,
    );
    expect(v.rows[0]).toMatchObject({
      unitNo: '',
      relation: undefined,
      phone: undefined,
      householdTags: undefined,
      personTags: [],
    });
  });

  it('needs the compound when importing into a community, not into a compound', async () => {
    const id = idNumber('650103', '19700101', 3);
    const bare = row(2, { building: '1号楼', room: '101', name: '王五', idNumber: id });
    const a = await validateRoster([bare], community, undefined, 200, today);
    expect(a.issues.map((i) => [i.column, i.code])).toEqual([['小区', 'required']]);
    const intoCompound: Places = {
      ...community,
      target: { id: 'k1', kind: 'compound', name: '幸福家园小区' },
    };
    const b = await validateRoster([bare], intoCompound, undefined, 200, today);
    expect(b.issues).toEqual([]);
    const wrong = row(2, {
      compound: '阳光花园',
      building: '1号楼',
      room: '101',
      name: '王五',
      idNumber: id,
    });
    expect((await validateRoster([wrong], intoCompound, undefined, 200, today)).issues[0].code).toBe(
      'unknown_compound',
    );
  });

  it('flags minors without rejecting them, and reports a gender that contradicts the ID', async () => {
    const child = idNumber('650103', '20150601', 4);
    const v = await validateRoster(
      [
        row(2, { compound: '幸福家园小区', building: '1号楼', room: '101', name: '小明', idNumber: child }),
        row(3, {
          compound: '幸福家园小区',
          building: '1号楼',
          room: '101',
          name: '小红',
          idNumber: idNumber('650103', '20150601', 5),
          gender: '女',
        }),
      ],
      community,
      undefined,
      200,
      today,
    );
    expect(v.issues.map((i) => [i.row, i.column, i.code, i.level])).toEqual([
      [2, '', 'minor_under_14', 'warning'],
      [3, '性别', 'gender_mismatch', 'error'],
      [3, '', 'minor_under_14', 'warning'],
    ]);
    expect(v.rows.map((r) => r.name)).toEqual(['小明']);
    expect([v.errorRows, v.warningRows]).toEqual([1, 2]);
  });

  it('reports progress every so many rows', async () => {
    const seen: number[] = [];
    const rows = Array.from({ length: 5 }, (_, i) => row(i + 2, { name: 'x' }));
    await validateRoster(rows, community, async (n) => void seen.push(n), 2, today);
    expect(seen).toEqual([2, 4]);
  });
});
