import { Alert, Anchor, List, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call } from '../shared/client.ts';

/**
 * 「パスコードが未設定のスタッフがいます」 (issue 11 §5): an office that requires パスコード lets a person
 * without one punch with no code at all, so 事業所 and スタッフ管理 name them. With `staffId`, only
 * that person's own warning (the staff form). Shows nothing when there is nothing to say, or when
 * the person may not see it (403).
 */
export function PasscodeWarning({ officeId, staffId }: { officeId?: number; staffId?: number }) {
  const { t } = useTranslation();
  const warnings = useQuery({
    queryKey: ['staff', 'passcode-warnings', officeId ?? null],
    queryFn: ({ signal }) => call(routes.staff.passcodeWarnings, { query: { officeId } }, { signal }),
    retry: false,
  });
  const offices = warnings.data?.offices ?? [];
  if (staffId !== undefined) {
    const own = offices.filter((office) => office.staff.some((person) => person.id === staffId));
    if (own.length === 0) return null;
    return (
      <Alert color="red" variant="light" title={t('passcodeWarning.title')}>
        {t('passcodeWarning.self', { offices: own.map((o) => o.officeName).join('、') })}
      </Alert>
    );
  }
  if (offices.length === 0) return null;
  return (
    <Alert color="red" variant="light" title={t('passcodeWarning.title')}>
      <Text size="sm" mb="xs">
        {t('passcodeWarning.lead')}
      </Text>
      <List size="sm" spacing={4}>
        {offices.map((office) => (
          <List.Item key={office.officeId}>
            {office.officeName}：
            {office.staff.map((person, index) => (
              <span key={person.id}>
                {index > 0 ? '、' : ''}
                <Anchor component={Link} to={`/admin/staff/${person.id}`} size="sm">
                  {person.name}
                </Anchor>
              </span>
            ))}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
