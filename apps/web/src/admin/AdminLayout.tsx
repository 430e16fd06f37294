import {
  ActionIcon,
  AppShell,
  Badge,
  Box,
  Burger,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Text,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { FEATURE_MIN_PLAN } from '@timecard/domain';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { type Me, permissionsOf, useMe } from '../shared/api.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { LanguageSwitch } from '../shared/LanguageSwitch.tsx';
import { Loading } from '../shared/Loading.tsx';
import { NAV_ITEMS, type NavItem } from './navigation.ts';
import { hasFeature, languageOf, planName } from './plans/planAccess.ts';
import { usePendingCount } from './requests/requestModel.ts';
import { useLogout } from './useLogout.ts';

/** The session of a page inside the layout (never null there). */
export function useAdminSession(): Me {
  const me = useMe();
  return me.data as Me;
}

/**
 * The 管理画面 frame (product.md §2, §7): a teal header bar with the contract name on the left and the
 * seed's white three-line (≡) メニュー button at the top right, the main menu on the side, and the
 * page in <main>. Without a session it sends the visitor to the login.
 */
export function AdminLayout() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorAlert error={me.error} m="md" />;
  if (!me.data) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/admin/login?next=${next}`} replace />;
  }
  if (!me.data.contract) return <Navigate to="/admin/select-contract" replace />;
  return <Frame me={me.data} />;
}

function Frame({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [navOpened, nav] = useDisclosure(false);
  const location = useLocation();
  const logout = useLogout();
  const permissions = permissionsOf(me);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="md"
    >
      <AppShell.Header bg="teal.9" c="white" withBorder={false}>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger
              opened={navOpened}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              color="white"
              aria-label={t('admin.nav.toggle')}
            />
            <Text fw={700} size="lg" truncate="end" c="white">
              {me.contract?.name}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" c="white" visibleFrom="md" truncate="end" maw={220}>
              {me.staff?.name ?? me.account.name}
            </Text>
            <LanguageSwitch />
            <Menu
              position="bottom-end"
              width={220}
              shadow="md"
              withinPortal
              withInitialFocusPlaceholder={false}
            >
              <Menu.Target>
                <ActionIcon
                  variant="subtle"
                  color="white"
                  size="lg"
                  aria-label={t('admin.menu.open')}
                  c="white"
                >
                  <ThreeLines />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                {permissions.canViewStaff ? (
                  <Menu.Item component={Link} to="/admin/staff-management">
                    {t('admin.menu.staffManagement')}
                  </Menu.Item>
                ) : null}
                <Menu.Item component={Link} to="/admin/my-page">
                  {t('admin.menu.myPage')}
                </Menu.Item>
                <Menu.Item component={Link} to="/admin/my-account">
                  {t('admin.menu.myAccount')}
                </Menu.Item>
                <Menu.Item component={Link} to="/admin/contract">
                  {t('admin.menu.contract')}
                </Menu.Item>
                {me.contracts.length > 1 ? (
                  <Menu.Item component={Link} to="/admin/select-contract">
                    {t('admin.menu.switchContract')}
                  </Menu.Item>
                ) : null}
                <Menu.Divider />
                <Menu.Item color="red.9" onClick={() => logout.mutate()}>
                  {t('admin.menu.logout')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" aria-label={t('admin.nav.label')}>
        <ScrollArea type="auto">
          {NAV_ITEMS.filter((item) => !item.visible || item.visible(permissions)).map((item) => (
            <NavEntry
              key={item.label}
              item={item}
              pathname={location.pathname}
              permissions={permissions}
              onNavigate={nav.close}
            />
          ))}
        </ScrollArea>
      </AppShell.Navbar>

      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

function NavEntry({
  item,
  pathname,
  permissions,
  onNavigate,
  siblings = [],
}: {
  item: NavItem;
  pathname: string;
  permissions: ReturnType<typeof permissionsOf>;
  onNavigate: () => void;
  /** The entries around this one: the most specific match is the active one. */
  siblings?: NavItem[];
}) {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const children = (item.children ?? []).filter((child) => !child.visible || child.visible(permissions));
  const nested = (around: NavItem[]) =>
    children.map((child) => (
      <NavEntry
        key={child.label}
        item={child}
        pathname={pathname}
        permissions={permissions}
        onNavigate={onNavigate}
        siblings={around}
      />
    ));
  if (item.children && !item.to) {
    const active = children.some((child) => child.to && pathname.startsWith(child.to));
    return (
      <NavLink
        component="button"
        type="button"
        label={t(item.label)}
        defaultOpened
        childrenOffset="md"
        active={active}
        variant="subtle"
      >
        {nested(children)}
      </NavLink>
    );
  }
  const language = languageOf(i18n.language);
  const lacking = item.feature && !hasFeature(me, item.feature) ? FEATURE_MIN_PLAN[item.feature] : null;
  const matches = (to: string | undefined) => !!to && (pathname === to || pathname.startsWith(`${to}/`));
  // 従業員 (/admin/staff) is not active on its sub-page CSV取込 (/admin/staff/import).
  const active =
    matches(item.to) &&
    ![...siblings, ...children].some(
      (s) => s !== item && s.to && s.to.length > item.to!.length && matches(s.to),
    );
  const link = (
    <NavLink
      component={Link}
      to={item.to ?? '#'}
      label={t(item.label)}
      // A capability of a higher plan stays in the menu with that plan's name (issue 13).
      // The badge is seen; the link's name stays the menu word, and its description says the plan.
      title={lacking ? t('plans.gate.needs', { plan: planName(lacking, language) }) : undefined}
      rightSection={
        !lacking && item.countBadge === 'pendingRequests' ? (
          <PendingRequestsBadge />
        ) : lacking ? (
          <Badge
            aria-hidden
            size="xs"
            color="yellow.3"
            c="dark.9"
            variant="filled"
            style={{ textTransform: 'none' }}
          >
            {planName(lacking, language)}
          </Badge>
        ) : undefined
      }
      active={active}
      // Filled keeps the active item's text at AA contrast (the light variant's teal is too pale).
      variant="filled"
      aria-current={active ? 'page' : undefined}
      onClick={onNavigate}
    />
  );
  if (children.length === 0) return link;
  // A page with sub-pages (従業員 > CSV取込): the link itself, its sub-pages always shown below it
  // (Mantine's nested NavLink would turn the link into a toggle).
  return (
    <>
      {link}
      <Box pl="md">{nested([item, ...children])}</Box>
    </>
  );
}

/** ワークフロー's count: requests waiting for the signed-in person's decision (none: no badge). */
function PendingRequestsBadge() {
  const { t } = useTranslation();
  const waiting = usePendingCount(true).data?.count ?? 0;
  if (waiting === 0) return null;
  return (
    <Badge size="sm" color="red.9" variant="filled" aria-label={t('requests.waiting', { count: waiting })}>
      {waiting}
    </Badge>
  );
}

/** The seed's 「白い三本線アイコン」. */
function ThreeLines() {
  return (
    <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M3 6h18M3 12h18M3 18h18" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
    </svg>
  );
}
