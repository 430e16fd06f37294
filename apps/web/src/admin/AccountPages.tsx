import { Anchor, Badge, Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { InfoList } from '../shared/InfoList.tsx';
import { useAdminSession } from './AdminLayout.tsx';
import { AdminPage } from './AdminPage.tsx';

/** マイページ: the signed-in person's own page (staff without rights see only this). */
export function MyPage() {
  const { t } = useTranslation();
  const me = useAdminSession();
  return (
    <AdminPage title={t('admin.myPage.title')}>
      <Card withBorder>
        <InfoList
          items={[
            { label: t('fields.name'), value: me.staff?.name ?? me.account.name },
            { label: t('fields.email'), value: me.loginEmail },
            { label: t('admin.contract.name'), value: me.contract?.name },
            {
              label: t('fields.role'),
              value: me.staff?.isAdmin ? t('fields.isAdmin') : t('admin.myPage.staffRole'),
            },
          ]}
        />
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('admin.myPage.ownRecords')}
        </Title>
        <Stack gap={4}>
          <Anchor component={Link} to="/admin/timecards" size="sm">
            {t('timecard.myPageLink')}
          </Anchor>
          <Anchor component={Link} to="/admin/my-clock" size="sm">
            {t('punch.myClock.link')}
          </Anchor>
        </Stack>
      </Card>
      <Anchor component={Link} to="/admin/my-account">
        {t('admin.myPage.toAccount')}
      </Anchor>
    </AdminPage>
  );
}

/** マイアカウント: the login account (e-mail, アカウントID) and its contracts. */
export function MyAccountPage() {
  const { t } = useTranslation();
  const me = useAdminSession();
  return (
    <AdminPage title={t('admin.myAccount.title')}>
      <Card withBorder>
        <InfoList
          items={[
            { label: t('fields.email'), value: me.account.email },
            { label: t('fields.loginId'), value: me.account.loginId ?? t('common.notSet') },
            { label: t('fields.name'), value: me.account.name },
            {
              label: t('admin.myAccount.contracts'),
              value: (
                <Stack gap={4}>
                  {me.contracts.map((contract) => (
                    <Text key={contract.id} size="sm">
                      {contract.name}（{t('admin.selectContract.contractId', { id: contract.id })}）
                      {contract.loginStatus === 'stopped' ? (
                        <Badge ml="xs" color="gray.7" variant="filled" size="sm">
                          {t('staffStatus.stopped')}
                        </Badge>
                      ) : null}
                    </Text>
                  ))}
                </Stack>
              ),
            },
          ]}
        />
      </Card>
      <Text size="sm">{t('admin.myAccount.passwordHint')}</Text>
      <Anchor component={Link} to="/admin/password-reset">
        {t('admin.myAccount.resetPassword')}
      </Anchor>
    </AdminPage>
  );
}

/** 契約情報: the contract's name, 契約ID and plan. */
export function ContractInfoPage() {
  const { t } = useTranslation();
  const me = useAdminSession();
  return (
    <AdminPage title={t('admin.contract.title')}>
      <Card withBorder>
        <InfoList
          items={[
            { label: t('admin.contract.name'), value: me.contract?.name },
            { label: t('admin.contract.id'), value: me.contract?.id },
            { label: t('admin.contract.plan'), value: me.contract ? t(`plans.${me.contract.plan}`) : '' },
          ]}
        />
      </Card>
    </AdminPage>
  );
}
