import { Navigate } from 'react-router';
import { permissionsOf, useMe } from '../shared/api.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { Loading } from '../shared/Loading.tsx';

/** `/admin`: the login when logged out, else the contract choice, the console's home or マイページ. */
export function AdminIndexPage() {
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorAlert error={me.error} m="md" />;
  if (!me.data) return <Navigate to="/admin/login" replace />;
  if (!me.data.contract) return <Navigate to="/admin/select-contract" replace />;
  if (permissionsOf(me.data).ownPagesOnly) return <Navigate to="/admin/my-page" replace />;
  return <Navigate to="/admin/dashboard" replace />;
}
