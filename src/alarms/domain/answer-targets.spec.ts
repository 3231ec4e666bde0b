import { missedTargets } from './answer-targets';

describe('answer targets', () => {
  it('lists the targets an answer time missed, all of them when never answered', () => {
    expect(missedTargets(10)).toEqual([]);
    expect(missedTargets(10.001)).toEqual([10]);
    expect(missedTargets(61)).toEqual([10, 40, 60]);
    expect(missedTargets(null)).toEqual([10, 40, 60, 180]);
  });
});
