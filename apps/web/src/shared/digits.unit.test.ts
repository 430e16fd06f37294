import type { ChangeEvent, CompositionEvent, FocusEvent } from 'react';
import { describe, expect, it } from 'vitest';
import { halfWidthDigitProps } from './digits.ts';

type Input = HTMLInputElement;

function input(value: string) {
  return { value } as Input;
}

function change(target: Input, isComposing = false) {
  return { currentTarget: target, target, nativeEvent: { isComposing } } as unknown as ChangeEvent<Input>;
}

describe('halfWidthDigitProps', () => {
  it('shows full-width digits as half-width as they are typed, and cuts nothing', () => {
    const seen: string[] = [];
    const props = halfWidthDigitProps({
      onChange: (event: ChangeEvent<Input>) => seen.push(event.currentTarget.value),
    });
    const field = input('１２３４５');
    props.onChange(change(field));
    expect(field.value).toBe('12345');
    expect(seen).toEqual(['12345']);
  });

  it('leaves an IME composition alone and converts when it ends', () => {
    const seen: string[] = [];
    const props = halfWidthDigitProps({
      onChange: (event: ChangeEvent<Input>) => seen.push(event.currentTarget.value),
    });
    const field = input('１２');
    props.onChange(change(field, true));
    expect(field.value).toBe('１２');
    props.onCompositionEnd({ currentTarget: field } as unknown as CompositionEvent<Input>);
    expect(field.value).toBe('12');
    expect(seen).toEqual(['１２', '12']);
  });

  it('converts on blur too, and passes the blur on', () => {
    const seen: string[] = [];
    let blurred = 0;
    const props = halfWidthDigitProps({
      onChange: (event: ChangeEvent<Input>) => seen.push(event.currentTarget.value),
      onBlur: () => {
        blurred += 1;
      },
    });
    const field = input('０９');
    props.onBlur({ currentTarget: field } as unknown as FocusEvent<Input>);
    expect(field.value).toBe('09');
    expect(seen).toEqual(['09']);
    props.onBlur({ currentTarget: field } as unknown as FocusEvent<Input>);
    expect(seen).toEqual(['09']);
    expect(blurred).toBe(2);
  });
});
