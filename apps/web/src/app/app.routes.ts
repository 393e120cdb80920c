import { Route } from '@angular/router';

export const appRoutes: Route[] = [
  { path: '', pathMatch: 'full', loadComponent: () => import('./home.page').then((m) => m.HomePage) },
  { path: '**', redirectTo: '' },
];
