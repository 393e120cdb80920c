import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { ApplicationConfig, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { provideStore } from '@ngrx/store';
import { authInterceptor, provideAuth, provideTwoFactorChallenge } from '@raptorflow/web-auth-data-access';
import { appRoutes } from './app.routes';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideHttpClient(withFetch(), withInterceptors([authInterceptor])),
    provideRouter(appRoutes, withComponentInputBinding()),
    // Root store; each domain adds its feature state in its lazy routes. Auth is root-level:
    // every route's guard reads it. provideAuth() also registers the root effects (it must come first).
    provideStore(),
    provideAuth(),
    provideTwoFactorChallenge(() => import('@raptorflow/web-auth-feature-auth').then((m) => m.openTwoFactorDialog)),
  ],
};
