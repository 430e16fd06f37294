import { createBrowserRouter } from 'react-router';
import { AdminLoginPage } from './admin/AdminLoginPage.tsx';
import { ClockPinPage } from './clock/ClockPinPage.tsx';
import { HomePage } from './shared/HomePage.tsx';
import { NotFoundPage } from './shared/NotFoundPage.tsx';
import { TerminalLoginPage } from './terminal/TerminalLoginPage.tsx';

export const router = createBrowserRouter([
  { path: '/', element: <HomePage /> },
  { path: '/admin', element: <AdminLoginPage /> },
  { path: '/admin/login', element: <AdminLoginPage /> },
  { path: '/app', element: <TerminalLoginPage /> },
  { path: '/clock/:contractId/:officeId', element: <ClockPinPage /> },
  { path: '*', element: <NotFoundPage /> },
]);
