import { toHalfWidthDigits } from '@timecard/domain';
import type { ChangeEvent, CompositionEvent, FocusEvent } from 'react';

export { toHalfWidthDigits };

type Input = HTMLInputElement;

interface DigitHandlers {
  onChange?: (event: ChangeEvent<Input>) => void;
  onBlur?: (event: FocusEvent<Input>) => void;
}

/**
 * Props for a field where a number is typed (PIN, パスコード, codes): full-width digits (１２３４) are
 * shown as half-width (1234) as soon as they are typed, so what is saved is what is seen (issue 11 §5).
 * While an IME is composing the text is left alone (changing it would break the composition); it is
 * converted when the composition ends. Nothing is cut: a fifth digit stays and is refused.
 *
 * @example
 *   <TextInput {...halfWidthDigitProps({ value: pin, onChange: (e) => setPin(e.currentTarget.value) })} />
 */
export function halfWidthDigitProps<P extends DigitHandlers>(
  props: P,
): Omit<P, 'onChange' | 'onBlur'> & {
  onChange: (event: ChangeEvent<Input>) => void;
  onBlur: (event: FocusEvent<Input>) => void;
  onCompositionEnd: (event: CompositionEvent<Input>) => void;
} {
  const convert = (input: Input) => {
    const converted = toHalfWidthDigits(input.value);
    if (converted === input.value) return false;
    input.value = converted;
    return true;
  };
  return {
    ...props,
    onChange: (event: ChangeEvent<Input>) => {
      if (!(event.nativeEvent as InputEvent).isComposing) convert(event.currentTarget);
      props.onChange?.(event);
    },
    onCompositionEnd: (event: CompositionEvent<Input>) => {
      if (convert(event.currentTarget)) {
        props.onChange?.({ ...event, target: event.currentTarget } as unknown as ChangeEvent<Input>);
      }
    },
    onBlur: (event: FocusEvent<Input>) => {
      if (convert(event.currentTarget)) {
        props.onChange?.({ ...event, target: event.currentTarget } as unknown as ChangeEvent<Input>);
      }
      props.onBlur?.(event);
    },
  };
}
