import type { Routes } from '@angular/router';
import { provideOnboarding } from '@raptorflow/web-onboarding-data-access';
import { OnboardingPage } from './onboarding.page';

/** Mounted at `/onboarding` (its own guarded app route, `pathMatch: 'full'`). */
export const onboardingRoutes: Routes = [{ path: '', providers: [provideOnboarding()], title: 'Onboarding · RaptorFlow', component: OnboardingPage }];
