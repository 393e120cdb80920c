import { Route } from '@angular/router';
import { authGuard, twoFactorPageGuard } from '@raptorflow/web-auth-data-access';
import { paymentReturnGuard } from '@raptorflow/web-payments-data-access';
import { provideBcm } from '@raptorflow/web-bcm-data-access';
import { provideMoves } from '@raptorflow/web-moves-data-access';
import { operatorGuard } from '@raptorflow/web-ops-data-access';

// Every page but /status is guarded: a user sees exactly the page their `next` step names (domain.md "Identity").
export const appRoutes: Route[] = [
  { path: '', pathMatch: 'full', canMatch: [authGuard('home')], loadComponent: () => import('./home.page').then((m) => m.HomePage) },
  { path: 'status', title: 'System status · RaptorFlow', loadComponent: () => import('./status.page').then((m) => m.StatusPage) },
  { path: 'login', canMatch: [authGuard('login')], title: 'Log in · RaptorFlow', loadComponent: () => import('@raptorflow/web-auth-feature-auth').then((m) => m.LogInPage) },
  { path: 'login/code', canMatch: [authGuard('login')], title: 'Check your email · RaptorFlow', loadComponent: () => import('@raptorflow/web-auth-feature-auth').then((m) => m.SignInCodePage) },
  { path: 'unconfirmed', canMatch: [authGuard('unconfirmed')], title: 'Confirm your email · RaptorFlow', loadComponent: () => import('@raptorflow/web-auth-feature-auth').then((m) => m.UnconfirmedPage) },
  { path: 'verify', canMatch: [authGuard('verify')], title: 'Confirming your email · RaptorFlow', loadComponent: () => import('@raptorflow/web-auth-feature-auth').then((m) => m.VerifyEmailPage) },
  { path: 'recover', canMatch: [authGuard('recover')], title: 'Reset your password · RaptorFlow', loadComponent: () => import('@raptorflow/web-auth-feature-auth').then((m) => m.RecoverPage) },
  // Signed in by the recovery link only: no guard, the page itself asks for the link when there is no session.
  { path: 'reset-password', title: 'Choose a new password · RaptorFlow', loadComponent: () => import('@raptorflow/web-auth-feature-auth').then((m) => m.ResetPasswordPage) },
  // Back from Google (the auth server's redirect): no guard, the page exchanges the code and then follows `next`.
  { path: 'auth/callback', title: 'Signing in · RaptorFlow', loadComponent: () => import('@raptorflow/web-auth-feature-auth').then((m) => m.AuthCallbackPage) },
  // An invitation's mailed link, signed in or not: the page itself offers sign-up or log-in and comes back.
  { path: 'invite/:token', title: 'Join a workspace · RaptorFlow', loadComponent: () => import('@raptorflow/web-auth-feature-auth').then((m) => m.InvitePage) },
  { path: 'two-factor', canMatch: [twoFactorPageGuard], title: 'Two-factor authentication · RaptorFlow', loadComponent: () => import('@raptorflow/web-auth-feature-auth').then((m) => m.TwoFactorPage) },
  { path: 'signup', canMatch: [authGuard('signup')], title: 'Sign up · RaptorFlow', loadComponent: () => import('@raptorflow/web-auth-feature-auth').then((m) => m.SignUpPage) },
  {
    // PhonePe's return page (`?order=`): the webhook may have moved the user past the payment step already.
    path: 'onboarding/payment/return',
    canMatch: [paymentReturnGuard],
    loadChildren: () => import('@raptorflow/web-payments-feature').then((m) => m.paymentReturnRoutes),
  },
  {
    path: 'onboarding/payment',
    pathMatch: 'full',
    canMatch: [authGuard('payment')],
    loadChildren: () => import('@raptorflow/web-payments-feature').then((m) => m.paymentRoutes),
  },
  {
    path: 'onboarding',
    pathMatch: 'full',
    canMatch: [authGuard('onboarding')],
    // `?step=<id>|summary` picks the page; the contracts' validator (Ajv) stays in this lazy chunk.
    loadChildren: () => import('@raptorflow/web-onboarding-feature').then((m) => m.onboardingRoutes),
  },
  {
    // The shell (navigation, manifest freshness, banners) around lazy pages; bcm and moves state serve every page.
    path: 'app',
    canMatch: [authGuard('app')],
    providers: [provideBcm(), provideMoves()],
    loadComponent: () => import('@raptorflow/web-shell-feature-shell').then((m) => m.ShellLayoutComponent),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'dashboard' },
      { path: 'dashboard', title: 'Dashboard · RaptorFlow', loadComponent: () => import('@raptorflow/web-shell-feature-shell').then((m) => m.DashboardPage) },
      { path: 'manifest', title: 'Manifest · RaptorFlow', loadComponent: () => import('@raptorflow/web-shell-feature-shell').then((m) => m.ManifestPage) },
      { path: 'moves', title: 'Moves · RaptorFlow', loadComponent: () => import('@raptorflow/web-moves-feature-moves').then((m) => m.MovesPage) },
      { path: 'campaigns', title: 'Campaigns · RaptorFlow', loadComponent: () => import('@raptorflow/web-moves-feature-moves').then((m) => m.CampaignsPage) },
      { path: 'analytics', title: 'Analytics · RaptorFlow', loadComponent: () => import('@raptorflow/web-moves-feature-moves').then((m) => m.AnalyticsPage) },
      { path: 'settings', title: 'Settings · RaptorFlow', loadComponent: () => import('@raptorflow/web-settings-feature-settings').then((m) => m.SettingsPage) },
    ],
  },
  { path: 'ops', canMatch: [operatorGuard], loadChildren: () => import('@raptorflow/web-ops-feature-ops').then((m) => m.opsRoutes) },
  // Any other URL: the page the user's next step names (the login page when signed out).
  { path: '**', canMatch: [authGuard('unknown')], children: [] },
];
