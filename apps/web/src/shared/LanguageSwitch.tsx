import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage, type Language, setLanguage } from './i18n.ts';

/** 日本語 / English switch; the choice is remembered on this device. */
export function LanguageSwitch({ size = 'xs' }: { size?: 'xs' | 'sm' }) {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size={size}
      aria-label={t('app.language')}
      value={i18n.language === 'en' ? 'en' : currentLanguage()}
      onChange={(value) => setLanguage(value as Language)}
      data={[
        { value: 'ja', label: t('app.ja') },
        { value: 'en', label: t('app.en') },
      ]}
    />
  );
}
