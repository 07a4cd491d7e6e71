import { printedFormName, spelledOut, typographic } from './printed-text';

describe('printed text', () => {
  it('spells out the bodies a name abbreviates', () => {
    expect(spelledOut('UBND xã Hưng Đạo')).toBe('Ủy ban nhân dân xã Hưng Đạo');
    expect(spelledOut('Thường trực HĐND và UBND huyện')).toBe(
      'Thường trực Hội đồng nhân dân và Ủy ban nhân dân huyện',
    );
    expect(spelledOut('Công ty UBNDX')).toBe('Công ty UBNDX');
  });

  it('prints quotation marks as a pair', () => {
    expect(typographic('phong trào thi đua "Chuyển đổi số" năm "2026"')).toBe(
      'phong trào thi đua “Chuyển đổi số” năm “2026”',
    );
    expect(typographic('không có dấu ngoặc')).toBe('không có dấu ngoặc');
  });

  it("drops the catalogue's label from a form's name, nothing else", () => {
    expect(printedFormName('Giấy khen của Chủ tịch Ủy ban nhân dân huyện (cá nhân)')).toBe(
      'Giấy khen của Chủ tịch Ủy ban nhân dân huyện',
    );
    expect(printedFormName('Danh hiệu "Chiến sĩ thi đua cơ sở"')).toBe(
      'Danh hiệu "Chiến sĩ thi đua cơ sở"',
    );
  });
});
