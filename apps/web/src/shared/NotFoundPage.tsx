import { Anchor, Center, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Center mih="60vh">
      <Stack align="center">
        <Text role="alert">{t('common.notFound')}</Text>
        <Anchor component={Link} to="/">
          {t('common.backHome')}
        </Anchor>
      </Stack>
    </Center>
  );
}
