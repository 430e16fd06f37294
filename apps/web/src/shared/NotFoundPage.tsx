import { Anchor, Center, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from './usePageTitle.ts';

/** 404 of a client route; `embedded` inside the 管理画面 layout, which already has the <main>. */
export function NotFoundPage({ embedded = false }: { embedded?: boolean }) {
  const { t } = useTranslation();
  usePageTitle(t('common.notFoundTitle'));
  const content = (
    <Center mih="60vh">
      <Stack align="center">
        <Title order={1} size="h3">
          {t('common.notFoundTitle')}
        </Title>
        <Text role="alert">{t('common.notFound')}</Text>
        <Anchor component={Link} to={embedded ? '/admin' : '/'}>
          {t('common.backHome')}
        </Anchor>
      </Stack>
    </Center>
  );
  return embedded ? content : <main>{content}</main>;
}
