import { sourceLabels } from '../../src/render/translate-view';

describe('source link texts', () => {
  it('name the site, numbered when one site gives several', () => {
    expect(
      sourceLabels([
        'https://www.kankerenwerk.be/tip/a',
        'https://www.gov.uk/x',
        'https://www.kankerenwerk.be/tip/b',
      ]),
    ).toEqual(['kankerenwerk.be (1)', 'gov.uk', 'kankerenwerk.be (2)']);
  });
});
