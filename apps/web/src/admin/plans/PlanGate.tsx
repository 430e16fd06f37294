import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { FEATURE_MIN_PLAN, type Feature, featureTexts, type Plan } from '@timecard/domain';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { permissionsOf } from '../../shared/api.ts';
import { useAdminSession } from '../AdminLayout.tsx';
import { AdminPage } from '../AdminPage.tsx';
import { featureName, hasFeature, languageOf, planName } from './planAccess.ts';

/**
 * A page of a capability gated by plan (product.md §5): when the contract's plan lacks it, a short
 * page says what it does and which plan has it, with a link to プラン for administrators — never a
 * dead button. The server refuses the capability's routes with 403 plan_required all the same.
 */
export function PlanGate({ feature, children }: { feature: Feature; children: ReactNode }) {
  const me = useAdminSession();
  if (hasFeature(me, feature)) return children;
  return <PlanRequiredPage feature={feature} current={me.contract?.plan as Plan | undefined} />;
}

function PlanRequiredPage({ feature, current }: { feature: Feature; current: Plan | undefined }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const me = useAdminSession();
  const needed = FEATURE_MIN_PLAN[feature];
  return (
    <AdminPage title={featureName(feature, language)}>
      <Alert
        color="teal.9"
        variant="outline"
        title={t('plans.gate.needs', { plan: planName(needed, language) })}
      >
        <Stack gap="xs">
          <Text>{featureTexts[feature].description[language]}</Text>
          {current && <Text size="sm">{t('plans.gate.current', { plan: planName(current, language) })}</Text>}
          {permissionsOf(me).isAdmin ? (
            <Anchor component={Link} to="/admin/settings/plan" fw={700} c="teal.9">
              {t('plans.gate.toPlan')}
            </Anchor>
          ) : (
            <Text size="sm">{t('plans.gate.askAdmin')}</Text>
          )}
        </Stack>
      </Alert>
    </AdminPage>
  );
}
