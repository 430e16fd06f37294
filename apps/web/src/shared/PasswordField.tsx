import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * A password input whose label is exactly the given text (no asterisk) and whose visibility toggle
 * is named without the word パスワード, so `getByLabel('パスワード')` finds one field only.
 */
export function PasswordField(props: PasswordInputProps) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      withAsterisk={false}
      visibilityToggleButtonProps={{ 'aria-label': t('common.toggleVisibility') }}
      {...props}
    />
  );
}
