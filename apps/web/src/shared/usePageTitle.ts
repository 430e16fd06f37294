import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the document title to `<page> | タイムカード`, so every tab and history entry says where it is. */
export function usePageTitle(title: string | null | undefined) {
  const { t } = useTranslation();
  const appName = t('app.name');
  useEffect(() => {
    document.title = title ? `${title} | ${appName}` : appName;
  }, [title, appName]);
}
