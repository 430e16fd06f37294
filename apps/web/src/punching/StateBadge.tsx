import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type AttendanceState, STATE_COLORS } from './punch-model.ts';

/** 未出勤 / 勤務中 / 休憩中 / 退勤済, each in its colour with white text above 4.5:1. */
export function StateBadge({ state, size = 'xl' }: { state: AttendanceState; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  return (
    <Badge component="span" size={size} radius="sm" color={STATE_COLORS[state]} variant="filled" c="white">
      {t(`punch.states.${state}`)}
    </Badge>
  );
}
