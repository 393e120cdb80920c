import { Route } from '@angular/router';
import { authGuard } from '@raptorflow/web-auth-data-access';

// Every page is guarded: a user sees exactly the page their `next` step names (domain.md "Identity").
export const appRoutes: Route[] = [
  { path: '', pathMatch: 'full', canMatch: [authGuard('home')], loadComponent: () => import('./home.page').then((m) => m.HomePage) },
  { path: 'login', canMatch: [authGuard('login')], title: 'Log in · RaptorFlow', loadComponent: () => import('@raptorflow/web-auth-feature-auth').then((m) => m.LogInPage) },
  { path: 'signup', canMatch: [authGuard('signup')], title: 'Sign up · RaptorFlow', loadComponent: () => import('@raptorflow/web-auth-feature-auth').then((m) => m.SignUpPage) },
  {
    // The plan page and PhonePe's return page (`/onboarding/payment/return?order=`): the user is in the payment state for both.
    path: 'onboarding/payment',
    canMatch: [authGuard('payment')],
    loadChildren: () => import('@raptorflow/web-payments-feature').then((m) => m.paymentRoutes),
  },
  {
    path: 'onboarding',
    pathMatch: 'full',
    canMatch: [authGuard('onboarding')],
    title: 'Onboarding · RaptorFlow',
    loadComponent: () => import('./placeholders/onboarding.page').then((m) => m.OnboardingPage),
  },
  {
    path: 'app',
    canMatch: [authGuard('app')],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'dashboard' },
      { path: 'dashboard', title: 'Dashboard · RaptorFlow', loadComponent: () => import('./placeholders/dashboard.page').then((m) => m.DashboardPage) },
    ],
  },
  // Any other URL: the page the user's next step names (the login page when signed out).
  { path: '**', canMatch: [authGuard('unknown')], children: [] },
];
